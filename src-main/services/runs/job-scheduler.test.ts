import { describe, expect, it } from 'vitest';
import { nextFireTimes, scheduleProblem } from './cron-schedule.js';
import { createJobScheduler, type ScheduledJob } from './job-scheduler.js';
import { ManualClock } from './manual-clock.js';

function setup(start: string, scopes: ScheduledJob[]) {
  const clock = new ManualClock(new Date(start));
  const fired: { key: string; dueAt: string; at: string }[] = [];
  const errors: unknown[] = [];
  let list = scopes;
  const scheduler = createJobScheduler({
    now: clock.now,
    timers: clock,
    listScheduled: () => list,
    onDue: async (key, dueAt) => {
      fired.push({ key, dueAt: dueAt.toISOString(), at: clock.now().toISOString() });
    },
    onError: (error) => errors.push(error),
  });
  return { clock, fired, errors, scheduler, setScopes: (next: ScheduledJob[]) => (list = next) };
}

describe('job schedule (croner)', () => {
  it('validates cron expressions with a message that says what to use', () => {
    const now = new Date('2025-03-01T00:00:00Z');
    expect(scheduleProblem({ schedule: '0 2 * * *', timezone: 'UTC' }, now)).toBeNull();
    expect(scheduleProblem({ schedule: '@daily', timezone: null }, now)).toBeNull();
    expect(scheduleProblem({ schedule: '0 25 * * *', timezone: 'UTC' }, now)).toMatch(/Invalid schedule "0 25 \* \* \*".*0 2 \* \* \*/);
    expect(scheduleProblem({ schedule: 'nightly', timezone: 'UTC' }, now)).toMatch(/Invalid schedule/);
    expect(scheduleProblem({ schedule: '0 2 * * *', timezone: 'Mars/Olympus' }, now)).toMatch(/time zone "Mars\/Olympus"/);
  });

  it('lists the next fire times in the scope time zone', () => {
    const next = nextFireTimes({ schedule: '30 1 * * *', timezone: 'Europe/Berlin' }, new Date('2025-01-10T12:00:00Z'), 2);
    expect(next.map((d) => d.toISOString())).toEqual(['2025-01-11T00:30:00.000Z', '2025-01-12T00:30:00.000Z']);
  });
});

describe('JobScheduler with an injected clock', () => {
  it('fires a nightly scope when the clock reaches it, then the next night, and not before', async () => {
    const { clock, fired, scheduler } = setup('2025-03-01T01:58:00Z', [{ key: 'core', schedule: '0 2 * * *', timezone: 'UTC' }]);
    scheduler.start();
    expect(scheduler.nextRunAt('core')?.toISOString()).toBe('2025-03-01T02:00:00.000Z');
    clock.advance(60_000);
    expect(fired).toEqual([]);
    clock.advance(60_000);
    expect(fired).toEqual([{ key: 'core', dueAt: '2025-03-01T02:00:00.000Z', at: '2025-03-01T02:00:00.000Z' }]);
    expect(scheduler.nextRunAt('core')?.toISOString()).toBe('2025-03-02T02:00:00.000Z');
    clock.advance(24 * 3600_000);
    expect(fired.map((f) => f.dueAt)).toEqual(['2025-03-01T02:00:00.000Z', '2025-03-02T02:00:00.000Z']);
    await scheduler.stop();
    expect(clock.pendingTimers).toBe(0);
  });

  it('collapses fire times missed during a long sleep into one run', async () => {
    const { clock, fired, scheduler } = setup('2025-03-01T00:00:30Z', [{ key: 'a', schedule: '* * * * *', timezone: 'UTC' }]);
    scheduler.start();
    // One huge jump (a suspended laptop): the capped timer fires once, late, for the first due time.
    clock.advance(10 * 60_000);
    expect(fired.length).toBeLessThanOrEqual(10);
    expect(fired[0]?.dueAt).toBe('2025-03-01T00:01:00.000Z');
    expect(scheduler.nextRunAt('a')!.getTime()).toBeGreaterThan(clock.now().getTime());
    await scheduler.stop();
  });

  it('picks up added, changed and removed schedules on refresh', async () => {
    const { clock, fired, scheduler, setScopes } = setup('2025-03-01T00:00:00Z', []);
    scheduler.start();
    expect(clock.pendingTimers).toBe(0);
    setScopes([{ key: 'b', schedule: '0 * * * *', timezone: 'UTC' }]);
    scheduler.refresh();
    expect(scheduler.nextRunAt('b')?.toISOString()).toBe('2025-03-01T01:00:00.000Z');
    setScopes([{ key: 'b', schedule: '30 * * * *', timezone: 'UTC' }]);
    scheduler.refresh();
    expect(scheduler.nextRunAt('b')?.toISOString()).toBe('2025-03-01T00:30:00.000Z');
    setScopes([]);
    scheduler.refresh();
    clock.advance(3 * 3600_000);
    expect(fired).toEqual([]);
    await scheduler.stop();
  });

  it('reports a failing onDue to onError and keeps scheduling', async () => {
    const clock = new ManualClock(new Date('2025-03-01T00:00:00Z'));
    const errors: unknown[] = [];
    let calls = 0;
    const scheduler = createJobScheduler({
      now: clock.now,
      timers: clock,
      listScheduled: () => [{ key: 'x', schedule: '*/5 * * * *', timezone: 'UTC' }],
      onDue: async () => {
        calls += 1;
        throw new Error('boom');
      },
      onError: (error) => errors.push(error),
    });
    scheduler.start();
    clock.advance(10 * 60_000);
    await scheduler.stop();
    expect(calls).toBe(2);
    expect(errors).toHaveLength(2);
  });
});
