// A database written by the previous release (schema 0004: observations with text ids, golden
// records as rows of asset_fields, decisions over source ids) opened by this one: it is backed up,
// migrated to the record store, and rebuilt — every version of every record kept, people's tags and
// lifecycle and decisions carried to the assets that now hold their records, the legacy tables gone.
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCAL_MIGRATIONS } from '../../migrations/index.js';
import { DATABASE_FILE_NAME } from '../app/create-app-core.js';
import { createTempDir, type TempDir } from '../test-support/temp-dir.js';
import { startTestAppCore, type TestAppCore } from '../test-support/test-app-core.js';
import { openDatabase } from './database.js';
import { migrateDatabase } from './migrate-database.js';

const AT = '2026-11-01T08:00:00Z';

function writeReleaseOneDatabase(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  const db = openDatabase(join(dataDir, DATABASE_FILE_NAME));
  try {
    migrateDatabase(db, { migrations: LOCAL_MIGRATIONS.filter((m) => m.name < '0005'), backupDir: null, now: () => new Date(AT) });
    db.exec(`
      INSERT INTO sources (id, kind, name, created_at) VALUES
        ('0190a000-0000-7000-8000-000000000001', 'servers_cache', 'cmdb', '${AT}'),
        ('0190a000-0000-7000-8000-000000000002', 'desktop_cache', 'agents', '${AT}');
      INSERT INTO assets (id, class, name, first_seen, last_seen, created_at, updated_at) VALUES
        ('old-hist', 'server', 'hist-01', '${AT}', '${AT}', '${AT}', '${AT}'),
        ('old-mes', 'server', 'mes-01', '${AT}', '${AT}', '${AT}', '${AT}');
    `);
    const observation = db.prepare(
      `INSERT INTO observations (id, source_id, native_key, observed_at, asset_class, fields_json, interfaces_json, software_json, tags_json, relations_json, raw_json, content_hash, idempotency_key, asset_id, created_at)
       VALUES (?, ?, ?, ?, 'server', ?, '[]', '[]', '{}', '[]', '{}', ?, ?, ?, '${AT}')`,
    );
    const cmdb = '0190a000-0000-7000-8000-000000000001';
    const agents = '0190a000-0000-7000-8000-000000000002';
    observation.run('o1', cmdb, 'SRV-1', '2026-11-01T06:00:00Z', JSON.stringify({ hostname: 'hist-01', serial: '7XK2QH3', vendor: 'Dell Inc.', memory_mb: 65536 }), 'h1', 'k1', 'old-hist');
    observation.run('o2', cmdb, 'SRV-1', '2026-11-20T06:00:00Z', JSON.stringify({ hostname: 'hist-01', serial: '7XK2QH3', vendor: 'Dell Inc.', memory_mb: 131072 }), 'h2', 'k2', 'old-hist');
    observation.run('o3', agents, 'a-1', '2026-11-21T06:00:00Z', JSON.stringify({ hostname: 'hist-01', serial: '7xk2qh3', vendor: 'Dell' }), 'h3', 'k3', 'old-hist');
    observation.run('o4', cmdb, 'SRV-2', '2026-11-20T06:00:00Z', JSON.stringify({ hostname: 'mes-01', serial: 'J30A1B2', vendor: 'Lenovo' }), 'h4', 'k4', 'old-mes');
    db.exec(`
      INSERT INTO asset_sources (source_id, native_key, asset_id, first_seen, last_seen) VALUES
        ('${cmdb}', 'SRV-1', 'old-hist', '${AT}', '${AT}'),
        ('${agents}', 'a-1', 'old-hist', '${AT}', '${AT}'),
        ('${cmdb}', 'SRV-2', 'old-mes', '${AT}', '${AT}');
      INSERT INTO tags (asset_id, key, value, origin) VALUES ('old-hist', 'owner-team', 'ot-ops', 'person'), ('old-hist', 'site', 'plant-a', 'observed');
      INSERT INTO lifecycle (asset_id, stage, owner, updated_at) VALUES ('old-hist', 'deployed', 'j.smith', '${AT}');
      INSERT INTO match_decisions (id, kind, left_source_id, left_native_key, right_source_id, right_native_key, reason, actor, origin, created_at)
        VALUES ('d-1', 'never_merge', '${cmdb}', 'SRV-2', '${agents}', 'a-1', 'different boxes', 'alice', 'unmerge', '${AT}');
    `);
  } finally {
    db.close();
  }
}

describe('upgrading a database from the previous release', () => {
  let dir: TempDir | undefined;
  let t: TestAppCore | undefined;
  afterEach(async () => {
    await t?.close();
    await dir?.remove();
  });

  it('backs it up, keeps every record version, and carries tags, lifecycle and decisions to the rebuilt assets', async () => {
    dir = await createTempDir('fieldwise-upgrade-');
    writeReleaseOneDatabase(dir.file('data'));
    t = await startTestAppCore({ dir, now: () => new Date('2026-11-25T00:00:00Z') });

    expect(readdirSync(dir.file('data', 'backups')).some((f) => f.startsWith('before-0005'))).toBe(true);
    const tables = t.core.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'legacy%'").pluck().all();
    expect(tables).toEqual([]);
    expect(t.core.db.prepare('SELECT count(*) FROM observations').pluck().get()).toBe(4);

    const page = await t.call('assets.list', { limit: 10 });
    expect(page.items.map((a) => a.name).sort()).toEqual(['hist-01', 'mes-01']);
    const hist = page.items.find((a) => a.name === 'hist-01');
    if (!hist) throw new Error('hist-01 is missing');
    const detail = await t.call('assets.get', { id: hist.id });
    expect(detail.fields.find((f) => f.field === 'memory_mb')?.value).toBe(131072);
    expect((await t.call('assets.explain', { id: hist.id })).members).toHaveLength(2);
    expect(await t.call('assets.tags.get', { id: hist.id })).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'owner-team', value: 'ot-ops' })]));
    expect(await t.call('assets.lifecycle.get', { id: hist.id })).toMatchObject({ stage: 'deployed', owner: 'j.smith' });

    const decisions = await t.call('decisions.list', {});
    expect(decisions.items).toEqual([expect.objectContaining({ id: 'd-1', kind: 'never_merge' })]);
  });
});
