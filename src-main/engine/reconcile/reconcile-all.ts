// Batch reconciliation: the golden records, stewardship items, derived relations and source
// quality for a complete set of observations and operator decisions, as of `now`. A pure function
// of its inputs; identifier frequencies (how many devices share each value) are counted over the
// records given.
import type { NetworkAddressing } from '../../../src-shared/model/index.js';
import type { ScoredEdge } from './cluster-component.js';
import { countIdentifierFrequencies, type IdentifierFrequencies } from './identity-keys.js';
import { indexDecisions, type MatchDecision } from './match-decision.js';
import { isNewerObservation, prepareObservation, type NetworkAddressingLookup, type PreparedObservation } from './prepare-observation.js';
import { DEFAULT_RECONCILE_CONFIG, type ReconcileConfig } from './reconcile-config.js';
import type { DerivedRelation, GoldenRecord, ReconcileResult, StewardshipItem } from './reconcile-result.js';
import { resolveComponent } from './resolve-component.js';
import { blockingKeysOf, isCandidateEdge, scorePair } from './score-pair.js';
import type { NaturalKey, SourcedObservation } from './sourced-observation.js';
import { summariseSourceQuality } from './summarise-source-quality.js';
import { toEpochMs, type Instant } from './to-epoch-ms.js';

export interface ReconcileContext {
  /** How each named network hands out addresses (networks not listed: unknown). */
  networks?: Readonly<Record<string, NetworkAddressing>>;
}

export function addressingLookup(networks: Readonly<Record<string, NetworkAddressing>> | undefined): NetworkAddressingLookup {
  if (!networks) return () => 'unknown';
  const lower = new Map(Object.entries(networks).map(([k, v]) => [k.trim().toLowerCase(), v] as const));
  return (network) => lower.get(network) ?? 'unknown';
}

/** Keeps the latest version of every natural key, with the earliest time any version was seen. */
export function latestObservations(
  observations: Iterable<SourcedObservation>,
  config: ReconcileConfig,
  context: ReconcileContext = {},
): Map<NaturalKey, PreparedObservation> {
  const addressingOf = addressingLookup(context.networks);
  const latest = new Map<NaturalKey, PreparedObservation>();
  const firstSeen = new Map<NaturalKey, number>();
  for (const sourced of observations) {
    const prepared = prepareObservation(sourced, config, addressingOf);
    const current = latest.get(prepared.key);
    firstSeen.set(prepared.key, Math.min(firstSeen.get(prepared.key) ?? Infinity, prepared.firstSeenMs));
    if (!current || isNewerObservation(prepared, current)) latest.set(prepared.key, prepared);
  }
  for (const [key, obs] of latest) obs.firstSeenMs = Math.min(obs.firstSeenMs, firstSeen.get(key) ?? obs.firstSeenMs);
  return latest;
}

export function reconcileAll(
  observations: Iterable<SourcedObservation>,
  decisions: readonly MatchDecision[] = [],
  config: ReconcileConfig = DEFAULT_RECONCILE_CONFIG,
  now: Instant,
  context: ReconcileContext = {},
): ReconcileResult {
  const nodes = latestObservations(observations, config, context);
  const frequencies = countIdentifierFrequencies(
    [...nodes.values()].map((o) => ({ sourceId: o.sourced.sourceId, keys: o.ids.keys })),
    config.sharedValueFrequency,
  );
  return reconcileLatest(nodes, decisions, config, now, frequencies);
}

/**
 * reconcileAll for records already prepared (with `config`) and reduced to the latest version of
 * each natural key, with the identifier frequencies of the whole estate they belong to (which may
 * be larger than `nodes`: the database reconciles one closure at a time against the frequencies of
 * everything it stores).
 */
export function reconcileLatest(
  nodes: ReadonlyMap<NaturalKey, PreparedObservation>,
  decisions: readonly MatchDecision[],
  config: ReconcileConfig,
  now: Instant,
  frequencies: IdentifierFrequencies,
): ReconcileResult {
  const nowMs = toEpochMs(now);
  const decisionIndex = indexDecisions(decisions);
  const cap = config.sharedValueFrequency;
  const blocks = new Map<string, NaturalKey[]>();
  for (const obs of nodes.values()) {
    for (const key of blockingKeysOf(obs, frequencies, cap)) {
      const block = blocks.get(key);
      if (block) block.push(obs.key);
      else blocks.set(key, [obs.key]);
    }
  }

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
    const seen = new Set<NaturalKey>();
    for (const key of blockingKeysOf(obs, frequencies, cap)) {
      for (const otherKey of blocks.get(key) ?? []) {
        if (otherKey <= obs.key || seen.has(otherKey)) continue;
        seen.add(otherKey);
        const other = nodes.get(otherKey);
        if (!other) continue;
        const score = scorePair(obs, other, config, frequencies);
        if (!isCandidateEdge(score, config)) continue;
        edges.push({ a: obs.key, b: otherKey, score });
        union(obs.key, otherKey);
      }
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
  const relations: DerivedRelation[] = [];
  for (const [root, list] of members) {
    const resolved = resolveComponent(list, componentEdges.get(root) ?? [], decisionIndex, config, frequencies, nowMs);
    assets.push(...resolved.records);
    stewardship.push(...resolved.stewardship);
    relations.push(...resolved.relations);
  }
  assets.sort((a, b) => (a.assetId < b.assetId ? -1 : a.assetId > b.assetId ? 1 : 0));
  stewardship.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  relations.sort((a, b) => (a.fromAssetId + a.toAssetId < b.fromAssetId + b.toAssetId ? -1 : 1));
  return { assets, stewardship, relations, sourceQuality: summariseSourceQuality(assets) };
}
