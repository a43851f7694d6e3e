// The body of one discovery run, for any protocol: opens a session of the scope's Collector, probes
// every target through it (runSweep with the scope's concurrency; targets sharing an address one
// after another when the collector asks for it), and disposes of the session at the end. Runs on the
// main thread, on purpose: a sweep is I/O-bound (sockets handled by libuv, paced by the request
// gate), per-target CPU work is decoding a few KB, and each target's writes are one short SQLite
// transaction; nothing here blocks the event loop for longer than one target's commit.
//
// As each target finishes, every observation of its outcome goes through the write queue and the
// record writer — the device first, then the devices reached through it (a gateway's DeviceSet,
// routed BACnet devices, Modbus unit ids) — and its outcome, decisions, learned addresses and
// remembered credential are committed together, so a cancelled or interrupted run keeps every target
// it finished. Relations are stored as claims on the records and resolved whenever they are read.
// The run's counts, its audit event and its status commit in one final transaction.
import type { DiscoveryHostStatus, DiscoveryProgressEvent, RunCounts, RunError, RunStatus } from '../../../src-shared/api/index.js';
import type { AnyCollector, CollectorCredential, CollectorOutcome, CollectorRunContext, CollectorSession, SecretReader } from '../../collectors/collector.js';
import { noRequestRecorder, type RequestRecorder } from '../../collectors/request-recorder.js';
import { PacedRequestGate } from '../../collectors/sweep/request-gate.js';
import { runSweep, type SweepProbe } from '../../collectors/sweep/sweep-runner.js';
import type { SweepTarget } from '../../collectors/sweep/target-plan.js';
import type { Timing } from '../../collectors/sweep/timing.js';
import { appendAuditEvent } from '../../db/audit-log.js';
import type { Database } from '../../db/database.js';
import { insertLearnedAddresses, insertRunHost, setRunPlanTotals, type RunHostRow } from '../../db/discovery-runs-repository.js';
import type { ScopeRecord } from '../../db/discovery-scopes-repository.js';
import type { RecordWriter } from '../../db/record-writer.js';
import { finishRun } from '../../db/runs-repository.js';
import type { WriteQueue } from '../write-queue.js';
import { describeHostOutcome } from './describe-host-outcome.js';
import { learnedAddressesOf } from './learned-addresses.js';

export interface DiscoveryRunJob {
  runId: string;
  scope: ScopeRecord;
  /** The scope's credential sets, in the order to try them (settings and references, never secrets). */
  credentials: readonly CollectorCredential[];
  credentialNames: ReadonlyMap<string, string>;
  /** The targets to probe (already without those a resumed run finished). */
  targets: Iterable<SweepTarget> & { readonly size: number };
  /** Whether an address is inside the scope (a collector never probes anything else). */
  inScope: (ip: string) => boolean;
  actor: string;
  correlationId: string;
  startedAtMs: number;
}

export interface DiscoveryRunDeps {
  db: Database;
  writes: WriteQueue;
  writer: RecordWriter;
  collector: AnyCollector;
  timing: Timing;
  readSecret: SecretReader;
  /** The app's data directory (OPC UA keeps its certificate and trust lists under it). */
  dataDir: string;
  /** The credential set that worked last time per device ("host:port"), qualified by the scope's network. */
  credentialMemory: { recall(deviceKey: string): string | undefined; remember(deviceKey: string, credentialId: string): void };
  /** Sees every request any safety guard of the run sends or refuses (default: none). */
  recorder?: RequestRecorder;
  now: () => Date;
  newId: () => string;
  signal: AbortSignal;
  /** Called at most every progressIntervalMs (and once at the end of each phase). */
  onProgress: (event: DiscoveryProgressEvent) => void;
  progressIntervalMs: number;
  /** The per-target report, once the target's row is committed. */
  onTargetDone?: (row: RunHostRow) => void;
  onUnexpectedError: (message: string, data: Record<string, unknown>) => void;
}

export interface DiscoveryRunOutcome {
  status: RunStatus;
  counts: RunCounts;
  byStatus: Partial<Record<DiscoveryHostStatus, number>>;
  notProbed: number;
  relationsWritten: number;
  changedAssetIds: string[];
  error: RunError | null;
}

function failureOutcome(target: SweepTarget, status: DiscoveryHostStatus, reason: string, detail: string): CollectorOutcome {
  return { target, status, observations: [], failures: [{ reason, detail }], attempts: [], requestCount: 0, durationMs: 0 };
}

/**
 * Probes targets that share an address one after another (one connection per device), without
 * holding back targets on other addresses. A waiting target that is cancelled is never probed.
 */
function serialisedPerAddress(probe: SweepProbe<CollectorOutcome>): SweepProbe<CollectorOutcome> {
  const tails = new Map<string, Promise<unknown>>();
  return (target, signal) => {
    const previous = tails.get(target.host) ?? Promise.resolve();
    const run = previous.then(() => (signal.aborted ? failureOutcome(target, 'cancelled', 'cancelled', 'run cancelled') : probe(target, signal)));
    const tail = run.catch(() => undefined);
    tails.set(target.host, tail);
    void tail.then(() => {
      if (tails.get(target.host) === tail) tails.delete(target.host);
    });
    return run;
  };
}

export async function executeDiscoveryRun(job: DiscoveryRunJob, deps: DiscoveryRunDeps): Promise<DiscoveryRunOutcome> {
  const { scope } = job;
  const { db } = deps;
  const counts: RunCounts = { read: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 };
  const byStatus: Partial<Record<DiscoveryHostStatus, number>> = {};
  const changed = new Set<string>();
  const foundRecords: number[] = [];
  const nowIso = () => deps.now().toISOString();
  const sourceSeq = db.prepare('SELECT seq FROM sources WHERE id = ?').pluck().get(scope.sourceId) as number;
  let writing: Promise<void> = Promise.resolve();
  const name = (id: string) => job.credentialNames.get(id) ?? id;

  let recent: DiscoveryProgressEvent['recent'] = [];
  let lastEmit = -Infinity;
  let last = { done: 0, total: job.targets.size, found: 0, errors: 0, inFlight: 0 };
  const emit = (phase: DiscoveryProgressEvent['phase'], force: boolean) => {
    const at = deps.now().getTime();
    if (!force && at - lastEmit < deps.progressIntervalMs) return;
    lastEmit = at;
    deps.onProgress({ runId: job.runId, scopeId: scope.id, protocol: scope.protocol, phase, ...last, recent });
    recent = [];
  };

  const hostRow = (outcome: CollectorOutcome, finishedAt: string, extra: Partial<RunHostRow>): RunHostRow => ({
    runId: job.runId,
    host: outcome.target.host,
    port: outcome.target.port,
    status: outcome.status,
    credentialSetId: outcome.credentialId ?? null,
    assetId: null,
    message: describeHostOutcome(outcome, name, scope.protocol),
    attempts: outcome.attempts.map((a) => ({ credentialSetId: a.credentialId, reason: a.reason })),
    durationMs: outcome.durationMs,
    requestCount: outcome.requestCount,
    observationCount: 0,
    decisions: outcome.decisions ?? [],
    finishedAt,
    ...extra,
  });

  const persistNow = (outcome: CollectorOutcome, finishedAt: string): Promise<void> => {
    let row: RunHostRow | null = null;
    const write = () => {
      let assetId: string | null = null;
      let observationCount = 0;
      if (outcome.observations.length > 0) {
        // One transaction per target: the device first, so the host row names its asset; then the
        // devices behind it. Each is reconciled as it is written.
        const written = deps.writer.write(
          { sourceSeq, runId: job.runId, items: outcome.observations.map((observation) => ({ observation })) },
          { now: finishedAt, cause: { kind: 'discovery', id: job.runId, correlationId: job.correlationId } },
        );
        written.records.forEach((result, index) => {
          const observation = outcome.observations[index];
          if (index === 0) assetId = result.assetId || null;
          counts[result.outcome] += 1;
          observationCount += 1;
          if (result.assetId && result.outcome !== 'unchanged' && changed.size < 100) changed.add(result.assetId);
          if (result.assetId && observation && observation.relations.length > 0) foundRecords.push(result.recordId);
          if (scope.protocol === 'snmp' && observation) {
            insertLearnedAddresses(
              db,
              job.runId,
              learnedAddressesOf(observation.raw, { assetId: result.assetId || null, network: scope.network, inScope: job.inScope }),
            );
          }
        });
      }
      row = hostRow(outcome, finishedAt, { assetId, observationCount });
      insertRunHost(db, row);
    };
    return deps.writes
      .run('discovery.host', write)
      .then(() => {
        if (row) deps.onTargetDone?.(row);
      })
      .catch((error: unknown) => {
        // A target whose observations cannot be stored is reported as such; the run goes on.
        deps.onUnexpectedError('Could not store a discovered host', {
          runId: job.runId,
          host: outcome.target.host,
          error: error instanceof Error ? error.message : String(error),
        });
        try {
          insertRunHost(
            db,
            hostRow(outcome, finishedAt, {
              status: outcome.status === 'found' ? 'malformed' : outcome.status,
              message: 'What this device reported could not be stored in the inventory; see the application log.',
              attempts: [],
            }),
          );
        } catch {
          // The database itself is failing; the final transaction will report it.
        }
      });
  };

  const persist = (outcome: CollectorOutcome): void => {
    const finishedAt = nowIso();
    // Targets are written in the order they finish, each when the write queue gives it its turn.
    writing = writing.then(() => persistNow(outcome, finishedAt));
    if (outcome.status !== 'cancelled') counts.read += 1;
    if (outcome.status !== 'found' && outcome.status !== 'cancelled') counts.rejected += 1;
    byStatus[outcome.status] = (byStatus[outcome.status] ?? 0) + 1;
    recent.push({ host: outcome.target.host, port: outcome.target.port, status: outcome.status });
    if (recent.length > 20) recent = recent.slice(-20);
  };

  const s = scope.settings;
  let notProbed = 0;
  let cancelled = false;
  let relationsWritten = 0;
  let error: RunError | null = null;
  let session: CollectorSession | null = null;
  try {
    emit('sweeping', true);
    const context: CollectorRunContext = {
      runId: job.runId,
      options: scope.options,
      settings: s,
      depth: scope.depth,
      credentials: job.credentials,
      readSecret: deps.readSecret,
      gate: new PacedRequestGate({ ratePerSecond: s.ratePerSecond, perHostIntervalMs: s.perHostIntervalMs, timing: deps.timing }),
      recorder: deps.recorder ?? noRequestRecorder,
      timing: deps.timing,
      network: scope.network,
      inScope: job.inScope,
      dataDir: deps.dataDir,
      recallCredential: (key) => deps.credentialMemory.recall(key) ?? null,
      rememberCredential: (key, id) => deps.credentialMemory.remember(key, id),
    };
    // The registry maps each protocol to its own collector, so the options fit it.
    const opened = await (deps.collector.open as (context: CollectorRunContext) => Promise<CollectorSession>)(context);
    session = opened;
    const probe: SweepProbe<CollectorOutcome> = (target, signal) => opened.probe(target, signal);
    const report = await runSweep(job.targets, deps.collector.serialisePerAddress ? serialisedPerAddress(probe) : probe, {
      concurrency: s.concurrency,
      signal: deps.signal,
      onOutcome: persist,
      onProgress: (p) => {
        last = p;
        emit('sweeping', p.done === p.total);
      },
      onProbeError: (target, caught) => {
        deps.onUnexpectedError('A collector failed on one target', {
          runId: job.runId,
          host: target.host,
          port: target.port,
          error: caught instanceof Error ? (caught.stack ?? caught.message) : String(caught),
        });
        return failureOutcome(target, 'malformed', 'internal', 'the collector failed on this target; see the application log');
      },
    });
    cancelled = report.cancelled;
    notProbed = report.notStarted + (byStatus.cancelled ?? 0);
    last = { ...report.progress };
    emit('linking', true);
    await writing;
    relationsWritten = db.prepare('SELECT count(*) FROM json_each(?) j CROSS JOIN relation_claims c ON c.record_id = j.value').pluck().get(JSON.stringify(foundRecords)) as number;
  } catch (caught) {
    deps.onUnexpectedError('Discovery run failed', { runId: job.runId, error: caught instanceof Error ? (caught.stack ?? caught.message) : String(caught) });
    error = {
      reason: 'internal',
      message: 'The discovery stopped on an unexpected error; hosts finished before it are kept. See the application log.',
      recordNumber: null,
      line: null,
      field: null,
    };
    notProbed = Math.max(0, job.targets.size - counts.read);
  } finally {
    try {
      await session?.dispose();
    } catch (caught) {
      deps.onUnexpectedError('A collector session did not close cleanly', { runId: job.runId, error: caught instanceof Error ? caught.message : String(caught) });
    }
  }

  const status: RunStatus = error ? 'failed' : cancelled ? 'cancelled' : 'succeeded';
  if (!error && cancelled) {
    error = {
      reason: 'cancelled',
      message: `Cancelled after ${counts.read} of ${job.targets.size} target(s); hosts already collected are kept. Resume the run to probe the rest.`,
      recordNumber: null,
      line: null,
      field: null,
    };
  }
  await writing;
  const finishedAt = deps.now();
  const durationMs = finishedAt.getTime() - job.startedAtMs;
  await deps.writes.run('discovery.finish', () => {
    finishRun(db, job.runId, { status, counts, error, finishedAt: finishedAt.toISOString(), durationMs });
    setRunPlanTotals(db, job.runId, { notProbed, relationsWritten });
    appendAuditEvent(db, {
      id: deps.newId(),
      at: finishedAt.toISOString(),
      actor: job.actor,
      action: 'discovery.completed',
      targetType: 'run',
      targetId: job.runId,
      before: null,
      after: { scopeId: scope.id, scope: scope.name, protocol: scope.protocol, status, counts, byStatus, notProbed, relationsWritten },
      correlationId: job.correlationId,
    });
  });
  emit('done', true);
  return { status, counts, byStatus, notProbed, relationsWritten, changedAssetIds: [...changed], error };
}
