import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../src-shared/api/api-client.js';
import type { DiscoveryScope } from '../../src-shared/api/discovery.js';
import type { ApiEventName, ApiEventPayload } from '../../src-shared/api/events.js';
import type { Run } from '../../src-shared/api/runs.js';
import { connectStoreToEvents, createAppStore } from './app-store.js';

function run(status: Run['status']): Run {
  return {
    id: 'run1',
    kind: 'discovery',
    sourceId: 'src1',
    sourceName: 'Demo network',
    sourceKind: 'snmp',
    trigger: 'manual',
    scope: 'Demo network',
    status,
    counts: { read: 6, created: 5, updated: 0, unchanged: 0, rejected: 1 },
    error: null,
    preview: null,
    startedAt: '2025-01-01T00:00:00Z',
    finishedAt: null,
    durationMs: null,
    correlationId: 'c1',
  };
}

const scope = { id: 'scope1', name: 'Demo network', sourceId: 'src1', lastRun: null } as unknown as DiscoveryScope;

/** A fake API that records calls and answers the few discovery calls these tests make. */
function fakeClient() {
  const calls: { method: string; input: unknown }[] = [];
  const listeners = new Map<string, ((payload: unknown) => void)[]>();
  const client: ApiClient = {
    async call(method, input) {
      calls.push({ method, input });
      if (method === 'discovery.scopes.list') return [scope] as never;
      if (method === 'discovery.start') return run('queued') as never;
      if (method === 'runs.get') return run('running') as never;
      if (method === 'discovery.runs.hosts') return { items: [], total: 0 } as never;
      if (method === 'discovery.runs.report') return { run: run('succeeded') } as never;
      if (method === 'discovery.topology') return { nodes: [], edges: [], truncated: false } as never;
      throw new Error(`unexpected call ${method}`);
    },
    on(event, listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener as (payload: unknown) => void]);
      return () => undefined;
    },
    async upload() {
      return { uploadId: 'u1', bytes: 0 };
    },
    async download() {
      return { status: 'started' as const };
    },
  };
  const emit = <E extends ApiEventName>(event: E, payload: ApiEventPayload<E>) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  return { client, calls, emit };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('discovery slice', () => {
  it('follows a run from start through progress events to run.finished, and refreshes what it shows', async () => {
    const { client, calls, emit } = fakeClient();
    const store = createAppStore(client);
    connectStoreToEvents(store, client);
    await store.getState().loadScopes();
    const started = await store.getState().startDiscovery('scope1', { confirmOt: false });
    expect(started.error).toBeUndefined();
    expect(calls.find((c) => c.method === 'discovery.start')?.input).toEqual({ scopeId: 'scope1', confirmOt: false });
    expect(store.getState().discovery.scopes?.[0]?.lastRun?.id).toBe('run1');

    emit('discovery.progress', {
      runId: 'run1',
      scopeId: 'scope1',
      protocol: 'snmp',
      phase: 'sweeping',
      done: 2,
      total: 6,
      found: 2,
      errors: 0,
      inFlight: 1,
      recent: [
        { host: '127.0.0.1', port: 1, status: 'found' },
        { host: '127.0.0.1', port: 2, status: 'found' },
      ],
    });
    emit('discovery.progress', {
      runId: 'run1',
      scopeId: 'scope1',
      protocol: 'snmp',
      phase: 'sweeping',
      done: 3,
      total: 6,
      found: 2,
      errors: 1,
      inFlight: 0,
      recent: [{ host: '127.0.0.1', port: 3, status: 'no_response' }],
    });
    const state = store.getState();
    expect(state.runs.byId.run1?.status).toBe('running');
    expect(state.discovery.progress.run1?.done).toBe(3);
    expect(state.discovery.recent.run1?.map((h) => h.port)).toEqual([3, 2, 1]);

    await store.getState().loadDiscoveryReport('run1');
    await store.getState().loadTopology({ scopeId: null, minConfidence: 0 });
    calls.length = 0;
    emit('run.finished', { ...run('succeeded'), durationMs: 3000 });
    await settle();
    expect(store.getState().runs.byId.run1?.status).toBe('succeeded');
    const methods = calls.map((c) => c.method);
    expect(methods).toEqual(expect.arrayContaining(['discovery.scopes.list', 'discovery.runs.report', 'discovery.topology']));
  });

  it('drops a host page that answers for a filter no longer chosen', async () => {
    const { client } = fakeClient();
    const store = createAppStore(client);
    const first = store.getState().loadDiscoveryHosts('run1', ['found']);
    const second = store.getState().loadDiscoveryHosts('run1', ['no_response']);
    await Promise.all([first, second]);
    expect(store.getState().discovery.hosts.run1?.statuses).toEqual(['no_response']);
    expect(store.getState().discovery.hosts.run1?.loading).toBe(false);
  });
});
