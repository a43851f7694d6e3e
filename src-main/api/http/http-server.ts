// Serve mode: the API contract over loopback HTTP + WebSocket, and the built UI as static files, so
// the renderer runs in an ordinary browser (e2e tests, headless jump hosts). A thin adapter over the
// dispatcher: every call goes through the same validation and access checks as IPC.
//
// Every request passes the checks of request-gate.ts (request id + security headers -> shutting down
// / Host -> rate limit -> token -> request shape) before any route, including 404s, WebSocket
// upgrades and requests the router cannot route (a malformed URL). What fails earlier, in Node's HTTP
// parser, never reaches a route and is answered by client-error-handler.ts. Every answer, wherever
// it comes from, has the uniform error body, an X-Request-Id and the security headers.
import { createReadStream, existsSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { ApiError } from '../../../src-shared/api/index.js';
import type { HttpServerCore } from './http-server-core.js';
import type { CallContext } from '../dispatcher.js';
import { createClientErrorHandler } from './client-error-handler.js';
import { createEventSocketHub } from './event-socket-hub.js';
import { HttpApiError } from './http-api-error.js';
import { attachmentDisposition } from './attachment-disposition.js';
import { apiErrorBody, mapHttpError, type HttpErrorLimits } from './http-error-mapper.js';
import { formatHttpUrl, isLoopbackHost, loopbackHostHeaders } from './loopback-host.js';
import { rateLimitedError } from './rate-limit-message.js';
import { writeRawErrorResponse } from './raw-error-response.js';
import { receiveWithin } from './receive-within.js';
import { createRequestGate, type GateStep } from './request-gate.js';
import { pathOf, queryParam } from './request-path.js';
import { signInHelpPage } from './sign-in-help-page.js';
import { EVENTS_PROTOCOL, createTokenAuth, generateToken } from './token-auth.js';
import { withTimeout } from './with-timeout.js';

export const HTTP_SERVER_DEFAULTS = {
  host: '127.0.0.1',
  port: 4780,
  bodyLimitBytes: 1024 * 1024,
  uploadLimitBytes: 2 * 1024 * 1024 * 1024,
  rateLimit: { max: 600, windowMs: 60_000 },
  requestTimeoutMs: 30_000,
  /** Receiving the body of a call (or of any request but an upload) must finish within this time. */
  apiReceiveTimeoutMs: 30_000,
  /** Receiving one whole upload must finish within this time. */
  uploadReceiveTimeoutMs: 15 * 60_000,
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
  /** Receiving a call's body (any body but an upload) takes longer: 408, connection closed. Default 30 s. */
  apiReceiveTimeoutMs?: number;
  /** Receiving a whole upload takes longer: 408, connection closed. Default 15 min. */
  uploadReceiveTimeoutMs?: number;
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

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const UPLOADS_ROUTE = '/api/uploads';

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
  const apiReceiveTimeoutMs = options.apiReceiveTimeoutMs ?? HTTP_SERVER_DEFAULTS.apiReceiveTimeoutMs;
  const uploadReceiveTimeoutMs = options.uploadReceiveTimeoutMs ?? HTTP_SERVER_DEFAULTS.uploadReceiveTimeoutMs;
  const rateLimit = options.rateLimit ?? HTTP_SERVER_DEFAULTS.rateLimit;
  const newRequestId = options.newRequestId ?? uuidv7;
  const uiDir = findRendererDir(options.rendererDir);
  const { logger } = core;

  let state: ServerState = 'starting';
  let allowedHosts = new Set<string>();
  // Lets the WebSocket 101 response carry the same X-Request-Id as every other response.
  const requestIds = new WeakMap<IncomingMessage, string>();
  // Filled once the rate limiter is registered; the router only calls for it on live requests.
  let gate: GateStep[] = [];

  const hub = createEventSocketHub({
    events: core.events,
    logger,
    maxBufferedBytes: options.eventSocket?.maxBufferedBytes ?? HTTP_SERVER_DEFAULTS.eventSocket.maxBufferedBytes,
    pingIntervalMs: options.eventSocket?.pingIntervalMs ?? HTTP_SERVER_DEFAULTS.eventSocket.pingIntervalMs,
  });

  function logRequest(request: FastifyRequest, reply: FastifyReply): void {
    const clientRequestId = request.headers['x-request-id'];
    logger.info('http request', {
      method: request.method,
      path: pathOf(request.url),
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
      requestId: request.id,
      ...(typeof clientRequestId === 'string' && CLIENT_REQUEST_ID.test(clientRequestId) ? { clientRequestId } : {}),
    });
  }

  /** The one way an error becomes an answer, for route errors and unroutable requests alike. */
  function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
    const isUpload = pathOf(request.url) === UPLOADS_ROUTE;
    const mapped = mapHttpError(error, { limits, requestId: request.id, isUpload });
    if (mapped.unexpected) {
      logger.error('http request failed', {
        requestId: request.id,
        method: request.method,
        path: pathOf(request.url),
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
    }
    reply.headers(mapped.headers);
    // The client may still be sending a body we will not read: end the connection after answering.
    if (mapped.status === 413 || mapped.status === 408) reply.header('connection', 'close');
    // A person opening the address without the sign-in link gets a page that says what to do.
    if (mapped.status === 401 && request.method === 'GET' && !pathOf(request.url).startsWith('/api/') && (request.headers.accept ?? '').includes('text/html')) {
      return reply.code(401).type('text/html; charset=utf-8').send(signInHelpPage(mapped.error.message, request.id));
    }
    return reply.code(mapped.status).type('application/json; charset=utf-8').send(apiErrorBody(mapped.error, request.id));
  }

  /**
   * A request the router gave up on (malformed percent-encoding, an over-long path segment): no
   * hook has run and no route will. It passes the gate like any request, then gets its 4xx.
   */
  async function answerUnroutable(error: FastifyError, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    // An upgrade request owns its socket: nothing else closes it after the answer.
    const isUpgrade = request.headers.upgrade !== undefined;
    if (isUpgrade) reply.header('connection', 'close');
    reply.raw.once('finish', () => {
      logRequest(request, reply);
      if (isUpgrade) request.raw.socket.destroy();
    });
    try {
      for (const step of gate) {
        await step(request, reply);
        if (reply.sent) return;
      }
      throw error;
    } catch (caught) {
      sendError(caught, request, reply);
    }
  }

  const app = Fastify({
    logger: false,
    bodyLimit: limits.bodyLimitBytes,
    // Our own ids only: an incoming X-Request-Id is logged (if well-formed) but never adopted, so a
    // client cannot forge or collide with another request's log entries.
    requestIdHeader: false,
    genReqId: () => newRequestId(),
    // Node's limit for receiving a whole request: the longest, an upload's. Calls have their own.
    requestTimeout: uploadReceiveTimeoutMs,
    forceCloseConnections: true,
    // Shutdown is answered by our own hook, in the uniform error shape.
    return503OnClosing: false,
    // Node answers a request without Host with a bare 400 of its own; the Host check refuses it instead.
    http: { requireHostHeader: false },
    clientErrorHandler: createClientErrorHandler({ newRequestId, logger }),
    frameworkErrors: (error, request, reply) => {
      answerUnroutable(error, request, reply).catch(() => request.raw.socket.destroy());
    },
  });
  // An Expect other than 100-continue: Node would answer a bare 417. Routed, it passes the gate,
  // which refuses it in the uniform shape.
  app.server.on('checkExpectation', (request: IncomingMessage, response) => app.routing(request, response));

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
  // A handshake ws refuses after the route took the socket over (bad Sec-WebSocket-Key or -Version).
  app.websocketServer.on('wsClientError', (error: Error, socket, request: IncomingMessage) => {
    const requestId = requestIds.get(request) ?? newRequestId();
    logger.info('http request', { method: request.method, path: pathOf(request.url ?? ''), status: 400, requestId });
    writeRawErrorResponse(socket, {
      status: 400,
      error: new ApiError('bad_request', `This is not a valid WebSocket handshake: ${error.message}.`),
      requestId,
      headers: { 'sec-websocket-version': '13' },
    });
  });

  await app.register(fastifyRateLimit, {
    global: false,
    max: rateLimit.max,
    timeWindow: rateLimit.windowMs,
    errorResponseBuilder: (_request, context) => rateLimitedError(rateLimit, context.ttl),
  });
  gate = createRequestGate({
    auth,
    allowRemote,
    allowedHosts: () => allowedHosts,
    isClosing: () => state === 'closing',
    rateLimit: app.rateLimit(),
    onRequestId: (request) => requestIds.set(request.raw, request.id),
  });
  for (const step of gate) app.addHook('onRequest', step);

  // A call's body must arrive within its own short time; only uploads get the long one.
  app.addHook('preParsing', async (request, _reply, payload) => {
    const hasBody = request.headers['content-length'] !== undefined || request.headers['transfer-encoding'] !== undefined;
    if (!hasBody || (request.method === 'PUT' && request.routeOptions.url === UPLOADS_ROUTE)) return payload;
    return receiveWithin(payload, apiReceiveTimeoutMs, {
      timeout: () => new HttpApiError('timeout', `The request body did not arrive within ${apiReceiveTimeoutMs} ms; send it again.`, 408),
      interrupted: () => new ApiError('bad_request', 'The request was interrupted before its body arrived.'),
    });
  });

  app.addHook('onResponse', async (request, reply) => logRequest(request, reply));

  app.setErrorHandler(async (error, request, reply) => sendError(error, request, reply));

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
    scope.put(UPLOADS_ROUTE, { bodyLimit: limits.uploadLimitBytes }, async (request, reply) => {
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
      // Source maps would hand out the UI's source: refused like any missing file (404).
      allowedPath: (pathName) => !pathName.endsWith('.map'),
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
