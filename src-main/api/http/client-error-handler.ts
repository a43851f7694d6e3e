// Answers what Node's HTTP parser rejects before Fastify sees a request: bytes that are not HTTP/1.1,
// headers over Node's size limit (431), a request not received within the receive timeout (408).
// There is no request yet whose Host or token could be checked, so nothing reaches a route and the
// answer says only what was wrong with the bytes; the connection is then closed.
import { maxHeaderSize } from 'node:http';
import type { Duplex } from 'node:stream';
import { ApiError } from '../../../src-shared/api/index.js';
import type { HttpLogger } from './http-server-core.js';
import { writeRawErrorResponse } from './raw-error-response.js';

export interface ClientErrorAnswer {
  status: number;
  error: ApiError;
}

export function clientErrorAnswer(code: string | undefined): ClientErrorAnswer {
  switch (code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, error: new ApiError('timeout', 'The request did not arrive in time, so it was not read; send it again.') };
    case 'HPE_HEADER_OVERFLOW':
      return {
        status: 431,
        error: new ApiError('bad_request', `The request line and headers are larger than ${maxHeaderSize} bytes, so the request was not read.`),
      };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { status: 413, error: new ApiError('payload_too_large', 'The chunk extensions of the body are too large, so the request was not read.') };
    default:
      return { status: 400, error: new ApiError('bad_request', 'The request is not valid HTTP/1.1, so it was not read.') };
  }
}

/** True when an answer to an earlier request on this socket has begun: writing now would corrupt it. */
function answerInProgress(socket: Duplex): boolean {
  // The same check Node's own fallback makes (_http_server.js, socketOnError).
  return (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
}

export function createClientErrorHandler(deps: { newRequestId: () => string; logger: HttpLogger }): (error: NodeJS.ErrnoException, socket: Duplex) => void {
  return (error, socket) => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const requestId = deps.newRequestId();
    const { status, error: apiError } = clientErrorAnswer(error.code);
    // Never the raw bytes: they may hold the token.
    deps.logger.info('http request', { status, requestId, parserError: error.code ?? 'unknown' });
    if (!socket.writable || answerInProgress(socket)) {
      socket.destroy();
      return;
    }
    writeRawErrorResponse(socket, { status, error: apiError, requestId });
  };
}
