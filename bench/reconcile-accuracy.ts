// Accuracy of reconciliation on a synthetic fleet with known ground truth: pairwise precision,
// recall and F1 of merge decisions, and the share of assets sent to the stewardship queue.
// Run: npx tsx bench/reconcile-accuracy.ts [trueAssets] [seed]
import { reconcileAll, DEFAULT_RECONCILE_CONFIG } from '../src-main/engine/reconcile/index.js';
import { generateFleet, measurePairwiseAccuracy } from '../src-main/fleet/index.js';
import { round, rssMiB, writeBenchResult } from './lib/bench-report.js';

const trueAssets = Number(process.argv[2] ?? 20_000);
const seed = Number(process.argv[3] ?? 20_260_115);

const fleet = generateFleet({ seed, trueAssets });
const started = performance.now();
const result = reconcileAll(fleet.observations, [], DEFAULT_RECONCILE_CONFIG, fleet.now);
const elapsedMs = performance.now() - started;
const accuracy = measurePairwiseAccuracy(result, fleet.truth);
const reasons = { review: 0, conflict: 0 };
for (const item of result.stewardship) reasons[item.reason] += 1;

writeBenchResult('reconcile-accuracy', {
  seed,
  trueAssets: fleet.assets.length,
  sources: new Set(fleet.observations.map((o) => o.sourceId)).size,
  observations: fleet.observations.length,
  assetsProduced: accuracy.assets,
  predictedPairs: accuracy.predictedPairs,
  truePairs: accuracy.truePairs,
  precision: round(accuracy.precision, 5),
  recall: round(accuracy.recall, 5),
  f1: round(accuracy.f1, 5),
  stewardshipItems: result.stewardship.length,
  stewardshipReview: reasons.review,
  stewardshipConflict: reasons.conflict,
  stewardshipAssetShare: round(accuracy.stewardshipShare, 5),
  reconcileMs: round(elapsedMs, 0),
  rssMiB: rssMiB(),
  goalsMet: accuracy.precision >= 0.995 && accuracy.recall >= 0.99 && accuracy.stewardshipShare <= 0.01,
});
