// Splits one connected component of the identity graph into assets. Forced merges first, then
// scored edges from the strongest down; a union that would put two observations with conflicting
// strong identifiers (or a never-merge pair) into one asset is refused. Refused strong edges and
// unmerged review-band edges become stewardship candidates. Every ordering is by score and natural
// key only, so the outcome is a function of the component's content.
import { pairKey, type DecisionIndex } from './match-decision.js';
import type { PreparedObservation } from './prepare-observation.js';
import type { ReconcileConfig, StrongIdentifierKind } from './reconcile-config.js';
import type { MergeRecord } from './reconcile-result.js';
import { scorePair, strongConflicts, type PairScore } from './score-pair.js';
import type { NaturalKey } from './sourced-observation.js';

export interface ScoredEdge {
  a: NaturalKey;
  b: NaturalKey;
  score: PairScore;
}

export interface StewardshipCandidate {
  reason: 'review' | 'conflict';
  edge: ScoredEdge;
  conflicts: StrongIdentifierKind[];
}

export interface ComponentClusters {
  clusters: { members: NaturalKey[]; merges: MergeRecord[] }[];
  stewardship: StewardshipCandidate[];
}

function byStrength(x: ScoredEdge, y: ScoredEdge): number {
  if (x.score.score !== y.score.score) return y.score.score - x.score.score;
  const kx = pairKey(x.a, x.b);
  const ky = pairKey(y.a, y.b);
  return kx < ky ? -1 : kx > ky ? 1 : 0;
}

export function clusterComponent(
  members: readonly PreparedObservation[],
  edges: readonly ScoredEdge[],
  decisions: DecisionIndex,
  config: ReconcileConfig,
): ComponentClusters {
  const byKey = new Map(members.map((m) => [m.key, m] as const));
  const parent = new Map<NaturalKey, NaturalKey>();
  const groups = new Map<NaturalKey, NaturalKey[]>();
  const merges = new Map<NaturalKey, MergeRecord[]>();
  for (const m of members) {
    parent.set(m.key, m.key);
    groups.set(m.key, [m.key]);
    merges.set(m.key, []);
  }
  const find = (k: NaturalKey): NaturalKey => {
    let r = k;
    while (parent.get(r) !== r) r = parent.get(r) ?? r;
    let c = k;
    while (c !== r) {
      const next = parent.get(c) ?? r;
      parent.set(c, r);
      c = next;
    }
    return r;
  };
  const blockers = (ra: NaturalKey, rb: NaturalKey, checkStrong: boolean): { never: boolean; conflicts: StrongIdentifierKind[] } => {
    const conflicts = new Set<StrongIdentifierKind>();
    let never = false;
    for (const x of groups.get(ra) ?? []) {
      for (const y of groups.get(rb) ?? []) {
        if (decisions.never.has(pairKey(x, y))) never = true;
        if (checkStrong) {
          const ox = byKey.get(x);
          const oy = byKey.get(y);
          if (ox && oy) for (const c of strongConflicts(ox, oy, config)) conflicts.add(c);
        }
      }
    }
    return { never, conflicts: [...conflicts].sort() };
  };
  const union = (ra: NaturalKey, rb: NaturalKey, record: MergeRecord): void => {
    const [keep, drop] = ra < rb ? [ra, rb] : [rb, ra];
    parent.set(drop, keep);
    groups.set(keep, [...(groups.get(keep) ?? []), ...(groups.get(drop) ?? [])]);
    merges.set(keep, [...(merges.get(keep) ?? []), ...(merges.get(drop) ?? []), record]);
    groups.delete(drop);
    merges.delete(drop);
  };

  // 1. Operator force-merges, in pair-key order.
  const forcedPairs: [NaturalKey, NaturalKey][] = [];
  for (const m of members) {
    for (const other of decisions.forced.get(m.key) ?? []) {
      if (m.key < other && byKey.has(other)) forcedPairs.push([m.key, other]);
    }
  }
  forcedPairs.sort((x, y) => (pairKey(...x) < pairKey(...y) ? -1 : 1));
  const edgeScore = new Map(edges.map((e) => [pairKey(e.a, e.b), e.score] as const));
  for (const [a, b] of forcedPairs) {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb || blockers(ra, rb, false).never) continue;
    const oa = byKey.get(a);
    const ob = byKey.get(b);
    const s = edgeScore.get(pairKey(a, b)) ?? (oa && ob ? scorePair(oa, ob, config) : undefined);
    union(ra, rb, { left: a, right: b, reason: 'forced', score: s?.score ?? 0, breakdown: s?.breakdown ?? [] });
  }

  // 2. Scored edges above the merge threshold, strongest first.
  const sorted = [...edges].sort(byStrength);
  const refused: StewardshipCandidate[] = [];
  for (const e of sorted) {
    if (e.score.score < config.thresholds.merge) break;
    // A pair that itself disagrees on a strong identifier is vetoed outright: nothing to ask.
    if (e.score.conflicts.length > 0) continue;
    const ra = find(e.a);
    const rb = find(e.b);
    if (ra === rb) continue;
    const { never, conflicts } = blockers(ra, rb, true);
    if (never) continue;
    if (conflicts.length > 0) {
      refused.push({ reason: 'conflict', edge: e, conflicts });
      continue;
    }
    const [left, right] = e.a < e.b ? [e.a, e.b] : [e.b, e.a];
    union(ra, rb, { left, right, reason: 'score', score: e.score.score, breakdown: e.score.breakdown });
  }

  // 3. Stewardship: one item per pair of resulting assets, from the strongest edge between them.
  const stewardship: StewardshipCandidate[] = [];
  const covered = new Set<string>();
  const consider = (candidate: StewardshipCandidate): void => {
    const ra = find(candidate.edge.a);
    const rb = find(candidate.edge.b);
    if (ra === rb) return;
    const k = pairKey(ra, rb);
    if (covered.has(k)) return;
    covered.add(k);
    stewardship.push(candidate);
  };
  for (const c of refused) consider(c);
  for (const e of sorted) {
    if (e.score.score >= config.thresholds.merge || e.score.conflicts.length > 0) continue;
    if (decisions.never.has(pairKey(e.a, e.b))) continue;
    consider({ reason: 'review', edge: e, conflicts: [] });
  }

  const clusters = [...groups.entries()]
    .map(([root, keys]) => ({ members: [...keys].sort(), merges: sortMerges(merges.get(root) ?? []) }))
    .sort((x, y) => ((x.members[0] ?? '') < (y.members[0] ?? '') ? -1 : 1));
  return { clusters, stewardship };
}

function sortMerges(list: MergeRecord[]): MergeRecord[] {
  return [...list].sort((x, y) => {
    const kx = pairKey(x.left, x.right);
    const ky = pairKey(y.left, y.right);
    return kx < ky ? -1 : kx > ky ? 1 : 0;
  });
}

