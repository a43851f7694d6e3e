// Discovery scopes: protocol and its options, targets, exclusions, ports, ordered credential sets,
// safety settings, schedule, enabled and OT flags. Returns ScopeRecord (parsed, typed); the service adds what needs the
// collector or the scheduler (target count, next run time).
import { DiscoveryScopeOptions, type CredentialSetKind, type DiscoveryProtocol, type DiscoverySettings, type RunStatus } from '../../src-shared/api/index.js';
import type { Database } from './database.js';

export interface ScopeRecord {
  id: string;
  name: string;
  protocol: DiscoveryProtocol;
  /** The protocol's options (options.protocol === protocol). */
  options: DiscoveryScopeOptions;
  description: string | null;
  targets: string[];
  exclusions: string[];
  ports: number[];
  credentialSets: { id: string; name: string; kind: CredentialSetKind }[];
  network: string | null;
  settings: DiscoverySettings;
  depth: 'identify' | 'full';
  schedule: string | null;
  scheduleTimezone: string | null;
  enabled: boolean;
  ot: boolean;
  sourceId: string;
  lastRun: { id: string; status: RunStatus; startedAt: string } | null;
  createdAt: string;
  updatedAt: string;
}

export type ScopeWrite = Omit<ScopeRecord, 'credentialSets' | 'lastRun'> & { credentialSetIds: string[] };

interface ScopeRow {
  id: string;
  name: string;
  protocol: string;
  options_json: string;
  description: string | null;
  targets_json: string;
  exclusions_json: string;
  ports_json: string;
  network: string | null;
  rate_per_second: number;
  concurrency: number;
  per_host_interval_ms: number;
  timeout_ms: number;
  retries: number;
  backoff: number;
  depth: string;
  schedule: string | null;
  schedule_timezone: string | null;
  enabled: number;
  ot: number;
  source_id: string;
  created_at: string;
  updated_at: string;
}

function toRecord(db: Database, row: ScopeRow): ScopeRecord {
  const credentialSets = db
    .prepare(
      `SELECT c.id, c.name, c.kind FROM discovery_scope_credentials sc JOIN credential_sets c ON c.id = sc.credential_set_id
       WHERE sc.scope_id = ? ORDER BY sc.position`,
    )
    .all(row.id) as ScopeRecord['credentialSets'];
  const lastRun = db
    .prepare(
      `SELECT r.id, r.status, r.started_at AS startedAt FROM discovery_run_plans p JOIN discovery_runs r ON r.id = p.run_id
       WHERE p.scope_id = ? ORDER BY r.started_at DESC, r.id DESC LIMIT 1`,
    )
    .get(row.id) as ScopeRecord['lastRun'] | undefined;
  return {
    id: row.id,
    name: row.name,
    protocol: row.protocol as DiscoveryProtocol,
    // Parsed through the contract so options stored by an older build get the defaults added since.
    options: DiscoveryScopeOptions.parse(JSON.parse(row.options_json)),
    description: row.description,
    targets: JSON.parse(row.targets_json) as string[],
    exclusions: JSON.parse(row.exclusions_json) as string[],
    ports: JSON.parse(row.ports_json) as number[],
    credentialSets,
    network: row.network,
    settings: {
      ratePerSecond: row.rate_per_second,
      concurrency: row.concurrency,
      perHostIntervalMs: row.per_host_interval_ms,
      timeoutMs: row.timeout_ms,
      retries: row.retries,
      backoff: row.backoff,
    },
    depth: row.depth === 'identify' ? 'identify' : 'full',
    schedule: row.schedule,
    scheduleTimezone: row.schedule_timezone,
    enabled: row.enabled === 1,
    ot: row.ot === 1,
    sourceId: row.source_id,
    lastRun: lastRun ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toParams(scope: ScopeWrite): Record<string, unknown> {
  return {
    id: scope.id,
    name: scope.name,
    protocol: scope.protocol,
    options_json: JSON.stringify(scope.options),
    description: scope.description,
    targets_json: JSON.stringify(scope.targets),
    exclusions_json: JSON.stringify(scope.exclusions),
    ports_json: JSON.stringify(scope.ports),
    network: scope.network,
    rate_per_second: scope.settings.ratePerSecond,
    concurrency: scope.settings.concurrency,
    per_host_interval_ms: scope.settings.perHostIntervalMs,
    timeout_ms: scope.settings.timeoutMs,
    retries: scope.settings.retries,
    backoff: scope.settings.backoff,
    depth: scope.depth,
    schedule: scope.schedule,
    schedule_timezone: scope.scheduleTimezone,
    enabled: scope.enabled ? 1 : 0,
    ot: scope.ot ? 1 : 0,
    source_id: scope.sourceId,
    created_at: scope.createdAt,
    updated_at: scope.updatedAt,
  };
}

function writeCredentialOrder(db: Database, scopeId: string, ids: readonly string[]): void {
  db.prepare('DELETE FROM discovery_scope_credentials WHERE scope_id = ?').run(scopeId);
  const insert = db.prepare('INSERT INTO discovery_scope_credentials (scope_id, position, credential_set_id) VALUES (?, ?, ?)');
  ids.forEach((id, position) => insert.run(scopeId, position, id));
}

export function insertScope(db: Database, scope: ScopeWrite): void {
  db.prepare(
    `INSERT INTO discovery_scopes (id, name, protocol, options_json, description, targets_json, exclusions_json, ports_json, network, rate_per_second, concurrency,
      per_host_interval_ms, timeout_ms, retries, backoff, depth, schedule, schedule_timezone, enabled, ot, source_id, created_at, updated_at)
     VALUES (@id, @name, @protocol, @options_json, @description, @targets_json, @exclusions_json, @ports_json, @network, @rate_per_second, @concurrency,
      @per_host_interval_ms, @timeout_ms, @retries, @backoff, @depth, @schedule, @schedule_timezone, @enabled, @ot, @source_id, @created_at, @updated_at)`,
  ).run(toParams(scope));
  writeCredentialOrder(db, scope.id, scope.credentialSetIds);
}

export function updateScope(db: Database, scope: ScopeWrite): void {
  db.prepare(
    `UPDATE discovery_scopes SET name = @name, options_json = @options_json, description = @description, targets_json = @targets_json, exclusions_json = @exclusions_json,
      ports_json = @ports_json, network = @network, rate_per_second = @rate_per_second, concurrency = @concurrency,
      per_host_interval_ms = @per_host_interval_ms, timeout_ms = @timeout_ms, retries = @retries, backoff = @backoff, depth = @depth,
      schedule = @schedule, schedule_timezone = @schedule_timezone, enabled = @enabled, ot = @ot, source_id = @source_id, updated_at = @updated_at
     WHERE id = @id`,
  ).run(toParams(scope));
  writeCredentialOrder(db, scope.id, scope.credentialSetIds);
}

export function deleteScope(db: Database, id: string): boolean {
  return db.prepare('DELETE FROM discovery_scopes WHERE id = ?').run(id).changes > 0;
}

export function getScope(db: Database, id: string): ScopeRecord | null {
  const row = db.prepare('SELECT * FROM discovery_scopes WHERE id = ?').get(id) as ScopeRow | undefined;
  return row ? toRecord(db, row) : null;
}

export function findScopeByName(db: Database, name: string): ScopeRecord | null {
  const row = db.prepare('SELECT * FROM discovery_scopes WHERE name = ? COLLATE NOCASE').get(name) as ScopeRow | undefined;
  return row ? toRecord(db, row) : null;
}

export function listScopes(db: Database): ScopeRecord[] {
  return (db.prepare('SELECT * FROM discovery_scopes ORDER BY name COLLATE NOCASE').all() as ScopeRow[]).map((row) => toRecord(db, row));
}
