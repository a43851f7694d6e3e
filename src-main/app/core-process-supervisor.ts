// Keeps the core process for Electron main: starts it and waits for ready, gives the IPC transport
// one CoreLink and one event stream that outlive a restart, reports a crash (and restarts only when
// told to), and closes it within a bound on quit. Plain Node, so the same code runs in the tests
// against a core forked by child_process.
import { ApiError } from '../../src-shared/api/api-error.js';
import type { AppLogger } from './app-core.js';
import type { CoreEventListener, CoreLink } from './core-link.js';
import {
  createCoreProcessClient,
  describeCoreExit,
  type CoreChildProcess,
  type CoreCloseOutcome,
  type CoreExitReport,
  type CoreProcessClient,
  type CoreReadyInfo,
} from './core-process-client.js';
import { ipcFailure } from './ipc-call-result.js';

export interface CoreSupervisorOptions {
  /** Starts a new core process: utilityProcess.fork in Electron, child_process.fork in tests. */
  launch: () => CoreChildProcess;
  logger: AppLogger;
  /** How long the core may take to close on quit before it is ended. */
  closeTimeoutMs: number;
  /** After ending it, how long to wait for the process to be gone. */
  killTimeoutMs?: number;
}

export interface CoreSupervisor {
  /** Routes to the running core; answers 'unavailable' while there is none. */
  readonly link: CoreLink;
  /** The running core's process id, if any. */
  readonly pid: number | undefined;
  /** Starts a core process and waits for ready. Rejects with CoreStartError (the core's message). */
  start(): Promise<CoreReadyInfo>;
  /** Called when a core that was ready ends without having been asked to. Nothing restarts by itself. */
  onUnexpectedExit(listener: (report: CoreExitReport) => void): () => void;
  /** Asks the running core to close, within the bound. No core starts after this. */
  close(): Promise<CoreCloseOutcome>;
}

export function createCoreSupervisor(options: CoreSupervisorOptions): CoreSupervisor {
  const { logger } = options;
  let current: CoreProcessClient | null = null;
  let closed = false;
  const eventListeners = new Set<CoreEventListener>();
  const exitListeners = new Set<(report: CoreExitReport) => void>();

  const notRunning = (requestId: string) =>
    Promise.resolve(ipcFailure(requestId, new ApiError('unavailable', 'The Fieldwise core process is not running.')));

  const link: CoreLink = {
    call: (requestId, method, input) => (current ? current.call(requestId, method, input) : notRunning(requestId)),
    upload: (requestId, fileName, data) => (current ? current.upload(requestId, fileName, data) : notRunning(requestId)),
    subscribe(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
  };

  return {
    link,
    get pid() {
      return current?.pid;
    },
    async start() {
      if (closed) throw new Error('The core supervisor is closed.');
      if (current) throw new Error('A core process is already running.');
      const client = createCoreProcessClient(options.launch(), { logger });
      current = client;
      client.subscribe((name, payload) => {
        for (const listener of [...eventListeners]) listener(name, payload);
      });
      let wasReady = false;
      void client.exited.then((report) => {
        if (current === client) current = null;
        if (report.expected || !wasReady) return;
        logger.error('The core process stopped unexpectedly', { code: report.code, signal: report.signal, message: report.message });
        for (const listener of [...exitListeners]) listener(report);
      });
      try {
        const info = await client.ready;
        wasReady = true;
        logger.info('The core process is ready', { pid: client.pid, dataDir: info.dataDir });
        return info;
      } catch (error) {
        if (current === client) current = null;
        throw error;
      }
    },
    onUnexpectedExit(listener) {
      exitListeners.add(listener);
      return () => exitListeners.delete(listener);
    },
    async close() {
      closed = true;
      const client = current;
      if (!client) return 'not-running';
      const outcome = await client.close({ timeoutMs: options.closeTimeoutMs, ...(options.killTimeoutMs ? { killTimeoutMs: options.killTimeoutMs } : {}) });
      logger.info('The core process has ended', { outcome });
      return outcome;
    },
  };
}

/** The detail of the crash dialog: how the core ended, what that means for running work, where the data is. */
export function coreCrashDetail(report: Pick<CoreExitReport, 'code' | 'signal' | 'message'>, dataDir: string): string {
  return [
    describeCoreExit(report),
    'Imports and discovery runs that were running stopped with it; they are marked interrupted when the core starts again. ' +
      'Everything committed before the crash is kept.',
    `Data folder: ${dataDir}`,
  ].join('\n\n');
}
