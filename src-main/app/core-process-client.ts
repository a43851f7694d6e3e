// The parent's side of one core process: sends calls and uploads, routes results back by request
// id, fans events out, and turns the process's end into a report (asked to close, or crashed, with
// the core's last message). Plain Node: the process itself is a CoreChildProcess, which Electron's
// utilityProcess and Node's child_process.fork both satisfy through small adapters.
import { ApiError } from '../../src-shared/api/api-error.js';
import type { IpcCallResult } from '../../src-shared/api/bridge.js';
import type { AppLogger } from './app-core.js';
import type { CoreEventListener, CoreLink } from './core-link.js';
import { callResultOf, parseCoreToParentMessage, UPLOAD_CHUNK_BYTES, type ParentToCoreMessage } from './core-process-protocol.js';
import { ipcFailure } from './ipc-call-result.js';

export interface CoreProcessExit {
  code: number | null;
  signal: string | null;
  /** What the launcher knows about the end (e.g. a V8 fatal error location), if anything. */
  detail: string | null;
}

/** The core process as its parent sees it. */
export interface CoreChildProcess {
  /** Undefined until the process has spawned and after it has exited. */
  readonly pid: number | undefined;
  postMessage(message: ParentToCoreMessage): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called once, when the process has ended (or could not be started). */
  onExit(listener: (exit: CoreProcessExit) => void): void;
  /** Ends the process now (SIGTERM on POSIX; the core has no handler for it). */
  kill(): void;
}

export interface CoreReadyInfo {
  version: string;
  dataDir: string;
}

export class CoreStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CoreStartError';
  }
}

export interface CoreExitReport {
  /** True when the parent had asked the core to close (an exit after that is no crash). */
  expected: boolean;
  code: number | null;
  signal: string | null;
  /** The core's last words: its start failure or fatal error message, else the launcher's detail. */
  message: string | null;
  /** Whether the core reported that it finished closing (work stopped, database closed). */
  closedInOrder: boolean;
}

export type CoreCloseOutcome = 'closed' | 'killed' | 'unresponsive' | 'not-running';

export interface CoreCloseOptions {
  /** How long the core may take to finish or cancel its work and close the database. */
  timeoutMs: number;
  /** After the bound, how long to wait for the killed process to be gone (default 10 s). */
  killTimeoutMs?: number;
}

export interface CoreProcessClient extends CoreLink {
  readonly pid: number | undefined;
  /** Resolves when the core reports ready; rejects with a CoreStartError carrying the core's message. */
  readonly ready: Promise<CoreReadyInfo>;
  /** Resolves once the process has ended, for whatever reason. */
  readonly exited: Promise<CoreExitReport>;
  /** Asks the core to close and waits, within the bound; kills it past the bound. */
  close(options: CoreCloseOptions): Promise<CoreCloseOutcome>;
}

export interface CoreProcessClientOptions {
  logger: AppLogger;
}

interface PendingUpload {
  data: Uint8Array;
  offset: number;
}

/** A sentence for the user about how the core ended. */
export function describeCoreExit(report: Pick<CoreExitReport, 'code' | 'signal' | 'message'>): string {
  const how = report.signal ? `was ended by signal ${report.signal}` : report.code === null ? 'ended' : `exited with code ${report.code}`;
  return report.message ? `The core process ${how}: ${report.message}` : `The core process ${how}.`;
}

function unavailable(requestId: string, message: string): IpcCallResult {
  return ipcFailure(requestId, new ApiError('unavailable', message));
}

/** Waits for a promise, or gives up after timeoutMs; the timer never outlives the wait. */
async function within<T>(promise: Promise<T>, timeoutMs: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function createCoreProcessClient(child: CoreChildProcess, options: CoreProcessClientOptions): CoreProcessClient {
  const { logger } = options;
  let state: 'starting' | 'running' | 'closing' | 'exited' = 'starting';
  let lastWords: string | null = null;
  let closedInOrder = false;
  let closeRequested = false;
  const pending = new Map<string, (result: IpcCallResult) => void>();
  const uploads = new Map<string, PendingUpload>();
  const listeners = new Set<CoreEventListener>();

  let resolveReady: (info: CoreReadyInfo) => void = () => {};
  let rejectReady: (error: CoreStartError) => void = () => {};
  const ready = new Promise<CoreReadyInfo>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  // Whoever starts the core awaits `ready`; this only keeps an unobserved failure from becoming an
  // unhandled rejection.
  ready.catch(() => {});
  let resolveExited: (report: CoreExitReport) => void = () => {};
  const exited = new Promise<CoreExitReport>((resolve) => (resolveExited = resolve));

  const post = (message: ParentToCoreMessage): boolean => {
    try {
      child.postMessage(message);
      return true;
    } catch (error) {
      logger.warn('Could not send a message to the core process', { type: message.type, error: error instanceof Error ? error.message : String(error) });
      return false;
    }
  };

  const settle = (requestId: string, result: IpcCallResult): void => {
    const resolve = pending.get(requestId);
    if (!resolve) return;
    pending.delete(requestId);
    uploads.delete(requestId);
    resolve(result);
  };

  const sendNextChunk = (requestId: string): void => {
    const upload = uploads.get(requestId);
    if (!upload) return;
    if (upload.offset >= upload.data.byteLength) {
      uploads.delete(requestId);
      post({ type: 'upload-end', requestId });
      return;
    }
    const end = Math.min(upload.offset + UPLOAD_CHUNK_BYTES, upload.data.byteLength);
    // A copy, not a view: structured clone sends a view's whole underlying buffer.
    const chunk = Uint8Array.prototype.slice.call(upload.data, upload.offset, end);
    upload.offset = end;
    post({ type: 'upload-chunk', requestId, data: chunk });
  };

  child.onMessage((raw) => {
    const parsed = parseCoreToParentMessage(raw);
    if (!parsed.ok) {
      logger.warn('Dropped a malformed message from the core process', { problem: parsed.problem });
      return;
    }
    const message = parsed.message;
    switch (message.type) {
      case 'ready':
        if (state !== 'starting') return;
        state = 'running';
        resolveReady({ version: message.version, dataDir: message.dataDir });
        return;
      case 'start-failed':
      case 'fatal':
        lastWords = message.message;
        return;
      case 'result':
        settle(message.requestId, callResultOf(message));
        return;
      case 'event':
        for (const listener of [...listeners]) {
          try {
            listener(message.name, message.payload);
          } catch (error) {
            logger.error('A listener of core events failed', { event: message.name, error: error instanceof Error ? error.message : String(error) });
          }
        }
        return;
      case 'upload-pull':
        sendNextChunk(message.requestId);
        return;
      case 'closed':
        closedInOrder = true;
        return;
    }
  });

  child.onExit((exit) => {
    if (state === 'exited') return;
    const wasStarting = state === 'starting';
    state = 'exited';
    const message = lastWords ?? exit.detail;
    for (const requestId of [...pending.keys()]) {
      settle(requestId, unavailable(requestId, 'The Fieldwise core process stopped before answering; the call may not have finished.'));
    }
    uploads.clear();
    if (wasStarting) {
      rejectReady(new CoreStartError(message ?? `${describeCoreExit({ ...exit, message: null })} It stopped before it was ready.`));
    }
    resolveExited({ expected: closeRequested, code: exit.code, signal: exit.signal, message, closedInOrder });
  });

  let closing: Promise<CoreCloseOutcome> | null = null;
  const notRunningMessage = (): string =>
    state === 'starting'
      ? 'Fieldwise is still starting; try again in a moment.'
      : state === 'closing'
        ? 'Fieldwise is closing.'
        : 'The Fieldwise core process is not running.';

  const request = (requestId: string, message: ParentToCoreMessage, upload?: PendingUpload): Promise<IpcCallResult> => {
    if (state !== 'running') return Promise.resolve(unavailable(requestId, notRunningMessage()));
    if (pending.has(requestId)) return Promise.resolve(ipcFailure(requestId, new ApiError('bad_request', 'A call with this request id is already running.')));
    return new Promise((resolve) => {
      pending.set(requestId, resolve);
      if (upload) uploads.set(requestId, upload);
      if (!post(message)) settle(requestId, ipcFailure(requestId, new ApiError('bad_request', 'The call could not be sent to the core process.')));
    });
  };

  return {
    get pid() {
      return child.pid;
    },
    ready,
    exited,
    call: (requestId, method, input) => request(requestId, { type: 'call', requestId, method, input }),
    upload: (requestId, fileName, data) => request(requestId, { type: 'upload-start', requestId, fileName }, { data, offset: 0 }),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close(closeOptions) {
      closing ??= closeWithin(closeOptions);
      return closing;
    },
  };

  async function closeWithin({ timeoutMs, killTimeoutMs = 10_000 }: CoreCloseOptions): Promise<CoreCloseOutcome> {
    if (state === 'exited') return 'not-running';
    closeRequested = true;
    if (state !== 'closing') {
      state = 'closing';
      post({ type: 'close' });
    }
    if ((await within(exited, timeoutMs)) !== 'timeout') return 'closed';
    logger.warn('The core process did not close in time; ending it', { timeoutMs, pid: child.pid });
    child.kill();
    if ((await within(exited, killTimeoutMs)) !== 'timeout') return 'killed';
    logger.error('The core process is still running after it was ended', { pid: child.pid });
    return 'unresponsive';
  }
}
