// Incremental reconciliation on a real SQLite file equals a rebuild: a trap-heavy synthetic fleet is
// written through the real asset writer in random orders and batch sizes (with re-ingested
// duplicates and operator decisions), and compared with the same fleet written in one batch, with
// a rebuild of the same database (which must find nothing to change), and with the pure engine.
import { afterEach, describe, expect, it } from 'vitest';
import { LOCAL_MIGRATIONS } from '../../migrations/index.js';
import { DEFAULT_RECONCILE_CONFIG, reconcileAll, type MatchDecision, type SourcedObservation } from '../engine/reconcile/index.js';
import { derivePrimaryIp } from '../engine/derive-primary-ip.js';
import { FLEET_SOURCES, generateFleet, mulberry32 } from '../fleet/index.js';
import { createTempDir, type TempDir } from '../test-support/temp-dir.js';
import { createAssetWriter, type AssetWriter } from './asset-writer.js';
import { createComponentReconciler } from './component-reconciler.js';
import { openDatabase, type Database } from './database.js';
import { insertMatchDecision } from './match-decisions-repository.js';
import { migrateDatabase } from './migrate-database.js';

const dirs: TempDir[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await d.remove();
});

async function freshDb(now: string): Promise<Database> {
  const dir = await createTempDir('fieldwise-reconcile-');
  dirs.push(dir);
  const db = openDatabase(dir.file('db.sqlite'));
  migrateDatabase(db, { migrations: LOCAL_MIGRATIONS, backupDir: null, now: () => new Date(now) });
  for (const s of FLEET_SOURCES) db.prepare('INSERT INTO sources (id, kind, name, created_at) VALUES (?, ?, ?, ?)').run(s.sourceId, s.sourceKind, s.sourceId, now);
  return db;
}

function idGenerator(prefix: string): () => string {
  let n = 0;
  return () => `${prefix}-${String(++n).padStart(8, '0')}`;
}

function writers(db: Database, now: string, newId: () => string): Map<string, AssetWriter> {
  const reconciler = createComponentReconciler(db, DEFAULT_RECONCILE_CONFIG);
  return new Map(
    FLEET_SOURCES.map((s) => [s.sourceId, createAssetWriter(db, { sourceId: s.sourceId, sourceKind: s.sourceKind, runId: null, now: () => now, newId, reconciler })] as const),
  );
}

function writeBatch(db: Database, ws: Map<string, AssetWriter>, batch: readonly SourcedObservation[]): void {
  db.transaction(() => {
    for (const o of batch) ws.get(o.sourceId)!.write(o.observation);
    for (const w of ws.values()) if (w.pending > 0) w.flush();
  })();
}

/** What a person sees, without storage ids (observation ids and row ids differ between databases). */
function snapshot(db: Database): unknown {
  const strip = (json: string) => (JSON.parse(json) as Record<string, unknown>[]).map(({ observationId: _o, ...rest }) => rest);
  return {
    assets: db
      .prepare(
        `SELECT id, class, name, status, hostname, fqdn, primary_ip, serial, vendor, model, os_name, os_version, source_count, quality_score, quality_json,
          first_seen, last_seen FROM assets ORDER BY id`,
      )
      .all(),
    fields: (db.prepare('SELECT asset_id, field, value_json, source_id, confidence, observed_at, competing_json, suggestions_json FROM asset_fields ORDER BY asset_id, field').all() as {
      competing_json: string;
      suggestions_json: string;
    }[]).map((f) => ({ ...f, competing_json: strip(f.competing_json), suggestions_json: strip(f.suggestions_json) })),
    members: db.prepare('SELECT source_id, native_key, asset_id FROM asset_sources ORDER BY source_id, native_key').all(),
    interfaces: db.prepare('SELECT asset_id, name, mac, ips_json, vlan FROM network_interfaces ORDER BY asset_id, mac, name, ips_json').all(),
    software: db.prepare('SELECT asset_id, name, version, vendor, purl, cpe FROM software ORDER BY asset_id, name, version, vendor').all(),
    identities: db.prepare('SELECT kind, value, asset_id, weight FROM identities ORDER BY kind, value, asset_id').all(),
    merges: db.prepare('SELECT asset_id, seq, left_native_key, right_native_key, reason, score FROM merge_explanations ORDER BY asset_id, seq').all(),
    stewardship: db.prepare("SELECT id, kind, left_asset_id, right_asset_id, score FROM stewardship_items WHERE status = 'open' ORDER BY id").all(),
  };
}

describe('DB-backed reconciliation', () => {
  it('gives the same records for random batches and orders as for one batch, a rebuild and the pure engine', async () => {
    const fleet = generateFleet({ seed: 7, trueAssets: 220, noise: { vmClone: 0.2, rename: 0.1, hostnameTypo: 0.1, dockerMac: 0.3 } });
    const now = fleet.now;
    const rng = mulberry32(99);
    // Some operator decisions over random pairs, stored before anything is written.
    const keys = fleet.observations.map((o) => ({ sourceId: o.sourceId, nativeKey: o.observation.nativeKey }));
    const decisions: MatchDecision[] = [];
    for (let i = 0; i < 8; i++) decisions.push({ kind: i % 2 === 0 ? 'never_merge' : 'force_merge', left: rng.pick(keys), right: rng.pick(keys) });
    const store = (db: Database) =>
      decisions.forEach((d, i) =>
        insertMatchDecision(db, { id: `d-${i}`, kind: d.kind, left: d.left, right: d.right, reason: null, actor: 't', origin: 'force_merge', stewardshipItemId: null, createdAt: now }),
      );

    const incremental = await freshDb(now);
    const newIdA = idGenerator('a');
    store(incremental);
    const wa = writers(incremental, now, newIdA);
    const shuffled = rng.shuffle([...fleet.observations, ...fleet.observations.slice(0, 40)]);
    for (let i = 0; i < shuffled.length; ) {
      const size = rng.int(1, 60);
      writeBatch(incremental, wa, shuffled.slice(i, i + size));
      i += size;
    }

    const oneBatch = await freshDb(now);
    const newIdB = idGenerator('b');
    store(oneBatch);
    writeBatch(oneBatch, writers(oneBatch, now, newIdB), fleet.observations);

    expect(snapshot(incremental)).toEqual(snapshot(oneBatch));

    // A rebuild of the incrementally built database finds nothing to change.
    const before = snapshot(incremental);
    const rebuilt = incremental.transaction(() =>
      createComponentReconciler(incremental, DEFAULT_RECONCILE_CONFIG).rebuild({ now, newId: newIdA, cause: { kind: 'rebuild', id: null, correlationId: null } }),
    )();
    expect({ created: rebuilt.created.length, updated: rebuilt.updated.length, removed: rebuilt.removed.length }).toEqual({ created: 0, updated: 0, removed: 0 });
    expect(snapshot(incremental)).toEqual(before);

    // The pure engine over the same observations agrees on every asset and its members.
    const pure = reconcileAll(
      fleet.observations.map((o) => {
        const ip = derivePrimaryIp(o.observation);
        const fields = ip && o.observation.fields.primary_ip !== ip ? { ...o.observation.fields, primary_ip: ip } : o.observation.fields;
        return { ...o, observation: { ...o.observation, fields, raw: null } };
      }),
      decisions,
      DEFAULT_RECONCILE_CONFIG,
      now,
    );
    const stored = new Map<string, string[]>();
    for (const m of incremental.prepare('SELECT source_id, native_key, asset_id FROM asset_sources').all() as { source_id: string; native_key: string; asset_id: string }[]) {
      stored.set(m.asset_id, [...(stored.get(m.asset_id) ?? []), `${m.source_id}\u001f${m.native_key}`].sort());
    }
    expect(new Map(pure.assets.map((a) => [a.assetId, a.members.map((m) => m.naturalKey).sort()]))).toEqual(stored);
    expect(incremental.prepare('SELECT count(*) FROM assets').pluck().get()).toBe(pure.assets.length);
    incremental.close();
    oneBatch.close();
  }, 120_000);
});
