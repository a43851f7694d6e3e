import { mkdtemp, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../src-shared/api/index.js';
import { createFsUploadStore } from './fs-upload-store.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const T0 = Date.parse('2025-01-10T12:00:00Z');

function sequentialIds(prefix = 'up'): () => string {
  let next = 0;
  return () => `${prefix}-${++next}`;
}

function chunks(count: number, size: number): Readable {
  return Readable.from((function* () {
    for (let i = 0; i < count; i++) yield Buffer.alloc(size, 0x61);
  })());
}

describe('createFsUploadStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'fieldwise-uploads-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('streams an upload to <dir>/<id> and resolves it with its sanitised name', async () => {
    const store = await createFsUploadStore({ dir, maxBytes: 1024, newId: sequentialIds(), now: () => T0 });
    const saved = await store.save('../../etc/servers\u0000.csv', chunks(3, 100));
    expect(saved).toEqual({ uploadId: 'up-1', bytes: 300 });
    const resolved = store.resolve('up-1');
    expect(resolved).toEqual({ path: path.join(dir, 'up-1'), fileName: 'servers.csv' });
    expect((await readFile(path.join(dir, 'up-1'))).length).toBe(300);
    expect(store.resolve('nope')).toBeNull();
  });

  it('accepts bytes in memory', async () => {
    const store = await createFsUploadStore({ dir, maxBytes: 10, newId: sequentialIds() });
    expect(await store.save('a.json', new TextEncoder().encode('{"a":1}'))).toEqual({ uploadId: 'up-1', bytes: 7 });
    await expect(store.save('b.json', new Uint8Array(11))).rejects.toMatchObject({ code: 'payload_too_large' });
  });

  it('rejects past maxBytes with payload_too_large and leaves nothing on disk', async () => {
    const store = await createFsUploadStore({ dir, maxBytes: 250, newId: sequentialIds() });
    const error: unknown = await store.save('big.csv', chunks(5, 100)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('payload_too_large');
    expect(await readdir(dir)).toEqual([]);
    expect(store.resolve('up-1')).toBeNull();
  });

  it('applies a tighter per-upload limit', async () => {
    const store = await createFsUploadStore({ dir, maxBytes: 10_000, newId: sequentialIds() });
    await expect(store.save('x', chunks(3, 100), { maxBytes: 200 })).rejects.toMatchObject({ code: 'payload_too_large' });
    expect(await store.save('y', chunks(2, 100), { maxBytes: 200 })).toMatchObject({ bytes: 200 });
  });

  it('removes the partial file when the source fails midway', async () => {
    const store = await createFsUploadStore({ dir, maxBytes: 10_000, newId: sequentialIds() });
    const failing = Readable.from((async function* () {
      yield Buffer.alloc(100);
      throw new Error('client went away');
    })());
    await expect(store.save('x', failing)).rejects.toThrow('client went away');
    expect(await readdir(dir)).toEqual([]);
  });

  it('removes an upload', async () => {
    const store = await createFsUploadStore({ dir, maxBytes: 1000, newId: sequentialIds() });
    const { uploadId } = await store.save('x.csv', chunks(1, 10));
    await store.remove(uploadId);
    await store.remove('../escape');
    expect(store.resolve(uploadId)).toBeNull();
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses an id that is not safe as a file name', async () => {
    const store = await createFsUploadStore({ dir, maxBytes: 1000, newId: () => '../x' });
    await expect(store.save('x', chunks(1, 1))).rejects.toThrow(/not safe/);
  });

  it('on creation removes uploads older than a day and keeps recent ones resolvable', async () => {
    const first = await createFsUploadStore({ dir, maxBytes: 1000, newId: sequentialIds('old'), now: () => T0 - 2 * DAY_MS });
    await first.save('old.csv', chunks(1, 10));
    const second = await createFsUploadStore({ dir, maxBytes: 1000, newId: sequentialIds('new'), now: () => T0 - 60_000 });
    await second.save('new.csv', chunks(1, 10));
    // Partial files from a crash have no sidecar: an old one goes, a young one may still be written.
    await writeFile(path.join(dir, 'crashed'), 'x');
    await utimes(path.join(dir, 'crashed'), new Date(T0 - 3 * DAY_MS), new Date(T0 - 3 * DAY_MS));
    await writeFile(path.join(dir, 'in-progress'), 'x');
    await writeFile(path.join(dir, 'gone.meta.json'), '{}');

    const reopened = await createFsUploadStore({ dir, maxBytes: 1000, newId: sequentialIds('r'), now: () => T0 });
    expect(reopened.resolve('old-1')).toBeNull();
    expect(reopened.resolve('new-1')).toEqual({ path: path.join(dir, 'new-1'), fileName: 'new.csv' });
    expect((await readdir(dir)).sort()).toEqual(['in-progress', 'new-1', 'new-1.meta.json']);
  });
});
