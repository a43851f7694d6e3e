// The data folder's exports/ directory: finished exports wait here to be downloaded, under their
// job id (never a name a caller chose). A file is written as <id>.<ext>.partial and renamed when
// complete, so a download never sees half a file. Files older than a day are removed when the
// service starts and as jobs are let go.
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { storedExportFileName, type ExportFormat } from '../../../src-shared/api/index.js';

export const EXPORT_MAX_AGE_MS = 24 * 60 * 60 * 1000;
const PARTIAL_SUFFIX = '.partial';
const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface ExportFiles {
  readonly dir: string;
  /** Where the finished file of an export lives. */
  finalPath(id: string, format: ExportFormat): string;
  /** Where it is written until it is complete (beside `target`). */
  partialPath(target: string, id: string): string;
  /** Removes files older than maxAgeMs (partial ones too: a live writer renews its file's mtime). */
  sweep(nowMs: number, maxAgeMs?: number): Promise<number>;
  remove(filePath: string): Promise<void>;
}

export async function createExportFiles(dir: string): Promise<ExportFiles> {
  await mkdir(dir, { recursive: true });
  return {
    dir,
    finalPath(id, format) {
      if (!SAFE_ID.test(id)) throw new Error('An export id must be letters, digits, "-" and "_" (it becomes a file name).');
      return path.join(dir, storedExportFileName(id, format));
    },
    partialPath(target, id) {
      return path.join(path.dirname(target), `.${path.basename(target)}.${id}${PARTIAL_SUFFIX}`);
    },
    async sweep(nowMs, maxAgeMs = EXPORT_MAX_AGE_MS) {
      let removed = 0;
      for (const entry of await readdir(dir)) {
        const filePath = path.join(dir, entry);
        const info = await stat(filePath).catch(() => null);
        if (!info?.isFile() || nowMs - info.mtimeMs <= maxAgeMs) continue;
        await rm(filePath, { force: true });
        removed += 1;
      }
      return removed;
    },
    async remove(filePath) {
      await rm(filePath, { force: true });
    },
  };
}
