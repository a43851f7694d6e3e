// Network discovery use cases: credential sets and scopes (delegated), the plan, starting and
// cancelling runs, run reports, learned addresses, topology, and scheduled runs. Runs of one scope
// never overlap: a second start is refused (manual) or skipped and recorded (scheduled). The check
// and the run's insert share one write transaction, so two processes on one database agree too.
import {
  ApiError,
  type ApiParsedInput,
  type DiscoveryRunReport,
  type DiscoveryScheduleSkippedEvent,
  type Run,
  type Topology,
} from '../../../src-shared/api/index.js';
import type { CollectorCredential, CollectorRegistry } from '../../collectors/collector.js';
import type { RequestRecorder } from '../../collectors/request-recorder.js';
import { systemTiming, type Timing } from '../../collectors/sweep/timing.js';
import type { SweepTarget } from '../../collectors/sweep/target-plan.js';
import { appendAuditEvent } from '../../db/audit-log.js';
import type { Database } from '../../db/database.js';
import { getCredentialSetRecord, type CredentialSetRecord } from '../../db/discovery-credentials-repository.js';
import {
  activeRunOfScope,
  createDbCredentialMemory,
  finishedTargetsOfRun,
  getRunPlan,
  hostCountsByStatus,
  insertRunPlan,
  learnedAddressCounts,
  listLearnedAddresses,
  listRunHosts,
} from '../../db/discovery-runs-repository.js';
import { queryTopology } from '../../db/discovery-topology-queries.js';
import { getRun, insertRun, type RunOwner } from '../../db/runs-repository.js';
import type { CredentialStore } from '../../secrets/credential-store.js';
import type { EventPublisher } from '../event-bus.js';
import { createCredentialSetService, type Caller, type CredentialSetService } from './credential-set-service.js';
import { nextFireTimes, scheduleProblem } from '../runs/cron-schedule.js';
import type { RunService } from '../runs/run-service.js';
import { createDiscoveryScopeService, parseScopeTargets, type DiscoveryScopeService } from './discovery-scope-service.js';
import type { RecordWriter } from '../../db/record-writer.js';
import type { WriteQueue } from '../write-queue.js';
import { executeDiscoveryRun } from './execute-discovery-run.js';

export interface DiscoveryServiceDeps {
  db: Database;
  writes: WriteQueue;
  writer: RecordWriter;
  events: EventPublisher;
  store: CredentialStore;
  /** The collector of each protocol, built in the composition root. */
  collectors: CollectorRegistry;
  /** The app's data directory (collectors keep their own files under it, e.g. OPC UA's PKI). */
  dataDir: string;
  /** Sees every request any collector sends or refuses (tests); default none. */
  recorder?: RequestRecorder;
  /** This process, recorded on every run it starts. */
  runOwner: RunOwner;
  now: () => Date;
  newId: () => string;
  /** The run service: overlap per scope, cancel, progress, schedules. */
  runs: RunService;
  /** Timing for the collector (pacing, timeouts); defaults to the system's. */
  timing?: Timing;
  progressIntervalMs?: number;
  logger: {
    info(m: string, d?: Record<string, unknown>): void;
    warn(m: string, d?: Record<string, unknown>): void;
    error(m: string, d?: Record<string, unknown>): void;
  };
}

export interface StartCaller extends Caller {
  trigger: Run['trigger'];
}

export interface DiscoveryService {
  readonly credentials: CredentialSetService;
  readonly scopes: DiscoveryScopeService;
  start(input: ApiParsedInput<'discovery.start'>, caller: StartCaller): Promise<Run>;
  cancel(runId: string): Run;
  isActive(runId: string): boolean;
  /** Resolves with the run once it has finished. */
  waitFor(runId: string): Promise<Run>;
  report(runId: string): DiscoveryRunReport;
  hosts(input: ApiParsedInput<'discovery.runs.hosts'>): ReturnType<typeof listRunHosts>;
  learned(input: ApiParsedInput<'discovery.runs.learned'>): ReturnType<typeof listLearnedAddresses>;
  topology(input: ApiParsedInput<'discovery.topology'>): Topology;
  schedulePreview(input: ApiParsedInput<'discovery.schedule.preview'>): { valid: boolean; message: string | null; next: string[] };
  /** Cancels running discoveries and waits for them to settle (the run service stops the scheduler). */
  close(): Promise<void>;
}

/** A credential set as a collector sees it: settings and keychain references, never a secret. */
function toCollectorCredential(record: CredentialSetRecord): CollectorCredential {
  const secretRefs: Record<string, string> = {};
  for (const [slot, entry] of Object.entries(record.secrets)) if (entry) secretRefs[slot] = entry.ref;
  return { id: record.id, name: record.name, kind: record.kind, settings: record.settings, secretRefs };
}

/** Runs of one scope never overlap: they share this key in the run service. */
function overlapKey(scopeId: string): string {
  return `discovery:${scopeId}`;
}

export function createDiscoveryService(deps: DiscoveryServiceDeps): DiscoveryService {
  const { db } = deps;
  const timing = deps.timing ?? systemTiming;

  const credentials = createCredentialSetService({ db, store: deps.store, now: deps.now, newId: deps.newId, onWarning: (m, d) => deps.logger.warn(m, d) });
  const scopes = createDiscoveryScopeService({
    db,
    credentials,
    collectors: deps.collectors,
    now: deps.now,
    newId: deps.newId,
    onScopesChanged: () => deps.runs.refreshSchedules(),
  });

  deps.runs.addScheduleSource({
    kind: 'discovery',
    list: () => scopes.scheduled().map((s) => ({ id: s.scopeId, schedule: s.schedule, timezone: s.timezone })),
    onDue: (scopeId, dueAt) => onScheduledDue(scopeId, dueAt),
  });

  function runOf(runId: string): Run {
    const run = getRun(db, runId);
    if (!run) throw new ApiError('not_found', `Run ${runId} does not exist.`);
    return run;
  }

  function activeRunIdOfScope(scopeId: string): string | null {
    return deps.runs.activeRunOf(overlapKey(scopeId)) ?? activeRunOfScope(db, scopeId);
  }

  async function start(input: ApiParsedInput<'discovery.start'>, caller: StartCaller): Promise<Run> {
    const scope = scopes.record(input.scopeId);
    if (scope.ot && !input.confirmOt) {
      throw new ApiError('bad_request', `"${scope.name}" is an OT scope: review its plan and start it with confirmOt (the CLI's --yes) to confirm.`, [
        { path: 'confirmOt', message: 'required for an OT scope' },
      ]);
    }
    const running = activeRunIdOfScope(scope.id);
    if (running) throw new ApiError('conflict', `A run of scope "${scope.name}" is already in progress (${running}); wait for it to finish or cancel it.`);
    const plan = await scopes.plan(scope.id);
    if (!plan.canStart)
      throw new ApiError(
        plan.credentials.some((c) => c.secretStatus === 'unavailable') ? 'unavailable' : 'bad_request',
        `Cannot start "${scope.name}": ${plan.warnings.join(' ')}`,
      );

    const targetPlan = parseScopeTargets(scope);
    let skip = new Set<string>();
    if (input.resumeRunId) {
      const previous = getRunPlan(db, input.resumeRunId);
      const previousRun = getRun(db, input.resumeRunId);
      if (!previous || !previousRun || previous.scopeId !== scope.id)
        throw new ApiError('bad_request', `Run ${input.resumeRunId} is not a discovery run of scope "${scope.name}".`);
      if (previousRun.status !== 'interrupted' && previousRun.status !== 'cancelled') {
        throw new ApiError(
          'bad_request',
          `Run ${input.resumeRunId} ${previousRun.status === 'running' ? 'is still running' : 'finished'}; only an interrupted or cancelled run can be resumed.`,
        );
      }
      skip = finishedTargetsOfRun(db, input.resumeRunId);
    }
    const portSet = new Set(targetPlan.ports);
    const skipped = [...skip].filter((key) => {
      const i = key.lastIndexOf(':');
      return targetPlan.has(key.slice(0, i)) && portSet.has(Number(key.slice(i + 1)));
    }).length;
    const targets: Iterable<SweepTarget> & { size: number } = {
      size: targetPlan.size - skipped,
      *[Symbol.iterator]() {
        for (const t of targetPlan) if (!skip.has(`${t.host}:${t.port}`)) yield t;
      },
    };

    const collector = deps.collectors[scope.protocol];
    if (!collector) throw new ApiError('unavailable', `Cannot start "${scope.name}": this build has no ${scope.protocol} collector.`);
    const rows = scope.credentialSets.map((c) => getCredentialSetRecord(db, c.id)).filter((r) => r !== null);
    const startedAt = deps.now();
    const runId = deps.newId();
    const correlationId = caller.correlationId;
    db.transaction(() => {
      // Re-checked inside the write transaction: another process may have started one meanwhile.
      const other = activeRunOfScope(db, scope.id);
      if (other || activeRunIdOfScope(scope.id))
        throw new ApiError('conflict', `A run of scope "${scope.name}" is already in progress (${other ?? 'this process'}).`);
      insertRun(db, {
        id: runId,
        kind: 'discovery',
        sourceId: scope.sourceId,
        trigger: caller.trigger,
        scope: scope.name,
        startedAt: startedAt.toISOString(),
        correlationId,
        owner: deps.runOwner,
      });
      insertRunPlan(db, {
        runId,
        scopeId: scope.id,
        targetCount: targets.size,
        resumedFromRunId: input.resumeRunId ?? null,
        plan: {
          protocol: scope.protocol,
          options: scope.options,
          targets: scope.targets,
          exclusions: scope.exclusions,
          ports: scope.ports,
          targetCount: targets.size,
          credentials: rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind })),
          settings: scope.settings,
          depth: scope.depth,
          network: scope.network,
          ot: scope.ot,
        },
      });
      appendAuditEvent(db, {
        id: deps.newId(),
        at: startedAt.toISOString(),
        actor: caller.actor,
        action: 'discovery.started',
        targetType: 'run',
        targetId: runId,
        before: null,
        after: {
          scopeId: scope.id,
          scope: scope.name,
          protocol: scope.protocol,
          trigger: caller.trigger,
          targetCount: targets.size,
          confirmedOt: scope.ot ? input.confirmOt || caller.trigger === 'scheduled' : null,
          resumedFromRunId: input.resumeRunId ?? null,
        },
        correlationId,
      });
    })();

    deps.runs.start({
      runId,
      kind: 'discovery',
      overlapKey: overlapKey(scope.id),
      execute: ({ signal, progress, targetDone }) =>
        executeDiscoveryRun(
          {
            runId,
            scope,
            credentials: rows.map(toCollectorCredential),
            credentialNames: new Map(rows.map((r) => [r.id, r.name])),
            targets,
            inScope: (ip) => targetPlan.has(ip),
            actor: caller.actor,
            correlationId,
            startedAtMs: startedAt.getTime(),
          },
          {
            db,
            writes: deps.writes,
            writer: deps.writer,
            collector,
            timing,
            readSecret: (ref) => deps.store.get(ref),
            dataDir: deps.dataDir,
            credentialMemory: createDbCredentialMemory(db, { network: scope.network, now: () => deps.now().toISOString() }),
            ...(deps.recorder ? { recorder: deps.recorder } : {}),
            now: deps.now,
            newId: deps.newId,
            signal,
            progressIntervalMs: deps.progressIntervalMs ?? 250,
            onProgress: (event) => {
              deps.events.publish('discovery.progress', event);
              progress(event);
            },
            onTargetDone: targetDone,
            onUnexpectedError: (m, d) => deps.logger.error(m, d),
          },
        ),
      finish: (outcome, error) => {
        if (error !== null) {
          // Only the final commit can get here (e.g. the database went away); the run stays 'running'
          // and is marked interrupted at the next start.
          deps.logger.error('Discovery run could not be recorded', { runId, error: error instanceof Error ? error.message : String(error) });
        }
        const run = runOf(runId);
        if (outcome && outcome.changedAssetIds.length > 0) {
          deps.events.publish('assets.changed', {
            reason: 'discovery',
            assetIds: outcome.changedAssetIds,
            count: outcome.counts.created + outcome.counts.updated,
          });
        }
        deps.logger.info('Discovery run finished', { runId, scope: scope.name, status: run.status, counts: run.counts });
        return run;
      },
    });
    return runOf(runId);
  }

  async function onScheduledDue(scopeId: string, dueAt: Date): Promise<void> {
    const scope = scopes.record(scopeId);
    const skip = (reason: DiscoveryScheduleSkippedEvent['reason'], activeRunId: string | null, message: string) => {
      const event: DiscoveryScheduleSkippedEvent = { scopeId, scopeName: scope.name, dueAt: dueAt.toISOString(), reason, activeRunId, message };
      deps.logger.warn('Scheduled discovery skipped', { ...event });
      db.transaction(() => {
        appendAuditEvent(db, {
          id: deps.newId(),
          at: deps.now().toISOString(),
          actor: 'scheduler',
          action: 'discovery.skipped',
          targetType: 'discovery_scope',
          targetId: scopeId,
          before: null,
          after: event,
          correlationId: null,
        });
      })();
      deps.events.publish('discovery.schedule.skipped', event);
    };
    if (!scope.enabled) return skip('disabled', null, `Scope "${scope.name}" is disabled.`);
    const running = activeRunIdOfScope(scopeId);
    if (running)
      return skip(
        'overlap',
        running,
        `The run of "${scope.name}" due at ${dueAt.toISOString()} was skipped: run ${running} of the same scope is still in progress.`,
      );
    try {
      // The schedule of an OT scope is its standing confirmation (setting it is audited).
      await start({ scopeId, confirmOt: true }, { actor: 'scheduler', correlationId: deps.newId(), trigger: 'scheduled' });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'conflict') return skip('overlap', activeRunIdOfScope(scopeId), error.message);
      skip('failed_to_start', null, error instanceof ApiError ? error.message : 'The run could not be started; see the application log.');
      if (!(error instanceof ApiError)) throw error;
    }
  }

  return {
    credentials,
    scopes,
    start,

    cancel(runId) {
      const run = runOf(runId);
      if (run.kind !== 'discovery' || !deps.runs.cancel(runId))
        throw new ApiError('conflict', `Run ${runId} is not running here (it is ${run.status}); there is nothing to cancel.`);
      return run;
    },

    isActive: (runId) => deps.runs.isActive(runId) && getRun(db, runId)?.kind === 'discovery',

    async waitFor(runId) {
      return deps.runs.waitFor(runId) ?? runOf(runId);
    },

    report(runId) {
      const run = runOf(runId);
      const plan = getRunPlan(db, runId);
      if (!plan) throw new ApiError('not_found', `Run ${runId} is not a discovery run.`);
      const byStatus = hostCountsByStatus(db, runId);
      const hostsDone = Object.entries(byStatus).reduce((n, [status, count]) => (status === 'cancelled' ? n : n + count), 0);
      return {
        run,
        scopeId: plan.scopeId,
        plan: plan.plan,
        byStatus,
        hostsDone,
        notProbed: run.status === 'running' ? Math.max(0, plan.targetCount - hostsDone) : plan.notProbed,
        relationsWritten: plan.relationsWritten,
        learnedAddresses: learnedAddressCounts(db, runId),
        resumedFromRunId: plan.resumedFromRunId,
      };
    },

    hosts(input) {
      runOf(input.runId);
      return listRunHosts(db, input.runId, input);
    },

    learned(input) {
      runOf(input.runId);
      return listLearnedAddresses(db, input.runId, input);
    },

    topology(input) {
      const sourceId = input.scopeId ? scopes.record(input.scopeId).sourceId : undefined;
      return queryTopology(db, { sourceId, assetId: input.assetId, minConfidence: input.minConfidence, limit: input.limit });
    },

    schedulePreview(input) {
      const spec = { schedule: input.schedule, timezone: input.timezone ?? null };
      const now = deps.now();
      const message = scheduleProblem(spec, now);
      return { valid: message === null, message, next: message ? [] : nextFireTimes(spec, now, input.count).map((d) => d.toISOString()) };
    },

    async close() {
      await deps.runs.cancelAll('discovery');
    },
  };
}
