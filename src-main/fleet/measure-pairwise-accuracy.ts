// Pairwise precision and recall of merge decisions against a fleet's ground truth: every pair of
// observations the engine put in one asset is a predicted match; every pair that belongs to one
// true asset is a true match. A thin view over evaluatePartition, kept for existing callers.
import { evaluatePartition } from '../engine/reconcile/evaluate-partition.js';
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

/** naturalKey -> assetId for every member of every asset. */
export function assignmentOf(result: ReconcileResult): Map<string, string> {
  const assignment = new Map<string, string>();
  for (const asset of result.assets) for (const m of asset.members) assignment.set(m.naturalKey, asset.assetId);
  return assignment;
}

/** Share of assets with at least one open stewardship item. */
export function stewardshipShareOf(result: ReconcileResult): number {
  const withItem = new Set<string>();
  for (const item of result.stewardship) {
    withItem.add(item.leftAssetId);
    withItem.add(item.rightAssetId);
  }
  return result.assets.length === 0 ? 0 : withItem.size / result.assets.length;
}

export function measurePairwiseAccuracy(result: ReconcileResult, truth: ReadonlyMap<string, string>): PairwiseAccuracy {
  const evaluation = evaluatePartition(assignmentOf(result), truth, { maxExamples: 0 });
  return {
    predictedPairs: evaluation.predictedPairs,
    truePairs: evaluation.truePairs,
    correctPairs: evaluation.correctPairs,
    precision: evaluation.precision,
    recall: evaluation.recall,
    f1: evaluation.f1,
    stewardshipShare: stewardshipShareOf(result),
    assets: result.assets.length,
    trueAssets: evaluation.trueEntities,
  };
}
