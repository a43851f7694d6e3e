// The renderer's transport when it runs inside the Electron window: calls go through the preload's
// bridge (window.fieldwise), whose results are mapped back to ApiErrors. No Node, no electron here.
import { API_ERROR_CODES, ApiError, type ApiErrorCode } from '../../src-shared/api/api-error.js';
import type { ApiTransport, DownloadOutcome, UploadResult } from '../../src-shared/api/api-transport.js';
import type { FieldwiseBridge, IpcCallResult } from '../../src-shared/api/bridge.js';
import { isApiMethod } from '../../src-shared/api/contract.js';
import { apiEvents, type ApiEventName } from '../../src-shared/api/events.js';

function isEventName(name: string): name is ApiEventName {
  return Object.prototype.hasOwnProperty.call(apiEvents, name);
}

function isErrorCode(code: string): code is ApiErrorCode {
  return (API_ERROR_CODES as readonly string[]).includes(code);
}

function unwrap(outcome: IpcCallResult): unknown {
  if (outcome.ok) return outcome.result;
  const { code, message, details } = outcome.error;
  throw new ApiError(isErrorCode(code) ? code : 'internal', message, details);
}

function isUploadResult(value: unknown): value is UploadResult {
  if (typeof value !== 'object' || value === null) return false;
  const { uploadId, bytes } = value as Record<string, unknown>;
  return typeof uploadId === 'string' && typeof bytes === 'number';
}

function isDownloadOutcome(value: unknown): value is DownloadOutcome {
  if (typeof value !== 'object' || value === null) return false;
  const { status, path } = value as Record<string, unknown>;
  return (status === 'saved' || status === 'cancelled') && (path === undefined || typeof path === 'string');
}

export function createIpcTransport(bridge: FieldwiseBridge): ApiTransport {
  return {
    async invoke(method, input) {
      if (!isApiMethod(method)) throw new ApiError('not_found', `Unknown API call "${method.slice(0, 100)}".`);
      return unwrap(await bridge.calls[method](input));
    },
    subscribe(event, listener) {
      if (!isEventName(event)) throw new ApiError('not_found', `Unknown API event "${event.slice(0, 100)}".`);
      return bridge.events[event](listener);
    },
    async upload(fileName, data): Promise<UploadResult> {
      const result = unwrap(await bridge.upload(fileName, await data.arrayBuffer()));
      if (!isUploadResult(result)) throw new ApiError('internal', `The upload of "${fileName}" returned no upload id.`);
      return { uploadId: result.uploadId, bytes: result.bytes };
    },
    async download(exportId): Promise<DownloadOutcome> {
      const result = unwrap(await bridge.download(exportId));
      if (!isDownloadOutcome(result)) throw new ApiError('internal', 'Saving the export returned no outcome.');
      return result;
    },
  };
}
