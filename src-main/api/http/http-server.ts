// Serve mode: the API contract over loopback HTTP + WebSocket, and the built UI as static files, so
// the renderer runs in an ordinary browser (e2e tests, headless jump hosts). A thin adapter over the
// dispatcher: every call goes through the same validation and access checks as IPC.
//
// Request pipeline (Fastify hooks, in this order, for every request including 404s and WebSocket
// upgrades): request id + security headers -> shutting-down / Host checks -> rate limit -> token.
import { createReadStream, existsSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { ApiError } from '../../../src-shared/api/index.js';
import type { HttpServerCore } from './http-server-core.js';
import type { CallContext } from '../dispatcher.js';
import { createEventSocketHub } from './event-socket-hub.js';
import { attachmentDisposition } from './attachment-disposition.js';
import { apiErrorBody, mapHttpError, type HttpErrorLimits } from './http-error-mapper.js';
import { formatHttpUrl, isLoopbackHost, loopbackHostHeaders } from './loopback-host.js';
import { SECURITY_HEADERS } from './security-headers.js';
import { EVENTS_PROTOCOL, createTokenAuth, generateToken } from './token-auth.js';
import { withTimeout } from './with-timeout.js';

export const HTTP_SERVER_DEFAULTS = {
  host: '127.0.0.1',
  port: 4780,
  bodyLimitBytes: 1024 * 1024,
  uploadLimitBytes: 2 * 1024 * 1024 * 1024,
  rateLimit: { max: 600, windowMs: 60_000 },
  requestTimeoutMs: 30_000,
  /** Receiving one whole request (in practice: an upload) must finish within this time. */
  requestReceiveTimeoutMs: 15 * 60_000,
  eventSocket: { maxBufferedBytes: 4 * 1024 * 1024, pingIntervalMs: 30_000 },
} as const;

export const UI_NOT_BUILT_MESSAGE = 'The UI is not built: run npm run build, then restart fieldwise serve.\n';

export interface HttpServerOptions {
  /** Default 127.0.0.1. Anything but loopback is refused unless allowRemote is true. */
  host?: string;
  /** Default 4780; 0 picks a free port (tests). */
  port?: number;
  /** Default: 32 random bytes, base64url. */
  token?: string;
  /** The built renderer (dist/renderer); null or a folder without index.html serves a "not built" message. */
  rendererDir?: string | null;
  /** JSON body limit for calls. Default 1 MiB. */
  bodyLimitBytes?: number;
  /** Limit for one upload. Default 2 GiB. */
  uploadLimitBytes?: number;
  /** Per client address. Default 600 requests per minute. */
  rateLimit?: { max: number; windowMs: number };
  /** A call that takes longer answers 504; the handler itself keeps running. Default 30 s. */
  requestTimeoutMs?: number;
  /** Listen on a non-loopback address. Anyone who can reach it and has the token can change data. */
  allowRemote?: boolean;
  /** Request ids (default UUIDv7). */
  newRequestId?: () => string;
  eventSocket?: { maxBufferedBytes?: number; pingIntervalMs?: number };
}

export interface HttpServer {
  /** e.g. http://127.0.0.1:4780 */
  readonly url: string;
  readonly token: string;
  /** `${url}/?token=...`: opening it signs the browser in and drops the token from the address bar. */
  readonly loginUrl: string;
  /** Stops accepting requests, closes WebSockets and connections. Idempotent. */
  close(): Promise<void>;
}

type ServerState = 'starting' | 'ready' | 'closing';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function signInHelpPage(message: string, requestId: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fieldwise: sign in</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>Fieldwise is running, but this browser is not signed in</h1>
<p>${escapeHtml(message)}</p>
<p>Open the address that <code>fieldwise serve</code> printed when it started: it ends in <code>?token=…</code>. Each start makes a new one.</p>
<p style="color: #666">Request ${escapeHtml(requestId)}</p></body></html>
`;
}

const UNAUTHENTICATED_PATHS = new Set(['/healthz', '/readyz']);
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

function queryParam(url: string, name: string): string | null {
  const query = url.indexOf('?');
  return query === -1 ? null : new URLSearchParams(url.slice(query + 1)).get(name);
}

function findRendererDir(rendererDir: string | null | undefined): string | null {
  if (!rendererDir) return null;
  const root = path.resolve(rendererDir);
  return existsSync(path.join(root, 'index.html')) ? root : null;
}

/** A GET the single-page app should answer: not the API, and not a missing asset file. */
function isSpaRoute(request: FastifyRequest): boolean {
  const requestPath = pathOf(request.url);
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (requestPath === '/api' || requestPath.startsWith('/api/')) return false;
  const lastSegment = requestPath.slice(requestPath.lastIndexOf('/') + 1);
  return !lastSegment.includes('.');
}

export async function startHttpServer(core: HttpServerCore, options: HttpServerOptions = {}): Promise<HttpServer> {
  const host = options.host ?? HTTP_SERVER_DEFAULTS.host;
  const allowRemote = options.allowRemote === true;
  if (!isLoopbackHost(host) && !allowRemote) {
    throw new Error(
      `Refusing to serve on ${host}: serve mode exposes the whole inventory and only listens on loopback (127.0.0.1) unless remote access is explicitly allowed.`,
    );
  }
  const token = options.token ?? generateToken();
  const auth = createTokenAuth(token);
  const limits: HttpErrorLimits = {
    bodyLimitBytes: options.bodyLimitBytes ?? HTTP_SERVER_DEFAULTS.bodyLimitBytes,
    uploadLimitBytes: options.uploadLimitBytes ?? HTTP_SERVER_DEFAULTS.uploadLimitBytes,
  };
  const requestTimeoutMs = options.requestTimeoutMs ?? HTTP_SERVER_DEFAULTS.requestTimeoutMs;
  const rateLimit = options.rateLimit ?? HTTP_SERVER_DEFAULTS.rateLimit;
  const newRequestId = options.newRequestId ?? uuidv7;
  const uiDir = findRendererDir(options.rendererDir);
  const { logger } = core;

  let state: ServerState = 'starting';
  let allowedHosts = new Set<string>();
  // Lets the WebSocket 101 response carry the same X-Request-Id as every other response.
  const requestIds = new WeakMap<IncomingMessage, string>();

  const hub = createEventSocketHub({
    events: core.events,
    logger,
    maxBufferedBytes: options.eventSocket?.maxBufferedBytes ?? HTTP_SERVER_DEFAULTS.eventSocket.maxBufferedBytes,
    pingIntervalMs: options.eventSocket?.pingIntervalMs ?? HTTP_SERVER_DEFAULTS.eventSocket.pingIntervalMs,
  });

  const app = Fastify({
    logger: false,
    bodyLimit: limits.bodyLimitBytes,
    // Our own ids only: an incoming X-Request-Id is logged (if well-formed) but never adopted, so a
    // client cannot forge or collide with another request's log entries.
    requestIdHeader: false,
    genReqId: () => newRequestId(),
    requestTimeout: HTTP_SERVER_DEFAULTS.requestReceiveTimeoutMs,
    forceCloseConnections: true,
    // Shutdown is answered by our own hook, in the uniform error shape.
    return503OnClosing: false,
  });

  // First: its onRequest hook marks upgrade requests so that a refused upgrade (401, 403, 429 from
  // the hooks below) gets its socket destroyed after the answer instead of left open.
  await app.register(fastifyWebsocket, {
    options: {
      maxPayload: 4096,
      handleProtocols: (protocols: Set<string>) => (protocols.has(EVENTS_PROTOCOL) ? EVENTS_PROTOCOL : false),
    },
  });
  app.websocketServer.on('headers', (headers: string[], request: IncomingMessage) => {
    const requestId = requestIds.get(request);
    if (requestId !== undefined) headers.push(`X-Request-Id: ${requestId}`);
  });

  // 1. Request id, security headers, shutdown and Host checks: first, so even a 429 or 401 has them.
  app.addHook('onRequest', async (request, reply) => {
    requestIds.set(request.raw, request.id);
    reply.header('x-request-id', request.id);
    reply.headers(SECURITY_HEADERS);
    const requestPath = pathOf(request.url);
    if (requestPath.startsWith('/api/') || UNAUTHENTICATED_PATHS.has(requestPath)) reply.header('cache-control', 'no-store');
    if (state === 'closing' && !UNAUTHENTICATED_PATHS.has(requestPath)) {
      throw new ApiError('unavailable', 'Fieldwise is shutting down; start fieldwise serve again.');
    }
    if (!allowRemote && !allowedHosts.has((request.headers.host ?? '').toLowerCase())) {
      throw new ApiError('forbidden', 'Serve mode only answers requests addressed to 127.0.0.1 or localhost.');
    }
  });

  // 2. Rate limit, before the token check so guessing tokens is limited too.
  await app.register(fastifyRateLimit, {
    global: false,
    max: rateLimit.max,
    timeWindow: rateLimit.windowMs,
    errorResponseBuilder: (_request, context) =>
      new ApiError('rate_limited', `Too many requests: at most ${context.max} per ${context.after}; try again in ${Math.max(1, Math.ceil(context.ttl / 1000))} s.`),
  });
  app.addHook('onRequest', app.rateLimit());

  // 3. The token. `GET /?token=` trades a valid token for the cookie and redirects to `/`, so the
  // token leaves the address bar (and the browser history keeps only `/`).
  app.addHook('onRequest', async (request, reply) => {
    const requestPath = pathOf(request.url);
    if (UNAUTHENTICATED_PATHS.has(requestPath)) return;
    const offered = requestPath === '/' && request.method === 'GET' ? queryParam(request.url, 'token') : null;
    if (offered !== null) {
      if (!auth.matches(offered)) {
        throw new ApiError('unauthorized', 'This sign-in link is not valid for this server: copy the link that fieldwise serve printed.');
      }
      reply.code(303).header('set-cookie', auth.setCookie).header('location', '/').send();
      return reply;
    }
    const credential = auth.check(request.headers);
    if (credential === null) {
      throw new ApiError(
        'unauthorized',
        'Serve mode needs its token: open the sign-in link printed by fieldwise serve, or send "Authorization: Bearer <token>".',
      );
    }
    // A cookie rides along with any page's request to this host; for WebSockets (which ignore CORS)
    // the Origin must be this server, or a page elsewhere could read the event stream.
    const origin = request.headers.origin;
    if (credential === 'cookie' && request.headers.upgrade?.toLowerCase() === 'websocket' && origin !== undefined) {
      if (origin.toLowerCase() !== `http://${(request.headers.host ?? '').toLowerCase()}`) {
        throw new ApiError('forbidden', 'WebSocket connections are only accepted from pages served by this server.');
      }
    }
    return undefined;
  });

  app.addHook('onResponse', async (request, reply) => {
    const clientRequestId = request.headers['x-request-id'];
    logger.info('http request', {
      method: request.method,
      path: pathOf(request.url),
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
      requestId: request.id,
      ...(typeof clientRequestId === 'string' && CLIENT_REQUEST_ID.test(clientRequestId) ? { clientRequestId } : {}),
    });
  });

  app.setErrorHandler(async (error, request, reply) => {
    const isUpload = pathOf(request.url) === '/api/uploads';
    const mapped = mapHttpError(error, { limits, requestId: request.id, isUpload });
    if (mapped.unexpected) {
      logger.error('http request failed', {
        requestId: request.id,
        method: request.method,
        path: pathOf(request.url),
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
    }
    // The client may still be sending a body we will not read: end the connection after answering.
    if (mapped.status === 413) reply.header('connection', 'close');
    // A person opening the address without the sign-in link gets a page that says what to do.
    if (mapped.status === 401 && request.method === 'GET' && !pathOf(request.url).startsWith('/api/') && (request.headers.accept ?? '').includes('text/html')) {
      return reply.code(401).type('text/html; charset=utf-8').send(signInHelpPage(mapped.error.message, request.id));
    }
    return reply.code(mapped.status).type('application/json; charset=utf-8').send(apiErrorBody(mapped.error, request.id));
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    if (state === 'ready') return { status: 'ready' };
    return reply.code(503).send({ status: state });
  });

  app.post<{ Params: { method: string } }>('/api/call/:method', async (request) => {
    const ctx: CallContext = { requestId: request.id, actor: 'local-user', transport: 'http', access: 'write' };
    const result = await withTimeout(
      core.dispatcher.dispatch(request.params.method, request.body, ctx),
      requestTimeoutMs,
      () => new ApiError('timeout', `The call did not finish within ${requestTimeoutMs} ms; it may still complete in the background.`),
    );
    return { result };
  });

  app.route({
    method: 'GET',
    url: '/api/events',
    handler: async () => {
      throw new ApiError('bad_request', 'Connect to /api/events with a WebSocket.');
    },
    wsHandler: (socket, request) => {
      logger.info('event socket connected', { requestId: request.id });
      hub.attach(socket, request.id);
    },
  });

  // A finished export, streamed from the data folder as an attachment (never read into memory).
  app.get<{ Params: { id: string } }>('/api/exports/:id/file', async (request, reply) => {
    const file = core.exports.download(request.params.id);
    if (file === null) {
      throw new ApiError('not_found', 'This export has no file to download: it is unknown, still running, failed or was cancelled, or is older than a day. Export again.');
    }
    return reply
      .type(file.mediaType)
      .header('content-length', file.bytes)
      .header('content-disposition', attachmentDisposition(file.fileName))
      .send(createReadStream(file.path));
  });

  // Uploads take the raw body as a stream, whatever its content type, under their own limit.
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    scope.put('/api/uploads', { bodyLimit: limits.uploadLimitBytes }, async (request, reply) => {
      const name = queryParam(request.url, 'name');
      if (name === null || name.trim() === '' || name.length > 1000) {
        throw new ApiError('bad_request', 'Name the file: PUT /api/uploads?name=<file name>.');
      }
      const declared = Number(request.headers['content-length']);
      if (Number.isFinite(declared) && declared > limits.uploadLimitBytes) {
        throw new ApiError('payload_too_large', `The file is larger than the upload limit of ${limits.uploadLimitBytes} bytes.`);
      }
      const raw = request.raw;
      const body = (request.body as Readable | undefined) ?? raw;
      // A pipe, not pipeline(): on failure the store destroys what it was given, and destroying the
      // request itself would kill the socket before the 413 could be sent.
      const data = new PassThrough();
      const onClose = (): void => {
        if (!raw.complete) data.destroy(new ApiError('bad_request', 'The upload was interrupted before it finished.'));
      };
      raw.once('close', onClose);
      body.pipe(data);
      try {
        const saved = await core.uploads.save(name, data, { maxBytes: limits.uploadLimitBytes });
        return reply.send({ result: saved });
      } catch (error) {
        body.unpipe(data);
        body.resume();
        throw error;
      } finally {
        raw.off('close', onClose);
      }
    });
  });

  if (uiDir !== null) {
    await app.register(fastifyStatic, {
      root: uiDir,
      index: 'index.html',
      wildcard: true,
      setHeaders: (reply, filePath) => {
        // index.html must be revalidated so a rebuilt UI is picked up; hashed assets may be cached.
        if (path.basename(filePath) === 'index.html') reply.header('cache-control', 'no-cache');
      },
    });
  } else {
    app.get('/', async (_request, reply) => reply.code(503).type('text/plain; charset=utf-8').send(UI_NOT_BUILT_MESSAGE));
  }

  app.setNotFoundHandler(async (request: FastifyRequest, reply: FastifyReply) => {
    if (isSpaRoute(request)) {
      if (uiDir !== null) return reply.header('cache-control', 'no-cache').sendFile('index.html');
      return reply.code(503).type('text/plain; charset=utf-8').send(UI_NOT_BUILT_MESSAGE);
    }
    throw new ApiError('not_found', `Nothing is served at ${request.method} ${pathOf(request.url).slice(0, 200)}.`);
  });

  await app.listen({ host, port: options.port ?? HTTP_SERVER_DEFAULTS.port });
  const port = (app.server.address() as AddressInfo).port;
  allowedHosts = loopbackHostHeaders(port);
  allowedHosts.add(`${formatHttpUrl(host, port).slice('http://'.length)}`.toLowerCase());
  state = 'ready';

  const url = formatHttpUrl(host, port);
  if (!isLoopbackHost(host)) {
    logger.warn(
      `SERVE MODE IS REACHABLE FROM OTHER MACHINES on ${url}: anyone who can reach this address and learns the token can read and change the inventory. Traffic is not encrypted.`,
    );
  }
  logger.info('serve mode listening', { url, ui: uiDir ?? 'not built' });

  let closing: Promise<void> | null = null;
  return {
    url,
    token,
    loginUrl: `${url}/?token=${token}`,
    close() {
      closing ??= (async () => {
        state = 'closing';
        hub.close();
        await app.close();
        logger.info('serve mode stopped', { url });
      })();
      return closing;
    },
  };
}
