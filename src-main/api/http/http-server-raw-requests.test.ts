// Serve mode against requests no well-behaved client sends, written byte for byte on a raw socket
// (node:net) to a real server on 127.0.0.1: malformed URLs, headers over Node's limit, bytes that are
// not HTTP, a missing Host, an unknown Expect, a refused WebSocket handshake, paths that climb out of
// the UI folder. Each must get the uniform error body with its X-Request-Id and the security headers,
// and the Host and token checks must come first wherever the request could be read.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorBody } from '../../../src-shared/api/index.js';
import { startTestServer, type TestServer } from './http-test-fixture.js';
import { SECURITY_HEADERS } from './security-headers.js';

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The server closed the connection after answering. */
  closed: boolean;
}

/** Writes the bytes, reads one answer, and waits until the server closes or 5 s pass (then closed = false). */
function exchange(port: number, bytes: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => socket.write(bytes));
    const chunks: Buffer[] = [];
    let closed = false;
    const finish = (): void => {
      clearTimeout(giveUp);
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      if (split === -1) {
        reject(new Error(`No HTTP answer: ${JSON.stringify(text.slice(0, 200))}`));
        return;
      }
      const [statusLine = '', ...headerLines] = text.slice(0, split).split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: text.slice(split + 4), closed });
    };
    // Only a server that keeps the connection open lets this fire; the assertions then fail on `closed`.
    const giveUp = setTimeout(() => {
      socket.destroy();
    }, 5000);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => {
      closed = true;
    });
    socket.on('close', finish);
    socket.on('error', () => {}); // a reset after the answer still leaves the answer to check
  });
}

/** The uniform error: JSON body of the contract, our request id in header and body, every security header. */
function expectUniformError(answer: RawAnswer, status: number, code: string): ApiErrorBody {
  expect(answer.status).toBe(status);
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  const body = ApiErrorBody.parse(JSON.parse(answer.body));
  expect(body.error.code).toBe(code);
  expect(answer.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  expect(body.error.requestId).toBe(answer.headers['x-request-id']);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(answer.headers[name], name).toBe(value);
  return body;
}

describe('serve mode: framework-level errors', () => {
  let t: TestServer;
  let port: number;
  let host: string;
  let auth: string;

  beforeAll(async () => {
    t = await startTestServer();
    port = Number(new URL(t.server.url).port);
    host = `Host: 127.0.0.1:${port}\r\n`;
    auth = `Authorization: Bearer ${t.server.token}\r\n`;
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers a malformed percent-encoded URL in the error shape, after the Host and token checks', async () => {
    const malformed = await exchange(port, `GET /inventory/%E0%A4%A HTTP/1.1\r\n${host}${auth}Connection: close\r\n\r\n`);
    const body = expectUniformError(malformed, 400, 'bad_request');
    expect(body.error.message).toMatch(/percent-encoding/);
    expect(malformed.body).not.toContain('%E0%A4%A'); // nothing of the request is echoed

    const apiCall = await exchange(
      port,
      `POST /api/call/%ZZ HTTP/1.1\r\n${host}${auth}Content-Length: 2\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{}`,
    );
    expectUniformError(apiCall, 400, 'bad_request');

    const withoutToken = await exchange(port, `GET /inventory/%E0%A4%A HTTP/1.1\r\n${host}Connection: close\r\n\r\n`);
    expectUniformError(withoutToken, 401, 'unauthorized');

    const foreignHost = await exchange(port, `GET /inventory/%E0%A4%A HTTP/1.1\r\nHost: evil.example\r\n${auth}Connection: close\r\n\r\n`);
    expectUniformError(foreignHost, 403, 'forbidden');

    const line = t.logs.find((entry) => entry.message === 'http request' && entry.data?.requestId === malformed.headers['x-request-id']);
    expect(line?.data).toMatchObject({ method: 'GET', status: 400 });
  });

  it('answers a path segment over the router limit with 414 in the error shape, after the token check', async () => {
    const long = `/api/call/${'a'.repeat(200)}`;
    const answer = await exchange(
      port,
      `POST ${long} HTTP/1.1\r\n${host}${auth}Content-Length: 2\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{}`,
    );
    const body = expectUniformError(answer, 414, 'bad_request');
    expect(body.error.message).toMatch(/too long/);
    expectUniformError(await exchange(port, `POST ${long} HTTP/1.1\r\n${host}Content-Length: 2\r\nConnection: close\r\n\r\n{}`), 401, 'unauthorized');
  });

  it('answers headers over the size limit with 431 in the error shape, closes the connection, and logs no header', async () => {
    const answer = await exchange(port, `GET /api/call/system.info HTTP/1.1\r\n${host}${auth}X-Padding: ${'a'.repeat(20_000)}\r\n\r\n`);
    const body = expectUniformError(answer, 431, 'bad_request');
    expect(body.error.message).toMatch(/larger than \d+ bytes/);
    expect(answer.closed).toBe(true);
    expect(t.logs.find((entry) => entry.data?.requestId === body.error.requestId)?.data).toMatchObject({ status: 431, parserError: 'HPE_HEADER_OVERFLOW' });
    expect(JSON.stringify(t.logs)).not.toContain(t.server.token);
  });

  it('answers bytes that are not HTTP with 400 in the error shape and closes the connection', async () => {
    for (const bytes of [
      'hello\r\n\r\n',
      `BREW / HTTP/1.1\r\n${host}\r\n`,
      `GET / HTTP/9.9\r\n${host}\r\n`,
      `GET / HTTP/1.1\r\n${host}Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n`,
    ]) {
      const answer = await exchange(port, bytes);
      expectUniformError(answer, 400, 'bad_request');
      expect(answer.closed).toBe(true);
    }
  });

  it('refuses a request without Host through the Host check, not with a bare 400', async () => {
    const answer = await exchange(port, `GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n`);
    const body = expectUniformError(answer, 403, 'forbidden');
    expect(body.error.message).toMatch(/127\.0\.0\.1 or localhost/);
  });

  it('answers an Expect it cannot meet with 417 in the error shape, after the token check', async () => {
    const answer = await exchange(
      port,
      `POST /api/call/system.info HTTP/1.1\r\n${host}${auth}Expect: 200-ok\r\nContent-Length: 2\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{}`,
    );
    expectUniformError(answer, 417, 'bad_request');
    expectUniformError(await exchange(port, `GET /healthz HTTP/1.1\r\nHost: evil.example\r\nExpect: 200-ok\r\nConnection: close\r\n\r\n`), 403, 'forbidden');
    // 100-continue is still honoured.
    const continued = await exchange(
      port,
      `POST /api/call/system.info HTTP/1.1\r\n${host}${auth}Expect: 100-continue\r\nContent-Length: 2\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{}`,
    );
    expect(continued.status).toBe(100);
    expect(continued.body).toMatch(/^HTTP\/1\.1 200 /);
  });

  it('answers a WebSocket upgrade to a malformed URL in the error shape and closes its socket', async () => {
    const upgrade = `Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n`;
    const malformed = await exchange(port, `GET /api/%E0%A4%A HTTP/1.1\r\n${host}${auth}${upgrade}\r\n`);
    expectUniformError(malformed, 400, 'bad_request');
    expect(malformed.closed).toBe(true);
    const anonymous = await exchange(port, `GET /api/%E0%A4%A HTTP/1.1\r\n${host}${upgrade}\r\n`);
    expectUniformError(anonymous, 401, 'unauthorized');
    expect(anonymous.closed).toBe(true);
  });

  it('answers a WebSocket handshake that ws refuses in the error shape', async () => {
    const answer = await exchange(
      port,
      `GET /api/events HTTP/1.1\r\n${host}${auth}Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: not-a-key\r\n\r\n`,
    );
    const body = expectUniformError(answer, 400, 'bad_request');
    expect(body.error.message).toMatch(/Sec-WebSocket-Key/);
    expect(answer.closed).toBe(true);
  });
});

describe('serve mode: paths outside the UI folder', () => {
  let root: string;
  let t: TestServer;
  let port: number;
  let request: (target: string, withToken?: boolean) => Promise<RawAnswer>;

  beforeAll(async () => {
    // A secret beside the UI folder, where a traversal would lead.
    root = await mkdtemp(path.join(tmpdir(), 'fieldwise-traversal-'));
    const rendererDir = path.join(root, 'renderer');
    await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
    await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Fieldwise</title>');
    await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log("fieldwise")');
    await writeFile(path.join(root, 'secret.txt'), 'TOP-SECRET');
    t = await startTestServer({ server: { rendererDir } });
    port = Number(new URL(t.server.url).port);
    request = (target, withToken = true) =>
      exchange(
        port,
        `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${withToken ? `Authorization: Bearer ${t.server.token}\r\n` : ''}Connection: close\r\n\r\n`,
      );
  });
  afterAll(async () => {
    await t.close();
    await rm(root, { recursive: true, force: true });
  });

  it('refuses every form of ".." and NUL with one status and a message that matches it', async () => {
    const attempts = [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/..%5c..%5csecret.txt',
      '/assets/app.js%00.txt',
      '/api/call/..%2f..%2fsecret.txt',
    ];
    for (const target of attempts) {
      const answer = await request(target);
      const body = expectUniformError(answer, 400, 'bad_request');
      expect(body.error.message, target).toBe('The address has a ".." segment or a NUL byte; such paths are refused.');
      expect(answer.body).not.toContain('TOP-SECRET');
    }
    // Without the token nothing about paths is said at all.
    expectUniformError(await request('/assets/%2e%2e/%2e%2e/secret.txt', false), 401, 'unauthorized');
    // The files of the UI are still served.
    expect((await request('/assets/app.js')).status).toBe(200);
  });
});
