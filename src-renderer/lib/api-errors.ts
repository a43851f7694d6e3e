// Helpers to turn whatever a call rejected with into something the UI can show and act on.
import type { ApiErrorCode } from '../../src-shared/api/api-error.js';

export interface ApiErrorLike {
  code: ApiErrorCode;
  message: string;
}

/** Duck-typed so that errors built by any transport (or a second copy of the module) are recognised. */
export function isApiErrorLike(error: unknown): error is ApiErrorLike {
  return (
    error !== null &&
    typeof error === 'object' &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

export function isUnauthorized(error: unknown): boolean {
  return isApiErrorLike(error) && error.code === 'unauthorized';
}

/** The API's messages already name the thing, the reason and the fix: show them as they are. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  if (isApiErrorLike(error)) return error.message;
  if (typeof error === 'string') return error;
  return 'Something went wrong and the app did not get an explanation. Try again; if it persists, check the application log.';
}
