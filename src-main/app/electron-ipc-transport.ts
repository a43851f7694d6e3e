// The Electron IPC transport: a thin adapter from the preload's four channels to the core, which
// runs in its own process behind a CoreLink (calls, uploads, events, and downloads of finished
// exports, which main saves where the person chooses without sending their content over IPC). Every message's sender is
// checked here in main (our window's main frame, showing our origin) before anything reaches the
// core, and every answer is an IpcCallResult: errors never cross IPC as throws, because Electron
// flattens thrown errors into strings with internal detail.
// It depends on narrow interfaces, not on Electron's classes, so it is testable under plain Node.
import { randomUUID } from 'node:crypto';
import { ApiError } from '../../src-shared/api/api-error.js';
import type { DownloadOutcome } from '../../src-shared/api/api-transport.js';
import { IPC_CALL_CHANNEL, IPC_DOWNLOAD_CHANNEL, IPC_EVENT_CHANNEL, IPC_UPLOAD_CHANNEL, type IpcCallResult } from '../../src-shared/api/bridge.js';
import type { ExportFormat } from '../../src-shared/api/exports.js';
import type { AppLogger } from './app-core.js';
import type { CoreLink } from './core-link.js';
import { MAX_UPLOAD_FILE_NAME_LENGTH } from './core-process-protocol.js';
import { ipcFailure } from './ipc-call-result.js';

const SAFE_EXPORT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The parts of Electron's IpcMainInvokeEvent the transport reads. */
export interface IpcInvokeEventLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: { readonly url: string; readonly parent: object | null } | null;
}

/** The parts of Electron's IpcMain (or webContents.ipc) the transport uses. */
export interface IpcHandlerRegistry {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<IpcCallResult>): void;
  removeHandler(channel: string): void;
}

/** The parts of the window's WebContents the transport uses. */
export interface IpcWindowContents {
  readonly id: number;
  readonly ipc: IpcHandlerRegistry;
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

export interface IpcTransportOptions {
  /** The core's calls, uploads and events (in the desktop app: the relay to the core process). */
  core: CoreLink;
  logger: AppLogger;
  /** The window's webContents. Handlers are registered on its own ipc, so no other contents reach them. */
  contents: IpcWindowContents;
  /** Whether a frame URL belongs to the app's origin. */
  isAppUrl: (url: string) => boolean;
  newRequestId?: () => string;
  /**
   * Saves a finished export (a file in the data folder's exports/) where the person chooses: in the
   * desktop app a save dialog and a copy. Told the job's id, format and suggested file name.
   */
  saveExport: (file: ExportToSave) => Promise<DownloadOutcome>;
}

export interface ExportToSave {
  id: string;
  format: ExportFormat;
  fileName: string;
}

export interface IpcTransport {
  /** Removes the handlers and the event subscription. Safe to call twice. */
  dispose(): void;
}

export interface IpcSenderInfo {
  webContentsId: number;
  /** null when the frame is gone (navigated or destroyed) by the time the message is handled. */
  frameUrl: string | null;
  isMainFrame: boolean;
}

export interface TrustedSender {
  webContentsId: number;
  isAppUrl: (url: string) => boolean;
}

export function describeIpcSender(event: IpcInvokeEventLike): IpcSenderInfo {
  const frame = event.senderFrame;
  return { webContentsId: event.sender.id, frameUrl: frame?.url ?? null, isMainFrame: frame !== null && frame.parent === null };
}

/** Only our window's main frame, while it shows our origin, may call. Subframes and other windows may not. */
export function isTrustedIpcSender(sender: IpcSenderInfo, trusted: TrustedSender): boolean {
  return (
    sender.webContentsId === trusted.webContentsId &&
    sender.isMainFrame &&
    sender.frameUrl !== null &&
    trusted.isAppUrl(sender.frameUrl)
  );
}

/** The bytes of an upload as they arrive over IPC (an ArrayBuffer, or a view such as a Buffer), or null. */
export function uploadBytes(data: unknown): Uint8Array | null {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return null;
}

export function registerIpcTransport(options: IpcTransportOptions): IpcTransport {
  const { core, logger, contents, isAppUrl } = options;
  const newRequestId = options.newRequestId ?? randomUUID;
  const trusted: TrustedSender = { webContentsId: contents.id, isAppUrl };

  const rejectUntrusted = (event: IpcInvokeEventLike, channel: string, requestId: string): IpcCallResult | null => {
    const sender = describeIpcSender(event);
    if (isTrustedIpcSender(sender, trusted)) return null;
    logger.warn('Rejected an IPC message from an untrusted sender', {
      channel,
      requestId,
      webContentsId: sender.webContentsId,
      isMainFrame: sender.isMainFrame,
      frameUrl: sender.frameUrl?.slice(0, 200) ?? null,
    });
    return ipcFailure(requestId, new ApiError('forbidden', 'This message did not come from the Fieldwise window.'));
  };
  // The link answers every call with an IpcCallResult; a throw would be a bug in the relay, and
  // still must not reach the window as an Electron-flattened error.
  const relay = async (channel: string, requestId: string, run: () => Promise<IpcCallResult>): Promise<IpcCallResult> => {
    try {
      return await run();
    } catch (error) {
      logger.error('IPC call failed unexpectedly', { channel, requestId, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      return ipcFailure(requestId, new ApiError('internal', `The call failed unexpectedly; see the log entry for request ${requestId}.`));
    }
  };

  contents.ipc.handle(IPC_CALL_CHANNEL, async (event, method, input) => {
    const requestId = newRequestId();
    const rejected = rejectUntrusted(event, IPC_CALL_CHANNEL, requestId);
    if (rejected) return rejected;
    if (typeof method !== 'string') return ipcFailure(requestId, new ApiError('bad_request', 'The call name must be a string.'));
    return relay(IPC_CALL_CHANNEL, requestId, () => core.call(requestId, method, input));
  });

  contents.ipc.handle(IPC_UPLOAD_CHANNEL, async (event, fileName, data) => {
    const requestId = newRequestId();
    const rejected = rejectUntrusted(event, IPC_UPLOAD_CHANNEL, requestId);
    if (rejected) return rejected;
    if (typeof fileName !== 'string' || fileName.length === 0 || fileName.length > MAX_UPLOAD_FILE_NAME_LENGTH) {
      return ipcFailure(requestId, new ApiError('bad_request', `An upload needs a file name of 1 to ${MAX_UPLOAD_FILE_NAME_LENGTH} characters.`));
    }
    const bytes = uploadBytes(data);
    if (bytes === null) return ipcFailure(requestId, new ApiError('bad_request', "An upload's data must be an ArrayBuffer."));
    // The core's upload store enforces the size limit as the bytes arrive.
    return relay(IPC_UPLOAD_CHANNEL, requestId, () => core.upload(requestId, fileName, bytes));
  });

  contents.ipc.handle(IPC_DOWNLOAD_CHANNEL, async (event, exportId) => {
    const requestId = newRequestId();
    const rejected = rejectUntrusted(event, IPC_DOWNLOAD_CHANNEL, requestId);
    if (rejected) return rejected;
    if (typeof exportId !== 'string' || !SAFE_EXPORT_ID.test(exportId)) {
      return ipcFailure(requestId, new ApiError('bad_request', 'A download needs the id of an export (letters, digits, "-" and "_").'));
    }
    return relay(IPC_DOWNLOAD_CHANNEL, requestId, async () => {
      // The core says whether the export finished with a file in the data folder; only then is it saved.
      const answer = await core.call(requestId, 'exports.get', { id: exportId });
      if (!answer.ok) return answer;
      const job = answer.result as { id: string; format: ExportFormat; fileName: string; downloadable: boolean };
      if (!job.downloadable) {
        return ipcFailure(requestId, new ApiError('not_found', 'This export has no file to download: it is still running, failed or was cancelled, or is older than a day. Export again.'));
      }
      const outcome = await options.saveExport({ id: job.id, format: job.format, fileName: job.fileName });
      return { ok: true, result: outcome };
    });
  });

  const unsubscribe = core.subscribe((name, payload) => {
    if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, name, payload);
  });

  let disposed = false;
  return {
    dispose() {
      if (disposed) return;
      disposed = true;
      unsubscribe();
      // A destroyed webContents throws on property access; its handlers died with it.
      if (contents.isDestroyed()) return;
      contents.ipc.removeHandler(IPC_CALL_CHANNEL);
      contents.ipc.removeHandler(IPC_UPLOAD_CHANNEL);
      contents.ipc.removeHandler(IPC_DOWNLOAD_CHANNEL);
    },
  };
}
