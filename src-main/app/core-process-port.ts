// The core process's line to its parent. Two implementations satisfy the same small interface:
// Electron's process.parentPort (the core as a utilityProcess) and Node's child_process IPC
// (process.send / 'message', the core forked by plain Node in tests). Nothing here imports
// Electron: the parent port is recognised by its shape.
import type { CoreToParentMessage } from './core-process-protocol.js';

export interface CoreParentPort {
  postMessage(message: CoreToParentMessage): void;
  onMessage(listener: (message: unknown) => void): void;
  /**
   * Called when the parent is gone without asking the core to close (Node IPC only: the channel
   * closes when the parent dies; Chromium ends a utility process whose browser process is gone).
   */
  onDisconnect(listener: () => void): void;
  /** Resolves once the messages posted so far have been handed to the operating system. */
  flush(): Promise<void>;
}

/** The parts of Electron's ParentPort used here. */
export interface ElectronParentPortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (messageEvent: { data: unknown }) => void): unknown;
}

/** The parts of a Node process forked with an IPC channel used here. */
export interface NodeIpcProcessLike {
  send?: (message: unknown, callback: (error: Error | null) => void) => boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'disconnect', listener: () => void): unknown;
}

export function electronParentPort(port: ElectronParentPortLike): CoreParentPort {
  return {
    postMessage: (message) => port.postMessage(message),
    onMessage: (listener) => {
      port.on('message', (event) => listener(event.data));
    },
    onDisconnect: () => {},
    // postMessage queues on Chromium's IPC; a turn of the event loop lets it go out. The parent
    // does not depend on it: an exit code of 0 after 'close' counts as closed.
    flush: () => new Promise((resolve) => setImmediate(resolve)),
  };
}

export function nodeIpcParentPort(proc: NodeIpcProcessLike): CoreParentPort {
  const send = proc.send;
  if (!send) throw new Error('This process has no IPC channel to a parent.');
  let pending = 0;
  let drained: (() => void)[] = [];
  const settle = (): void => {
    pending -= 1;
    if (pending > 0) return;
    const waiting = drained;
    drained = [];
    for (const resolve of waiting) resolve();
  };
  return {
    postMessage: (message) => {
      pending += 1;
      // The callback also runs (with an error) when the channel is already closed; nothing to do then.
      send.call(proc, message, settle);
    },
    onMessage: (listener) => {
      proc.on('message', listener);
    },
    onDisconnect: (listener) => {
      proc.on('disconnect', listener);
    },
    flush: () => (pending === 0 ? Promise.resolve() : new Promise((resolve) => drained.push(resolve))),
  };
}

/** The port of the current process: Electron's parentPort in a utility process, else Node IPC, else null. */
export function currentParentPort(proc: NodeJS.Process = process): CoreParentPort | null {
  const electronPort = (proc as NodeJS.Process & { parentPort?: ElectronParentPortLike | null }).parentPort;
  if (electronPort) return electronParentPort(electronPort);
  if (typeof proc.send === 'function') return nodeIpcParentPort(proc as NodeIpcProcessLike);
  return null;
}
