// Messages between the import service (main thread) and an import worker. A worker runs one phase:
// 'preview' reads and checks the file and stages it; 'commit' writes what was staged.
import type { ImportPreview, RunCounts } from '../../../src-shared/api/index.js';
import type { ImportJob } from './execute-import.js';

export interface ImportWorkerData {
  databasePath: string;
  job: ImportJob;
  phase: 'preview' | 'commit';
  /** For 'commit': the preview being committed. */
  preview?: ImportPreview;
}

export interface ImportFailure {
  name: string;
  message: string;
  reason: string | null;
  recordNumber: number | null;
  line: number | null;
  field: string | null;
  detail?: { columnsFound?: string[]; suggestedColumnMap?: Record<string, string>; delimiterCandidates?: string[]; byteOffset?: number };
}

export type ImportWorkerMessage =
  | { type: 'progress'; phase: 'reading' | 'committing'; bytesRead: number; totalBytes: number; records: number }
  | { type: 'previewed'; preview: ImportPreview }
  | { type: 'done'; counts: RunCounts; durationMs: number; assetIds: string[] }
  | { type: 'failed'; error: ImportFailure; read: number };

export type ImportWorkerCommand = { type: 'cancel' };
