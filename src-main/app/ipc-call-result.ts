// How a call's outcome crosses a process boundary: always an IpcCallResult, never a thrown Error.
// Used on both sides of the relay: the core process settles dispatcher calls and uploads with it,
// and Electron main answers the window with it (sender refused, core not running).
import { ApiError } from '../../src-shared/api/api-error.js';
import type { IpcCallResult } from '../../src-shared/api/bridge.js';

export function ipcFailure(requestId: string, error: ApiError): IpcCallResult {
  return {
    ok: false,
    error: {
      code: error.code,
      message: error.message,
      requestId,
      ...(error.details ? { details: error.details } : {}),
    },
  };
}

/**
 * Runs one call and maps its outcome to an IpcCallResult. ApiErrors pass through as they are (they
 * are written to be shown); anything else is reported to onUnexpected and becomes a generic
 * 'internal' error that names the request id but no internals.
 */
export async function settleIpcCall(
  requestId: string,
  run: () => Promise<unknown>,
  onUnexpected: (error: unknown) => void,
): Promise<IpcCallResult> {
  try {
    return { ok: true, result: await run() };
  } catch (error) {
    if (error instanceof ApiError) return ipcFailure(requestId, error);
    onUnexpected(error);
    return ipcFailure(requestId, new ApiError('internal', `The call failed unexpectedly; see the log entry for request ${requestId}.`));
  }
}
