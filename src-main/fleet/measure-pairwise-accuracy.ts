// Pairwise precision and recall of merge decisions against a fleet's ground truth: every pair of
// observations the engine put in one asset is a predicted match; every pair that belongs to one
// true asset is a true match.
import type { ReconcileResult } from '../engine/reconcile/index.js';

export interface PairwiseAccuracy {
  predictedPairs: number;
  truePairs: number;
  correctPairs: number;
  precision: number;
  recall: number;
  f1: number;
  /** Share of assets with at least one open stewardship item. */
  stewardshipShare: number;
  assets: number;
  trueAssets: number;
}

const pairs = (n: number): number => (n * (n - 1)) / 2;

export function measurePairwiseAccuracy(result: ReconcileResult, truth: ReadonlyMap<string, string>): PairwiseAccuracy {
  let predictedPairs = 0;
  let correctPairs = 0;
  const trueCounts = new Map<string, number>();
  for (const asset of result.assets) {
    predictedPairs += pairs(asset.members.length);
    const byTruth = new Map<string, number>();
    for (const m of asset.members) {
      const t = truth.get(m.naturalKey) ?? `unknown:${m.naturalKey}`;
      byTruth.set(t, (byTruth.get(t) ?? 0) + 1);
      trueCounts.set(t, (trueCounts.get(t) ?? 0) + 1);
    }
    for (const n of byTruth.values()) correctPairs += pairs(n);
  }
  let truePairs = 0;
  for (const n of trueCounts.values()) truePairs += pairs(n);
  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
  const withItem = new Set<string>();
  for (const item of result.stewardship) {
    withItem.add(item.leftAssetId);
    withItem.add(item.rightAssetId);
  }
  return {
    predictedPairs,
    truePairs,
    correctPairs,
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    stewardshipShare: result.assets.length === 0 ? 0 : withItem.size / result.assets.length,
    assets: result.assets.length,
    trueAssets: trueCounts.size,
  };
}
