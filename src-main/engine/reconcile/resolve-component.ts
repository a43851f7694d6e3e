// Everything reconciliation decides for one connected component of the identity graph: its assets
// (golden records), its stewardship items and the replacements it reveals. The batch path
// (reconcileAll) and the database path (one closure at a time) both call this, so they agree
// whenever they agree on the components.
import { stewardshipIdFor } from './asset-id.js';
import { buildGoldenRecord } from './build-golden-record.js';
import { clusterComponent, type ScoredEdge } from './cluster-component.js';
import type { IdentifierFrequencies } from './identity-keys.js';
import type { DecisionIndex } from './match-decision.js';
import type { PreparedObservation } from './prepare-observation.js';
import type { ReconcileConfig } from './reconcile-config.js';
import type { DerivedRelation, GoldenRecord, StewardshipItem } from './reconcile-result.js';

export interface ResolvedComponent {
  records: GoldenRecord[];
  stewardship: StewardshipItem[];
  relations: DerivedRelation[];
}

export function resolveComponent(
  members: readonly PreparedObservation[],
  edges: readonly ScoredEdge[],
  decisions: DecisionIndex,
  config: ReconcileConfig,
  frequencies: IdentifierFrequencies,
  nowMs: number,
): ResolvedComponent {
  if (members.length === 1 && edges.length === 0) {
    const only = members[0] as PreparedObservation;
    return { records: [buildGoldenRecord([only], [], config, nowMs)], stewardship: [], relations: [] };
  }
  const byKey = new Map(members.map((m) => [m.key, m] as const));
  const { clusters, stewardship, replacements } = clusterComponent(members, edges, decisions, config, frequencies);
  const assetOf = new Map<string, string>();
  const records: GoldenRecord[] = [];
  for (const cluster of clusters) {
    const obs = cluster.members.map((k) => byKey.get(k)).filter((m): m is PreparedObservation => m !== undefined);
    const record = buildGoldenRecord(obs, cluster.merges, config, nowMs);
    for (const k of cluster.members) assetOf.set(k, record.assetId);
    records.push(record);
  }
  const items: StewardshipItem[] = stewardship.map((c) => {
    const [left, right] = c.edge.a < c.edge.b ? [c.edge.a, c.edge.b] : [c.edge.b, c.edge.a];
    return {
      id: stewardshipIdFor(left, right),
      reason: c.reason,
      left,
      right,
      leftAssetId: assetOf.get(left) ?? '',
      rightAssetId: assetOf.get(right) ?? '',
      score: c.edge.score.score,
      breakdown: c.edge.score.breakdown,
      conflicts: c.conflicts,
    };
  });
  const relations: DerivedRelation[] = replacements.map((r) => ({
    type: 'replaced_by',
    fromAssetId: assetOf.get(r.older) ?? '',
    toAssetId: assetOf.get(r.newer) ?? '',
    left: r.older,
    right: r.newer,
    score: r.edge.score.score,
    breakdown: r.edge.score.breakdown,
  }));
  return { records, stewardship: items, relations };
}
