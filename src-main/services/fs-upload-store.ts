// Upload store on the local file system. Each upload is `<dir>/<id>` with a sidecar
// `<dir>/<id>.meta.json` holding the original (sanitised) file name and when it was saved, so recent
// uploads stay resolvable across a restart and old ones can be swept when the store is created.
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ApiError } from '../../src-shared/api/index.js';
import type { SavedUpload, UploadSaveOptions, UploadStore } from './upload-store.js';

export const DEFAULT_UPLOAD_MAX_AGE_MS = 24 * 60 * 60 * 1000;

export interface FsUploadStoreOptions {
  /** Created when missing. Nothing else should write here. */
  dir: string;
  /** The store's own limit; a caller can only make it tighter per upload. */
  maxBytes: number;
  /** Must return ids made of letters, digits, '-' and '_' (they become file names). */
  newId: () => string;
  /** Milliseconds since the epoch; injected so the sweep is testable. */
  now?: () => number;
  /** Uploads older than this are removed when the store is created (default one day). */
  maxAgeMs?: number;
}

interface UploadMeta {
  fileName: string;
  savedAt: number;
}

const META_SUFFIX = '.meta.json';
const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_FILE_NAME_LENGTH = 200;

/** Keeps a display name only: no directories, no control characters, bounded length. */
function sanitizeFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, MAX_FILE_NAME_LENGTH);
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'upload' : cleaned;
}

function tooLarge(limit: number): ApiError {
  return new ApiError('payload_too_large', `The file is larger than the upload limit of ${limit} bytes; split it or raise the limit.`);
}

function parseMeta(text: string): UploadMeta | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return null;
    const { fileName, savedAt } = value as Record<string, unknown>;
    return typeof fileName === 'string' && typeof savedAt === 'number' ? { fileName, savedAt } : null;
  } catch {
    return null;
  }
}

async function removeQuietly(filePath: string): Promise<void> {
  await rm(filePath, { force: true });
}

export async function createFsUploadStore(options: FsUploadStoreOptions): Promise<UploadStore> {
  const { dir, maxBytes, newId } = options;
  const now = options.now ?? Date.now;
  const maxAgeMs = options.maxAgeMs ?? DEFAULT_UPLOAD_MAX_AGE_MS;
  const known = new Map<string, UploadMeta>();
  const dataPath = (id: string): string => path.join(dir, id);
  const metaPath = (id: string): string => path.join(dir, id + META_SUFFIX);

  await mkdir(dir, { recursive: true });
  await sweep();

  /** Removes old uploads, orphaned sidecars and old partial files; remembers the rest. */
  async function sweep(): Promise<void> {
    const entries = await readdir(dir);
    const names = new Set(entries);
    for (const entry of entries) {
      if (entry.endsWith(META_SUFFIX)) {
        const id = entry.slice(0, -META_SUFFIX.length);
        if (!names.has(id)) await removeQuietly(path.join(dir, entry));
        continue;
      }
      if (!SAFE_ID.test(entry)) continue; // not ours: leave it alone
      const meta = names.has(entry + META_SUFFIX) ? parseMeta(await readFile(metaPath(entry), 'utf8').catch(() => '')) : null;
      // Without a sidecar the file is a partial write from a crash; judge it by its mtime so an upload
      // still being written by another process is not pulled from under it.
      const savedAt = meta?.savedAt ?? (await stat(dataPath(entry))).mtimeMs;
      if (now() - savedAt > maxAgeMs) {
        await removeQuietly(dataPath(entry));
        await removeQuietly(metaPath(entry));
      } else if (meta !== null) {
        known.set(entry, meta);
      }
    }
  }

  async function save(fileName: string, data: Readable | Uint8Array, saveOptions?: UploadSaveOptions): Promise<SavedUpload> {
    const limit = Math.min(maxBytes, saveOptions?.maxBytes ?? Number.POSITIVE_INFINITY);
    const id = newId();
    if (!SAFE_ID.test(id)) throw new Error('The upload id generator returned an id that is not safe as a file name.');
    const meta: UploadMeta = { fileName: sanitizeFileName(fileName), savedAt: now() };
    let bytes = 0;
    try {
      if (data instanceof Uint8Array) {
        if (data.byteLength > limit) throw tooLarge(limit);
        await writeFile(dataPath(id), data, { flag: 'wx' });
        bytes = data.byteLength;
      } else {
        const counter = new Transform({
          transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
            bytes += chunk.length;
            if (bytes > limit) callback(tooLarge(limit));
            else callback(null, chunk);
          },
        });
        await pipeline(data, counter, createWriteStream(dataPath(id), { flags: 'wx' }));
      }
      await writeFile(metaPath(id), JSON.stringify(meta), { flag: 'wx' });
    } catch (error) {
      await removeQuietly(dataPath(id));
      await removeQuietly(metaPath(id));
      throw error;
    }
    known.set(id, meta);
    return { uploadId: id, bytes };
  }

  return {
    save,
    resolve(uploadId) {
      const meta = known.get(uploadId);
      return meta ? { path: dataPath(uploadId), fileName: meta.fileName } : null;
    },
    async remove(uploadId) {
      if (!SAFE_ID.test(uploadId)) return;
      known.delete(uploadId);
      await removeQuietly(dataPath(uploadId));
      await removeQuietly(metaPath(uploadId));
    },
  };
}
