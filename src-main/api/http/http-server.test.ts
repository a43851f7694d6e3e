// Serve mode against a real server on 127.0.0.1: real HTTP (fetch and node:http), real WebSockets
// (ws), a real dispatcher, event bus and file upload store (see http-test-fixture.ts for why the
// handler table is the test's own).
import { once } from 'node:events';
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { ApiErrorBody } from '../../../src-shared/api/index.js';
import { startHttpServer } from './http-server.js';
import { startTestServer, TEST_SYSTEM_INFO, type TestServer } from './http-test-fixture.js';

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** node:http for what fetch cannot do: a forged Host header, a chunked body past a limit. No keep-alive. */
function rawRequest(
  url: string,
  init: { method?: string; headers?: Record<string, string>; chunks?: Buffer[]; keepOpen?: boolean } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: init.method ?? 'GET', headers: init.headers, agent: false }, (response) => {
      const parts: Buffer[] = [];
      response.on('data', (chunk: Buffer) => parts.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(parts).toString('utf8') }));
      response.on('error', reject);
    });
    // The server may close the connection while we are still sending past a limit: that is fine.
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    for (const chunk of init.chunks ?? []) request.write(chunk);
    // keepOpen: the body stops short and the request is never finished (a stalled client).
    if (init.keepOpen) request.flushHeaders();
    else request.end();
  });
}

async function expectError(response: Response, status: number, code: string): Promise<ApiErrorBody> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = ApiErrorBody.parse(await response.json());
  expect(body.error.code).toBe(code);
  expect(body.error.requestId).toBe(response.headers.get('x-request-id'));
  return body;
}

function openSocket(url: string, options: { headers?: Record<string, string>; protocols?: string[] } = {}): WebSocket {
  return new WebSocket(`${url.replace(/^http/, 'ws')}/api/events`, options.protocols ?? [], { headers: options.headers });
}

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('Condition not met in time.');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function openHandles(): { servers: number; sockets: number } {
  const resources = process.getActiveResourcesInfo();
  return {
    servers: resources.filter((name) => name === 'TCPServerWrap').length,
    sockets: resources.filter((name) => name === 'TCPSocketWrap').length,
  };
}

describe('serve mode HTTP server', () => {
  let t: TestServer;
  let url: string;
  let auth: Record<string, string>;
  const call = (method: string, body: unknown, headers: Record<string, string> = auth): Promise<Response> =>
    fetch(`${url}/api/call/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  beforeAll(async () => {
    t = await startTestServer();
    url = t.server.url;
    auth = { authorization: `Bearer ${t.server.token}` };
  });
  afterAll(async () => {
    await t.close();
  });

  describe('token', () => {
    it('answers 401 without a token and with a wrong one', async () => {
      const missing = await expectError(await call('system.info', {}, {}), 401, 'unauthorized');
      expect(missing.error.message).toMatch(/sign-in link/);
      await expectError(await call('system.info', {}, { authorization: 'Bearer wrong-token' }), 401, 'unauthorized');
      await expectError(await call('system.info', {}, { cookie: 'fieldwise_token=wrong' }), 401, 'unauthorized');
    });

    it('accepts the Bearer token', async () => {
      const response = await call('system.info', {});
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ result: TEST_SYSTEM_INFO });
    });

    it('trades /?token= for an HttpOnly cookie and a 303 to /, then accepts the cookie', async () => {
      expect(t.server.loginUrl).toBe(`${url}/?token=${t.server.token}`);
      const login = await fetch(t.server.loginUrl, { redirect: 'manual' });
      expect(login.status).toBe(303);
      expect(login.headers.get('location')).toBe('/');
      const setCookie = login.headers.get('set-cookie') ?? '';
      expect(setCookie).toMatch(/^fieldwise_token=[A-Za-z0-9_-]+;/);
      expect(setCookie).toMatch(/HttpOnly/);
      expect(setCookie).toMatch(/SameSite=Strict/);
      expect(setCookie).toMatch(/Path=\//);
      const cookie = setCookie.split(';')[0] ?? '';
      // Another instance's cookie on the same host (cookies ignore ports) does not get in the way.
      const response = await call('system.info', {}, { cookie: `fieldwise_token=someone-else; ${cookie}` });
      expect(response.status).toBe(200);

      await expectError(await fetch(`${url}/?token=wrong`, { redirect: 'manual' }), 401, 'unauthorized');
    });

    it('shows a browser without the sign-in cookie a page that says what to do', async () => {
      const response = await fetch(`${url}/`, { headers: { accept: 'text/html,application/xhtml+xml' } });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('x-request-id')).toBeTruthy();
      const page = await response.text();
      expect(page).toContain('not signed in');
      expect(page).toContain('?token=');
      expect(page).not.toContain(t.server.token);
      // API callers keep the JSON error body.
      await expectError(await fetch(`${url}/api/call/system.info`, { method: 'POST', headers: { accept: 'text/html' } }), 401, 'unauthorized');
    });

    it('does not require the token for /healthz and /readyz', async () => {
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready' });
      expect(ready.headers.get('x-request-id')).toBeTruthy();
    });

    it('rejects requests addressed to another host name (DNS rebinding)', async () => {
      const response = await rawRequest(`${url}/healthz`, { headers: { host: `evil.example:${new URL(url).port}` } });
      expect(response.status).toBe(403);
      expect(ApiErrorBody.parse(JSON.parse(response.body)).error.code).toBe('forbidden');
    });

    it('never logs the token', async () => {
      await fetch(t.server.loginUrl, { redirect: 'manual' });
      expect(JSON.stringify(t.logs)).not.toContain(t.server.token);
      const line = t.logs.find((entry) => entry.message === 'http request' && entry.data?.path === '/');
      expect(line?.data).toMatchObject({ method: 'GET', path: '/', status: 303 });
      expect(typeof line?.data?.ms).toBe('number');
      expect(typeof line?.data?.requestId).toBe('string');
    });
  });

  describe('calls and errors', () => {
    it('answers 400 bad_request for malformed JSON', async () => {
      const response = await fetch(`${url}/api/call/system.info`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: '{nope' });
      const body = await expectError(response, 400, 'bad_request');
      expect(body.error.message).toBe('The request body is not valid JSON.');
    });

    it('answers 400 with details when the input breaks the contract', async () => {
      const body = await expectError(await call('assets.get', { id: 5 }), 400, 'bad_request');
      expect(body.error.details?.[0]?.path).toBe('id');
    });

    it('answers 404 for an unknown call and an unknown route', async () => {
      await expectError(await call('nope.nothing', {}), 404, 'not_found');
      await expectError(await fetch(`${url}/api/whatever`, { headers: auth }), 404, 'not_found');
      await expectError(await fetch(`${url}/api/call/system.info`, { headers: auth }), 404, 'not_found');
    });

    it('keeps the code and message of an ApiError from a handler', async () => {
      const body = await expectError(await call('assets.get', { id: 'missing' }), 404, 'not_found');
      expect(body.error.message).toBe('Asset missing does not exist.');
    });

    it('answers 500 internal without stack or internals, and logs the cause', async () => {
      const response = await call('assets.get', { id: 'boom' });
      const text = await response.clone().text();
      const body = await expectError(response, 500, 'internal');
      expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'requestId']);
      expect(text).not.toMatch(/SQLITE|secret|\.db|at \w+ \(/);
      expect(body.error.message).toContain(body.error.requestId);
      expect(JSON.stringify(t.logs)).toContain('SQLITE_CORRUPT');
    });

    it('answers 413 for a JSON body over the limit', async () => {
      const big = { id: 'x'.repeat(1024 * 1024 + 10) };
      const body = await expectError(await call('assets.get', big), 413, 'payload_too_large');
      expect(body.error.message).toMatch(/1048576 bytes/);
    });

    it('answers 400 for a body that is not JSON', async () => {
      const response = await fetch(`${url}/api/call/system.info`, { method: 'POST', headers: { 'content-type': 'text/plain', ...auth }, body: '{}' });
      await expectError(response, 400, 'bad_request');
    });

    it('puts our own X-Request-Id on every response and does not adopt the client one', async () => {
      const ok = await call('system.info', {}, { ...auth, 'x-request-id': 'client-chosen-id' });
      const id = ok.headers.get('x-request-id');
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(id).not.toBe('client-chosen-id');
      const line = t.logs.find((entry) => entry.data?.requestId === id && entry.message === 'http request');
      expect(line?.data?.clientRequestId).toBe('client-chosen-id');
      const failed = await call('system.info', {}, {});
      expect(failed.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(failed.headers.get('x-request-id')).not.toBe(id);
    });

    it('sends the security headers, and no-store on the API', async () => {
      const response = await call('system.info', {});
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('cache-control')).toBe('no-store');
      const unauthorized = await call('system.info', {}, {});
      expect(unauthorized.headers.get('content-security-policy')).toContain("object-src 'none'");
    });
  });

  describe('uploads', () => {
    const put = (name: string | null, body: Uint8Array, headers: Record<string, string> = auth): Promise<Response> =>
      fetch(`${url}/api/uploads${name === null ? '' : `?name=${encodeURIComponent(name)}`}`, { method: 'PUT', headers, body });

    it('streams an upload to the store and answers its id and size', async () => {
      const response = await put('plant 1/servers.csv', new TextEncoder().encode('name,ip\nplc-1,10.0.0.1\n'));
      expect(response.status).toBe(200);
      const { result } = (await response.json()) as { result: { uploadId: string; bytes: number } };
      expect(result.bytes).toBe(23);
      const resolved = t.uploads.resolve(result.uploadId);
      expect(resolved?.fileName).toBe('servers.csv');
      expect(await readFile(resolved?.path ?? '', 'utf8')).toContain('plc-1');
    });

    it('asks for a file name and for the token', async () => {
      await expectError(await put(null, new Uint8Array(1)), 400, 'bad_request');
      await expectError(await put('x.csv', new Uint8Array(1), {}), 401, 'unauthorized');
    });
  });

  describe('events over WebSocket', () => {
    it('forwards published events and unsubscribes on close', async () => {
      const before = t.events.listenerCount();
      const socket = openSocket(url, { headers: auth });
      const upgraded = once(socket, 'upgrade');
      await once(socket, 'open');
      const [upgrade] = (await upgraded) as [{ headers: IncomingHttpHeaders }];
      expect(upgrade.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(t.events.listenerCount()).toBe(before + 1);
      const message = once(socket, 'message');
      t.events.publish('assets.changed', { reason: 'import', assetIds: ['a1'], count: 1 });
      const [data] = (await message) as [Buffer];
      expect(JSON.parse(data.toString('utf8'))).toEqual({ event: 'assets.changed', payload: { reason: 'import', assetIds: ['a1'], count: 1 } });
      socket.close();
      await once(socket, 'close');
      await waitFor(() => t.events.listenerCount() === before);
    });

    it('accepts the token as a subprotocol and selects fieldwise.v1', async () => {
      const socket = openSocket(url, { protocols: ['fieldwise.v1', `fieldwise.token.${t.server.token}`] });
      await once(socket, 'open');
      expect(socket.protocol).toBe('fieldwise.v1');
      socket.close();
      await once(socket, 'close');
    });

    it('refuses a socket without a token, and a cookie from a foreign page', async () => {
      const anonymous = openSocket(url);
      const [, response] = (await once(anonymous, 'unexpected-response')) as [unknown, { statusCode: number; resume(): void }];
      expect(response.statusCode).toBe(401);
      response.resume();
      anonymous.on('error', () => {}); // terminating a refused handshake reports an error we expect
      anonymous.terminate();

      const foreign = openSocket(url, { headers: { cookie: `fieldwise_token=${t.server.token}`, origin: 'http://evil.example' } });
      const [, refused] = (await once(foreign, 'unexpected-response')) as [unknown, { statusCode: number; resume(): void }];
      expect(refused.statusCode).toBe(403);
      refused.resume();
      foreign.on('error', () => {});
      foreign.terminate();

      const sameOrigin = openSocket(url, { headers: { cookie: `fieldwise_token=${t.server.token}`, origin: url } });
      await once(sameOrigin, 'open');
      sameOrigin.close();
      await once(sameOrigin, 'close');
    });

    it('answers a plain GET on /api/events with bad_request', async () => {
      await expectError(await fetch(`${url}/api/events`, { headers: auth }), 400, 'bad_request');
    });
  });

  it('serves a clear message at / when the UI is not built', async () => {
    const response = await fetch(`${url}/`, { headers: auth });
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toContain('The UI is not built: run npm run build');
    expect(response.headers.get('x-request-id')).toBeTruthy();
  });
});

describe('serve mode limits', () => {
  it('answers 429 past the rate limit, in the error shape, naming the limit, its window and the wait, with Retry-After', async () => {
    const t = await startTestServer({ server: { rateLimit: { max: 3, windowMs: 60_000 } } });
    try {
      const headers = { authorization: `Bearer ${t.server.token}` };
      for (let i = 0; i < 3; i++) expect((await fetch(`${t.server.url}/healthz`, { headers })).status).toBe(200);
      // Part of the window has gone by: what is left of it is not the window.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const limited = await fetch(`${t.server.url}/api/call/system.info`, { method: 'POST', headers });
      const retryAfter = Number(limited.headers.get('retry-after'));
      expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
      const body = await expectError(limited, 429, 'rate_limited');
      expect(body.error.message).toBe(`Too many requests from this address: at most 3 per minute; try again in ${retryAfter} s.`);
    } finally {
      await t.close();
    }
  });

  it('gives the body of a call a short time to arrive, and an upload its long one', async () => {
    const t = await startTestServer({ server: { apiReceiveTimeoutMs: 300 } });
    try {
      const port = Number(new URL(t.server.url).port);
      const headers = { authorization: `Bearer ${t.server.token}` };
      // A call whose body never arrives: 408 in the error shape, and the connection is closed.
      const answer = await rawRequest(`${t.server.url}/api/call/system.info`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'content-length': '100' },
        chunks: [Buffer.from('{"a":')],
        keepOpen: true,
      });
      expect(answer.status).toBe(408);
      expect(answer.headers.connection).toBe('close');
      const body = ApiErrorBody.parse(JSON.parse(answer.body));
      expect(body.error.code).toBe('timeout');
      expect(body.error.message).toMatch(/did not arrive within 300 ms/);
      expect(body.error.requestId).toBe(answer.headers['x-request-id']);

      // An upload that pauses for longer than a call may take is still received.
      const upload = connect({ host: '127.0.0.1', port });
      await once(upload, 'connect');
      const chunks: Buffer[] = [];
      upload.on('data', (chunk: Buffer) => chunks.push(chunk));
      upload.write(`PUT /api/uploads?name=slow.csv HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${t.server.token}\r\nContent-Length: 8\r\nConnection: close\r\n\r\nname,`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      upload.write('ip\n');
      await once(upload, 'close');
      const text = Buffer.concat(chunks).toString('utf8');
      expect(text).toMatch(/^HTTP\/1\.1 200 /);
      expect(text).toContain('"bytes":8');
    } finally {
      await t.close();
    }
  });

  it('closes a connection whose unread body stalls, and keeps serving', async () => {
    // Bodies nobody reads: a GET's (no token needed for /healthz), and one refused for its declared
    // length. When their receive time runs out there is no one to answer; the server must not fall over.
    const t = await startTestServer({ server: { apiReceiveTimeoutMs: 300, bodyLimitBytes: 1024 } });
    try {
      const port = Number(new URL(t.server.url).port);
      const host = `Host: 127.0.0.1:${port}\r\n`;
      for (const [status, bytes] of [
        [200, `GET /healthz HTTP/1.1\r\n${host}Content-Length: 100000\r\n\r\n${'a'.repeat(40_000)}`],
        [
          413,
          `POST /api/call/system.info HTTP/1.1\r\n${host}Authorization: Bearer ${t.server.token}\r\nContent-Type: application/json\r\nContent-Length: 5000000\r\n\r\n{"a":`,
        ],
      ] as const) {
        const socket = connect({ host: '127.0.0.1', port });
        socket.on('error', () => {}); // the server may reset a connection it closes with unread bytes
        const chunks: Buffer[] = [];
        socket.on('data', (chunk: Buffer) => chunks.push(chunk));
        socket.write(bytes);
        // The client never sends the rest: the server ends the connection (a 413 at once, the GET once its body is overdue).
        await once(socket, 'close');
        expect(Buffer.concat(chunks).toString('utf8')).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
      }
      // Past both receive timeouts, the server still answers.
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect((await fetch(`${t.server.url}/healthz`)).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('answers 504 when a call outlives the request timeout', async () => {
    const t = await startTestServer({ server: { requestTimeoutMs: 100 } });
    try {
      const response = await fetch(`${t.server.url}/api/call/assets.get`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t.server.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ id: 'slow' }),
      });
      const body = await expectError(response, 504, 'timeout');
      expect(body.error.message).toMatch(/100 ms/);
      // The server keeps answering after the timed-out handler finishes late.
      t.releaseSlowCalls();
      expect((await fetch(`${t.server.url}/healthz`)).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('answers 413 past the upload limit and leaves no partial file', async () => {
    const t = await startTestServer({ server: { uploadLimitBytes: 64 * 1024 } });
    try {
      const headers = { authorization: `Bearer ${t.server.token}` };
      const within = await fetch(`${t.server.url}/api/uploads?name=ok.csv`, { method: 'PUT', headers, body: new Uint8Array(64 * 1024) });
      expect(within.status).toBe(200);

      // Declared too large: refused before reading.
      const declared = await fetch(`${t.server.url}/api/uploads?name=big.csv`, { method: 'PUT', headers, body: new Uint8Array(64 * 1024 + 1) });
      await expectError(declared, 413, 'payload_too_large');

      // Chunked, no length: the store is already writing when the limit is crossed.
      const chunks = Array.from({ length: 12 }, () => Buffer.alloc(8 * 1024, 0x61));
      const streamed = await rawRequest(`${t.server.url}/api/uploads?name=streamed.csv`, { method: 'PUT', headers: { ...headers, 'transfer-encoding': 'chunked' }, chunks });
      expect(streamed.status).toBe(413);
      expect(ApiErrorBody.parse(JSON.parse(streamed.body)).error.code).toBe('payload_too_large');
      const files = await readdir(t.uploadsDir);
      expect(files).toHaveLength(2); // the accepted upload and its sidecar
    } finally {
      await t.close();
    }
  });

  it('closes a WebSocket that cannot keep up (1013)', async () => {
    const t = await startTestServer({ server: { eventSocket: { maxBufferedBytes: 16 * 1024 } } });
    try {
      const socket = openSocket(t.server.url, { headers: { authorization: `Bearer ${t.server.token}` } });
      await once(socket, 'open');
      const closed = once(socket, 'close');
      // A client that stops reading: once the kernel buffers are full, the server's buffer grows.
      socket.pause();
      const assetIds = Array.from({ length: 100 }, (_, i) => `asset-${i}-${'x'.repeat(50)}`);
      for (let i = 0; i < 20_000 && t.events.listenerCount() > 0; i++) {
        t.events.publish('assets.changed', { reason: 'flood', assetIds, count: 100 });
        if (i % 20 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      expect(t.events.listenerCount()).toBe(0);
      expect(t.logs.some((entry) => entry.message === 'event socket: client too slow, closing')).toBe(true);
      socket.resume();
      const [code] = (await closed) as [number];
      expect(code).toBe(1013);
      await waitFor(() => t.events.listenerCount() === 0);
    } finally {
      await t.close();
    }
  });
});

describe('serve mode UI', () => {
  let rendererDir: string;
  beforeAll(async () => {
    rendererDir = await mkdtemp(path.join(tmpdir(), 'fieldwise-ui-'));
    await mkdir(path.join(rendererDir, 'assets'));
    await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Fieldwise</title><div id="root"></div>');
    await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log("fieldwise")');
    await writeFile(path.join(rendererDir, 'assets', 'app.js.map'), '{"version":3,"sources":["../src/secret-source.ts"]}');
  });
  afterAll(async () => {
    await rm(rendererDir, { recursive: true, force: true });
  });

  it('serves the built UI with a SPA fallback, behind the token', async () => {
    const t = await startTestServer({ server: { rendererDir } });
    try {
      const login = await fetch(t.server.loginUrl, { redirect: 'manual' });
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const get = (pathname: string, headers: Record<string, string> = { cookie }): Promise<Response> => fetch(`${t.server.url}${pathname}`, { headers });

      const index = await get('/');
      expect(index.status).toBe(200);
      expect(index.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await index.text()).toContain('<title>Fieldwise</title>');
      expect(index.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");

      const script = await get('/assets/app.js');
      expect(script.status).toBe(200);
      expect(script.headers.get('content-type')).toMatch(/javascript/);
      expect(script.headers.get('x-request-id')).toBeTruthy();

      const deepLink = await get('/inventory/asset-42');
      expect(deepLink.status).toBe(200);
      expect(await deepLink.text()).toContain('<title>Fieldwise</title>');
      expect(deepLink.headers.get('x-request-id')).toBeTruthy();

      await expectError(await get('/assets/missing.js'), 404, 'not_found');
      await expectError(await get('/', {}), 401, 'unauthorized');

      // Source maps would hand out the UI's source: not served, though the file is there.
      const map = await expectError(await get('/assets/app.js.map'), 404, 'not_found');
      expect(map.error.message).toMatch(/Nothing is served at GET \/assets\/app\.js\.map/);
    } finally {
      await t.close();
    }
  });

  it('treats a renderer folder without index.html as not built', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'fieldwise-ui-empty-'));
    const t = await startTestServer({ server: { rendererDir: empty } });
    try {
      const response = await fetch(`${t.server.url}/settings`, { headers: { authorization: `Bearer ${t.server.token}` } });
      expect(response.status).toBe(503);
      expect(await response.text()).toContain('The UI is not built: run npm run build');
    } finally {
      await t.close();
      await rm(empty, { recursive: true, force: true });
    }
  });
});

describe('serve mode lifecycle', () => {
  it('refuses a non-loopback host unless remote access is allowed', async () => {
    const t = await startTestServer();
    try {
      const core = { dispatcher: { dispatch: async () => null }, events: t.events, uploads: t.uploads, exports: { download: () => null }, logger: { info() {}, warn() {}, error() {} } };
      await expect(startHttpServer(core, { host: '0.0.0.0', port: 0 })).rejects.toThrow(/Refusing to serve on 0\.0\.0\.0/);
      await expect(startHttpServer(core, { host: '192.168.1.10', port: 0 })).rejects.toThrow(/loopback/);
      await expect(startHttpServer(core, { port: 0, token: 'short' })).rejects.toThrow(/token/);
    } finally {
      await t.close();
    }
  });

  it('leaves nothing listening or open after close()', async () => {
    const before = openHandles();
    const t = await startTestServer();
    const { url, token } = t.server;
    const headers = { authorization: `Bearer ${token}` };
    expect((await fetch(`${url}/api/call/system.info`, { method: 'POST', headers })).status).toBe(200);
    const socket = openSocket(url, { headers });
    await once(socket, 'open');
    const socketClosed = once(socket, 'close');
    expect(openHandles().servers).toBe(before.servers + 1);

    await t.close();
    await t.close(); // idempotent
    const [code] = (await socketClosed) as [number];
    expect(code).toBe(1001);
    expect(t.events.listenerCount()).toBe(0);

    const port = Number(new URL(url).port);
    const probe = connect({ host: '127.0.0.1', port });
    const [error] = (await once(probe, 'error')) as [NodeJS.ErrnoException];
    expect(error.code).toBe('ECONNREFUSED');
    probe.destroy();
    await waitFor(() => {
      const now = openHandles();
      return now.servers === before.servers && now.sockets <= before.sockets;
    });
  });
});
