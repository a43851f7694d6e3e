// Chooses the golden value of every field from the values the asset's observations carry, and
// records provenance, competing values and (under a manual value) suggestions.
import type { AssetFieldName, FieldValue } from '../../../src-shared/model/index.js';
import { ASSET_FIELD_NAMES } from '../../../src-shared/model/index.js';
import type { PreparedObservation } from './prepare-observation.js';
import { rankObservations, type RankedObservation } from './rank-observations.js';
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

/** Rankings memoised per precedence list, since most fields share a handful of lists. */
export function rankingCache(
  members: readonly PreparedObservation[],
  config: ReconcileConfig,
  nowMs: number,
): (target: PrecedenceTarget) => RankedObservation[] {
  const cache = new Map<unknown, RankedObservation[]>();
  return (target) => {
    const list = config.precedence[target] ?? config.defaultPrecedence;
    let ranked = cache.get(list);
    if (!ranked) {
      ranked = rankObservations(members, target, config, nowMs);
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
    const ranked = ranking(name);
    let winner: RankedObservation | undefined;
    let winnerValue: FieldValue = null;
    const others: FieldCandidate[] = [];
    for (const r of ranked) {
      const value = r.obs.values[name];
      if (value === undefined || value === null) continue;
      const stats = (sourceStats[r.obs.sourced.sourceId] ??= { sourceKind: r.obs.sourced.sourceKind, fields: 0, conflicts: 0 });
      stats.fields += 1;
      if (!winner) {
        winner = r;
        winnerValue = value;
        continue;
      }
      const agrees = sameValue(value, winnerValue);
      if (!agrees && r.obs.sourced.sourceId !== winner.obs.sourced.sourceId) stats.conflicts += 1;
      others.push(candidateOf(r, value, agrees));
    }
    if (!winner) continue;
    const ws = winner.obs.sourced;
    const suggestions = winner.isManual
      ? others.filter((c) => !c.agreesWithGolden && Date.parse(c.observedAt) > winner.obs.observedAtMs && !(c.sourceKind === ws.sourceKind))
      : [];
    if (others.length > 0) agreement[name] = others.filter((c) => c.agreesWithGolden).length / others.length;
    fields[name] = {
      value: winnerValue,
      sourceId: ws.sourceId,
      sourceKind: ws.sourceKind,
      observationId: ws.observationId,
      naturalKey: winner.obs.key,
      confidence: winner.confidence,
      observedAt: ws.observation.observedAt,
      competing: others,
      suggestions,
    };
  }
  return { fields, sourceStats, agreement };
}
