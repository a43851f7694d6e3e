// Incremental reconciliation: holds the identity graph (blocks, scored edges, components) in memory
// and, for each batch of observations, recomputes only the components the batch touches. Because
// every component is resolved by the same pure function as in reconcileAll, any order or batching
// of the same observations ends in the same records.
import { BlockIndex } from './block-index.js';
import type { ScoredEdge } from './cluster-component.js';
import { indexDecisions, type DecisionIndex, type MatchDecision, type ObservationRef } from './match-decision.js';
import { isNewerObservation, prepareObservation, type PreparedObservation } from './prepare-observation.js';
import { DEFAULT_RECONCILE_CONFIG, type ReconcileConfig } from './reconcile-config.js';
import type { GoldenRecord, ReconcileDelta, ReconcileResult, StewardshipItem } from './reconcile-result.js';
import { resolveComponent } from './resolve-component.js';
import { isCandidateEdge, scorePair, type PairScore } from './score-pair.js';
import { naturalKeyOf, type NaturalKey, type SourcedObservation } from './sourced-observation.js';
import { stableStringify } from './stable-hash.js';
import { accumulateSourceTotals, sourceQualityFromTotals, type SourceTotals } from './summarise-source-quality.js';
import { toEpochMs, type Instant } from './to-epoch-ms.js';

interface Component {
  members: NaturalKey[];
  assetIds: string[];
  stewardshipIds: string[];
}

export interface IncrementalReconcilerOptions {
  config?: ReconcileConfig;
  decisions?: readonly MatchDecision[];
  now: Instant;
}

export class IncrementalReconciler {
  private readonly config: ReconcileConfig;
  private decisions: readonly MatchDecision[];
  private decisionIndex: DecisionIndex;
  private nowMs: number;
  private readonly nodes = new Map<NaturalKey, PreparedObservation>();
  private readonly blocks = new BlockIndex();
  private readonly adjacency = new Map<NaturalKey, Map<NaturalKey, PairScore>>();
  private readonly componentOf = new Map<NaturalKey, Component>();
  private readonly assets = new Map<string, GoldenRecord>();
  private readonly assetOfKey = new Map<NaturalKey, string>();
  private readonly stewardship = new Map<string, StewardshipItem>();
  private readonly sourceTotals = new Map<string, SourceTotals>();

  constructor(options: IncrementalReconcilerOptions) {
    this.config = options.config ?? DEFAULT_RECONCILE_CONFIG;
    this.decisions = [...(options.decisions ?? [])];
    this.decisionIndex = indexDecisions(this.decisions);
    this.nowMs = toEpochMs(options.now);
  }

  get assetCount(): number {
    return this.assets.size;
  }

  get observationCount(): number {
    return this.nodes.size;
  }

  getAsset(assetId: string): GoldenRecord | undefined {
    return this.assets.get(assetId);
  }

  assetIdOf(ref: ObservationRef): string | undefined {
    return this.assetOfKey.get(naturalKeyOf(ref.sourceId, ref.nativeKey));
  }

  /** Adds observations; a version older than the one held for its natural key is ignored. */
  apply(observations: Iterable<SourcedObservation>): ReconcileDelta {
    const incoming = new Map<NaturalKey, PreparedObservation>();
    for (const sourced of observations) {
      const prepared = prepareObservation(sourced, this.config);
      const best = incoming.get(prepared.key) ?? this.nodes.get(prepared.key);
      if (!best || isNewerObservation(prepared, best)) incoming.set(prepared.key, prepared);
    }
    const seeds = new Set<NaturalKey>();
    for (const obs of incoming.values()) {
      this.detach(obs.key, seeds);
      this.nodes.set(obs.key, obs);
      this.blocks.add(obs);
      seeds.add(obs.key);
    }
    for (const obs of incoming.values()) this.connect(obs);
    return this.recompute(seeds);
  }

  /** Forgets observations (for example when a source is deleted). */
  remove(refs: Iterable<ObservationRef>): ReconcileDelta {
    const seeds = new Set<NaturalKey>();
    for (const ref of refs) this.detach(naturalKeyOf(ref.sourceId, ref.nativeKey), seeds);
    return this.recompute(seeds);
  }

  /** Replaces the operator decisions; only components they touch are recomputed. */
  setDecisions(decisions: readonly MatchDecision[]): ReconcileDelta {
    const key = (d: MatchDecision): string => stableStringify([d.kind, naturalKeyOf(d.left.sourceId, d.left.nativeKey), naturalKeyOf(d.right.sourceId, d.right.nativeKey)]);
    const before = new Set(this.decisions.map(key));
    const after = new Set(decisions.map(key));
    const seeds = new Set<NaturalKey>();
    for (const d of [...this.decisions, ...decisions]) {
      const k = key(d);
      if (before.has(k) && after.has(k)) continue;
      for (const ref of [d.left, d.right]) {
        const nk = naturalKeyOf(ref.sourceId, ref.nativeKey);
        if (this.nodes.has(nk)) seeds.add(nk);
      }
    }
    this.decisions = [...decisions];
    this.decisionIndex = indexDecisions(this.decisions);
    return this.recompute(seeds);
  }

  /** Moves the clock: every golden record is re-evaluated for decay (clustering does not depend on time). */
  setNow(now: Instant): ReconcileDelta {
    this.nowMs = toEpochMs(now);
    return this.recompute(new Set(this.nodes.keys()));
  }

  snapshot(): ReconcileResult {
    const assets = [...this.assets.values()].sort((a, b) => (a.assetId < b.assetId ? -1 : a.assetId > b.assetId ? 1 : 0));
    const stewardship = [...this.stewardship.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { assets, stewardship, sourceQuality: sourceQualityFromTotals(this.sourceTotals) };
  }

  /** Removes a node and its edges; its old component's members become seeds. */
  private detach(key: NaturalKey, seeds: Set<NaturalKey>): void {
    const old = this.nodes.get(key);
    if (!old) return;
    const component = this.componentOf.get(key);
    if (component) for (const m of component.members) seeds.add(m);
    this.blocks.remove(old);
    for (const neighbour of this.adjacency.get(key)?.keys() ?? []) this.adjacency.get(neighbour)?.delete(key);
    this.adjacency.delete(key);
    this.nodes.delete(key);
  }

  private connect(obs: PreparedObservation): void {
    for (const otherKey of this.blocks.candidatesOf(obs)) {
      const other = this.nodes.get(otherKey);
      if (!other) continue;
      const [a, b] = obs.key < otherKey ? [obs, other] : [other, obs];
      const score = scorePair(a, b, this.config);
      if (!isCandidateEdge(score, this.config)) continue;
      this.link(a.key, b.key, score);
      this.link(b.key, a.key, score);
    }
  }

  private link(from: NaturalKey, to: NaturalKey, score: PairScore): void {
    let map = this.adjacency.get(from);
    if (!map) {
      map = new Map();
      this.adjacency.set(from, map);
    }
    map.set(to, score);
  }

  private recompute(seeds: Set<NaturalKey>): ReconcileDelta {
    const oldComponents = new Set<Component>();
    for (const k of seeds) {
      const c = this.componentOf.get(k);
      if (c) oldComponents.add(c);
    }
    // Flood-fill the new components from the seeds over edges and force-merges.
    const visited = new Set<NaturalKey>();
    const newComponents: NaturalKey[][] = [];
    for (const seed of seeds) {
      if (visited.has(seed) || !this.nodes.has(seed)) continue;
      const members: NaturalKey[] = [];
      const stack = [seed];
      visited.add(seed);
      while (stack.length > 0) {
        const k = stack.pop() as NaturalKey;
        members.push(k);
        const c = this.componentOf.get(k);
        if (c) oldComponents.add(c);
        for (const n of this.adjacency.get(k)?.keys() ?? []) {
          if (!visited.has(n)) {
            visited.add(n);
            stack.push(n);
          }
        }
        for (const n of this.decisionIndex.forced.get(k) ?? []) {
          if (!visited.has(n) && this.nodes.has(n)) {
            visited.add(n);
            stack.push(n);
          }
        }
      }
      newComponents.push(members);
    }

    const oldAssets = new Map<string, GoldenRecord>();
    const oldItems = new Map<string, StewardshipItem>();
    for (const c of oldComponents) {
      for (const id of c.assetIds) {
        const record = this.assets.get(id);
        if (!record) continue;
        oldAssets.set(id, record);
        accumulateSourceTotals(this.sourceTotals, record, -1);
        this.assets.delete(id);
      }
      for (const id of c.stewardshipIds) {
        const item = this.stewardship.get(id);
        if (item) oldItems.set(id, item);
        this.stewardship.delete(id);
      }
      for (const m of c.members) {
        if (this.componentOf.get(m) === c) {
          this.componentOf.delete(m);
          this.assetOfKey.delete(m);
        }
      }
    }

    const newAssets = new Map<string, GoldenRecord>();
    const newItems = new Map<string, StewardshipItem>();
    for (const memberKeys of newComponents) {
      const members = memberKeys.map((k) => this.nodes.get(k) as PreparedObservation);
      const edges: ScoredEdge[] = [];
      for (const k of memberKeys) {
        for (const [n, score] of this.adjacency.get(k) ?? []) if (k < n) edges.push({ a: k, b: n, score });
      }
      const resolved = resolveComponent(members, edges, this.decisionIndex, this.config, this.nowMs);
      const component: Component = {
        members: memberKeys,
        assetIds: resolved.records.map((r) => r.assetId),
        stewardshipIds: resolved.stewardship.map((s) => s.id),
      };
      for (const k of memberKeys) this.componentOf.set(k, component);
      for (const record of resolved.records) {
        this.assets.set(record.assetId, record);
        newAssets.set(record.assetId, record);
        accumulateSourceTotals(this.sourceTotals, record, 1);
        for (const m of record.members) this.assetOfKey.set(m.naturalKey, record.assetId);
      }
      for (const item of resolved.stewardship) {
        this.stewardship.set(item.id, item);
        newItems.set(item.id, item);
      }
    }

    const delta: ReconcileDelta = { created: [], changed: [], removed: [], stewardshipOpened: [], stewardshipClosed: [] };
    for (const [id, record] of newAssets) {
      const before = oldAssets.get(id);
      if (!before) delta.created.push(record);
      else if (before !== record && stableStringify(before) !== stableStringify(record)) delta.changed.push(record);
    }
    for (const id of oldAssets.keys()) if (!newAssets.has(id)) delta.removed.push(id);
    for (const [id, item] of newItems) {
      const before = oldItems.get(id);
      if (!before || stableStringify(before) !== stableStringify(item)) delta.stewardshipOpened.push(item);
    }
    for (const id of oldItems.keys()) if (!newItems.has(id)) delta.stewardshipClosed.push(id);
    const byId = <T extends { assetId: string }>(a: T, b: T): number => (a.assetId < b.assetId ? -1 : a.assetId > b.assetId ? 1 : 0);
    delta.created.sort(byId);
    delta.changed.sort(byId);
    delta.removed.sort();
    delta.stewardshipOpened.sort((a, b) => (a.id < b.id ? -1 : 1));
    delta.stewardshipClosed.sort();
    return delta;
  }
}
