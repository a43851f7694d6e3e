// This process as the owner of the runs it starts, and the test for whether another process that
// owned a run is still alive (so opening the database from the CLI while the window is open does
// not mark the window's running import interrupted).
import { hostname } from 'node:os';
import type { IsRunAbandoned, RunOwner } from '../db/runs-repository.js';

export function processRunOwner(): RunOwner {
  return { host: hostname(), pid: process.pid };
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function createRunAbandonedCheck(self: RunOwner, isAlive: (pid: number) => boolean = isProcessAlive): IsRunAbandoned {
  return (owner) => {
    if (owner === null) return true;
    // Another machine's process cannot be checked; SQLite files are not shared across machines.
    if (owner.host !== self.host) return true;
    if (owner.pid === self.pid) return true;
    return !isAlive(owner.pid);
  };
}
