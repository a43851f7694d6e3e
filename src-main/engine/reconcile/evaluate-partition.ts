// Compares a predicted partition of observations (which records the engine or a rule put in one
// asset) with a labelled truth, pairwise: every pair of records in one predicted cluster is a
// predicted match, every pair with one truth label is a true match. Only keys present in both maps
// count, so a truth file may label a sample. Besides the figures it lists the clusters a steward
// should look at first: false merges (one asset holding several real things) and missed merges
// (one real thing spread over several assets), largest first, with every member named.
import { splitNaturalKey, type NaturalKey } from './sourced-observation.js';

export interface PartitionMember {
  key: NaturalKey;
  sourceId: string;
  nativeKey: string;
}

export interface FalseMerge {
  clusterId: string;
  /** Labelled members in the cluster. */
  size: number;
  /** Pairs inside the cluster whose truth labels differ. */
  wrongPairs: number;
  /** The truth entities mixed in the cluster, biggest share first. */
  parts: { label: string; members: PartitionMember[] }[];
}

export interface MissedMerge {
  label: string;
  size: number;
  /** Pairs of the entity's records that ended up in different clusters. */
  missedPairs: number;
  /** The clusters the entity is split over, biggest share first. */
  parts: { clusterId: string; members: PartitionMember[] }[];
}

/** Errors per pair of sources: which feeds disagree about identity. */
export interface SourcePairErrors {
  sources: [string, string];
  falsePairs: number;
  missedPairs: number;
}

export interface PartitionEvaluation {
  /** Keys both assigned and labelled: the only ones evaluated. */
  evaluatedKeys: number;
  /** Labelled keys the assignment does not contain (not evaluated, reported so a typo in a truth file shows). */
  unassignedLabelledKeys: number;
  predictedClusters: number;
  trueEntities: number;
  predictedPairs: number;
  truePairs: number;
  correctPairs: number;
  precision: number;
  recall: number;
  f1: number;
  /** True entities whose records form exactly one predicted cluster holding nothing else: a per-entity view that one giant cluster cannot swamp. */
  exactEntities: number;
  falseMergeClusters: number;
  missedMergeEntities: number;
  falseMerges: FalseMerge[];
  missedMerges: MissedMerge[];
  bySourcePair: SourcePairErrors[];
}

export interface EvaluatePartitionOptions {
  /** How many of the worst false and missed merges to list (default 20). */
  maxExamples?: number;
}

const pairsOf = (n: number): number => (n * (n - 1)) / 2;

export function evaluatePartition(
  assignment: ReadonlyMap<NaturalKey, string>,
  truth: ReadonlyMap<NaturalKey, string>,
  options: EvaluatePartitionOptions = {},
): PartitionEvaluation {
  const maxExamples = options.maxExamples ?? 20;
  // cluster -> label -> keys, and label -> cluster -> keys, over evaluated keys only.
  const byCluster = new Map<string, Map<string, NaturalKey[]>>();
  const byLabel = new Map<string, Map<string, NaturalKey[]>>();
  let evaluatedKeys = 0;
  let unassignedLabelledKeys = 0;
  for (const [key, label] of truth) {
    const clusterId = assignment.get(key);
    if (clusterId === undefined) {
      unassignedLabelledKeys += 1;
      continue;
    }
    evaluatedKeys += 1;
    push(byCluster, clusterId, label, key);
    push(byLabel, label, clusterId, key);
  }

  let predictedPairs = 0;
  let correctPairs = 0;
  const falseMerges: FalseMerge[] = [];
  for (const [clusterId, labels] of byCluster) {
    let size = 0;
    let same = 0;
    for (const keys of labels.values()) {
      size += keys.length;
      same += pairsOf(keys.length);
    }
    predictedPairs += pairsOf(size);
    correctPairs += same;
    if (labels.size > 1) {
      falseMerges.push({ clusterId, size, wrongPairs: pairsOf(size) - same, parts: sortedParts(labels).map(([label, keys]) => ({ label, members: keys.map(member) })) });
    }
  }
  let truePairs = 0;
  let exactEntities = 0;
  const missedMerges: MissedMerge[] = [];
  for (const [label, clusters] of byLabel) {
    if (clusters.size === 1 && byCluster.get(clusters.keys().next().value as string)?.size === 1) exactEntities += 1;
    let size = 0;
    let together = 0;
    for (const keys of clusters.values()) {
      size += keys.length;
      together += pairsOf(keys.length);
    }
    truePairs += pairsOf(size);
    if (clusters.size > 1) {
      missedMerges.push({ label, size, missedPairs: pairsOf(size) - together, parts: sortedParts(clusters).map(([clusterId, keys]) => ({ clusterId, members: keys.map(member) })) });
    }
  }

  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
  falseMerges.sort((a, b) => b.wrongPairs - a.wrongPairs || b.size - a.size || compare(a.clusterId, b.clusterId));
  missedMerges.sort((a, b) => b.missedPairs - a.missedPairs || b.size - a.size || compare(a.label, b.label));
  return {
    evaluatedKeys,
    unassignedLabelledKeys,
    predictedClusters: byCluster.size,
    trueEntities: byLabel.size,
    predictedPairs,
    truePairs,
    correctPairs,
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    exactEntities,
    falseMergeClusters: falseMerges.length,
    missedMergeEntities: missedMerges.length,
    falseMerges: falseMerges.slice(0, maxExamples),
    missedMerges: missedMerges.slice(0, maxExamples),
    bySourcePair: errorsBySourcePair(byCluster, byLabel),
  };
}

function push(index: Map<string, Map<string, NaturalKey[]>>, outer: string, inner: string, key: NaturalKey): void {
  let m = index.get(outer);
  if (!m) index.set(outer, (m = new Map()));
  const list = m.get(inner);
  if (list) list.push(key);
  else m.set(inner, [key]);
}

function member(key: NaturalKey): PartitionMember {
  const { sourceId, nativeKey } = splitNaturalKey(key);
  return { key, sourceId, nativeKey };
}

function sortedParts(parts: ReadonlyMap<string, NaturalKey[]>): [string, NaturalKey[]][] {
  return [...parts].map(([id, keys]) => [id, [...keys].sort(compare)] as [string, NaturalKey[]]).sort((a, b) => b[1].length - a[1].length || compare(a[0], b[0]));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Pairs of two sources' record counts inside one group: a×b across, C(a,2) within one source. */
function addSourcePairs(counts: ReadonlyMap<string, number>, into: Map<string, number>, sign: number): void {
  const sources = [...counts.keys()].sort(compare);
  for (let i = 0; i < sources.length; i++) {
    const a = sources[i] as string;
    const na = counts.get(a) ?? 0;
    bump(into, `${a}\u001e${a}`, sign * pairsOf(na));
    for (let j = i + 1; j < sources.length; j++) {
      const b = sources[j] as string;
      bump(into, `${a}\u001e${b}`, sign * na * (counts.get(b) ?? 0));
    }
  }
}

function bump(into: Map<string, number>, key: string, by: number): void {
  if (by !== 0) into.set(key, (into.get(key) ?? 0) + by);
}

function sourceCounts(keys: Iterable<NaturalKey>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) {
    const { sourceId } = splitNaturalKey(key);
    counts.set(sourceId, (counts.get(sourceId) ?? 0) + 1);
  }
  return counts;
}

// False pairs of a cluster = all its pairs minus the pairs within each label; missed pairs of an
// entity = all its pairs minus the pairs within each cluster. Both are split by the sources of the
// two records, so a steward sees which feeds disagree.
function errorsBySourcePair(byCluster: ReadonlyMap<string, Map<string, NaturalKey[]>>, byLabel: ReadonlyMap<string, Map<string, NaturalKey[]>>): SourcePairErrors[] {
  const falsePairs = new Map<string, number>();
  for (const labels of byCluster.values()) {
    if (labels.size < 2) continue;
    addSourcePairs(sourceCounts([...labels.values()].flat()), falsePairs, 1);
    for (const keys of labels.values()) addSourcePairs(sourceCounts(keys), falsePairs, -1);
  }
  const missedPairs = new Map<string, number>();
  for (const clusters of byLabel.values()) {
    if (clusters.size < 2) continue;
    addSourcePairs(sourceCounts([...clusters.values()].flat()), missedPairs, 1);
    for (const keys of clusters.values()) addSourcePairs(sourceCounts(keys), missedPairs, -1);
  }
  const keys = new Set([...falsePairs.keys(), ...missedPairs.keys()]);
  return [...keys]
    .map((k) => {
      const [a, b] = k.split('\u001e') as [string, string];
      return { sources: [a, b] as [string, string], falsePairs: falsePairs.get(k) ?? 0, missedPairs: missedPairs.get(k) ?? 0 };
    })
    .filter((e) => e.falsePairs > 0 || e.missedPairs > 0)
    .sort((x, y) => y.falsePairs + y.missedPairs - (x.falsePairs + x.missedPairs) || compare(x.sources.join(), y.sources.join()));
}
