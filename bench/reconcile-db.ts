// Reconciliation through the real DB write path (asset writer → heads and blocking keys → closure →
// engine → golden-record diff → commit) on a real SQLite file: the fleet generator's estate, one
// transaction per source "file" with a reconciliation flush every 2,000 records, as imports do.
// Reports pairwise precision / recall / F1 against ground truth and the stewardship share,
// observations/s end to end, the p95 latency of reconciling one changed observation into the
// resulting inventory, and peak RSS.
// Run: npx tsx bench/reconcile-db.ts [trueAssets=100000] [seed] [latencySamples=300]
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { LOCAL_MIGRATIONS } from '../migrations/index.js';
import { createAssetWriter, type AssetWriter } from '../src-main/db/asset-writer.js';
import { createComponentReconciler } from '../src-main/db/component-reconciler.js';
import { openDatabase } from '../src-main/db/database.js';
import { migrateDatabase } from '../src-main/db/migrate-database.js';
import { DEFAULT_RECONCILE_CONFIG, type ReconcileResult, type SourcedObservation } from '../src-main/engine/reconcile/index.js';
import { FLEET_SOURCES, generateFleet, measurePairwiseAccuracy, mulberry32 } from '../src-main/fleet/index.js';
import { round, rssMiB, summarise, writeBenchResult } from './lib/bench-report.js';

const trueAssets = Number(process.argv[2] ?? 100_000);
const seed = Number(process.argv[3] ?? 20_260_115);
const latencySamples = Number(process.argv[4] ?? 300);
const FLUSH_EVERY = 2000;

let peakRss = rssMiB();
const sampleRss = () => {
  peakRss = Math.max(peakRss, rssMiB());
};

const fleet = generateFleet({ seed, trueAssets });
sampleRss();
const dir = mkdtempSync(join(tmpdir(), 'fieldwise-bench-reconcile-'));
const db = openDatabase(join(dir, 'bench.sqlite'));
migrateDatabase(db, { migrations: LOCAL_MIGRATIONS, backupDir: null, now: () => new Date(fleet.now) });
for (const s of FLEET_SOURCES) db.prepare('INSERT INTO sources (id, kind, name, created_at) VALUES (?, ?, ?, ?)').run(s.sourceId, s.sourceKind, s.sourceId, fleet.now);

let idCounter = 0;
const newId = () => `bench-${(++idCounter).toString(36).padStart(10, '0')}`;
const reconciler = createComponentReconciler(db, DEFAULT_RECONCILE_CONFIG);
const writers = new Map<string, AssetWriter>(
  FLEET_SOURCES.map((s) => [s.sourceId, createAssetWriter(db, { sourceId: s.sourceId, sourceKind: s.sourceKind, runId: null, now: () => fleet.now, newId, reconciler })] as const),
);

// One "file" per source, in the generator's order within it.
const bySource = new Map<string, SourcedObservation[]>();
for (const o of fleet.observations) bySource.set(o.sourceId, [...(bySource.get(o.sourceId) ?? []), o]);
const started = performance.now();
for (const [sourceId, list] of bySource) {
  const writer = writers.get(sourceId)!;
  db.transaction(() => {
    for (const o of list) {
      writer.write(o.observation);
      if (writer.pending >= FLUSH_EVERY) {
        writer.flush();
        sampleRss();
      }
    }
    writer.flush();
  })();
  sampleRss();
}
const loadMs = performance.now() - started;

// Accuracy from what is stored: assets with their members, open stewardship items.
const members = new Map<string, { naturalKey: string }[]>();
for (const m of db.prepare('SELECT source_id, native_key, asset_id FROM asset_sources').all() as { source_id: string; native_key: string; asset_id: string }[]) {
  const list = members.get(m.asset_id) ?? [];
  list.push({ naturalKey: `${m.source_id}\u001f${m.native_key}` });
  members.set(m.asset_id, list);
}
const items = db.prepare("SELECT left_asset_id AS leftAssetId, right_asset_id AS rightAssetId, kind FROM stewardship_items WHERE status = 'open'").all() as {
  leftAssetId: string;
  rightAssetId: string;
  kind: string;
}[];
// measurePairwiseAccuracy reads only assets[].members[].naturalKey and the stewardship asset ids.
const stored = { assets: [...members.values()].map((m) => ({ members: m })), stewardship: items, sourceQuality: [] } as unknown as ReconcileResult;
const accuracy = measurePairwiseAccuracy(stored, fleet.truth);
const assetCount = db.prepare('SELECT count(*) FROM assets').pluck().get() as number;

// Latency: one changed observation (a new location, a day later) reconciled and committed.
const rng = mulberry32(seed + 1);
const samples: number[] = [];
for (let i = 0; i < latencySamples; i++) {
  const o = rng.pick(fleet.observations);
  const observedAt = new Date(Date.parse(o.observation.observedAt) + 86_400_000 + i).toISOString();
  const changed = { ...o.observation, observedAt, fields: { ...o.observation.fields, location: `bench-${i}` } };
  const writer = writers.get(o.sourceId)!;
  const t0 = performance.now();
  db.transaction(() => writer.writeNow(changed))();
  samples.push(performance.now() - t0);
}
sampleRss();
const latency = summarise(samples);

writeBenchResult('reconcile-db', {
  seed,
  trueAssets: fleet.assets.length,
  sources: bySource.size,
  observations: fleet.observations.length,
  assetsStored: assetCount,
  precision: round(accuracy.precision, 5),
  recall: round(accuracy.recall, 5),
  f1: round(accuracy.f1, 5),
  openStewardshipItems: items.length,
  stewardshipAssetShare: round(accuracy.stewardshipShare, 5),
  loadSeconds: round(loadMs / 1000, 1),
  observationsPerSecond: round(fleet.observations.length / (loadMs / 1000), 0),
  oneChangeP50Ms: latency.p50,
  oneChangeP95Ms: latency.p95,
  oneChangeMaxMs: latency.max,
  latencySamples: latency.n,
  peakRssMiB: peakRss,
});
db.close();
rmSync(dir, { recursive: true, force: true });
