import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../src-shared/api/api-client.js';
import { ApiError } from '../../src-shared/api/api-error.js';
import type { ApiEventName, ApiEventPayload } from '../../src-shared/api/events.js';
import type { AssetListQuery, AssetSummary } from '../../src-shared/api/inventory.js';
import type { Run } from '../../src-shared/api/runs.js';
import { INVENTORY_PAGE_SIZE } from '../lib/page-window.js';
import { connectStoreToEvents, createAppStore } from './app-store.js';
import { rowAt } from './inventory-slice.js';

function asset(i: number): AssetSummary {
  return {
    id: `a${i}`,
    class: 'server',
    name: `host-${String(i).padStart(5, '0')}`,
    hostname: null,
    fqdn: null,
    primaryIp: null,
    serial: null,
    vendor: null,
    model: null,
    osName: null,
    osVersion: null,
    status: 'active',
    lifecycleStage: null,
    sourceCount: 1,
    firstSeen: '2025-01-01T00:00:00Z',
    lastSeen: '2025-01-01T00:00:00Z',
    qualityScore: null,
  };
}

function run(status: Run['status']): Run {
  return {
    id: 'r1',
    kind: 'import',
    sourceId: null,
    sourceName: 'cmdb',
    sourceKind: 'servers_cache',
    trigger: 'manual',
    scope: 'servers.csv',
    status,
    counts: { read: 3, created: 3, updated: 0, unchanged: 0, rejected: 0 },
    error: null,
    preview: null,
    startedAt: '2025-01-01T00:00:00Z',
    finishedAt: null,
    durationMs: null,
    correlationId: 'c1',
  };
}

/** A fake API over `total` assets that records every list request and lets tests emit events. */
function fakeClient(total: number, options: { unauthorized?: boolean } = {}) {
  const listCalls: AssetListQuery[] = [];
  const listeners = new Map<string, ((payload: unknown) => void)[]>();
  const client: ApiClient = {
    async call(method, input) {
      if (options.unauthorized) throw new ApiError('unauthorized', 'Sign in first.');
      if (method === 'assets.list') {
        const query = input as AssetListQuery;
        listCalls.push(query);
        const offset = query.offset ?? 0;
        const limit = query.limit ?? 100;
        const items = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, k) => asset(offset + k));
        return { items, total, offset } as never;
      }
      if (method === 'assets.summary') return { total, byClass: [], bySource: [], byStatus: [] } as never;
      if (method === 'imports.start') return run('queued') as never;
      throw new Error(`unexpected call ${method}`);
    },
    on(event, listener) {
      const list = listeners.get(event) ?? [];
      list.push(listener as (payload: unknown) => void);
      listeners.set(event, list);
      return () => undefined;
    },
    async upload() {
      if (options.unauthorized) throw new ApiError('unauthorized', 'Sign in first.');
      return { uploadId: 'u1', bytes: 10 };
    },
    async download() {
      return { status: 'started' as const };
    },
  };
  const emit = <E extends ApiEventName>(event: E, payload: ApiEventPayload<E>) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  return { client, listCalls, emit };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('inventory slice', () => {
  it('fetches only the pages that cover the requested rows, once', async () => {
    const { client, listCalls } = fakeClient(100_000);
    const store = createAppStore(client);
    store.getState().ensureInventoryRows(0, 50);
    await settle();
    expect(store.getState().inventory.total).toBe(100_000);
    store.getState().ensureInventoryRows(50_000, 50_040);
    store.getState().ensureInventoryRows(50_000, 50_040);
    await settle();
    expect(listCalls.map((c) => c.offset)).toEqual([0, 50_000]);
    expect(listCalls.every((c) => c.limit === INVENTORY_PAGE_SIZE)).toBe(true);
    expect(rowAt(store.getState().inventory.pages, 50_001)?.name).toBe('host-50001');
  });

  it('drops cached pages and refetches when the sort changes', async () => {
    const { client, listCalls } = fakeClient(1000);
    const store = createAppStore(client);
    store.getState().ensureInventoryRows(0, 10);
    await settle();
    store.getState().toggleInventorySort('name');
    expect(store.getState().inventory.query.sort).toEqual({ field: 'name', direction: 'desc' });
    expect(store.getState().inventory.pages).toEqual({});
    store.getState().ensureInventoryRows(0, 10);
    await settle();
    expect(listCalls.at(-1)?.sort).toEqual({ field: 'name', direction: 'desc' });
  });

  it('keeps stale rows visible after assets.changed until the refetch lands', async () => {
    const { client, listCalls, emit } = fakeClient(500);
    const store = createAppStore(client);
    connectStoreToEvents(store, client);
    store.getState().ensureInventoryRows(0, 10);
    await settle();
    emit('assets.changed', { reason: 'import', assetIds: [], count: 10 });
    expect(rowAt(store.getState().inventory.pages, 0)?.name).toBe('host-00000');
    store.getState().ensureInventoryRows(0, 10);
    await settle();
    expect(listCalls).toHaveLength(2);
  });

  it('sends only real filters', async () => {
    const { client, listCalls } = fakeClient(10);
    const store = createAppStore(client);
    store.getState().setInventoryFilter({ search: '  ', classes: [], status: 'stale' });
    store.getState().ensureInventoryRows(0, 10);
    await settle();
    expect(listCalls[0]?.filter).toEqual({ status: 'stale' });
  });
});

describe('runs slice', () => {
  it('follows an import from upload to the finished event', async () => {
    const { client, emit } = fakeClient(0);
    const store = createAppStore(client);
    connectStoreToEvents(store, client);
    await store.getState().startImport(new File(['a,b'], 'servers.csv'), { kind: 'servers_cache' });
    expect(store.getState().runs.importDraft).toMatchObject({ step: 'started', runId: 'r1' });
    emit('run.progress', { runId: 'r1', phase: 'reading', bytesRead: 5, totalBytes: 10, records: 2 });
    expect(store.getState().runs.byId.r1?.status).toBe('running');
    emit('run.finished', { ...run('succeeded'), durationMs: 12 });
    expect(store.getState().runs.byId.r1?.status).toBe('succeeded');
  });
});

describe('sign-in', () => {
  it('switches to the signed-out screen when main answers unauthorized', async () => {
    const { client } = fakeClient(0, { unauthorized: true });
    const store = createAppStore(client);
    await store.getState().loadSystemInfo();
    expect(store.getState().system.signedOut).toBe(true);
  });
});
