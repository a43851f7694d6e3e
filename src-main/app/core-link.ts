// What Electron main's IPC transport needs from the core: calls, uploads and events. In the desktop
// app the core lives in another process, so this is the relay's face towards the window; tests pass
// a fake. Every answer is an IpcCallResult: the link never throws for a failed call.
import type { ApiEventName } from '../../src-shared/api/events.js';
import type { IpcCallResult } from '../../src-shared/api/bridge.js';

export type CoreEventListener = (name: ApiEventName, payload: unknown) => void;

export interface CoreLink {
  /** Dispatches one call; the core validates input and output against the contract. */
  call(requestId: string, method: string, input: unknown): Promise<IpcCallResult>;
  /** Saves an upload in the core's upload store (which enforces its size limit). */
  upload(requestId: string, fileName: string, data: Uint8Array): Promise<IpcCallResult>;
  /** Every event the core publishes, in order. Returns the unsubscribe function. */
  subscribe(listener: CoreEventListener): () => void;
}
