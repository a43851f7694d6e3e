// A Node child process (child_process.fork with an IPC channel) as a CoreChildProcess: how the core
// process runs under plain Node, in the tests, with the same relay code Electron main uses.
// 'advanced' serialization is V8's structured clone, as Electron's utility process port uses, so
// uploads travel as bytes and results arrive as they would in the desktop app.
import { fork, type ChildProcess } from 'node:child_process';
import type { CoreChildProcess, CoreProcessExit } from './core-process-client.js';

export interface ForkCoreOptions {
  /** The entry module: dist/main/core-process.mjs, or a .ts file when execArgv loads tsx. */
  modulePath: string;
  args: string[];
  execArgv?: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** 'pipe' to capture the core's log lines (stderr); default 'inherit'. */
  stdio?: 'pipe' | 'inherit' | 'ignore';
}

export function forkCoreProcess(options: ForkCoreOptions): { process: ChildProcess; child: CoreChildProcess } {
  const stdio = options.stdio ?? 'inherit';
  const forked = fork(options.modulePath, options.args, {
    execArgv: options.execArgv ?? [],
    ...(options.env ? { env: options.env } : {}),
    ...(options.cwd ? { cwd: options.cwd } : {}),
    serialization: 'advanced',
    stdio: ['ignore', stdio, stdio, 'ipc'],
  });
  return { process: forked, child: nodeChildProcess(forked) };
}

export function nodeChildProcess(child: ChildProcess): CoreChildProcess {
  let exit: CoreProcessExit | null = null;
  const exitListeners: ((exit: CoreProcessExit) => void)[] = [];
  const ended = (value: CoreProcessExit): void => {
    if (exit) return;
    exit = value;
    for (const listener of exitListeners) listener(value);
  };
  child.once('exit', (code, signal) => ended({ code, signal, detail: null }));
  // 'error' without a pid: the process could not be started at all, and no 'exit' follows.
  child.on('error', (error) => {
    if (child.pid === undefined) ended({ code: null, signal: null, detail: error.message });
  });
  return {
    get pid() {
      return exit ? undefined : child.pid;
    },
    postMessage: (message) => {
      // A message to a process that is gone is dropped; its exit settles whatever waited for it.
      if (child.connected) child.send(message, () => {});
    },
    onMessage: (listener) => {
      child.on('message', listener);
    },
    onExit: (listener) => {
      if (exit) listener(exit);
      else exitListeners.push(listener);
    },
    kill: () => {
      child.kill('SIGTERM');
    },
  };
}
