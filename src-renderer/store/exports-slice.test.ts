// The exports slice over a stand-in API client: an export started from the window follows its
// events, saves its file once when it succeeds (even when the end arrives before the start's
// answer), and says why when it cannot start or save.
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../src-shared/api/api-client.js';
import { ApiError } from '../../src-shared/api/api-error.js';
import type { ExportJob } from '../../src-shared/api/exports.js';
import { createAppStore } from './app-store.js';

function job(change: Partial<ExportJob> = {}): ExportJob {
  return {
    id: 'e1',
    format: 'csv',
    status: 'running',
    fileName: 'fieldwise-assets-20260101-000000.csv',
    columns: ['name'],
    rows: 0,
    total: null,
    totalIsExact: false,
    bytes: null,
    error: null,
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: null,
    downloadable: false,
    ...change,
  };
}

function client(options: { onStart?: () => void; startFails?: boolean; saveFails?: boolean } = {}) {
  const calls: { method: string; input: unknown }[] = [];
  const downloads: { exportId: string; fileName: string }[] = [];
  const api: ApiClient = {
    async call(method, input) {
      calls.push({ method, input });
      if (method === 'exports.start') {
        if (options.startFails) throw new ApiError('conflict', '3 exports are running already.');
        options.onStart?.();
        return job() as never;
      }
      if (method === 'exports.cancel') return job() as never;
      throw new Error(`unexpected call ${method}`);
    },
    on: () => () => undefined,
    async upload() {
      return { uploadId: 'u1', bytes: 0 };
    },
    async download(exportId, fileName) {
      if (options.saveFails) throw new ApiError('not_found', 'This export has no file to download.');
      downloads.push({ exportId, fileName });
      return { status: 'started' as const };
    },
  };
  return { api, calls, downloads };
}

const done = job({ status: 'succeeded', rows: 3, total: 3, totalIsExact: true, bytes: 40, downloadable: true, finishedAt: '2026-01-01T00:00:01.000Z' });

describe('exports slice', () => {
  it('starts an export of the view, follows its progress, and saves the file once it succeeds', async () => {
    const c = client();
    const store = createAppStore(c.api);
    await store.getState().startExport({ format: 'csv', sort: { field: 'name', direction: 'asc' }, filter: { classes: ['server'] }, columns: ['name'] });
    expect(c.calls[0]).toEqual({ method: 'exports.start', input: { format: 'csv', sort: { field: 'name', direction: 'asc' }, filter: { classes: ['server'] }, columns: ['name'] } });
    expect(store.getState().exports.currentId).toBe('e1');

    store.getState().onExportProgress({ exportId: 'e1', rows: 2, total: 3, totalIsExact: true });
    expect(store.getState().exports.byId.e1).toMatchObject({ status: 'running', rows: 2, total: 3 });

    store.getState().onExportFinished(done);
    store.getState().onExportFinished(done);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(c.downloads).toEqual([{ exportId: 'e1', fileName: done.fileName }]);
    expect(store.getState().exports.saved.e1).toEqual({ status: 'started' });
  });

  it('saves the file when the export ended before its start was answered', async () => {
    let store: ReturnType<typeof createAppStore> | null = null;
    const c = client({ onStart: () => store?.getState().onExportFinished(done) });
    store = createAppStore(c.api);
    await store.getState().startExport({ format: 'csv', columns: ['name'] });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.getState().exports.byId.e1?.status).toBe('succeeded');
    expect(c.downloads).toHaveLength(1);
  });

  it('says why an export could not start or its file could not be saved', async () => {
    const refused = createAppStore(client({ startFails: true }).api);
    await refused.getState().startExport({ format: 'xlsx', columns: ['name'] });
    expect(refused.getState().exports.error).toBe('The export could not start: 3 exports are running already.');

    const unsaved = createAppStore(client({ saveFails: true }).api);
    await unsaved.getState().startExport({ format: 'csv', columns: ['name'] });
    unsaved.getState().onExportFinished(done);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(unsaved.getState().exports.error).toBe('The file could not be saved: This export has no file to download.');
  });

  it('does not save an export started elsewhere, nor one that failed', async () => {
    const c = client();
    const store = createAppStore(c.api);
    store.getState().onExportFinished({ ...done, id: 'other' });
    await store.getState().startExport({ format: 'csv', columns: ['name'] });
    store.getState().onExportFinished(job({ status: 'failed', error: { reason: 'write_failed', message: 'Disk full.' } }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(c.downloads).toEqual([]);
    expect(store.getState().exports.byId.e1?.error?.message).toBe('Disk full.');
  });
});
