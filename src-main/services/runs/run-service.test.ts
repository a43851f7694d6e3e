// The run service through the real app core (SQLite file, event bus): jobs under an overlap key,
// cancel at any moment, waitFor, progress and per-target events, cancelAll by kind, schedules of any
// kind on an injected clock, and interruption of runs a stopped process left behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Run } from '../../../src-shared/api/index.js';
import { finishRun, getRun, insertRun } from '../../db/runs-repository.js';
import { MemoryCredentialStore } from '../../secrets/memory-credential-store.js';
import { startTestAppCore, type TestAppCore } from '../../test-support/test-app-core.js';
import { ManualClock } from './manual-clock.js';
import { RunOverlapError, type RunJobContext, type RunServiceEvent } from './run-service.js';

describe('run service', () => {
  const clock = new ManualClock(new Date('2025-06-01T00:59:00Z'));
  let t: TestAppCore;
  let n = 0;

  beforeAll(async () => {
    t = await startTestAppCore({ credentials: new MemoryCredentialStore(), scheduler: true, schedulerTimers: clock, now: clock.now });
  }, 30_000);
  afterAll(async () => {
    await t.close();
  });

  /** Inserts a run row and returns a job body that ends it with the given status once `release` is called (or on cancel). */
  function job(kind: Run['kind'] = 'import') {
    const db = t.core.db;
    const runId = `job-${++n}`;
    insertRun(db, { id: runId, kind, sourceId: null, trigger: 'manual', scope: runId, startedAt: clock.now().toISOString(), correlationId: runId });
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const execute = async (context: RunJobContext): Promise<'done' | 'cancelled'> => {
      context.progress({ step: 1 });
      context.targetDone({ target: 'a' });
      // A job may be cancelled before its body first runs: it checks the signal, then listens.
      const cancelled = new Promise<'cancelled'>((resolve) =>
        context.signal.aborted ? resolve('cancelled') : context.signal.addEventListener('abort', () => resolve('cancelled'), { once: true }),
      );
      const outcome = await Promise.race([released.then(() => 'done' as const), cancelled]);
      const status = outcome === 'done' ? 'succeeded' : 'cancelled';
      finishRun(db, runId, {
        status,
        counts: { read: 1, created: 0, updated: 0, unchanged: 0, rejected: 0 },
        error: null,
        finishedAt: clock.now().toISOString(),
        durationMs: 0,
      });
      return outcome;
    };
    const finish = () => getRun(db, runId) as Run;
    return { runId, execute, finish, release };
  }

  it('runs a job, reports its start, progress, targets and end, and never overlaps two jobs of one key', async () => {
    const events: RunServiceEvent[] = [];
    const unsubscribe = t.core.runs.subscribe((event) => events.push(event));
    const first = job();
    t.core.runs.start({ runId: first.runId, kind: 'import', overlapKey: 'scope:a', execute: first.execute, finish: first.finish });
    expect(t.core.runs.isActive(first.runId)).toBe(true);
    expect(t.core.runs.activeRunOf('scope:a')).toBe(first.runId);

    const second = job();
    let refused: unknown;
    try {
      t.core.runs.start({ runId: second.runId, kind: 'import', overlapKey: 'scope:a', execute: second.execute, finish: second.finish });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(RunOverlapError);
    expect(refused).toMatchObject({ overlapKey: 'scope:a', activeRunId: first.runId });
    // Another key runs side by side.
    const other = job();
    t.core.runs.start({ runId: other.runId, kind: 'import', overlapKey: 'scope:b', execute: other.execute, finish: other.finish });

    first.release();
    other.release();
    const run = await t.core.runs.waitFor(first.runId);
    expect(run?.status).toBe('succeeded');
    await t.core.runs.waitFor(other.runId);
    expect(t.core.runs.isActive(first.runId)).toBe(false);
    expect(t.core.runs.waitFor(first.runId)).toBeNull();
    expect(t.core.runs.activeRunOf('scope:a')).toBeNull();
    unsubscribe();
    const mine = events.filter((e) => ('runId' in e ? e.runId : e.run.id) === first.runId).map((e) => e.type);
    expect(mine).toEqual(['started', 'progress', 'target', 'finished']);
    expect(t.eventsNamed('run.finished').some((r) => r.id === first.runId && r.status === 'succeeded')).toBe(true);
  });

  it('cancels one job at any moment, and all jobs of a kind', async () => {
    const a = job('import');
    const b = job('import');
    const d = job('discovery');
    for (const [j, kind] of [
      [a, 'import'],
      [b, 'import'],
      [d, 'discovery'],
    ] as const)
      t.core.runs.start({ runId: j.runId, kind, overlapKey: null, execute: j.execute, finish: j.finish });
    expect(t.core.runs.cancel(a.runId)).toBe(true);
    expect((await t.core.runs.waitFor(a.runId))?.status).toBe('cancelled');
    expect(t.core.runs.cancel(a.runId)).toBe(false);
    await t.core.runs.cancelAll('import');
    expect(getRun(t.core.db, b.runId)?.status).toBe('cancelled');
    expect(t.core.runs.isActive(d.runId)).toBe(true);
    d.release();
    expect((await t.core.runs.waitFor(d.runId))?.status).toBe('succeeded');
  });

  it('fires the schedules of any kind on the injected clock', async () => {
    const due: string[] = [];
    t.core.runs.addScheduleSource({
      kind: 'nightly-export',
      list: () => [{ id: 'x1', schedule: '0 1 * * *', timezone: 'UTC' }],
      onDue: async (id, dueAt) => void due.push(`${id}@${dueAt.toISOString()}`),
    });
    clock.advance(60_000);
    await Promise.resolve();
    expect(due).toEqual(['x1@2025-06-01T01:00:00.000Z']);
  });

  it('marks runs a stopped process left running as interrupted, and leaves runs of live owners alone', () => {
    const db = t.core.db;
    insertRun(db, { id: 'orphan', kind: 'import', sourceId: null, trigger: 'cli', scope: 'f', startedAt: '2025-01-01T00:00:00.000Z', correlationId: 'c' });
    insertRun(db, {
      id: 'alive',
      kind: 'import',
      sourceId: null,
      trigger: 'cli',
      scope: 'f',
      startedAt: '2025-01-01T00:00:00.000Z',
      correlationId: 'c',
      owner: { host: 'other-host', pid: 4242 },
    });
    const marked = t.core.runs.markInterrupted((owner) => owner === null);
    expect(marked.other).toBeGreaterThanOrEqual(1);
    expect(getRun(db, 'orphan')?.status).toBe('interrupted');
    expect(getRun(db, 'alive')?.status).toBe('running');
    finishRun(db, 'alive', {
      status: 'failed',
      counts: { read: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 },
      error: null,
      finishedAt: '2025-01-01T00:00:01.000Z',
      durationMs: 1,
    });
  });
});
