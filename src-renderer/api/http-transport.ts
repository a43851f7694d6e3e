// The API transport for a renderer running in a browser (serve mode): calls are POSTs to
// /api/call/<method>, uploads are PUTs to /api/uploads, and events arrive over one shared WebSocket
// that reconnects with exponential backoff. In the browser the session cookie set by `/?token=`
// authenticates everything; a token passed in (scripts, tests) travels as a Bearer header and, for
// the WebSocket (which cannot carry headers), as a subprotocol.
import { ApiError, ApiErrorBody, type ApiErrorCode } from '../../src-shared/api/api-error.js';
import type { ApiTransport, DownloadOutcome, UploadResult } from '../../src-shared/api/api-transport.js';

// Must match src-main/api/http/token-auth.ts (the lead may move both into src-shared/api).
const EVENTS_PROTOCOL = 'fieldwise.v1';
const TOKEN_PROTOCOL_PREFIX = 'fieldwise.token.';

export interface HttpTransportTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface HttpTransportOptions {
  /** The server's origin, e.g. `window.location.origin` or http://127.0.0.1:4780. */
  baseUrl: string;
  /** Only outside the browser tab: the tab authenticates with its HttpOnly cookie. */
  token?: string;
  fetch?: typeof fetch;
  WebSocket?: typeof WebSocket;
  /** Reconnect delays: initial, doubling up to max. Defaults 500 ms and 15 s. */
  reconnect?: { initialDelayMs?: number; maxDelayMs?: number };
  timers?: HttpTransportTimers;
  /** Told when the event stream opens or drops; after a drop the UI should reload what it shows. */
  onConnectionChange?: (connected: boolean) => void;
  /**
   * Hands a download URL to the browser (default: a link with the `download` attribute, clicked, so
   * the file streams to disk and the session cookie goes along). Scripts and tests pass their own.
   */
  openDownload?: (url: string, fileName: string) => void;
  /** A listener threw; the others still run. Default: rethrown asynchronously so it is reported. */
  onListenerError?: (error: unknown) => void;
}

export interface HttpTransport extends ApiTransport {
  /** Closes the event socket and stops reconnecting; calls still work. */
  close(): void;
}

type Listener = (payload: unknown) => void;

const STATUS_CODES: Partial<Record<number, ApiErrorCode>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  429: 'rate_limited',
  502: 'unavailable',
  503: 'unavailable',
  504: 'timeout',
};

function clickDownloadLink(url: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
}

export function createHttpTransport(options: HttpTransportOptions): HttpTransport {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const SocketClass = options.WebSocket ?? globalThis.WebSocket;
  const timers: HttpTransportTimers = options.timers ?? {
    setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
    clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
  };
  const initialDelayMs = options.reconnect?.initialDelayMs ?? 500;
  const maxDelayMs = options.reconnect?.maxDelayMs ?? 15_000;
  const onListenerError =
    options.onListenerError ??
    ((error: unknown) => {
      queueMicrotask(() => {
        throw error;
      });
    });

  const listeners = new Map<string, Set<Listener>>();
  let socket: WebSocket | null = null;
  let reconnectTimer: unknown = null;
  let attempt = 0;
  let closed = false;
  let connected = false;

  /** Reports transitions only: failed reconnect attempts do not repeat "disconnected". */
  function setConnected(value: boolean): void {
    if (connected === value) return;
    connected = value;
    options.onConnectionChange?.(value);
  }

  const unreachable = (): ApiError => new ApiError('unavailable', `Cannot reach Fieldwise at ${baseUrl}: is serve mode still running?`);

  function authHeaders(): Record<string, string> {
    return options.token ? { authorization: `Bearer ${options.token}` } : {};
  }

  async function request(url: string, init: RequestInit): Promise<unknown> {
    let response: Response;
    try {
      // Same origin in the browser: the cookie goes along; nothing is sent to other origins.
      response = await doFetch(url, { ...init, credentials: 'same-origin' });
    } catch {
      throw unreachable();
    }
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    if (response.ok && typeof body === 'object' && body !== null && 'result' in body) {
      return (body as { result: unknown }).result;
    }
    const parsed = ApiErrorBody.safeParse(body);
    if (parsed.success) {
      const { code, message, details } = parsed.data.error;
      throw new ApiError(code, message, details);
    }
    // Not our server's answer (a proxy, another program on the port): say what came back.
    const code = STATUS_CODES[response.status] ?? (response.ok ? 'internal' : response.status >= 500 ? 'unavailable' : 'bad_request');
    throw new ApiError(code, `Fieldwise at ${baseUrl} answered HTTP ${response.status} without a readable result.`);
  }

  function dispatch(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    const { event, payload } = message as { event?: unknown; payload?: unknown };
    if (typeof event !== 'string') return;
    for (const listener of [...(listeners.get(event) ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        onListenerError(error);
      }
    }
  }

  function hasListeners(): boolean {
    for (const set of listeners.values()) if (set.size > 0) return true;
    return false;
  }

  function connect(): void {
    reconnectTimer = null;
    if (closed || socket !== null || !hasListeners()) return;
    const url = `${baseUrl.replace(/^http/, 'ws')}/api/events`;
    const protocols = options.token ? [EVENTS_PROTOCOL, TOKEN_PROTOCOL_PREFIX + options.token] : [EVENTS_PROTOCOL];
    const current = new SocketClass(url, protocols);
    socket = current;
    current.onopen = () => {
      attempt = 0;
      setConnected(true);
    };
    current.onmessage = (event: MessageEvent) => dispatch(event.data);
    current.onerror = () => {
      // Always followed by close, which decides what to do.
    };
    current.onclose = () => {
      if (socket !== current) return;
      socket = null;
      setConnected(false);
      scheduleReconnect();
    };
  }

  function scheduleReconnect(): void {
    if (closed || reconnectTimer !== null || !hasListeners()) return;
    const delay = Math.min(maxDelayMs, initialDelayMs * 2 ** attempt);
    attempt += 1;
    reconnectTimer = timers.setTimeout(connect, delay);
  }

  function disconnect(): void {
    if (reconnectTimer !== null) {
      timers.clearTimeout(reconnectTimer);
      reconnectTimer = null;
    }
    const current = socket;
    socket = null;
    attempt = 0;
    if (current) {
      current.onclose = null;
      current.onmessage = null;
      current.close(1000);
    }
    setConnected(false);
  }

  return {
    invoke(method, input) {
      return request(`${baseUrl}/api/call/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...authHeaders() },
        body: JSON.stringify(input ?? {}),
      });
    },

    subscribe(event, listener) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      // Wrapped so the same function subscribed twice gets two independent subscriptions.
      const entry: Listener = (payload) => listener(payload);
      set.add(entry);
      if (socket === null && reconnectTimer === null) connect();
      return () => {
        set.delete(entry);
        if (set.size === 0) listeners.delete(event);
        if (!hasListeners()) disconnect();
      };
    },

    async upload(fileName: string, data: Blob): Promise<UploadResult> {
      const result = await request(`${baseUrl}/api/uploads?name=${encodeURIComponent(fileName)}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/octet-stream', ...authHeaders() },
        body: data,
      });
      if (typeof result !== 'object' || result === null) throw new ApiError('internal', 'The upload answer has no upload id.');
      const { uploadId, bytes } = result as Partial<UploadResult>;
      if (typeof uploadId !== 'string' || typeof bytes !== 'number') throw new ApiError('internal', 'The upload answer has no upload id.');
      return { uploadId, bytes };
    },

    async download(exportId: string, fileName: string): Promise<DownloadOutcome> {
      const url = `${baseUrl}/api/exports/${encodeURIComponent(exportId)}/file`;
      (options.openDownload ?? clickDownloadLink)(url, fileName);
      return { status: 'started' };
    },

    close() {
      closed = true;
      listeners.clear();
      disconnect();
    },
  };
}
