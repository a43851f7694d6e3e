// Fires scheduled jobs of any kind (discovery scopes today; imports, syncs and exports can add
// theirs through the run service). Each job has a key ("discovery:<scopeId>"). One timer for the
// earliest due job, re-armed after every tick
// and capped (maxTimerMs) so that a changed wall clock or a suspended laptop is noticed within a
// minute. Time and timers are injected: tests advance a manual clock. A run that was due while the
// app was not running is not caught up; the next fire time is computed from "now" at start.
// Overlap is the run service's business: onDue starts a run or records why it was skipped.
import { nextFireTime, type ScheduleSpec } from './cron-schedule.js';

export interface SchedulerTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemSchedulerTimers: SchedulerTimers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // A pending schedule alone must not keep a CLI process alive.
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface ScheduledJob extends ScheduleSpec {
  /** Stable key of the scheduled job, e.g. "discovery:<scopeId>". */
  key: string;
}

export interface JobSchedulerDeps {
  now: () => Date;
  timers: SchedulerTimers;
  /** The jobs that have a schedule (enabled ones only). */
  listScheduled: () => ScheduledJob[];
  /** Called when a job is due; must not throw (errors go to onError). */
  onDue: (key: string, dueAt: Date) => Promise<void>;
  onError: (error: unknown, key: string) => void;
  /** Longest single wait before re-checking the clock (default 60 s). */
  maxTimerMs?: number;
}

export interface JobScheduler {
  start(): void;
  /** Re-reads the scheduled jobs (after one was created, changed or deleted). */
  refresh(): void;
  nextRunAt(key: string): Date | null;
  /** Stops the timer and waits for onDue calls in progress to return. */
  stop(): Promise<void>;
}

interface Entry {
  spec: ScheduleSpec;
  next: Date | null;
}

export function createJobScheduler(deps: JobSchedulerDeps): JobScheduler {
  const maxTimerMs = deps.maxTimerMs ?? 60_000;
  const entries = new Map<string, Entry>();
  const pending = new Set<Promise<void>>();
  let timer: unknown = null;
  let running = false;

  function reload(): void {
    const now = deps.now();
    const seen = new Set<string>();
    for (const job of deps.listScheduled()) {
      seen.add(job.key);
      const existing = entries.get(job.key);
      if (existing && existing.spec.schedule === job.schedule && existing.spec.timezone === job.timezone) continue;
      const spec = { schedule: job.schedule, timezone: job.timezone };
      entries.set(job.key, { spec, next: nextFireTime(spec, now) });
    }
    for (const id of [...entries.keys()]) if (!seen.has(id)) entries.delete(id);
  }

  function arm(): void {
    if (timer !== null) deps.timers.clearTimeout(timer);
    timer = null;
    if (!running) return;
    let earliest: number | null = null;
    for (const entry of entries.values()) {
      if (entry.next && (earliest === null || entry.next.getTime() < earliest)) earliest = entry.next.getTime();
    }
    if (earliest === null) return;
    const delay = Math.min(Math.max(0, earliest - deps.now().getTime()), maxTimerMs);
    timer = deps.timers.setTimeout(tick, delay);
  }

  function tick(): void {
    timer = null;
    if (!running) return;
    const now = deps.now();
    for (const [key, entry] of entries) {
      if (!entry.next || entry.next.getTime() > now.getTime()) continue;
      const dueAt = entry.next;
      // Missed intermediate fire times (a long sleep) collapse into this one run.
      entry.next = nextFireTime(entry.spec, now);
      const call = deps.onDue(key, dueAt).catch((error: unknown) => deps.onError(error, key));
      pending.add(call);
      void call.finally(() => pending.delete(call));
    }
    arm();
  }

  return {
    start() {
      if (running) return;
      running = true;
      reload();
      arm();
    },
    refresh() {
      if (!running) return;
      reload();
      arm();
    },
    nextRunAt(key) {
      return entries.get(key)?.next ?? null;
    },
    async stop() {
      running = false;
      if (timer !== null) deps.timers.clearTimeout(timer);
      timer = null;
      await Promise.all([...pending]);
    },
  };
}
