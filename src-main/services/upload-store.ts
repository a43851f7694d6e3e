// Files handed over by a window or browser for import. Stored under <dataDir>/uploads and referenced
// by id; the import service resolves the id to a path. Old uploads are removed on start.
import type { Readable } from 'node:stream';

export interface UploadSaveOptions {
  /**
   * A tighter limit for this one upload (a transport's own limit). The store applies the smaller of
   * this and its own maxBytes.
   */
  maxBytes?: number;
}

export interface SavedUpload {
  uploadId: string;
  bytes: number;
}

export interface UploadStore {
  /**
   * Streams the bytes to disk; rejects with ApiError('payload_too_large') past the limit. On any
   * failure nothing is left on disk. A stream passed in is consumed (and destroyed on failure).
   */
  save(fileName: string, data: Readable | Uint8Array, options?: UploadSaveOptions): Promise<SavedUpload>;
  /** The path and original (sanitised) name of an upload, or null when unknown. */
  resolve(uploadId: string): { path: string; fileName: string } | null;
  /** Removes the upload and its metadata; unknown ids are ignored. */
  remove(uploadId: string): Promise<void>;
}
