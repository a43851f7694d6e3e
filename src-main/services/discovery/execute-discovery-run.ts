// The body of one discovery run. Runs on the main thread, on purpose: a sweep is I/O-bound (UDP
// datagrams handled by libuv, paced by the request gate), per-host CPU work is decoding a few KB,
// and each host's writes are one short SQLite transaction (a few ms). A worker thread would buy
// little and would need its own keychain session and credential memory; nothing here blocks the
// event loop for longer than one host's commit.
//
// As each host finishes, its observation goes through the write queue and the record writer, and
// its outcome, learned addresses and remembered credential are committed together — so a cancelled
// or interrupted run keeps every host it finished. Relations are stored as claims on the host's
// record and resolved to assets whenever they are read, so a neighbour collected later (or merged
// later) is linked without a second pass. The run's counts, its audit event and its status commit
// in one final transaction.
import type { DiscoveryHostStatus, DiscoveryProgressEvent, RunCounts, RunError, RunStatus } from '../../../src-shared/api/index.js';
import type { SnmpCollector, SnmpHostOutcome } from '../../collectors/snmp/snmp-collector.js';
import type { SnmpCredential } from '../../collectors/snmp/snmp-credential.js';
import type { SweepTarget } from '../../collectors/sweep/target-plan.js';
import { appendAuditEvent } from '../../db/audit-log.js';
import type { Database } from '../../db/database.js';
import { insertLearnedAddresses, insertRunHost, setRunPlanTotals } from '../../db/discovery-runs-repository.js';
import type { ScopeRecord } from '../../db/discovery-scopes-repository.js';
import type { RecordWriter } from '../../db/record-writer.js';
import { finishRun } from '../../db/runs-repository.js';
import { describeHostOutcome } from './describe-host-outcome.js';
import { learnedAddressesOf } from './learned-addresses.js';
import type { WriteQueue } from '../write-queue.js';

export interface DiscoveryRunJob {
  runId: string;
  scope: ScopeRecord;
  credentials: readonly SnmpCredential[];
  credentialNames: ReadonlyMap<string, string>;
  /** The targets to probe (already without those a resumed run finished). */
  targets: Iterable<SweepTarget> & { readonly size: number };
  /** Whether an address is inside the scope (for learned addresses). */
  inScope: (ip: string) => boolean;
  actor: string;
  correlationId: string;
  startedAtMs: number;
}

export interface DiscoveryRunDeps {
  db: Database;
  writes: WriteQueue;
  writer: RecordWriter;
  collector: Pick<SnmpCollector, 'sweep'>;
  now: () => Date;
  newId: () => string;
  signal: AbortSignal;
  /** Called at most every progressIntervalMs (and once at the end of each phase). */
  onProgress: (event: DiscoveryProgressEvent) => void;
  progressIntervalMs: number;
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
    deps.onProgress({ runId: job.runId, scopeId: scope.id, phase, ...last, recent });
    recent = [];
  };

  const persistNow = (outcome: SnmpHostOutcome, finishedAt: string): Promise<void> => {
    const message = describeHostOutcome(outcome, name);
    let assetId: string | null = null;
    const write = () => {
      if (outcome.observation) {
        // Each host is reconciled in its own transaction, so its asset is final for this host.
        const written = deps.writer.write(
          { sourceSeq, runId: job.runId, items: [{ observation: outcome.observation }] },
          { now: finishedAt, cause: { kind: 'discovery', id: job.runId, correlationId: job.correlationId } },
        );
        const result = written.records[0] as (typeof written.records)[number];
        assetId = result.assetId || null;
        counts[result.outcome] += 1;
        if (assetId && result.outcome !== 'unchanged' && changed.size < 100) changed.add(assetId);
        if (assetId && outcome.observation.relations.length > 0) foundRecords.push(result.recordId);
        insertLearnedAddresses(db, job.runId, learnedAddressesOf(outcome.observation.raw, { assetId, network: scope.network, inScope: job.inScope }));
      }
      insertRunHost(db, {
        runId: job.runId,
        host: outcome.target.host,
        port: outcome.target.port,
        status: outcome.status,
        credentialSetId: outcome.credentialId ?? null,
        assetId,
        message,
        attempts: outcome.attempts.map((a) => ({ credentialSetId: a.credentialId, reason: a.reason })),
        durationMs: outcome.durationMs,
        requestCount: outcome.requestCount,
        finishedAt,
      });
    };
    return deps.writes.run('discovery.host', write).catch((error: unknown) => {
      // A host whose observation cannot be stored is reported as such; the run goes on.
      deps.onUnexpectedError('Could not store a discovered host', {
        runId: job.runId,
        host: outcome.target.host,
        error: error instanceof Error ? error.message : String(error),
      });
      try {
        insertRunHost(db, {
          runId: job.runId,
          host: outcome.target.host,
          port: outcome.target.port,
          status: outcome.status === 'found' ? 'malformed' : outcome.status,
          credentialSetId: outcome.credentialId ?? null,
          assetId: null,
          message: 'What this device reported could not be stored in the inventory; see the application log.',
          attempts: [],
          durationMs: outcome.durationMs,
          requestCount: outcome.requestCount,
          finishedAt,
        });
      } catch {
        // The database itself is failing; the final transaction will report it.
      }
    });
  };

  const persist = (outcome: SnmpHostOutcome): void => {
    const finishedAt = nowIso();
    // Hosts are written in the order they finish, each when the write queue gives it its turn.
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
  try {
    emit('sweeping', true);
    const report = await deps.collector.sweep(job.targets, job.credentials, {
      concurrency: s.concurrency,
      ratePerSecond: s.ratePerSecond,
      perHostIntervalMs: s.perHostIntervalMs,
      limits: { timeoutMs: s.timeoutMs, retries: s.retries, backoff: s.backoff },
      depth: scope.depth,
      ...(scope.network ? { network: scope.network } : {}),
      signal: deps.signal,
      onOutcome: persist,
      onProgress: (p) => {
        last = p;
        emit('sweeping', p.done === p.total);
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
      after: { scopeId: scope.id, scope: scope.name, status, counts, byStatus, notProbed, relationsWritten },
      correlationId: job.correlationId,
    });
  });
  emit('done', true);
  return { status, counts, byStatus, notProbed, relationsWritten, changedAssetIds: [...changed], error };
}
