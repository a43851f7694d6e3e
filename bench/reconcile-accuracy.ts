// Accuracy of reconciliation against ground truth, on data the engine was tuned on and on data it
// has never seen: generator A (src-main/fleet/generate-fleet.ts, the tuning set) at 20k true
// assets, generator B (src-main/fleet/estate-b, held out) at 20k and 50k, and the hand-labelled
// real-device fixture (each case on its own). For each, the engine and the naive union rule
// (src-main/fleet/naive-union.ts) run on the same records; the table shows pairwise precision,
// recall and F1 of both, the share of assets with a stewardship item and the engine's records/s.
// Figures go to bench/results/reconcile-accuracy.json; the worst false and missed merges and the
// errors by source pair go to bench/results/reconcile-accuracy-details.json.
// Run: npx tsx bench/reconcile-accuracy.ts [--estates a20k,a20kNew,a50kNew,b20k,b50k,fixture]   (or npm run bench -- accuracy)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluatePartition, type PartitionEvaluation } from '../src-main/engine/reconcile/evaluate-partition.js';
import { generateEstateB } from '../src-main/fleet/estate-b/generate-estate-b.js';
import { fleetAsEstate } from '../src-main/fleet/fleet-as-estate.js';
import { generateFleet } from '../src-main/fleet/generate-fleet.js';
import type { GeneratedEstate } from '../src-main/fleet/generated-estate.js';
import { assignmentOf, stewardshipShareOf } from '../src-main/fleet/measure-pairwise-accuracy.js';
import { naiveUnionPartition } from '../src-main/fleet/naive-union.js';
import { fixtureCaseAsEstate, REAL_DEVICE_CASES } from '../src-main/fleet/real-device-fixture/index.js';
import { BENCH_RESULTS_DIR, round, rssMiB, writeBenchResult, type Figures } from './lib/bench-report.js';
import { runEngine } from './lib/run-engine.js';

/** Pairwise figures plus the share of true entities reconstructed exactly. */
interface Scores extends Pick<PartitionEvaluation, 'precision' | 'recall' | 'f1'> {
  exactShare: number;
}

const scoresOf = (e: PartitionEvaluation): Scores => ({ precision: e.precision, recall: e.recall, f1: e.f1, exactShare: e.trueEntities === 0 ? 1 : e.exactEntities / e.trueEntities });

interface Row {
  estate: string;
  /** tuning: the estate the weights were set on; new-seed: the tuning generator, another seed; held-out: never tuned on. */
  role: 'tuning' | 'new-seed' | 'held-out';
  observations: number;
  entities: number;
  engine: Scores;
  naive: Scores;
  stewardshipShare: number;
  engineRecordsPerSecond: number;
  note: string;
}

const ESTATES: Record<string, () => GeneratedEstate> = {
  a20k: () => fleetAsEstate(generateFleet({ seed: 20_260_115, trueAssets: 20_000 }), 'estate-a-20k-seed20260115'),
  // The tuning generator with seeds it was not tuned on (weaker evidence than generator B).
  a20kNew: () => fleetAsEstate(generateFleet({ seed: 77, trueAssets: 20_000 }), 'estate-a-20k-seed77'),
  a50kNew: () => fleetAsEstate(generateFleet({ seed: 78, trueAssets: 50_000 }), 'estate-a-50k-seed78'),
  b20k: () => generateEstateB({ seed: 1, trueAssets: 20_000 }),
  b50k: () => generateEstateB({ seed: 2, trueAssets: 50_000 }),
};

const flag = process.argv.indexOf('--estates');
const chosen = flag >= 0 ? (process.argv[flag + 1] ?? '').split(',') : [...Object.keys(ESTATES), 'fixture'];
const rows: Row[] = [];
const details: Record<string, unknown> = {};

for (const id of chosen.filter((c) => c in ESTATES)) {
  const estate = (ESTATES[id] as () => GeneratedEstate)();
  const started = performance.now();
  const result = runEngine(estate);
  const seconds = (performance.now() - started) / 1000;
  const engine = evaluatePartition(assignmentOf(result), estate.truth, { maxExamples: 10 });
  const naive = evaluatePartition(naiveUnionPartition(estate.observations), estate.truth, { maxExamples: 5 });
  rows.push({
    estate: estate.name,
    role: id === 'a20k' ? 'tuning' : id.startsWith('a') ? 'new-seed' : 'held-out',
    observations: estate.observations.length,
    entities: engine.trueEntities,
    engine: scoresOf(engine),
    naive: scoresOf(naive),
    stewardshipShare: stewardshipShareOf(result),
    engineRecordsPerSecond: estate.observations.length / seconds,
    note: `${result.assets.length} assets, ${result.stewardship.length} stewardship items`,
  });
  details[estate.name] = { engine: { ...engine }, naive: { falseMerges: naive.falseMerges, missedMerges: naive.missedMerges, bySourcePair: naive.bySourcePair.slice(0, 10) } };
}

if (chosen.includes('fixture')) {
  const sum = { engine: { p: 0, t: 0, c: 0, x: 0 }, naive: { p: 0, t: 0, c: 0, x: 0 } };
  const wrong = { engine: [] as string[], naive: [] as string[] };
  let observations = 0;
  let entities = 0;
  let withItem = 0;
  let assets = 0;
  let seconds = 0;
  for (const c of REAL_DEVICE_CASES) {
    const estate = fixtureCaseAsEstate(c);
    const started = performance.now();
    const result = runEngine(estate);
    seconds += (performance.now() - started) / 1000;
    observations += estate.observations.length;
    assets += result.assets.length;
    withItem += stewardshipShareOf(result) * result.assets.length;
    for (const [who, evaluation] of [['engine', evaluatePartition(assignmentOf(result), estate.truth)], ['naive', evaluatePartition(naiveUnionPartition(estate.observations), estate.truth)]] as const) {
      sum[who].p += evaluation.predictedPairs;
      sum[who].t += evaluation.truePairs;
      sum[who].c += evaluation.correctPairs;
      sum[who].x += evaluation.exactEntities;
      if (evaluation.correctPairs !== evaluation.predictedPairs || evaluation.correctPairs !== evaluation.truePairs) wrong[who].push(c.id);
      if (who === 'engine') entities += evaluation.trueEntities;
    }
  }
  const prf = (s: { p: number; t: number; c: number; x: number }): Scores => {
    const precision = s.p === 0 ? 1 : s.c / s.p;
    const recall = s.t === 0 ? 1 : s.c / s.t;
    return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall), exactShare: entities === 0 ? 1 : s.x / entities };
  };
  rows.push({
    estate: `real-device fixture (${REAL_DEVICE_CASES.length} cases)`,
    role: 'held-out',
    observations,
    entities,
    engine: prf(sum.engine),
    naive: prf(sum.naive),
    stewardshipShare: assets === 0 ? 0 : withItem / assets,
    engineRecordsPerSecond: observations / seconds,
    note: `cases exactly right: engine ${REAL_DEVICE_CASES.length - wrong.engine.length}, naive ${REAL_DEVICE_CASES.length - wrong.naive.length}`,
  });
  details.fixture = { casesWrongEngine: wrong.engine, casesWrongNaive: wrong.naive };
}

const pct = (x: number): string => (100 * x).toFixed(2).padStart(6);
console.log('\nestate                                   role       records entities | engine  P      R      F1    exact | naive   P      R      F1    exact | stewardship | engine rec/s');
for (const r of rows) {
  console.log(
    `${r.estate.padEnd(40)} ${r.role.padEnd(9)} ${String(r.observations).padStart(7)} ${String(r.entities).padStart(8)} |       ${pct(r.engine.precision)} ${pct(r.engine.recall)} ${pct(r.engine.f1)} ${pct(r.engine.exactShare)} |       ${pct(r.naive.precision)} ${pct(r.naive.recall)} ${pct(r.naive.f1)} ${pct(r.naive.exactShare)} | ${pct(r.stewardshipShare)}%     | ${Math.round(r.engineRecordsPerSecond)}`,
  );
  console.log(`${''.padEnd(40)} ${r.note}`);
}

const figures: Figures = { rssMiB: rssMiB() };
for (const r of rows) {
  const k = r.estate.startsWith('real-device') ? 'fixture' : r.estate;
  Object.assign(figures, {
    [`${k}.role`]: r.role,
    [`${k}.records`]: r.observations,
    [`${k}.trueEntities`]: r.entities,
    [`${k}.engine.precision`]: round(r.engine.precision, 5),
    [`${k}.engine.recall`]: round(r.engine.recall, 5),
    [`${k}.engine.f1`]: round(r.engine.f1, 5),
    [`${k}.engine.exactEntityShare`]: round(r.engine.exactShare, 5),
    [`${k}.naive.precision`]: round(r.naive.precision, 5),
    [`${k}.naive.recall`]: round(r.naive.recall, 5),
    [`${k}.naive.f1`]: round(r.naive.f1, 5),
    [`${k}.naive.exactEntityShare`]: round(r.naive.exactShare, 5),
    [`${k}.engineBeatsNaive`]: r.engine.f1 > r.naive.f1,
    [`${k}.stewardshipAssetShare`]: round(r.stewardshipShare, 5),
    [`${k}.engineRecordsPerSecond`]: Math.round(r.engineRecordsPerSecond),
    [`${k}.note`]: r.note,
  });
}
writeBenchResult('reconcile-accuracy', figures);
writeFileSync(join(BENCH_RESULTS_DIR, 'reconcile-accuracy-details.json'), JSON.stringify(details, null, 1) + '\n');
