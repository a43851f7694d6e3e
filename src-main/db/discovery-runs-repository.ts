// What a discovery run adds to its discovery_runs row: the plan it started with, one outcome per
// probed target, the addresses agents told it about, and the marking of runs a stopped process left
// behind. Host rows are written as each host finishes, so an interrupted run keeps what it found.
import {
  DISCOVERY_HOST_STATUSES,
  DiscoveryScopeOptions,
  type DiscoveryDecision,
  type DiscoveryHost,
  type DiscoveryHostStatus,
  type DiscoveryRunReport,
  type LearnedAddress,
  type LearnedVia,
  type RunError,
} from '../../src-shared/api/index.js';
import type { Database } from './database.js';
import { abandonedRunIds, type IsRunAbandoned } from './runs-repository.js';

export type RunPlanSnapshot = DiscoveryRunReport['plan'];

export interface RunPlanRecord {
  runId: string;
  scopeId: string | null;
  plan: RunPlanSnapshot;
  targetCount: number;
  notProbed: number;
  relationsWritten: number;
  resumedFromRunId: string | null;
}

/** A stored plan; plans from before other protocols existed are SNMP. */
function planOf(json: string): RunPlanSnapshot {
  const plan = JSON.parse(json) as Partial<RunPlanSnapshot> & Omit<RunPlanSnapshot, 'protocol' | 'options'>;
  const protocol = plan.protocol ?? 'snmp';
  return { ...plan, protocol, options: DiscoveryScopeOptions.parse(plan.options ?? { protocol }) };
}

export function insertRunPlan(db: Database, record: Omit<RunPlanRecord, 'notProbed' | 'relationsWritten'>): void {
  db.prepare('INSERT INTO discovery_run_plans (run_id, scope_id, plan_json, target_count, resumed_from_run_id) VALUES (?, ?, ?, ?, ?)').run(
    record.runId,
    record.scopeId,
    JSON.stringify(record.plan),
    record.targetCount,
    record.resumedFromRunId,
  );
}

export function getRunPlan(db: Database, runId: string): RunPlanRecord | null {
  const row = db.prepare('SELECT * FROM discovery_run_plans WHERE run_id = ?').get(runId) as
    | {
        run_id: string;
        scope_id: string | null;
        plan_json: string;
        target_count: number;
        not_probed: number;
        relations_written: number;
        resumed_from_run_id: string | null;
      }
    | undefined;
  if (!row) return null;
  return {
    runId: row.run_id,
    scopeId: row.scope_id,
    plan: planOf(row.plan_json),
    targetCount: row.target_count,
    notProbed: row.not_probed,
    relationsWritten: row.relations_written,
    resumedFromRunId: row.resumed_from_run_id,
  };
}

export function setRunPlanTotals(db: Database, runId: string, totals: { notProbed: number; relationsWritten: number }): void {
  db.prepare('UPDATE discovery_run_plans SET not_probed = ?, relations_written = ? WHERE run_id = ?').run(totals.notProbed, totals.relationsWritten, runId);
}

/** The run of this scope still marked running (by this process or another one on the same file). */
export function activeRunOfScope(db: Database, scopeId: string): string | null {
  return (
    (db
      .prepare(
        `SELECT r.id FROM discovery_run_plans p JOIN discovery_runs r ON r.id = p.run_id WHERE p.scope_id = ? AND r.status IN ('running', 'queued') LIMIT 1`,
      )
      .pluck()
      .get(scopeId) as string | undefined) ?? null
  );
}

export interface RunHostRow {
  runId: string;
  host: string;
  port: number;
  status: DiscoveryHostStatus;
  credentialSetId: string | null;
  assetId: string | null;
  message: string | null;
  attempts: { credentialSetId: string; reason: string }[];
  durationMs: number;
  requestCount: number;
  /** Observations written for the target: the device, then devices reached through it. */
  observationCount: number;
  decisions: DiscoveryDecision[];
  finishedAt: string;
}

export function insertRunHost(db: Database, row: RunHostRow): void {
  db.prepare(
    `INSERT INTO discovery_run_hosts (run_id, host, port, status, credential_set_id, asset_uid, message, attempts_json, duration_ms, request_count,
       observation_count, decisions_json, finished_at)
     VALUES (?, ?, ?, ?, (SELECT id FROM credential_sets WHERE id = ?), ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (run_id, host, port) DO UPDATE SET status = excluded.status, credential_set_id = excluded.credential_set_id, asset_uid = excluded.asset_uid,
       message = excluded.message, attempts_json = excluded.attempts_json, duration_ms = excluded.duration_ms, request_count = excluded.request_count,
       observation_count = excluded.observation_count, decisions_json = excluded.decisions_json, finished_at = excluded.finished_at`,
  ).run(
    row.runId,
    row.host,
    row.port,
    row.status,
    row.credentialSetId,
    row.assetId,
    row.message,
    JSON.stringify(row.attempts),
    Math.round(row.durationMs),
    row.requestCount,
    row.observationCount,
    JSON.stringify(row.decisions),
    row.finishedAt,
  );
}

/** "host:port" of every target a run finished (not cancelled), for resuming it. */
export function finishedTargetsOfRun(db: Database, runId: string): Set<string> {
  const rows = db.prepare("SELECT host, port FROM discovery_run_hosts WHERE run_id = ? AND status <> 'cancelled'").all(runId) as {
    host: string;
    port: number;
  }[];
  return new Set(rows.map((r) => `${r.host}:${r.port}`));
}

export function hostCountsByStatus(db: Database, runId: string): Record<DiscoveryHostStatus, number> {
  const counts = Object.fromEntries(DISCOVERY_HOST_STATUSES.map((s) => [s, 0])) as Record<DiscoveryHostStatus, number>;
  for (const row of db.prepare('SELECT status, count(*) AS n FROM discovery_run_hosts WHERE run_id = ? GROUP BY status').all(runId) as {
    status: DiscoveryHostStatus;
    n: number;
  }[]) {
    if (row.status in counts) counts[row.status] = row.n;
  }
  return counts;
}

export function listRunHosts(
  db: Database,
  runId: string,
  query: { statuses?: readonly DiscoveryHostStatus[] | undefined; limit: number; offset: number },
): { items: DiscoveryHost[]; total: number } {
  const where = ['h.run_id = ?'];
  const params: unknown[] = [runId];
  if (query.statuses && query.statuses.length > 0) {
    where.push(`h.status IN (${query.statuses.map(() => '?').join(', ')})`);
    params.push(...query.statuses);
  } else {
    // Hosts a cancel stopped mid-probe are counted as not probed, not as hosts done: the list of
    // all hosts shows the hosts done, as the report's figures do. Asked for by status, they show.
    where.push("h.status <> 'cancelled'");
  }
  const total = db
    .prepare(`SELECT count(*) FROM discovery_run_hosts h WHERE ${where.join(' AND ')}`)
    .pluck()
    .get(...params) as number;
  const rows = db
    .prepare(
      `SELECT h.*, h.asset_uid AS asset_id, c.name AS credential_name, a.name AS asset_name FROM discovery_run_hosts h
       LEFT JOIN credential_sets c ON c.id = h.credential_set_id LEFT JOIN assets a ON a.uid = h.asset_uid
       WHERE ${where.join(' AND ')} ORDER BY h.status = 'found' DESC, h.host, h.port LIMIT ? OFFSET ?`,
    )
    .all(...params, query.limit, query.offset) as {
    host: string;
    port: number;
    status: DiscoveryHostStatus;
    credential_set_id: string | null;
    credential_name: string | null;
    asset_id: string | null;
    asset_name: string | null;
    message: string | null;
    attempts_json: string;
    duration_ms: number;
    request_count: number;
    observation_count: number;
    decisions_json: string;
    finished_at: string;
  }[];
  return {
    total,
    items: rows.map((r) => ({
      host: r.host,
      port: r.port,
      status: r.status,
      credentialSetId: r.credential_set_id,
      credentialSetName: r.credential_name,
      assetId: r.asset_id,
      assetName: r.asset_name,
      message: r.message,
      attempts: JSON.parse(r.attempts_json) as DiscoveryHost['attempts'],
      durationMs: r.duration_ms,
      requestCount: r.request_count,
      observationCount: r.observation_count,
      decisions: JSON.parse(r.decisions_json) as DiscoveryDecision[],
      finishedAt: r.finished_at,
    })),
  };
}

export interface LearnedAddressRow {
  ip: string | null;
  mac: string | null;
  via: LearnedVia;
  learnedFromAssetId: string | null;
  inScope: boolean;
  network: string | null;
}

export function insertLearnedAddresses(db: Database, runId: string, rows: readonly LearnedAddressRow[]): void {
  const insert = db.prepare(
    `INSERT INTO learned_addresses (run_id, ip, mac, via, learned_from_asset_uid, in_scope, network) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT DO NOTHING`,
  );
  for (const r of rows) insert.run(runId, r.ip, r.mac, r.via, r.learnedFromAssetId, r.inScope ? 1 : 0, r.network);
}

export function learnedAddressCounts(db: Database, runId: string): { total: number; inScope: number } {
  const row = db.prepare('SELECT count(*) AS total, coalesce(sum(in_scope), 0) AS inScope FROM learned_addresses WHERE run_id = ?').get(runId) as {
    total: number;
    inScope: number;
  };
  return row;
}

export function listLearnedAddresses(
  db: Database,
  runId: string,
  query: { inScope?: boolean | undefined; limit: number; offset: number },
): { items: LearnedAddress[]; total: number } {
  const where = ['l.run_id = ?'];
  const params: unknown[] = [runId];
  if (query.inScope !== undefined) {
    where.push('l.in_scope = ?');
    params.push(query.inScope ? 1 : 0);
  }
  const total = db
    .prepare(`SELECT count(*) FROM learned_addresses l WHERE ${where.join(' AND ')}`)
    .pluck()
    .get(...params) as number;
  const rows = db
    .prepare(
      `SELECT l.ip, l.mac, l.via, l.learned_from_asset_uid AS learned_from_asset_id, a.name AS asset_name, l.in_scope FROM learned_addresses l
       LEFT JOIN assets a ON a.uid = l.learned_from_asset_uid WHERE ${where.join(' AND ')} ORDER BY l.ip, l.mac, l.via LIMIT ? OFFSET ?`,
    )
    .all(...params, query.limit, query.offset) as {
    ip: string | null;
    mac: string | null;
    via: LearnedVia;
    learned_from_asset_id: string | null;
    asset_name: string | null;
    in_scope: number;
  }[];
  return {
    total,
    items: rows.map((r) => ({
      ip: r.ip,
      mac: r.mac,
      via: r.via,
      learnedFromAssetId: r.learned_from_asset_id,
      learnedFromAssetName: r.asset_name,
      inScope: r.in_scope === 1,
    })),
  };
}

/**
 * Discovery runs left 'running' by a process that stopped are marked interrupted — with counts from
 * their host rows, because (unlike an import) every host they finished was committed and is kept.
 * Call before markInterruptedRuns, whose generic message says nothing was committed.
 */
export function markInterruptedDiscoveryRuns(db: Database, finishedAt: string, isAbandoned: IsRunAbandoned): string[] {
  return db.transaction(() => {
    const abandoned = new Set(abandonedRunIds(db, isAbandoned, 'discovery'));
    const runs = (
      db
        .prepare(
          `SELECT r.id, r.started_at, p.target_count FROM discovery_runs r JOIN discovery_run_plans p ON p.run_id = r.id
           WHERE r.kind = 'discovery' AND r.status IN ('running', 'queued')`,
        )
        .all() as { id: string; started_at: string; target_count: number }[]
    ).filter((r) => abandoned.has(r.id));
    for (const run of runs) {
      const counts = hostCountsByStatus(db, run.id);
      const done = Object.values(counts).reduce((a, b) => a + b, 0);
      const notProbed = Math.max(0, run.target_count - done);
      const error: RunError = {
        reason: 'interrupted',
        message: `The application stopped while this discovery was running. The ${done} host(s) it finished are kept; ${notProbed} target(s) were not probed. Resume the run to probe only those.`,
        recordNumber: null,
        line: null,
        field: null,
      };
      db.prepare(
        `UPDATE discovery_runs SET status = 'interrupted', read_count = ?, rejected_count = ?, error_json = ?, finished_at = ?,
          duration_ms = max(0, CAST((julianday(?) - julianday(started_at)) * 86400000 AS INTEGER)) WHERE id = ?`,
      ).run(done, done - counts.found, JSON.stringify(error), finishedAt, finishedAt, run.id);
      db.prepare('UPDATE discovery_run_plans SET not_probed = ? WHERE run_id = ?').run(notProbed, run.id);
    }
    return runs.map((r) => r.id);
  })();
}

/**
 * The credential that last worked per device, backed by the database so the next run (and the next
 * session) tries it first. Keys are qualified by network: the same private IP on two plants is two
 * devices. Implements the collector's CredentialMemory interface structurally.
 */
export function createDbCredentialMemory(
  db: Database,
  options: { network: string | null; now: () => string },
): {
  recall(deviceKey: string): string | undefined;
  remember(deviceKey: string, credentialId: string): void;
} {
  const key = (deviceKey: string) => `${options.network ?? 'default'}/${deviceKey}`;
  const select = db.prepare('SELECT credential_set_id FROM credential_memory WHERE device_key = ?').pluck();
  const upsert = db.prepare(
    `INSERT INTO credential_memory (device_key, credential_set_id, updated_at) SELECT ?, id, ? FROM credential_sets WHERE id = ?
     ON CONFLICT (device_key) DO UPDATE SET credential_set_id = excluded.credential_set_id, updated_at = excluded.updated_at`,
  );
  return {
    recall: (deviceKey) => (select.get(key(deviceKey)) as string | undefined) ?? undefined,
    remember: (deviceKey, credentialId) => {
      upsert.run(key(deviceKey), options.now(), credentialId);
    },
  };
}
