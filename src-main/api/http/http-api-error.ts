// An ApiError that HTTP answers with a status other than its code's usual one, and with headers of
// its own: the codes are a closed set every transport shares, but HTTP has finer statuses a client
// or proxy acts on (408 request timeout, 414, 417, 431, Retry-After on 429).
import { ApiError, type ApiErrorCode } from '../../../src-shared/api/index.js';

export class HttpApiError extends ApiError {
  constructor(
    code: ApiErrorCode,
    message: string,
    readonly status: number,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(code, message);
    this.name = 'HttpApiError';
  }
}
