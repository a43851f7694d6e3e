// Picks how the renderer talks to the main process: the Electron preload bridge when the page runs in
// the desktop window, HTTP/WebSocket to the page's own origin when it runs in a browser (serve mode).
import type { ApiTransport } from '../../src-shared/api/api-transport.js';
import { BRIDGE_GLOBAL, type FieldwiseBridge } from '../../src-shared/api/bridge.js';
import { createHttpTransport } from './http-transport.js';
import { createIpcTransport } from './ipc-transport.js';

export type TransportKind = 'ipc' | 'http';

export interface SelectedTransport {
  kind: TransportKind;
  transport: ApiTransport;
}

function findBridge(host: object): FieldwiseBridge | undefined {
  const candidate: unknown = (host as Record<string, unknown>)[BRIDGE_GLOBAL];
  return candidate !== null && typeof candidate === 'object' ? (candidate as FieldwiseBridge) : undefined;
}

export function selectTransport(host: Window = window): SelectedTransport {
  const bridge = findBridge(host);
  if (bridge) return { kind: 'ipc', transport: createIpcTransport(bridge) };
  // Serve mode signs the tab in with an HttpOnly cookie after `/?token=...`; the page never sees the token.
  return { kind: 'http', transport: createHttpTransport({ baseUrl: host.location.origin }) };
}
