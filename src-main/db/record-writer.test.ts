// The write path against the pure engine: whatever the order and batch sizes observations arrive
// in, and in whichever fresh database, the stored golden records are the ones reconcileAll computes
// from the same observations and decisions — the same partitions, the same asset ids, the same
// values — and a rebuild finds nothing to change. Real SQLite files, trap-heavy generated fleets.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_MIGRATIONS } from '../../migrations/index.js';
import { mulberry32 } from '../../src-shared/lib/mulberry32.js';
import { DEFAULT_RECONCILE_CONFIG as config, naturalKeyOf, reconcileAll, splitNaturalKey, type MatchDecision, type SourcedObservation } from '../engine/reconcile/index.js';
import { fleetAsEstate } from '../fleet/fleet-as-estate.js';
import { generateFleet } from '../fleet/generate-fleet.js';
import { createTempDir, type TempDir } from '../test-support/temp-dir.js';
import { decodeAssetBody, encodeAssetBody } from './asset-body.js';
import { openDatabase, type Database } from './database.js';
import { insertMatchDecision } from './match-decisions-repository.js';
import { migrateDatabase } from './migrate-database.js';
import { createRecordWriter } from './record-writer.js';
import { ensureSource } from './sources-repository.js';

const TRAP_HEAVY = { rename: 0.3, vmClone: 0.4, decommissioned: 0.2, hostnameTypo: 0.2, dockerMac: 0.5, manualEdit: 0.2, placeholderSerial: 0.2, multiHomedSwitch: 0.5 };

interface Scenario {
  observations: SourcedObservation[];
  decisions: MatchDecision[];
  networks: Record<string, 'static' | 'dhcp' | 'unknown'>;
  now: string;
}

/** A small fleet with newer and older versions of some records, exact duplicates, and decisions; sources named "kind/name" as the database names them. */
function scenario(seed: number, trueAssets: number): Scenario {
  const fleet = generateFleet({ seed, trueAssets, noise: TRAP_HEAVY, maxSoftwarePerHost: 2 });
  const estate = fleetAsEstate(fleet, 'property');
  const rng = mulberry32(seed ^ 0x5eed);
  const ref = (o: SourcedObservation) => `${o.sourceKind}/${o.sourceId}`;
  const base = fleet.observations.map((o) => ({ ...o, sourceId: ref(o) }));
  const extra: SourcedObservation[] = [];
  for (const o of base) {
    if (rng.chance(0.15)) {
      const t = Date.parse(o.observation.observedAt);
      const delta = rng.chance(0.5) ? 3_600_000 : -3_600_000;
      const fields = { ...o.observation.fields, hostname: rng.chance(0.5) ? `renamed-${rng.int(0, 5)}` : (o.observation.fields.hostname ?? null) };
      extra.push({ ...o, observation: { ...o.observation, observedAt: new Date(t + delta).toISOString(), fields } });
    }
    if (rng.chance(0.05)) extra.push({ ...o, observation: { ...o.observation, observedAt: new Date(Date.parse(o.observation.observedAt) + 60_000).toISOString() } });
  }
  const refs = base.map((o) => ({ sourceId: o.sourceId, nativeKey: o.observation.nativeKey }));
  const decisions: MatchDecision[] = [];
  for (let i = 0; i < 3 && refs.length > 1; i++) decisions.push({ kind: rng.chance(0.5) ? 'force_merge' : 'never_merge', left: rng.pick(refs), right: rng.pick(refs) });
  return { observations: [...base, ...extra], decisions, networks: estate.networks, now: fleet.now };
}

/** A reconciliation result from outside: asset id -> members, class, name, values, and the whole stored body with members named by natural key. */
type Snapshot = Record<string, { members: string[]; cls: string; name: string; values: Record<string, unknown>; body: unknown }>;

function expected(s: Scenario): { assets: Snapshot; stewardship: string[] } {
  const result = reconcileAll(s.observations, s.decisions, config, s.now, { networks: s.networks });
  const assets: Snapshot = {};
  for (const a of result.assets) {
    const values: Record<string, unknown> = {};
    for (const [k, f] of Object.entries(a.fields)) values[k] = f.value;
    const body = encodeAssetBody(a, (k) => k as unknown as number);
    assets[a.assetId] = { members: a.members.map((m) => m.naturalKey).sort(), cls: a.assetClass, name: a.name, values, body };
  }
  return { assets, stewardship: result.stewardship.map((i) => i.id).sort() };
}

function stored(db: Database): { assets: Snapshot; stewardship: string[] } {
  const refs = new Map(
    (db.prepare("SELECT r.id, s.kind || '/' || s.name AS ref, r.native_key FROM records r JOIN sources s ON s.seq = r.source_seq").all() as { id: number; ref: string; native_key: string }[]).map(
      (r) => [r.id, naturalKeyOf(r.ref, r.native_key)] as const,
    ),
  );
  const assets: Snapshot = {};
  for (const a of db.prepare('SELECT id, uid, class, name, body FROM assets').all() as { id: number; uid: string; class: string; name: string; body: string }[]) {
    const body = decodeAssetBody(a.body);
    const values: Record<string, unknown> = {};
    for (const [k, f] of Object.entries(body.f)) values[k] = f?.[0];
    const members = (db.prepare('SELECT id FROM records WHERE asset_id = ?').pluck().all(a.id) as number[]).map((id) => refs.get(id) as string).sort();
    assets[a.uid] = { members, cls: a.class, name: a.name, values, body: { ...body, m: body.m.map((id) => refs.get(id)) } };
  }
  const stewardship = (db.prepare("SELECT id FROM stewardship_items WHERE status = 'open' ORDER BY id").pluck().all() as string[]).sort();
  return { assets, stewardship };
}

describe('the record writer against the pure engine', () => {
  let dir: TempDir;
  let n = 0;
  beforeAll(async () => {
    dir = await createTempDir('fieldwise-writer-');
  });
  afterAll(async () => {
    await dir.remove();
  });

  function freshDatabase(s: Scenario): Database {
    const db = openDatabase(dir.file(`w${n++}.sqlite`));
    migrateDatabase(db, { migrations: LOCAL_MIGRATIONS, backupDir: null, now: () => new Date(s.now) });
    const insert = db.prepare("INSERT INTO networks (name, addressing, updated_at) VALUES (?, ?, '2026-01-01T00:00:00Z')");
    for (const [name, addressing] of Object.entries(s.networks)) insert.run(name, addressing);
    return db;
  }

  /** Writes the scenario in a random order and random batches (one source per batch), then the decisions. */
  function writeAll(db: Database, s: Scenario, seed: number, maxBatch: number): void {
    const writer = createRecordWriter(db, config);
    const ctx = { now: s.now, cause: { kind: 'import' as const, id: null, correlationId: null } };
    const seqOf = new Map<string, number>();
    for (const o of s.observations) {
      const [kind, name] = o.sourceId.split('/') as [SourcedObservation['sourceKind'], string];
      if (!seqOf.has(o.sourceId)) seqOf.set(o.sourceId, ensureSource(db, kind, name, { newId: () => `src-${o.sourceId}`, now: () => s.now }).seq);
    }
    const rng = mulberry32(seed);
    const shuffled = rng.shuffle(s.observations);
    for (let i = 0; i < shuffled.length; ) {
      const size = rng.int(1, maxBatch);
      const slice = shuffled.slice(i, i + size);
      i += size;
      const bySource = new Map<string, SourcedObservation[]>();
      for (const o of slice) bySource.set(o.sourceId, [...(bySource.get(o.sourceId) ?? []), o]);
      db.transaction(() => {
        for (const [sourceId, list] of bySource) writer.write({ sourceSeq: seqOf.get(sourceId) as number, runId: null, items: list.map((o) => ({ observation: o.observation })) }, ctx);
      })();
    }
    const recordOf = db.prepare('SELECT r.id FROM records r JOIN sources s ON s.seq = r.source_seq WHERE s.kind || \'/\' || s.name = ? AND r.native_key = ?').pluck();
    db.transaction(() => {
      const touched: number[] = [];
      s.decisions.forEach((d, index) => {
        const left = recordOf.get(d.left.sourceId, d.left.nativeKey) as number;
        const right = recordOf.get(d.right.sourceId, d.right.nativeKey) as number;
        insertMatchDecision(db, { id: `d${seed}-${index}`, kind: d.kind, leftRecordId: left, rightRecordId: right, reason: null, actor: 'test', origin: 'force_merge', stewardshipItemId: null, createdAt: s.now });
        touched.push(left, right);
      });
      writer.reconcileRecords(touched, ctx);
    })();
  }

  it('property: any order and batching, in any fresh database, gives the engine\'s records with the engine\'s ids', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 40 }), (seed, maxBatch) => {
        const s = scenario(seed, 30);
        const want = expected(s);
        const a = freshDatabase(s);
        const b = freshDatabase(s);
        try {
          writeAll(a, s, seed, maxBatch);
          writeAll(b, s, seed ^ 0xabcdef, Math.max(1, 41 - maxBatch));
          const gotA = stored(a);
          expect(gotA).toEqual(want);
          expect(stored(b)).toEqual(gotA);
        } finally {
          a.close();
          b.close();
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 8) },
    );
  });

  it('a rebuild of what was written incrementally finds nothing to change', () => {
    const s = scenario(424_242, 40);
    const db = freshDatabase(s);
    try {
      writeAll(db, s, 7, 5);
      const before = stored(db);

      const writer = createRecordWriter(db, config);
      const outcome = db.transaction(() => writer.rebuild({ now: s.now, cause: { kind: 'rebuild', id: null, correlationId: null } }))();

      expect({ created: outcome.created.length, updated: outcome.updated.length, removed: outcome.removed.length }).toEqual({ created: 0, updated: 0, removed: 0 });
      expect(stored(db)).toEqual(before);
    } finally {
      db.close();
    }
  });

  it('writing the same observations again changes nothing and writes no observation rows', () => {
    const s = scenario(99, 20);
    const db = freshDatabase(s);
    try {
      writeAll(db, s, 3, 10);
      const rows = db.prepare('SELECT count(*) FROM observations').pluck().get() as number;
      const before = stored(db);
      writeAll(db, s, 4, 7);
      expect(db.prepare('SELECT count(*) FROM observations').pluck().get()).toBe(rows);
      expect(stored(db)).toEqual(before);
    } finally {
      db.close();
    }
  });

  it('keeps natural keys portable: the engine sees sources as kind/name', () => {
    const s = scenario(5, 5);
    const db = freshDatabase(s);
    try {
      writeAll(db, s, 1, 50);
      const refs = db.prepare("SELECT DISTINCT s.kind || '/' || s.name FROM records r JOIN sources s ON s.seq = r.source_seq").pluck().all() as string[];
      expect(refs.every((r) => s.observations.some((o) => splitNaturalKey(naturalKeyOf(o.sourceId, '')).sourceId === r))).toBe(true);
    } finally {
      db.close();
    }
  });
});
