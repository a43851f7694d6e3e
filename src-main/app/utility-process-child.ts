// Electron's UtilityProcess as a CoreChildProcess. It depends on the shape of the class, not on
// Electron, so it is tested under plain Node; electron-main.ts makes the one utilityProcess.fork call.
import type { CoreChildProcess, CoreProcessExit } from './core-process-client.js';
import type { ParentToCoreMessage } from './core-process-protocol.js';

/** The parts of Electron's UtilityProcess used here. */
export interface UtilityProcessLike {
  readonly pid: number | undefined;
  postMessage(message: unknown): void;
  kill(): boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  on(event: 'error', listener: (type: string, location: string, report: string) => void): unknown;
}

export function utilityProcessChild(child: UtilityProcessLike): CoreChildProcess {
  let fatalDetail: string | null = null;
  let exit: CoreProcessExit | null = null;
  const exitListeners: ((exit: CoreProcessExit) => void)[] = [];
  // Electron reports a V8 fatal error (out of memory, for one) before the exit; keep where it was.
  child.on('error', (type, location) => {
    fatalDetail = `${type} at ${location}`;
  });
  child.on('exit', (code) => {
    if (exit) return;
    exit = { code, signal: null, detail: fatalDetail };
    for (const listener of exitListeners) listener(exit);
  });
  return {
    get pid() {
      return child.pid;
    },
    postMessage: (message: ParentToCoreMessage) => child.postMessage(message),
    onMessage: (listener) => {
      child.on('message', listener);
    },
    onExit: (listener) => {
      if (exit) listener(exit);
      else exitListeners.push(listener);
    },
    kill: () => {
      child.kill();
    },
  };
}
