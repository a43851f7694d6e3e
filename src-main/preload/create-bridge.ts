// Builds the window's bridge from the API contract: one function per call in API_METHODS, one
// subscription per event in apiEvents, upload and download. Nothing generic is exposed: the window can name
// neither a channel nor an ipcRenderer method, and unknown event names from main are dropped.
// Takes a narrow IPC interface so it can be tested without Electron.
import { API_METHODS, type ApiMethod } from '../../src-shared/api/contract.js';
import { apiEvents, type ApiEventName } from '../../src-shared/api/events.js';
import {
  IPC_CALL_CHANNEL,
  IPC_DOWNLOAD_CHANNEL,
  IPC_EVENT_CHANNEL,
  IPC_UPLOAD_CHANNEL,
  type FieldwiseBridge,
  type IpcCallResult,
} from '../../src-shared/api/bridge.js';

/** The parts of Electron's ipcRenderer the bridge uses. */
export interface PreloadIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export interface BridgeOptions {
  /** Called when a window-side event listener throws; the other listeners still run. */
  onListenerError?: (error: unknown) => void;
}

const EVENT_NAMES = Object.keys(apiEvents) as ApiEventName[];

function recordOf<K extends string, V>(keys: readonly K[], make: (key: K) => V): { readonly [P in K]: V } {
  return Object.freeze(Object.fromEntries(keys.map((key) => [key, make(key)])) as { [P in K]: V });
}

function isEventName(name: unknown): name is ApiEventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(apiEvents, name);
}

/** Main always answers with an IpcCallResult; this covers the case where it could not answer at all. */
function unavailable(error: unknown): IpcCallResult {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    ok: false,
    error: { code: 'unavailable', message: `The main process did not answer (${reason.slice(0, 200)}).`, requestId: '' },
  };
}

export function createBridge(ipc: PreloadIpc, options: BridgeOptions = {}): FieldwiseBridge {
  const onListenerError = options.onListenerError ?? ((error: unknown) => console.error('Fieldwise event listener failed', error));
  const listeners = new Map<ApiEventName, Set<(payload: unknown) => void>>(EVENT_NAMES.map((name) => [name, new Set()]));

  // One IPC listener for all events; the IPC event object (which reaches ipcRenderer) is never passed on.
  ipc.on(IPC_EVENT_CHANNEL, (_event, name, payload) => {
    if (!isEventName(name)) return;
    for (const listener of [...(listeners.get(name) ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        onListenerError(error);
      }
    }
  });

  const invoke = async (channel: string, ...args: unknown[]): Promise<IpcCallResult> => {
    try {
      return (await ipc.invoke(channel, ...args)) as IpcCallResult;
    } catch (error) {
      return unavailable(error);
    }
  };

  const calls = recordOf<ApiMethod, (input: unknown) => Promise<IpcCallResult>>(API_METHODS, (method) => (input) =>
    invoke(IPC_CALL_CHANNEL, method, input),
  );

  const events = recordOf<ApiEventName, (listener: (payload: unknown) => void) => () => void>(EVENT_NAMES, (name) => (listener) => {
    if (typeof listener !== 'function') throw new TypeError(`A listener for "${name}" must be a function.`);
    // Wrap, so the same function subscribed twice gets two independent subscriptions.
    const subscription = (payload: unknown): void => listener(payload);
    listeners.get(name)?.add(subscription);
    return () => {
      listeners.get(name)?.delete(subscription);
    };
  });

  return Object.freeze({
    calls,
    events,
    upload: (fileName: string, data: ArrayBuffer) => invoke(IPC_UPLOAD_CHANNEL, fileName, data),
    download: (exportId: string) => invoke(IPC_DOWNLOAD_CHANNEL, exportId),
  });
}
