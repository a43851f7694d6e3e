// The core process's side of the relay: builds the AppCore, then serves its parent over a
// CoreParentPort — calls through the dispatcher, uploads into the upload store, events out — and
// closes in order when asked (or when the parent is gone). Plain Node; the entry (core-process.ts)
// supplies the port and the real createAppCore, tests may supply their own.
import { Readable } from 'node:stream';
import { ApiError } from '../../src-shared/api/api-error.js';
import type { IpcCallResult } from '../../src-shared/api/bridge.js';
import type { CallContext } from '../api/dispatcher.js';
import type { AppCore, AppLogger } from './app-core.js';
import type { CoreParentPort } from './core-process-port.js';
import { parseParentToCoreMessage, type ParentToCoreMessage } from './core-process-protocol.js';
import { ipcFailure, settleIpcCall } from './ipc-call-result.js';

export interface CoreProcessHostOptions {
  port: CoreParentPort;
  /** Builds the core: createAppCore, exactly as serve mode does. */
  startCore: () => Promise<AppCore>;
  logger: AppLogger;
  /** Ends the process: 0 after an orderly close, 1 when the core failed to start or to close. */
  exit: (code: number) => void;
}

export interface CoreProcessHost {
  /** Settles with the exit code once the host is done (start failed, or closed). */
  readonly finished: Promise<number>;
}

type Phase = 'starting' | 'running' | 'closing' | 'closed';

/** Every call the window makes runs as the local user, with write access (as it did in main). */
export function windowCallContext(requestId: string): CallContext {
  return { requestId, actor: 'local-user', transport: 'ipc', access: 'write' };
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The request id of a message that failed validation, when it has a usable one. */
function requestIdOf(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { type, requestId } = raw as { type?: unknown; requestId?: unknown };
  if (type !== 'call' && type !== 'upload-start') return null;
  return typeof requestId === 'string' && requestId.length > 0 && requestId.length <= 200 ? requestId : null;
}

export function hostCoreProcess(options: CoreProcessHostOptions): CoreProcessHost {
  const { port, logger } = options;
  let phase: Phase = 'starting';
  let core: AppCore | null = null;
  let unsubscribe: () => void = () => {};
  const inFlight = new Set<Promise<void>>();
  const uploads = new Map<string, Readable>();

  let resolveFinished: (code: number) => void = () => {};
  const finished = new Promise<number>((resolve) => (resolveFinished = resolve));
  let exited = false;
  const finish = (code: number): void => {
    if (exited) return;
    exited = true;
    phase = 'closed';
    resolveFinished(code);
    options.exit(code);
  };

  const answer = (requestId: string, result: IpcCallResult): void => port.postMessage({ type: 'result', requestId, result });
  const track = (work: Promise<void>): void => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };
  const logUnexpected = (requestId: string) => (error: unknown) =>
    logger.error('A call from the window failed unexpectedly', { requestId, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  const notRunning = (requestId: string): void =>
    answer(
      requestId,
      ipcFailure(requestId, new ApiError('unavailable', phase === 'starting' ? 'Fieldwise is still starting; try again in a moment.' : 'Fieldwise is closing.')),
    );

  const runCall = (running: AppCore, message: Extract<ParentToCoreMessage, { type: 'call' }>): void => {
    const { requestId, method, input } = message;
    track(
      settleIpcCall(requestId, () => running.dispatcher.dispatch(method, input, windowCallContext(requestId)), logUnexpected(requestId)).then((result) =>
        answer(requestId, result),
      ),
    );
  };

  // The upload store consumes a stream; each read() asks the parent for the next chunk, so at most
  // one chunk is in flight and a rejected upload (too large, disk full) stops the transfer.
  const startUpload = (running: AppCore, message: Extract<ParentToCoreMessage, { type: 'upload-start' }>): void => {
    const { requestId, fileName } = message;
    if (uploads.has(requestId)) {
      answer(requestId, ipcFailure(requestId, new ApiError('bad_request', 'An upload with this request id is already running.')));
      return;
    }
    const stream = new Readable({ read: () => port.postMessage({ type: 'upload-pull', requestId }) });
    uploads.set(requestId, stream);
    track(
      settleIpcCall(
        requestId,
        async () => {
          const saved = await running.uploads.save(fileName, stream);
          return { uploadId: saved.uploadId, bytes: saved.bytes };
        },
        logUnexpected(requestId),
      ).then((result) => {
        uploads.delete(requestId);
        answer(requestId, result);
      }),
    );
  };

  const started = options.startCore().then(
    (built) => {
      core = built;
      if (phase !== 'starting') return; // asked to close while starting: close() takes it from here
      unsubscribe = built.events.subscribe((name, payload) => port.postMessage({ type: 'event', name, payload }));
      phase = 'running';
      port.postMessage({ type: 'ready', version: built.version, dataDir: built.dataDir });
    },
    async (error: unknown) => {
      logger.error('The core could not start', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      port.postMessage({ type: 'start-failed', message: describeError(error) });
      await port.flush();
      finish(1);
    },
  );

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      phase = 'closing';
      await started;
      if (exited) return; // the start failed; nothing to close
      const cancelled = new ApiError('unavailable', 'Fieldwise is closing; the upload was cancelled.');
      for (const stream of uploads.values()) stream.destroy(cancelled);
      await Promise.allSettled([...inFlight]);
      unsubscribe();
      let code = 0;
      try {
        await core?.close();
      } catch (error) {
        code = 1;
        logger.error('Closing the core failed', { error: describeError(error) });
      }
      port.postMessage({ type: 'closed' });
      await port.flush();
      finish(code);
    })();
    return closing;
  };

  port.onMessage((raw) => {
    const parsed = parseParentToCoreMessage(raw);
    if (!parsed.ok) {
      logger.warn('Dropped a malformed message from the parent process', { problem: parsed.problem });
      const requestId = requestIdOf(raw);
      if (requestId) answer(requestId, ipcFailure(requestId, new ApiError('bad_request', 'The core process refused a malformed message.')));
      return;
    }
    const message = parsed.message;
    switch (message.type) {
      case 'call':
        if (phase === 'running' && core) runCall(core, message);
        else notRunning(message.requestId);
        return;
      case 'upload-start':
        if (phase === 'running' && core) startUpload(core, message);
        else notRunning(message.requestId);
        return;
      case 'upload-chunk':
        // Chunks of an upload that already ended (rejected, or cancelled by close) are dropped.
        uploads.get(message.requestId)?.push(message.data);
        return;
      case 'upload-end':
        uploads.get(message.requestId)?.push(null);
        return;
      case 'close':
        void close();
        return;
    }
  });
  port.onDisconnect(() => {
    if (closing) return;
    logger.warn('The parent process is gone; closing the core');
    void close();
  });

  return { finished };
}
