// The checks every request passes before it reaches a route, in this order: request id and security
// headers -> shutting down / Host -> rate limit -> token -> request shape (".." paths, Expect).
// They run as onRequest hooks, and again, step by step, for a request the router could not route (a
// malformed URL): such a request gets the same 403, 429 or 401 as any other before its 400, and never
// reaches a route.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../../../src-shared/api/index.js';
import { HttpApiError } from './http-api-error.js';
import { pathOf, queryParam, unsafePathProblem } from './request-path.js';
import { SECURITY_HEADERS } from './security-headers.js';
import type { TokenAuth } from './token-auth.js';

/** One check. It throws an ApiError to refuse, or answers itself (reply.sent) to end the request. */
export type GateStep = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

export const UNAUTHENTICATED_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz']);

export interface RequestGateOptions {
  auth: TokenAuth;
  allowRemote: boolean;
  /** Host header values the server answers to (known once it listens). */
  allowedHosts(): ReadonlySet<string>;
  isClosing(): boolean;
  /** The rate limiter's own hook. */
  rateLimit: GateStep;
  /** Told each request's id as it is assigned (the WebSocket 101 carries it too). */
  onRequestId(request: FastifyRequest): void;
}

export function createRequestGate(options: RequestGateOptions): GateStep[] {
  const { auth } = options;

  // First, so even a 429 or 401 carries the request id and the security headers.
  const identifyAndCheckHost: GateStep = async (request, reply) => {
    options.onRequestId(request);
    reply.header('x-request-id', request.id);
    reply.headers(SECURITY_HEADERS);
    const requestPath = pathOf(request.url);
    if (requestPath.startsWith('/api/') || UNAUTHENTICATED_PATHS.has(requestPath)) reply.header('cache-control', 'no-store');
    if (options.isClosing() && !UNAUTHENTICATED_PATHS.has(requestPath)) {
      throw new ApiError('unavailable', 'Fieldwise is shutting down; start fieldwise serve again.');
    }
    // Also refuses a request without Host (Node's own bare 400 for that is turned off).
    if (!options.allowRemote && !options.allowedHosts().has((request.headers.host ?? '').toLowerCase())) {
      throw new ApiError('forbidden', 'Serve mode only answers requests addressed to 127.0.0.1 or localhost.');
    }
  };

  // `GET /?token=` trades a valid token for the cookie and redirects to `/`, so the token leaves the
  // address bar (and the browser history keeps only `/`).
  const checkToken: GateStep = async (request, reply) => {
    const requestPath = pathOf(request.url);
    if (UNAUTHENTICATED_PATHS.has(requestPath)) return;
    const offered = requestPath === '/' && request.method === 'GET' ? queryParam(request.url, 'token') : null;
    if (offered !== null) {
      if (!auth.matches(offered)) {
        throw new ApiError('unauthorized', 'This sign-in link is not valid for this server: copy the link that fieldwise serve printed.');
      }
      return reply.code(303).header('set-cookie', auth.setCookie).header('location', '/').send();
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
  };

  // What no route should see: a path that climbs out of its folder, an expectation we cannot meet.
  const checkShape: GateStep = async (request) => {
    const problem = unsafePathProblem(pathOf(request.url));
    if (problem !== null) throw new ApiError('bad_request', problem);
    const expect = request.headers.expect;
    if (expect !== undefined && expect.toLowerCase() !== '100-continue') {
      throw new HttpApiError('bad_request', 'The server cannot meet the Expect header of this request; send it without.', 417);
    }
  };

  return [identifyAndCheckHost, options.rateLimit, checkToken, checkShape];
}
