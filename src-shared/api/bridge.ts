// The object the Electron preload exposes to the window as `window.fieldwise`. It is derived from
// the contract: one function per call and one subscription per event, nothing generic.
import type { ApiMethod } from './contract.js';
import type { ApiEventName } from './events.js';

export const BRIDGE_GLOBAL = 'fieldwise';
export const IPC_CALL_CHANNEL = 'fieldwise:call';
export const IPC_EVENT_CHANNEL = 'fieldwise:event';
export const IPC_UPLOAD_CHANNEL = 'fieldwise:upload';
export const IPC_DOWNLOAD_CHANNEL = 'fieldwise:download';

/** What crosses the IPC boundary for a call: never a thrown Error (Electron flattens those). */
export type IpcCallResult =
  | { ok: true; result: unknown }
  | { ok: false; error: { code: string; message: string; requestId: string; details?: { path: string; message: string }[] } };

export interface FieldwiseBridge {
  readonly calls: { readonly [M in ApiMethod]: (input: unknown) => Promise<IpcCallResult> };
  readonly events: { readonly [E in ApiEventName]: (listener: (payload: unknown) => void) => () => void };
  upload(fileName: string, data: ArrayBuffer): Promise<IpcCallResult>;
  /** Asks main to save a finished export where the person chooses (a save dialog); no content crosses IPC. */
  download(exportId: string): Promise<IpcCallResult>;
}
