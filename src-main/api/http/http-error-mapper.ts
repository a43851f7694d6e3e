// Turns anything thrown while serving a request (an ApiError from the dispatcher, one of Fastify's
// own errors, or an unexpected bug) into the one error body every transport returns. Only ApiErrors
// and known framework errors keep a specific message; everything else becomes 'internal' with a
// message that names the request id and nothing of the cause. The HTTP status always matches the
// message: a framework 4xx keeps its own status.
import { API_ERROR_HTTP_STATUS, ApiError, type ApiErrorBody, type ApiErrorCode } from '../../../src-shared/api/index.js';
import { HttpApiError } from './http-api-error.js';
import { BAD_ENCODING_MESSAGE } from './request-path.js';

export interface HttpErrorLimits {
  bodyLimitBytes: number;
  uploadLimitBytes: number;
}

export interface MappedHttpError {
  error: ApiError;
  status: number;
  /** Headers the answer needs besides the usual ones (Retry-After). */
  headers: Readonly<Record<string, string>>;
  /** True when the cause is a bug or an unknown failure: log it, with its stack, under the request id. */
  unexpected: boolean;
}

function frameworkCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function frameworkStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && Number.isInteger(status) ? status : undefined;
}

function known(code: ApiErrorCode, message: string, status = API_ERROR_HTTP_STATUS[code]): MappedHttpError {
  return { error: new ApiError(code, message), status, headers: {}, unexpected: false };
}

export interface HttpErrorContext {
  limits: HttpErrorLimits;
  requestId: string;
  /** Body-size errors name the upload limit instead of the JSON body limit. */
  isUpload: boolean;
}

export function mapHttpError(error: unknown, { limits, requestId, isUpload }: HttpErrorContext): MappedHttpError {
  if (error instanceof HttpApiError) return { error, status: error.status, headers: error.headers, unexpected: false };
  if (error instanceof ApiError) return { error, status: API_ERROR_HTTP_STATUS[error.code], headers: {}, unexpected: false };

  switch (frameworkCode(error)) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return isUpload
        ? known('payload_too_large', `The file is larger than the upload limit of ${limits.uploadLimitBytes} bytes.`)
        : known('payload_too_large', `The request body is larger than the limit of ${limits.bodyLimitBytes} bytes.`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return known('bad_request', 'Send the input as JSON with "Content-Type: application/json".');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return known('bad_request', 'The body is empty but Content-Type says JSON: send "{}" for a call without input.');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return known('bad_request', 'The request body is not valid JSON.');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return known('bad_request', 'The Content-Length header does not match the body.');
    // Raised by the router before any route: answered after the same Host and token checks.
    case 'FST_ERR_BAD_URL':
      return known('bad_request', BAD_ENCODING_MESSAGE);
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return known('bad_request', 'A part of the address between two "/" is too long.', 414);
    default:
      break;
  }

  const status = frameworkStatus(error);
  // The JSON parser throws a SyntaxError carrying statusCode 400; other 4xx come from the framework
  // and describe the request, not the server, but their wording is not ours: keep only the class.
  if (error instanceof SyntaxError && status === 400) return known('bad_request', 'The request body is not valid JSON.');
  if (status === 404) return known('not_found', 'Nothing is served at this address.');
  if (status === 413) return known('payload_too_large', `The request body is larger than the limit of ${limits.bodyLimitBytes} bytes.`);
  if (status === 429) return known('rate_limited', 'Too many requests; wait a moment and try again.');
  if (status === 403) return known('forbidden', 'Access to this address is refused.');
  if (status !== undefined && status >= 400 && status < 500) return known('bad_request', `The request was rejected (HTTP ${status}).`, status);
  return {
    error: new ApiError('internal', `The server failed unexpectedly; see the log entry for request ${requestId}.`),
    status: API_ERROR_HTTP_STATUS.internal,
    headers: {},
    unexpected: true,
  };
}

export function apiErrorBody(error: ApiError, requestId: string): ApiErrorBody {
  const body: ApiErrorBody = { error: { code: error.code, message: error.message, requestId } };
  if (error.details && error.details.length > 0) body.error.details = error.details;
  return body;
}
