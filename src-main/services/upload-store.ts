// Files handed over by a window or browser for import. Stored under <dataDir>/uploads and referenced
// by id; the import service resolves the id to a path. Old uploads are removed on start.
import type { Readable } from 'node:stream';

export interface UploadStore {
  /** Streams the bytes to disk; rejects with ApiError('payload_too_large') past maxBytes. */
  save(fileName: string, data: Readable | Uint8Array): Promise<{ uploadId: string; bytes: number }>;
  /** The path and original name of an upload, or null when unknown. */
  resolve(uploadId: string): { path: string; fileName: string } | null;
  remove(uploadId: string): Promise<void>;
}
