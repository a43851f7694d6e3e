// Chooses the golden value of every field from the values the asset's records carry. Per field:
// a person's value first; then values observed recently (relative to the asset's newest
// observation) ahead of outdated ones; then the precedence of the source kind; then agreement —
// the value the most independent sources report; then confidence, recency and natural key. Records
// provenance: the winning record, the combined confidence of the sources that agree, when the value
// was last seen, the competing values, and (under a manual value) suggestions.
import type { AssetFieldName, FieldValue } from '../../../src-shared/model/index.js';
import { ASSET_FIELD_NAMES } from '../../../src-shared/model/index.js';
import { combinedConfidence } from './field-confidence.js';
import type { PreparedObservation } from './prepare-observation.js';
import { rankObservations, sameTier, type RankedObservation } from './rank-observations.js';
import type { PrecedenceTarget, ReconcileConfig } from './reconcile-config.js';
import type { FieldCandidate, GoldenField, SourceFieldStats } from './reconcile-result.js';

export interface FieldSelection {
  fields: Partial<Record<AssetFieldName, GoldenField>>;
  sourceStats: Record<string, SourceFieldStats>;
  /** Per field with two or more values: share of the other values that agree with the golden one. */
  agreement: Partial<Record<AssetFieldName, number>>;
}

/** Values compare case-insensitively: normalisation already made identifiers canonical. */
export function sameValue(a: FieldValue, b: FieldValue): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  return a === b;
}

function valueKey(v: FieldValue): string {
  return typeof v === 'string' ? `s:${v.toLowerCase()}` : `${typeof v}:${String(v)}`;
}

/** Rankings memoised per precedence list, since most fields share a handful of lists. */
export function rankingCache(
  members: readonly PreparedObservation[],
  config: ReconcileConfig,
  newestMs: number,
): (target: PrecedenceTarget) => RankedObservation[] {
  const cache = new Map<unknown, RankedObservation[]>();
  return (target) => {
    const list = config.precedence[target] ?? config.defaultPrecedence;
    let ranked = cache.get(list);
    if (!ranked) {
      ranked = rankObservations(members, target, config, newestMs);
      cache.set(list, ranked);
    }
    return ranked;
  };
}

function candidateOf(r: RankedObservation, value: FieldValue, agrees: boolean): FieldCandidate {
  const s = r.obs.sourced;
  return {
    value,
    sourceId: s.sourceId,
    sourceKind: s.sourceKind,
    observationId: s.observationId,
    naturalKey: r.obs.key,
    confidence: r.confidence,
    observedAt: s.observation.observedAt,
    agreesWithGolden: agrees,
  };
}

export function selectFieldValues(ranking: (target: PrecedenceTarget) => RankedObservation[]): FieldSelection {
  const fields: Partial<Record<AssetFieldName, GoldenField>> = {};
  const sourceStats: Record<string, SourceFieldStats> = {};
  const agreement: Partial<Record<AssetFieldName, number>> = {};
  for (const name of ASSET_FIELD_NAMES) {
    const withValue: { r: RankedObservation; value: FieldValue }[] = [];
    for (const r of ranking(name)) {
      const value = r.obs.values[name];
      if (value !== undefined && value !== null) withValue.push({ r, value });
    }
    if (withValue.length === 0) continue;
    for (const { r } of withValue) {
      const stats = (sourceStats[r.obs.sourced.sourceId] ??= { sourceKind: r.obs.sourced.sourceKind, fields: 0, conflicts: 0 });
      stats.fields += 1;
    }
    if (withValue.length === 1) {
      // One value (most fields of most assets): nothing to weigh.
      const { r, value } = withValue[0] as { r: RankedObservation; value: FieldValue };
      const ws = r.obs.sourced;
      fields[name] = {
        value,
        sourceId: ws.sourceId,
        sourceKind: ws.sourceKind,
        observationId: ws.observationId,
        naturalKey: r.obs.key,
        confidence: r.isManual ? 1 : combinedConfidence([r.confidence]),
        sources: 1,
        observedAt: ws.observation.observedAt,
        lastSeen: ws.observation.observedAt,
        competing: [],
        suggestions: [],
      };
      continue;
    }

    // Independent sources behind each value.
    const sourcesByValue = new Map<string, Set<string>>();
    for (const { r, value } of withValue) {
      const k = valueKey(value);
      const set = sourcesByValue.get(k) ?? new Set<string>();
      set.add(r.obs.sourced.sourceId);
      sourcesByValue.set(k, set);
    }
    const first = withValue[0] as { r: RankedObservation; value: FieldValue };
    let winner = first;
    let winnerSupport = sourcesByValue.get(valueKey(first.value))?.size ?? 1;
    for (const c of withValue) {
      if (!sameTier(c.r, first.r)) break;
      const support = sourcesByValue.get(valueKey(c.value))?.size ?? 1;
      if (support > winnerSupport) {
        winner = c;
        winnerSupport = support;
      }
    }
    const winnerValue = winner.value;
    const others: FieldCandidate[] = [];
    const agreeing: RankedObservation[] = [];
    for (const c of withValue) {
      const agrees = sameValue(c.value, winnerValue);
      if (agrees) agreeing.push(c.r);
      if (c === winner) continue;
      if (!agrees && c.r.obs.sourced.sourceId !== winner.r.obs.sourced.sourceId) (sourceStats[c.r.obs.sourced.sourceId] as SourceFieldStats).conflicts += 1;
      others.push(candidateOf(c.r, c.value, agrees));
    }
    const ws = winner.r.obs.sourced;
    const confidenceBySource = new Map<string, number>();
    let lastSeenMs = -Infinity;
    let lastSeen = ws.observation.observedAt;
    for (const r of agreeing) {
      const sid = r.obs.sourced.sourceId;
      confidenceBySource.set(sid, Math.max(confidenceBySource.get(sid) ?? 0, r.confidence));
      if (r.obs.observedAtMs > lastSeenMs) {
        lastSeenMs = r.obs.observedAtMs;
        lastSeen = r.obs.sourced.observation.observedAt;
      }
    }
    const suggestions = winner.r.isManual
      ? others.filter((c) => !c.agreesWithGolden && Date.parse(c.observedAt) > winner.r.obs.observedAtMs && c.sourceKind !== ws.sourceKind)
      : [];
    if (others.length > 0) agreement[name] = others.filter((c) => c.agreesWithGolden).length / others.length;
    fields[name] = {
      value: winnerValue,
      sourceId: ws.sourceId,
      sourceKind: ws.sourceKind,
      observationId: ws.observationId,
      naturalKey: winner.r.obs.key,
      confidence: winner.r.isManual ? 1 : combinedConfidence(confidenceBySource.values()),
      sources: confidenceBySource.size,
      observedAt: ws.observation.observedAt,
      lastSeen,
      competing: others,
      suggestions,
    };
  }
  return { fields, sourceStats, agreement };
}
