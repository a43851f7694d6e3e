// Messages between the import service (main thread) and an import worker.
import type { RunCounts } from '../../../src-shared/api/index.js';
import type { ImportJob } from './execute-import.js';

export interface ImportWorkerData {
  databasePath: string;
  job: ImportJob;
}

export type ImportWorkerMessage =
  | { type: 'progress'; phase: 'reading' | 'committing'; bytesRead: number; totalBytes: number; records: number }
  | { type: 'done'; counts: RunCounts; durationMs: number; assetIds: string[] }
  | { type: 'failed'; error: { name: string; message: string; reason: string | null; recordNumber: number | null; line: number | null; field: string | null }; read: number };

export type ImportWorkerCommand = { type: 'cancel' };
