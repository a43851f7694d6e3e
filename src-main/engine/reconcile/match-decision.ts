// Operator decisions about identity, expressed over observation natural keys so that they survive
// re-ingestion and re-clustering: force two observations into one asset, or never merge them.
import { naturalKeyOf, type NaturalKey } from './sourced-observation.js';

export const MATCH_DECISION_KINDS = ['force_merge', 'never_merge'] as const;
export type MatchDecisionKind = (typeof MATCH_DECISION_KINDS)[number];

export interface ObservationRef {
  sourceId: string;
  nativeKey: string;
}

export interface MatchDecision {
  kind: MatchDecisionKind;
  left: ObservationRef;
  right: ObservationRef;
  /** Who decided and why; carried for audit, not used by the engine. */
  reason?: string;
}

/** Order-free key of a pair of natural keys. */
export function pairKey(a: NaturalKey, b: NaturalKey): string {
  return a < b ? `${a}\u001e${b}` : `${b}\u001e${a}`;
}

export interface DecisionIndex {
  forced: ReadonlyMap<NaturalKey, ReadonlySet<NaturalKey>>;
  never: ReadonlySet<string>;
}

/** Never-merge wins over force-merge for the same pair. */
export function indexDecisions(decisions: readonly MatchDecision[]): DecisionIndex {
  const never = new Set<string>();
  for (const d of decisions) {
    if (d.kind === 'never_merge') never.add(pairKey(naturalKeyOf(d.left.sourceId, d.left.nativeKey), naturalKeyOf(d.right.sourceId, d.right.nativeKey)));
  }
  const forced = new Map<NaturalKey, Set<NaturalKey>>();
  for (const d of decisions) {
    if (d.kind !== 'force_merge') continue;
    const a = naturalKeyOf(d.left.sourceId, d.left.nativeKey);
    const b = naturalKeyOf(d.right.sourceId, d.right.nativeKey);
    if (a === b || never.has(pairKey(a, b))) continue;
    for (const [x, y] of [[a, b], [b, a]] as const) {
      const set = forced.get(x) ?? new Set<NaturalKey>();
      set.add(y);
      forced.set(x, set);
    }
  }
  return { forced, never };
}
