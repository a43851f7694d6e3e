// Discovery runs (imports for now): their status, counts, error and timing.
import type { ImportPreview, Run, RunCounts, RunError, RunStatus } from '../../src-shared/api/index.js';
import type { SourceKind } from '../../src-shared/model/source-kinds.js';
import type { Database } from './database.js';
import type { DiscoveryRunsTable } from './schema.js';

type RunRow = DiscoveryRunsTable & { source_name: string | null; source_kind: SourceKind | null };

const SELECT_RUN = `SELECT r.*, s.name AS source_name, s.kind AS source_kind FROM discovery_runs r LEFT JOIN sources s ON s.id = r.source_id`;

function toRun(row: RunRow): Run {
  return {
    id: row.id,
    kind: row.kind as Run['kind'],
    sourceId: row.source_id,
    sourceName: row.source_name,
    sourceKind: row.source_kind,
    trigger: row.trigger as Run['trigger'],
    scope: row.scope,
    status: row.status as RunStatus,
    counts: { read: row.read_count, created: row.created_count, updated: row.updated_count, unchanged: row.unchanged_count, rejected: row.rejected_count },
    error: row.error_json ? (JSON.parse(row.error_json) as RunError) : null,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    durationMs: row.duration_ms,
    correlationId: row.correlation_id,
    preview: row.preview_json ? (JSON.parse(row.preview_json) as ImportPreview) : null,
  };
}

/** The process that runs a run: a run whose owner is still alive is not someone else's to interrupt. */
export interface RunOwner {
  host: string;
  pid: number;
}

/** Whether a run left 'running' was abandoned (its process is gone) and may be marked interrupted. */
export type IsRunAbandoned = (owner: RunOwner | null) => boolean;

export interface NewRun {
  id: string;
  kind: Run['kind'];
  sourceId: string | null;
  trigger: Run['trigger'];
  scope: string;
  startedAt: string;
  correlationId: string;
  /** Null only for runs no process will continue (tests, benchmarks): they count as abandoned. */
  owner?: RunOwner | null;
}

export function insertRun(db: Database, run: NewRun): void {
  db.prepare(
    `INSERT INTO discovery_runs (id, kind, source_id, trigger, scope, status, started_at, correlation_id, owner_host, owner_pid)
     VALUES (?, ?, ?, ?, ?, 'running', ?, ?, ?, ?)`,
  ).run(run.id, run.kind, run.sourceId, run.trigger, run.scope, run.startedAt, run.correlationId, run.owner?.host ?? null, run.owner?.pid ?? null);
}

/** Ids of runs left 'running' or 'queued' whose owning process is gone. */
export function abandonedRunIds(db: Database, isAbandoned: IsRunAbandoned, kind?: string): string[] {
  const rows = db
    .prepare(`SELECT id, kind, owner_host, owner_pid FROM discovery_runs WHERE status IN ('running', 'queued')`)
    .all() as { id: string; kind: string; owner_host: string | null; owner_pid: number | null }[];
  return rows
    .filter((r) => kind === undefined || r.kind === kind)
    .filter((r) => isAbandoned(r.owner_host === null || r.owner_pid === null ? null : { host: r.owner_host, pid: r.owner_pid }))
    .map((r) => r.id);
}

export function finishRun(db: Database, id: string, result: { status: RunStatus; counts: RunCounts; error: RunError | null; finishedAt: string; durationMs: number }): void {
  db.prepare(
    `UPDATE discovery_runs SET status = ?, read_count = ?, created_count = ?, updated_count = ?, unchanged_count = ?, rejected_count = ?,
      error_json = ?, finished_at = ?, duration_ms = ? WHERE id = ?`,
  ).run(
    result.status,
    result.counts.read,
    result.counts.created,
    result.counts.updated,
    result.counts.unchanged,
    result.counts.rejected,
    result.error ? JSON.stringify(result.error) : null,
    result.finishedAt,
    Math.round(result.durationMs),
    id,
  );
}

/** An import's preview; with a status, the run moves to it ('previewed' while it waits for a person). */
export function setRunPreview(db: Database, id: string, preview: ImportPreview, status?: RunStatus): void {
  if (status) db.prepare('UPDATE discovery_runs SET preview_json = ?, status = ?, read_count = ?, rejected_count = ? WHERE id = ?').run(JSON.stringify(preview), status, preview.records, preview.rejected, id);
  else db.prepare('UPDATE discovery_runs SET preview_json = ? WHERE id = ?').run(JSON.stringify(preview), id);
}

/** Marks a run running again (a previewed import being committed). */
export function resumeRun(db: Database, id: string): void {
  db.prepare("UPDATE discovery_runs SET status = 'running' WHERE id = ?").run(id);
}

export function getRun(db: Database, id: string): Run | null {
  const row = db.prepare(`${SELECT_RUN} WHERE r.id = ?`).get(id) as RunRow | undefined;
  return row ? toRun(row) : null;
}

export function listRuns(db: Database, limit: number, offset: number): Run[] {
  return (db.prepare(`${SELECT_RUN} ORDER BY r.started_at DESC, r.id DESC LIMIT ? OFFSET ?`).all(limit, offset) as RunRow[]).map(toRun);
}

/** Runs left 'running' by a process that stopped (crash, power loss) are marked interrupted. */
export function markInterruptedRuns(db: Database, finishedAt: string, isAbandoned: IsRunAbandoned): number {
  const error: RunError = {
    reason: 'interrupted',
    message: 'The application stopped while this run was in progress; nothing from it was committed. Start it again.',
    recordNumber: null,
    line: null,
    field: null,
  };
  const update = db.prepare("UPDATE discovery_runs SET status = 'interrupted', error_json = ?, finished_at = ? WHERE id = ? AND status IN ('running', 'queued')");
  return db.transaction(() => abandonedRunIds(db, isAbandoned).reduce((n, id) => n + update.run(JSON.stringify(error), finishedAt, id).changes, 0))();
}
