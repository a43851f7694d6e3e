// Test support, not a test: a wall clock and timers that move only when a test advances them, for
// the discovery scheduler (inject `now` and `timers`).
import type { SchedulerTimers } from './job-scheduler.js';

export class ManualClock implements SchedulerTimers {
  #nowMs: number;
  #nextId = 1;
  readonly #timers = new Map<number, { at: number; callback: () => void }>();

  constructor(start: Date) {
    this.#nowMs = start.getTime();
  }

  readonly now = (): Date => new Date(this.#nowMs);

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.#nextId++;
    this.#timers.set(id, { at: this.#nowMs + Math.max(0, ms), callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }

  get pendingTimers(): number {
    return this.#timers.size;
  }

  /** Moves time forward, firing every timer that falls due on the way, in order. */
  advance(ms: number): void {
    const target = this.#nowMs + ms;
    for (;;) {
      let next: [number, { at: number; callback: () => void }] | undefined;
      for (const entry of this.#timers) if (entry[1].at <= target && (!next || entry[1].at < next[1].at)) next = entry;
      if (!next) break;
      this.#timers.delete(next[0]);
      this.#nowMs = Math.max(this.#nowMs, next[1].at);
      next[1].callback();
    }
    this.#nowMs = target;
  }
}
