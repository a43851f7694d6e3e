// The HTTP transport against the real serve-mode server on 127.0.0.1, under Node: global fetch, and
// the `ws` package's WebSocket standing in for the browser's. The renderer's type program has DOM
// types only, so the Node-side server fixture and `ws` are loaded at run time through these narrow
// local interfaces instead of static imports (no Node types leak into the renderer).
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../src-shared/api/api-error.js';
import { createHttpTransport, type HttpTransport, type HttpTransportOptions } from './http-transport.js';

interface TestServerHandle {
  server: { url: string; token: string; close(): Promise<void> };
  events: { publish(event: string, payload: unknown): void; listenerCount(): number };
  uploads: { resolve(uploadId: string): { path: string; fileName: string } | null };
  close(): Promise<void>;
}
interface FixtureModule {
  startTestServer(options?: { server?: { port?: number; token?: string } }): Promise<TestServerHandle>;
  TEST_SYSTEM_INFO: unknown;
}

const FIXTURE_MODULE = '../../src-main/api/http/http-test-fixture.js';
const WS_MODULE = 'ws';

async function loadFixture(): Promise<FixtureModule> {
  return (await import(/* @vite-ignore */ FIXTURE_MODULE)) as FixtureModule;
}
async function loadWebSocket(): Promise<typeof WebSocket> {
  return ((await import(/* @vite-ignore */ WS_MODULE)) as { WebSocket: typeof WebSocket }).WebSocket;
}

async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('Condition not met in time.');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('createHttpTransport against serve mode', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setup(overrides: Partial<HttpTransportOptions> = {}): Promise<{ t: TestServerHandle; transport: HttpTransport; fixture: FixtureModule }> {
    const fixture = await loadFixture();
    const t = await fixture.startTestServer();
    cleanups.push(() => t.close());
    const transport = createHttpTransport({ baseUrl: t.server.url, token: t.server.token, WebSocket: await loadWebSocket(), ...overrides });
    cleanups.push(() => transport.close());
    return { t, transport, fixture };
  }

  it('invokes a call and returns its result', async () => {
    const { transport, fixture } = await setup();
    expect(await transport.invoke('system.info', {})).toEqual(fixture.TEST_SYSTEM_INFO);
  });

  it('throws ApiError with the code, message and details of the error body', async () => {
    const { transport } = await setup();
    const invalid = await caught(transport.invoke('assets.get', { id: 5 }));
    expect(invalid.code).toBe('bad_request');
    expect(invalid.details?.[0]?.path).toBe('id');
    const missing = await caught(transport.invoke('assets.get', { id: 'missing' }));
    expect(missing).toMatchObject({ code: 'not_found', message: 'Asset missing does not exist.' });
    expect((await caught(transport.invoke('no.such.call', {}))).code).toBe('not_found');
  });

  it('reports a wrong token as unauthorized', async () => {
    const { t } = await setup();
    const stranger = createHttpTransport({ baseUrl: t.server.url, token: 'x'.repeat(43) });
    expect((await caught(stranger.invoke('system.info', {}))).code).toBe('unauthorized');
  });

  it('says clearly when the server cannot be reached', async () => {
    const { t, transport } = await setup();
    await t.close();
    const error = await caught(transport.invoke('system.info', {}));
    expect(error.code).toBe('unavailable');
    expect(error.message).toBe(`Cannot reach Fieldwise at ${t.server.url}: is serve mode still running?`);
  });

  it('uploads a Blob', async () => {
    const { t, transport } = await setup();
    const result = await transport.upload('desktops.json', new Blob(['[{"name":"pc-1"}]'], { type: 'application/json' }));
    expect(result.bytes).toBe(17);
    expect(t.uploads.resolve(result.uploadId)?.fileName).toBe('desktops.json');
  });

  it("hands an export's download route to the browser, with the file name to save it under", async () => {
    const opened: { url: string; fileName: string }[] = [];
    const { t, transport } = await setup({ openDownload: (url, fileName) => opened.push({ url, fileName }) });
    expect(await transport.download('e 1', 'fieldwise-assets.csv')).toEqual({ status: 'started' });
    expect(opened).toEqual([{ url: `${t.server.url}/api/exports/e%201/file`, fileName: 'fieldwise-assets.csv' }]);
  });

  it('shares one WebSocket, dispatches by event name and unsubscribes', async () => {
    const { t, transport } = await setup();
    const changed: unknown[] = [];
    const finished: unknown[] = [];
    const offChanged = transport.subscribe('assets.changed', (payload) => changed.push(payload));
    const offFinished = transport.subscribe('run.finished', (payload) => finished.push(payload));
    await waitFor(() => t.events.listenerCount() === 1);

    t.events.publish('assets.changed', { reason: 'import', assetIds: ['a1'], count: 1 });
    await waitFor(() => changed.length === 1);
    expect(changed[0]).toEqual({ reason: 'import', assetIds: ['a1'], count: 1 });
    expect(finished).toEqual([]);

    offChanged();
    t.events.publish('assets.changed', { reason: 'again', assetIds: [], count: 0 });
    offFinished();
    await waitFor(() => t.events.listenerCount() === 0);
    expect(changed).toHaveLength(1);
  });

  it('reconnects after the server comes back', async () => {
    const fixture = await loadFixture();
    const first = await fixture.startTestServer();
    const { url, token } = first.server;
    const connections: boolean[] = [];
    const transport = createHttpTransport({
      baseUrl: url,
      token,
      WebSocket: await loadWebSocket(),
      reconnect: { initialDelayMs: 20, maxDelayMs: 100 },
      onConnectionChange: (connected) => connections.push(connected),
    });
    cleanups.push(() => transport.close());
    const received: unknown[] = [];
    transport.subscribe('assets.changed', (payload) => received.push(payload));
    await waitFor(() => first.events.listenerCount() === 1);
    await first.close();
    await waitFor(() => connections.includes(false));

    const second = await fixture.startTestServer({ server: { port: Number(new URL(url).port), token } });
    cleanups.push(() => second.close());
    await waitFor(() => second.events.listenerCount() === 1);
    second.events.publish('assets.changed', { reason: 'after restart', assetIds: [], count: 0 });
    await waitFor(() => received.length === 1);
    expect(connections).toEqual([true, false, true]);
  });
});
