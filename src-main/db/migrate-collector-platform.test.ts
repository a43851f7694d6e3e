// Migration 0008 on a real 0007 database holding SNMP credential sets, scopes, remembered
// credentials and past runs: nothing is lost, every foreign key still holds, and the app reads the
// migrated rows through its repositories and the SNMP collector's credential mapping.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_MIGRATIONS } from '../../migrations/index.js';
import { snmpCredentialOf } from '../collectors/snmp/snmp-credential.js';
import { createTempDir, type TempDir } from '../test-support/temp-dir.js';
import { openDatabase, type Database } from './database.js';
import { getCredentialSetRecord, listCredentialSets, secretRefsOf } from './discovery-credentials-repository.js';
import { createDbCredentialMemory, getRunPlan, listRunHosts } from './discovery-runs-repository.js';
import { getScope } from './discovery-scopes-repository.js';
import { migrateDatabase } from './migrate-database.js';

const now = () => new Date('2026-01-01T00:00:00.000Z');
const AT = '2025-06-01T00:00:00.000Z';
const UP_TO_0007 = LOCAL_MIGRATIONS.slice(0, LOCAL_MIGRATIONS.findIndex((m) => m.name === '0007_dashboard_dimensions') + 1);

function fill0007(db: Database): void {
  db.prepare("INSERT INTO sources (id, kind, name, settings_json, created_at, seq) VALUES ('src-lab', 'snmp', 'Lab', '{}', ?, 1)").run(AT);
  const set = db.prepare(
    `INSERT INTO credential_sets (id, name, kind, v3_user, v3_level, v3_auth_protocol, v3_priv_protocol, v3_context, community_ref, auth_key_ref, priv_key_ref, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  set.run('cs-v2c', 'Core RO', 'snmp_v2c', null, null, null, null, null, 'fieldwise/credential-sets/cs-v2c/community', null, null, AT, AT);
  set.run('cs-v1', 'Old v1', 'snmp_v1', null, null, null, null, null, 'ops/legacy-community', null, null, AT, AT);
  set.run(
    'cs-v3',
    'Ops v3',
    'snmp_v3',
    'fw-ops',
    'authPriv',
    'sha256',
    'aes',
    'ctx1',
    null,
    'fieldwise/credential-sets/cs-v3/auth_key',
    'vault/ops-priv',
    AT,
    AT,
  );
  set.run('cs-noauth', 'Lab noauth', 'snmp_v3', 'lab', 'noAuthNoPriv', null, null, null, null, null, null, AT, AT);
  db.prepare(
    `INSERT INTO discovery_scopes (id, name, protocol, description, targets_json, exclusions_json, ports_json, network, rate_per_second, concurrency,
      per_host_interval_ms, timeout_ms, retries, backoff, depth, schedule, schedule_timezone, enabled, ot, source_id, created_at, updated_at)
     VALUES ('scope-lab', 'Lab', 'snmp', 'the lab', '["10.0.0.0/30"]', '["10.0.0.2"]', '[161,1161]', 'plant-a', 100, 8, 20, 1000, 2, 2, 'full',
      '0 3 * * *', 'Europe/Berlin', 1, 1, 'src-lab', ?, ?)`,
  ).run(AT, AT);
  const order = db.prepare('INSERT INTO discovery_scope_credentials (scope_id, position, credential_set_id) VALUES (?, ?, ?)');
  order.run('scope-lab', 0, 'cs-v3');
  order.run('scope-lab', 1, 'cs-v2c');
  db.prepare("INSERT INTO credential_memory (device_key, credential_set_id, updated_at) VALUES ('plant-a/10.0.0.1:161', 'cs-v3', ?)").run(AT);
  db.prepare(
    `INSERT INTO discovery_runs (id, kind, source_id, trigger, scope, status, read_count, created_count, updated_count, unchanged_count, rejected_count,
      started_at, finished_at, duration_ms, correlation_id) VALUES ('run-1', 'snmp_discovery', 'src-lab', 'manual', 'Lab', 'succeeded', 2, 1, 0, 0, 1, ?, ?, 5, 'c1')`,
  ).run(AT, AT);
  db.prepare(
    "INSERT INTO discovery_runs (id, kind, trigger, scope, status, started_at, correlation_id) VALUES ('imp-1', 'import', 'cli', 'file', 'succeeded', ?, 'c2')",
  ).run(AT);
  const plan = {
    targets: ['10.0.0.0/30'],
    exclusions: ['10.0.0.2'],
    ports: [161, 1161],
    targetCount: 6,
    credentials: [{ id: 'cs-v3', name: 'Ops v3', kind: 'snmp_v3' }],
    settings: { ratePerSecond: 100, concurrency: 8, perHostIntervalMs: 20, timeoutMs: 1000, retries: 2, backoff: 2 },
    depth: 'full',
    network: 'plant-a',
    ot: true,
  };
  db.prepare("INSERT INTO discovery_run_plans (run_id, scope_id, plan_json, target_count) VALUES ('run-1', 'scope-lab', ?, 6)").run(JSON.stringify(plan));
  const host = db.prepare(
    `INSERT INTO discovery_run_hosts (run_id, host, port, status, credential_set_id, asset_uid, message, attempts_json, duration_ms, request_count, finished_at)
     VALUES ('run-1', ?, 161, ?, ?, ?, ?, ?, 12, 30, ?)`,
  );
  host.run('10.0.0.1', 'found', 'cs-v3', 'asset-1', null, JSON.stringify([{ credentialSetId: 'cs-v3', reason: 'ok' }]), AT);
  host.run('10.0.0.3', 'no_response', null, null, 'No reply to credential set(s) "Ops v3".', '[]', AT);
}

describe('migration 0008 (collector platform) on a 0007 database', () => {
  let dir: TempDir;
  let db: Database;

  beforeEach(async () => {
    dir = await createTempDir('fieldwise-0008-');
    const path = dir.file('fieldwise.sqlite');
    const old = openDatabase(path);
    migrateDatabase(old, { migrations: UP_TO_0007, backupDir: null, now });
    fill0007(old);
    old.close();
    db = openDatabase(path);
    const result = migrateDatabase(db, { migrations: LOCAL_MIGRATIONS, backupDir: dir.file('backups'), now });
    expect(result.applied).toContain('0008_collector_platform');
  });
  afterEach(async () => {
    if (db.open) db.close();
    await dir.remove();
  });

  it('moves SNMP sets to settings and keychain slots, losing nothing', () => {
    const columns = (db.prepare('PRAGMA table_info(credential_sets)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual(['id', 'name', 'kind', 'created_at', 'updated_at', 'protocol', 'settings_json', 'secrets_json']);
    const sets = listCredentialSets(db);
    expect(sets.map((s) => [s.name, s.protocol, s.kind])).toEqual([
      ['Core RO', 'snmp', 'snmp_v2c'],
      ['Lab noauth', 'snmp', 'snmp_v3'],
      ['Old v1', 'snmp', 'snmp_v1'],
      ['Ops v3', 'snmp', 'snmp_v3'],
    ]);
    const v3 = sets.find((s) => s.id === 'cs-v3');
    expect(v3).toMatchObject({
      settings: { user: 'fw-ops', level: 'authPriv', authProtocol: 'sha256', privProtocol: 'aes', context: 'ctx1' },
      secrets: [
        { slot: 'auth_key', ref: 'fieldwise/credential-sets/cs-v3/auth_key', managed: true },
        { slot: 'priv_key', ref: 'vault/ops-priv', managed: false },
      ],
      usedBy: [{ scopeId: 'scope-lab', scopeName: 'Lab' }],
      createdAt: AT,
    });
    expect(sets.find((s) => s.id === 'cs-v2c')?.secrets).toEqual([{ slot: 'community', ref: 'fieldwise/credential-sets/cs-v2c/community', managed: true }]);
    expect(sets.find((s) => s.id === 'cs-v1')?.secrets).toEqual([{ slot: 'community', ref: 'ops/legacy-community', managed: false }]);
    expect(sets.find((s) => s.id === 'cs-noauth')).toMatchObject({ settings: { user: 'lab', level: 'noAuthNoPriv', authProtocol: null }, secrets: [] });

    // The collector reads the migrated set exactly as it read the old columns.
    const record = getCredentialSetRecord(db, 'cs-v3');
    if (!record) throw new Error('cs-v3 is gone');
    const secretRefs = Object.fromEntries(secretRefsOf(record).map((s) => [s.slot, s.ref]));
    expect(snmpCredentialOf({ id: record.id, name: record.name, kind: record.kind, settings: record.settings, secretRefs })).toEqual({
      id: 'cs-v3',
      version: 'v3',
      user: 'fw-ops',
      level: 'authPriv',
      authProtocol: 'sha256',
      authKeyRef: 'fieldwise/credential-sets/cs-v3/auth_key',
      privProtocol: 'aes',
      privKeyRef: 'vault/ops-priv',
      context: 'ctx1',
    });
  });

  it('keeps every row that points at a set, and every foreign key', () => {
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    expect(db.prepare('SELECT credential_set_id FROM discovery_scope_credentials ORDER BY position').pluck().all()).toEqual(['cs-v3', 'cs-v2c']);
    expect(createDbCredentialMemory(db, { network: 'plant-a', now: () => AT }).recall('10.0.0.1:161')).toBe('cs-v3');
    const fks = db.prepare('SELECT "table", "from", on_delete FROM pragma_foreign_key_list(\'credential_memory\')').all();
    expect(fks).toEqual([{ table: 'credential_sets', from: 'credential_set_id', on_delete: 'CASCADE' }]);
    // The cascade still works after the reshape: deleting a set forgets what it was remembered for.
    db.prepare("DELETE FROM discovery_scope_credentials WHERE credential_set_id = 'cs-v3'").run();
    db.prepare("DELETE FROM credential_sets WHERE id = 'cs-v3'").run();
    expect(db.prepare('SELECT count(*) FROM credential_memory').pluck().get()).toBe(0);
    expect(db.prepare("SELECT credential_set_id FROM discovery_run_hosts WHERE host = '10.0.0.1'").pluck().get()).toBeNull();
  });

  it('gives SNMP scopes their options and keeps everything else', () => {
    const scope = getScope(db, 'scope-lab');
    expect(scope).toMatchObject({
      protocol: 'snmp',
      options: { protocol: 'snmp' },
      description: 'the lab',
      targets: ['10.0.0.0/30'],
      exclusions: ['10.0.0.2'],
      ports: [161, 1161],
      network: 'plant-a',
      settings: { ratePerSecond: 100, concurrency: 8, perHostIntervalMs: 20, timeoutMs: 1000, retries: 2, backoff: 2 },
      schedule: '0 3 * * *',
      scheduleTimezone: 'Europe/Berlin',
      enabled: true,
      ot: true,
      sourceId: 'src-lab',
      lastRun: { id: 'run-1', status: 'succeeded', startedAt: AT },
    });
    expect(scope?.credentialSets.map((c) => c.id)).toEqual(['cs-v3', 'cs-v2c']);
  });

  it('makes past SNMP runs discovery runs with an SNMP plan, and keeps their host reports', () => {
    expect(db.prepare('SELECT id, kind FROM discovery_runs ORDER BY id').all()).toEqual([
      { id: 'imp-1', kind: 'import' },
      { id: 'run-1', kind: 'discovery' },
    ]);
    const plan = getRunPlan(db, 'run-1');
    expect(plan?.plan).toMatchObject({ protocol: 'snmp', options: { protocol: 'snmp' }, targetCount: 6, network: 'plant-a', ot: true });
    const hosts = listRunHosts(db, 'run-1', { limit: 10, offset: 0 });
    expect(hosts.total).toBe(2);
    expect(hosts.items.map((h) => [h.host, h.status, h.credentialSetName, h.observationCount, h.decisions])).toEqual([
      ['10.0.0.1', 'found', 'Ops v3', 1, []],
      ['10.0.0.3', 'no_response', null, 0, []],
    ]);
  });
});
