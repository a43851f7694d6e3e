// Splits one connected component of the identity graph into assets. Forced merges first, then
// scored edges from the strongest down; a union that would put two records with conflicting strong
// identifiers (or a never-merge pair) into one asset is refused. What is left for people or for the
// record: refused unions and mixed evidence become stewardship items, near-duplicates (a serial one
// character off) and review-band pairs become review items, and the same name on a different real
// serial becomes a replacement (the older device replaced_by the newer). Every ordering is by
// score and natural key only, so the outcome is a function of the component's content.
import type { IdentifierFrequencies } from './identity-keys.js';
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

/** Between two clusters (named by any member of each): the older is replaced by the newer. */
export interface ReplacementCandidate {
  older: NaturalKey;
  newer: NaturalKey;
  edge: ScoredEdge;
}

export interface ComponentClusters {
  clusters: { members: NaturalKey[]; merges: MergeRecord[] }[];
  stewardship: StewardshipCandidate[];
  replacements: ReplacementCandidate[];
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
  frequencies: IdentifierFrequencies,
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
          if (ox && oy) for (const c of strongConflicts(ox, oy, config, frequencies)) conflicts.add(c);
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
    const s = edgeScore.get(pairKey(a, b)) ?? (oa && ob ? scorePair(oa, ob, config, frequencies) : undefined);
    union(ra, rb, { left: a, right: b, reason: 'forced', score: s?.score ?? 0, breakdown: s?.breakdown ?? [] });
  }

  // 2. Scored edges above the merge threshold, strongest first. A pair that itself disagrees on a
  // strong identifier, or whose serials are one character apart, is never merged here.
  const sorted = [...edges].sort(byStrength);
  const refused: StewardshipCandidate[] = [];
  for (const e of sorted) {
    if (e.score.score < config.thresholds.merge) break;
    if (e.score.conflicts.length > 0 || e.score.nearDuplicate) continue;
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

  // 3. What remains between different assets. One item per pair of assets, from the strongest edge.
  const stewardship: StewardshipCandidate[] = [];
  const replacements: ReplacementCandidate[] = [];
  const covered = new Set<string>();
  const claim = (e: ScoredEdge): boolean => {
    const ra = find(e.a);
    const rb = find(e.b);
    if (ra === rb) return false;
    const k = pairKey(ra, rb);
    if (covered.has(k) || decisions.never.has(pairKey(e.a, e.b))) return false;
    covered.add(k);
    return true;
  };
  for (const c of refused) if (claim(c.edge)) stewardship.push(c);
  for (const e of sorted) {
    const s = e.score;
    if (s.conflicts.length > 0) {
      // Strong evidence for one device against a conflicting strong identifier. Shared hardware
      // (a MAC, an asset tag) makes it a question for a person; a shared name alone is a
      // replacement when the two were not in service at the same time.
      if (s.support < config.thresholds.merge) continue;
      if (s.sharesHardware) {
        if (claim(e)) stewardship.push({ reason: 'conflict', edge: e, conflicts: s.conflicts });
      } else if (s.sharesName) {
        const replacement = replacementOf(e, byKey, groups, find, config);
        if (replacement && claim(e)) replacements.push(replacement);
      }
      continue;
    }
    if (s.score < config.thresholds.review) continue;
    if (s.score >= config.thresholds.merge && !s.nearDuplicate) continue;
    if (claim(e)) stewardship.push({ reason: 'review', edge: e, conflicts: [] });
  }

  const clusters = [...groups.entries()]
    .map(([root, keys]) => ({ members: [...keys].sort(), merges: sortMerges(merges.get(root) ?? []) }))
    .sort((x, y) => ((x.members[0] ?? '') < (y.members[0] ?? '') ? -1 : 1));
  return { clusters, stewardship, replacements };
}

/**
 * Same name, different real serial: which cluster is the older device. The newer one first appeared
 * later and the two overlapped in service at most `replacementOverlapMs`; otherwise two devices
 * simply share a name, and nothing is said.
 */
function replacementOf(
  e: ScoredEdge,
  byKey: ReadonlyMap<NaturalKey, PreparedObservation>,
  groups: ReadonlyMap<NaturalKey, NaturalKey[]>,
  find: (k: NaturalKey) => NaturalKey,
  config: ReconcileConfig,
): ReplacementCandidate | null {
  const span = (root: NaturalKey) => {
    let first = Infinity;
    let last = -Infinity;
    for (const k of groups.get(root) ?? []) {
      const o = byKey.get(k);
      if (!o || config.manualKinds.includes(o.sourced.sourceKind)) continue;
      first = Math.min(first, o.firstSeenMs);
      last = Math.max(last, o.observedAtMs);
    }
    return { first, last };
  };
  const ra = find(e.a);
  const rb = find(e.b);
  const sa = span(ra);
  const sb = span(rb);
  if (sa.first === sb.first) return null;
  const [older, newer, so, sn] = sa.first < sb.first ? [e.a, e.b, sa, sb] : [e.b, e.a, sb, sa];
  if (so.last - sn.first > config.replacementOverlapMs) return null;
  return { older, newer, edge: e };
}

function sortMerges(list: MergeRecord[]): MergeRecord[] {
  return [...list].sort((x, y) => {
    const kx = pairKey(x.left, x.right);
    const ky = pairKey(y.left, y.right);
    return kx < ky ? -1 : kx > ky ? 1 : 0;
  });
}
