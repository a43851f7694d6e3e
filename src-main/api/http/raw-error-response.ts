// An HTTP/1.1 error answer written straight to a socket, for failures reported where there is no
// response object to use: a request Node's parser rejects, or a WebSocket handshake refused after the
// route took the socket over. The same body, request id and security headers as every other answer;
// the connection is closed once it is sent.
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ApiError } from '../../../src-shared/api/index.js';
import { apiErrorBody } from './http-error-mapper.js';
import { SECURITY_HEADERS } from './security-headers.js';

export interface RawErrorAnswer {
  status: number;
  error: ApiError;
  requestId: string;
  headers?: Readonly<Record<string, string>>;
}

export function rawErrorResponse({ status, error, requestId, headers = {} }: RawErrorAnswer): string {
  const payload = JSON.stringify(apiErrorBody(error, requestId));
  const all: Record<string, string> = {
    'x-request-id': requestId,
    ...SECURITY_HEADERS,
    'cache-control': 'no-store',
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(payload)),
    connection: 'close',
  };
  const lines = Object.entries(all).map(([name, value]) => `${name}: ${value}`);
  return `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n${lines.join('\r\n')}\r\n\r\n${payload}`;
}

/** Writes the answer and closes the socket after it (the client may still be sending). */
export function writeRawErrorResponse(socket: Duplex, answer: RawErrorAnswer): void {
  socket.once('finish', () => socket.destroy());
  socket.end(rawErrorResponse(answer));
}
