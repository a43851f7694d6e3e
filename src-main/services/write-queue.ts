// The one writer of a process: every write to the database (imports, edits, decisions, discovery,
// rebuilds) queues here and runs when the writes before it have finished, so none fails because
// another is running. A write is one IMMEDIATE transaction on this process's connection; a long job
// that runs on another connection (an import commit in a worker thread) holds the queue while it
// works. Another process (a CLI command beside the app) is waited for too: when SQLite reports the
// database busy, the write is retried after a pause, without blocking the event loop, until it gets
// its turn or `maxWaitMs` has passed.
import type { Database } from '../db/database.js';

export interface WriteQueue {
  /** Runs `fn` in one transaction once every earlier write has finished; resolves with its result. */
  run<T>(label: string, fn: () => T): Promise<T>;
  /** Holds the queue for work done elsewhere (another connection); call the returned function to let the next write go. */
  hold(label: string): Promise<() => void>;
  /** Writes waiting or running, with what they are (for diagnostics and the UI). */
  pending(): { label: string; queuedAt: number; startedAt: number | null }[];
}

export interface WriteQueueOptions {
  now?: () => number;
  /** How long a write waits for another process before it gives up with an error. */
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export class DatabaseBusyError extends Error {
  readonly reason = 'busy' as const;
  constructor(label: string, waitedMs: number) {
    super(
      `Could not write (${label}): another program has held the database for ${Math.round(waitedMs / 1000)} s. ` +
        'Another Fieldwise process (a command-line import?) may be writing; wait for it to finish and try again.',
    );
    this.name = 'DatabaseBusyError';
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT' || code === 'SQLITE_LOCKED';
}

export function createWriteQueue(db: Database, options: WriteQueueOptions = {}): WriteQueue {
  const now = options.now ?? (() => Date.now());
  const maxWaitMs = options.maxWaitMs ?? 10 * 60_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let tail: Promise<void> = Promise.resolve();
  const entries = new Set<{ label: string; queuedAt: number; startedAt: number | null }>();

  function enqueue<T>(label: string, work: () => Promise<T>): Promise<T> {
    const entry = { label, queuedAt: now(), startedAt: null as number | null };
    entries.add(entry);
    const result = tail.then(async () => {
      entry.startedAt = now();
      try {
        return await work();
      } finally {
        entries.delete(entry);
      }
    });
    tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  return {
    run(label, fn) {
      return enqueue(label, async () => {
        const started = now();
        let pause = 5;
        for (;;) {
          try {
            return db.transaction(fn).immediate();
          } catch (error) {
            if (!isBusy(error) || db.inTransaction) throw error;
            const waited = now() - started;
            if (waited >= maxWaitMs) throw new DatabaseBusyError(label, waited);
            await sleep(pause);
            pause = Math.min(pause * 2, 500);
          }
        }
      });
    },
    hold(label) {
      return new Promise((resolveHold) => {
        void enqueue(label, () => new Promise<void>((release) => resolveHold(release)));
      });
    },
    pending: () => [...entries].map((e) => ({ ...e })),
  };
}
