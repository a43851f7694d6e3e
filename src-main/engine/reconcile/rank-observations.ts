// The one ordering used for every "which source wins" question that is not decided by agreement
// (submodel attributes, tags, and the tie-breaks of field values): manual kinds first, then values
// observed recently relative to the asset's newest observation (a stale row of a renamed host
// ranks after the fresh ones, however trusted its source), then precedence of the source kind for
// the target, then the kind's base confidence, then recency, then natural key (only so that ties
// are deterministic). Nothing here reads the clock: the result is a function of the observations.
import type { PreparedObservation } from './prepare-observation.js';
import { precedenceRank, type PrecedenceTarget, type ReconcileConfig } from './reconcile-config.js';

const DAY_MS = 86_400_000;

export interface RankedObservation {
  obs: PreparedObservation;
  /** The base confidence of the source kind. */
  confidence: number;
  isManual: boolean;
  /** Last observed long before the asset's newest observation. */
  isOutdated: boolean;
  precedence: number;
}

/** The newest observation time of an asset's members, other than a person's edits. */
export function newestObservationMs(members: readonly PreparedObservation[], config: ReconcileConfig): number {
  let newest = -Infinity;
  for (const m of members) if (!config.manualKinds.includes(m.sourced.sourceKind) && m.observedAtMs > newest) newest = m.observedAtMs;
  return newest;
}

export function rankObservations(
  members: readonly PreparedObservation[],
  target: PrecedenceTarget,
  config: ReconcileConfig,
  newestMs: number,
): RankedObservation[] {
  const outdatedBefore = newestMs - config.outdatedAfterDays * DAY_MS;
  const ranked = members.map((obs): RankedObservation => {
    const kind = obs.sourced.sourceKind;
    const isManual = config.manualKinds.includes(kind);
    return {
      obs,
      confidence: config.baseConfidence[kind],
      isManual,
      isOutdated: !isManual && obs.observedAtMs < outdatedBefore,
      precedence: precedenceRank(config, target, kind),
    };
  });
  return ranked.sort(compareRanked);
}

/** Same tier: neither manual nor freshness nor precedence tells the two apart. */
export function sameTier(x: RankedObservation, y: RankedObservation): boolean {
  return x.isManual === y.isManual && x.isOutdated === y.isOutdated && x.precedence === y.precedence;
}

export function compareRanked(x: RankedObservation, y: RankedObservation): number {
  if (x.isManual !== y.isManual) return x.isManual ? -1 : 1;
  if (x.isOutdated !== y.isOutdated) return x.isOutdated ? 1 : -1;
  if (x.precedence !== y.precedence) return x.precedence - y.precedence;
  if (x.confidence !== y.confidence) return y.confidence - x.confidence;
  if (x.obs.observedAtMs !== y.obs.observedAtMs) return y.obs.observedAtMs - x.obs.observedAtMs;
  return x.obs.key < y.obs.key ? -1 : x.obs.key > y.obs.key ? 1 : 0;
}
