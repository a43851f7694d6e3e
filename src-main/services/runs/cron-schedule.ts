// Cron schedules of discovery scopes, through croner: validation and next fire times. Pure apart
// from croner itself; "now" is always passed in, so the scheduler's clock stays injectable.
import { Cron } from 'croner';

export interface ScheduleSpec {
  schedule: string;
  /** IANA zone; null = the machine's local time. */
  timezone: string | null;
}

function cronFor(spec: ScheduleSpec): Cron {
  // paused and without a callback: croner computes dates only and never starts a timer of its own.
  return new Cron(spec.schedule, { paused: true, ...(spec.timezone ? { timezone: spec.timezone } : {}) });
}

/** Null when valid; otherwise a message that says what is wrong and what is expected. */
export function scheduleProblem(spec: ScheduleSpec, now: Date): string | null {
  try {
    const next = cronFor(spec).nextRun(now);
    if (!next) return `The schedule "${spec.schedule}" never fires again.`;
    return null;
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/^CronPattern:\s*/, '').replace(/^toTZ:\s*/, '') : String(error);
    return `Invalid schedule "${spec.schedule}"${spec.timezone ? ` in time zone "${spec.timezone}"` : ''}: ${detail.slice(0, 200)} Use a cron expression such as "0 2 * * *" (every night at 02:00) or "@daily".`;
  }
}

/** The first fire time strictly after `after`, or null (invalid or exhausted schedule). */
export function nextFireTime(spec: ScheduleSpec, after: Date): Date | null {
  try {
    return cronFor(spec).nextRun(after);
  } catch {
    return null;
  }
}

export function nextFireTimes(spec: ScheduleSpec, after: Date, count: number): Date[] {
  const out: Date[] = [];
  let cursor = after;
  for (let i = 0; i < count; i++) {
    const next = nextFireTime(spec, cursor);
    if (!next) break;
    out.push(next);
    cursor = next;
  }
  return out;
}
