// Batch reconciliation: the golden records, stewardship items and source quality for a complete
// set of observations and operator decisions, as of `now`. A pure function of its inputs.
import { BlockIndex } from './block-index.js';
import type { ScoredEdge } from './cluster-component.js';
import { indexDecisions, type MatchDecision } from './match-decision.js';
import { isNewerObservation, prepareObservation, type PreparedObservation } from './prepare-observation.js';
import { DEFAULT_RECONCILE_CONFIG, type ReconcileConfig } from './reconcile-config.js';
import type { GoldenRecord, ReconcileResult, StewardshipItem } from './reconcile-result.js';
import { resolveComponent } from './resolve-component.js';
import { isCandidateEdge, scorePair } from './score-pair.js';
import type { NaturalKey, SourcedObservation } from './sourced-observation.js';
import { summariseSourceQuality } from './summarise-source-quality.js';
import { toEpochMs, type Instant } from './to-epoch-ms.js';

/** Keeps the latest version of every natural key. */
export function latestObservations(observations: Iterable<SourcedObservation>, config: ReconcileConfig): Map<NaturalKey, PreparedObservation> {
  const latest = new Map<NaturalKey, PreparedObservation>();
  for (const sourced of observations) {
    const prepared = prepareObservation(sourced, config);
    const current = latest.get(prepared.key);
    if (!current || isNewerObservation(prepared, current)) latest.set(prepared.key, prepared);
  }
  return latest;
}

export function reconcileAll(
  observations: Iterable<SourcedObservation>,
  decisions: readonly MatchDecision[] = [],
  config: ReconcileConfig = DEFAULT_RECONCILE_CONFIG,
  now: Instant,
): ReconcileResult {
  return reconcileLatest(latestObservations(observations, config), decisions, config, now);
}

/**
 * reconcileAll for observations already prepared (with `config`) and reduced to the latest version
 * of each natural key, keyed by it: callers that hold prepared heads need not prepare them again.
 */
export function reconcileLatest(
  nodes: ReadonlyMap<NaturalKey, PreparedObservation>,
  decisions: readonly MatchDecision[],
  config: ReconcileConfig,
  now: Instant,
): ReconcileResult {
  const nowMs = toEpochMs(now);
  const decisionIndex = indexDecisions(decisions);
  const blocks = new BlockIndex();
  for (const obs of nodes.values()) blocks.add(obs);

  // Union-find over the identity graph: scored edges plus operator force-merges.
  const parent = new Map<NaturalKey, NaturalKey>();
  const find = (k: NaturalKey): NaturalKey => {
    let r = k;
    for (let p = parent.get(r); p !== undefined && p !== r; p = parent.get(r)) r = p;
    let c = k;
    while (c !== r) {
      const next = parent.get(c) ?? r;
      parent.set(c, r);
      c = next;
    }
    return r;
  };
  const union = (a: NaturalKey, b: NaturalKey): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  };
  for (const k of nodes.keys()) parent.set(k, k);
  const edges: ScoredEdge[] = [];
  for (const obs of nodes.values()) {
    for (const otherKey of blocks.candidatesOf(obs)) {
      if (otherKey <= obs.key) continue;
      const other = nodes.get(otherKey);
      if (!other) continue;
      const score = scorePair(obs, other, config);
      if (!isCandidateEdge(score, config)) continue;
      edges.push({ a: obs.key, b: otherKey, score });
      union(obs.key, otherKey);
    }
    for (const forced of decisionIndex.forced.get(obs.key) ?? []) if (nodes.has(forced)) union(obs.key, forced);
  }

  const members = new Map<NaturalKey, PreparedObservation[]>();
  for (const obs of nodes.values()) {
    const root = find(obs.key);
    const list = members.get(root);
    if (list) list.push(obs);
    else members.set(root, [obs]);
  }
  const componentEdges = new Map<NaturalKey, ScoredEdge[]>();
  for (const e of edges) {
    const root = find(e.a);
    const list = componentEdges.get(root);
    if (list) list.push(e);
    else componentEdges.set(root, [e]);
  }

  const assets: GoldenRecord[] = [];
  const stewardship: StewardshipItem[] = [];
  for (const [root, list] of members) {
    const resolved = resolveComponent(list, componentEdges.get(root) ?? [], decisionIndex, config, nowMs);
    assets.push(...resolved.records);
    stewardship.push(...resolved.stewardship);
  }
  assets.sort((a, b) => (a.assetId < b.assetId ? -1 : a.assetId > b.assetId ? 1 : 0));
  stewardship.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { assets, stewardship, sourceQuality: summariseSourceQuality(assets) };
}
