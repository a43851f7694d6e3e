// One run service for every long job (discovery today; imports, syncs and exports can move onto
// it): a job starts under an overlap key (two jobs with one key never run at once, e.g. two runs of
// one discovery scope), can be cancelled at any moment (its AbortSignal), waited for, and reports
// progress and per-target results to whoever listens. After a restart, runs a stopped process left
// 'running' are marked interrupted (by the run-owner check: a second process on the same file keeps
// its own). Schedules of any job kind share one scheduler: a kind adds a schedule source (its jobs
// with cron expressions) and is called when one is due.
//
// What the run service does not do: write the run's row. The job's service inserts the run (in the
// same transaction as its own overlap check against other processes) before starting it here, and
// the job's body writes its outcome; the service publishes 'run.finished' with the row it reads back.
import type { Run, RunKind } from '../../../src-shared/api/index.js';
import type { Database } from '../../db/database.js';
import { markInterruptedDiscoveryRuns } from '../../db/discovery-runs-repository.js';
import { markInterruptedRuns, type IsRunAbandoned } from '../../db/runs-repository.js';
import type { EventPublisher } from '../event-bus.js';
import { createJobScheduler, type JobScheduler, type SchedulerTimers } from './job-scheduler.js';

export interface RunJobContext {
  runId: string;
  /** Aborts when the run is cancelled or the service closes; it may already be aborted when the body starts. */
  signal: AbortSignal;
  /** Tells listeners how far the job is (the job also publishes its own typed event). */
  progress(payload: unknown): void;
  /** The per-target report: one call per target, once its result is committed. */
  targetDone(report: unknown): void;
}

export interface StartJob<T> {
  runId: string;
  kind: RunKind;
  /** Jobs with one key never overlap ("discovery:<scopeId>"); null: no restriction. */
  overlapKey: string | null;
  execute(context: RunJobContext): Promise<T>;
  /**
   * After execute settles: the run as it ended (read back from the database). `result` is null when
   * execute threw; the job is expected to have recorded the failure (or it stays 'running' and is
   * marked interrupted at the next start).
   */
  finish(result: T | null, error: unknown): Run;
}

export type RunServiceEvent =
  | { type: 'started'; runId: string; kind: RunKind }
  | { type: 'progress'; runId: string; kind: RunKind; payload: unknown }
  | { type: 'target'; runId: string; kind: RunKind; report: unknown }
  | { type: 'finished'; run: Run };

export interface ScheduleSource {
  /** Prefix of the schedule keys of this kind ("discovery"). */
  kind: string;
  /** The jobs of this kind that have a schedule (enabled ones only). */
  list(): { id: string; schedule: string; timezone: string | null }[];
  /** A job is due; must record why when it does not start (overlap, disabled, failed to start). */
  onDue(id: string, dueAt: Date): Promise<void>;
}

export interface RunServiceDeps {
  db: Database;
  events: EventPublisher;
  now: () => Date;
  timers: SchedulerTimers;
  logger: { error(m: string, d?: Record<string, unknown>): void };
}

export interface RunService {
  /** Starts a job; throws RunOverlapError when another job holds its overlap key in this process. */
  start<T>(job: StartJob<T>): void;
  /** Aborts a running job; false when it is not running here. */
  cancel(runId: string): boolean;
  isActive(runId: string): boolean;
  /** The run holding an overlap key in this process, if any. */
  activeRunOf(overlapKey: string): string | null;
  /** Resolves with the run once it has ended; null when it is not running here. */
  waitFor(runId: string): Promise<Run> | null;
  /** Listens to every job's start, progress, per-target report and end. Returns the unsubscribe. */
  subscribe(listener: (event: RunServiceEvent) => void): () => void;
  /** Marks runs a stopped process left running as interrupted (discovery keeps the targets it finished). */
  markInterrupted(isAbandoned: IsRunAbandoned): { discovery: string[]; other: number };
  addScheduleSource(source: ScheduleSource): void;
  /** Re-reads the schedules (after a scheduled job was created, changed or deleted). */
  refreshSchedules(): void;
  /** Starts the scheduler (the app and serve mode; not one-shot CLI commands). */
  startScheduler(): void;
  /** Aborts the jobs of one kind (or all) and waits for them to settle. */
  cancelAll(kind?: RunKind): Promise<void>;
  /** Stops the scheduler, cancels every job and waits for them to settle. */
  close(): Promise<void>;
}

export class RunOverlapError extends Error {
  override readonly name = 'RunOverlapError';
  constructor(
    readonly overlapKey: string,
    readonly activeRunId: string,
  ) {
    super(`run ${activeRunId} already holds ${overlapKey}`);
  }
}

interface ActiveJob {
  kind: RunKind;
  overlapKey: string | null;
  controller: AbortController;
  finished: Promise<Run>;
}

export function createRunService(deps: RunServiceDeps): RunService {
  const active = new Map<string, ActiveJob>();
  const listeners = new Set<(event: RunServiceEvent) => void>();
  const sources = new Map<string, ScheduleSource>();
  let scheduler: JobScheduler | null = null;

  const notify = (event: RunServiceEvent): void => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        deps.logger.error('A run listener failed', { error: error instanceof Error ? error.message : String(error) });
      }
    }
  };

  function activeRunOf(overlapKey: string): string | null {
    for (const [runId, job] of active) if (job.overlapKey === overlapKey) return runId;
    return null;
  }

  const service: RunService = {
    start(job) {
      if (job.overlapKey) {
        const holder = activeRunOf(job.overlapKey);
        if (holder) throw new RunOverlapError(job.overlapKey, holder);
      }
      const controller = new AbortController();
      const context: RunJobContext = {
        runId: job.runId,
        signal: controller.signal,
        progress: (payload) => notify({ type: 'progress', runId: job.runId, kind: job.kind, payload }),
        targetDone: (report) => notify({ type: 'target', runId: job.runId, kind: job.kind, report }),
      };
      // Started on the next turn so that the caller has registered the run before its first event.
      const finished = Promise.resolve()
        .then(() => job.execute(context))
        .then(
          (result) => job.finish(result, null),
          (error: unknown) => job.finish(null, error),
        )
        .then(
          (run) => {
            active.delete(job.runId);
            deps.events.publish('run.finished', run);
            notify({ type: 'finished', run });
            return run;
          },
          (error: unknown) => {
            // Only reading the run back can fail here (the database went away): the run stays
            // 'running' and is marked interrupted at the next start.
            active.delete(job.runId);
            deps.logger.error('A run ended but could not be read back', { runId: job.runId, error: error instanceof Error ? error.message : String(error) });
            throw error;
          },
        );
      active.set(job.runId, { kind: job.kind, overlapKey: job.overlapKey, controller, finished });
      notify({ type: 'started', runId: job.runId, kind: job.kind });
    },

    cancel(runId) {
      const job = active.get(runId);
      if (!job) return false;
      job.controller.abort();
      return true;
    },

    isActive: (runId) => active.has(runId),
    activeRunOf,
    waitFor: (runId) => active.get(runId)?.finished ?? null,

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    markInterrupted(isAbandoned) {
      const at = deps.now().toISOString();
      // Discovery runs first: they keep the targets they finished, which the generic message denies.
      const discovery = markInterruptedDiscoveryRuns(deps.db, at, isAbandoned);
      const other = markInterruptedRuns(deps.db, at, isAbandoned);
      return { discovery, other };
    },

    addScheduleSource(source) {
      sources.set(source.kind, source);
      scheduler?.refresh();
    },

    refreshSchedules() {
      scheduler?.refresh();
    },

    startScheduler() {
      if (scheduler) return;
      scheduler = createJobScheduler({
        now: deps.now,
        timers: deps.timers,
        listScheduled: () =>
          [...sources.values()].flatMap((source) =>
            source.list().map((job) => ({ key: `${source.kind}:${job.id}`, schedule: job.schedule, timezone: job.timezone })),
          ),
        onDue: async (key, dueAt) => {
          const split = key.indexOf(':');
          const source = sources.get(key.slice(0, split));
          if (source) await source.onDue(key.slice(split + 1), dueAt);
        },
        onError: (error, key) => deps.logger.error('Scheduled job failed', { key, error: error instanceof Error ? error.message : String(error) }),
      });
      scheduler.start();
    },

    async cancelAll(kind) {
      const jobs = [...active.values()].filter((job) => kind === undefined || job.kind === kind);
      for (const job of jobs) job.controller.abort();
      await Promise.all(jobs.map((job) => job.finished.catch(() => undefined)));
    },

    async close() {
      await scheduler?.stop();
      scheduler = null;
      await service.cancelAll();
    },
  };
  return service;
}
