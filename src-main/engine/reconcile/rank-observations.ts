// The one ordering used for every "which source wins" question: manual kinds first, then values
// that have not decayed below the stale floor, then precedence of the source kind for the target,
// then confidence, then recency, then natural key (only to make ties deterministic).
import { decayedConfidence } from './decayed-confidence.js';
import type { PreparedObservation } from './prepare-observation.js';
import { precedenceRank, type PrecedenceTarget, type ReconcileConfig } from './reconcile-config.js';

export interface RankedObservation {
  obs: PreparedObservation;
  confidence: number;
  isManual: boolean;
  isStale: boolean;
  precedence: number;
}

export function rankObservations(
  members: readonly PreparedObservation[],
  target: PrecedenceTarget,
  config: ReconcileConfig,
  nowMs: number,
): RankedObservation[] {
  const ranked = members.map((obs): RankedObservation => {
    const kind = obs.sourced.sourceKind;
    const confidence = decayedConfidence(kind, obs.observedAtMs, nowMs, config);
    return {
      obs,
      confidence,
      isManual: config.manualKinds.includes(kind),
      isStale: confidence < config.decay.staleBelow,
      precedence: precedenceRank(config, target, kind),
    };
  });
  return ranked.sort(compareRanked);
}

export function compareRanked(x: RankedObservation, y: RankedObservation): number {
  if (x.isManual !== y.isManual) return x.isManual ? -1 : 1;
  if (x.isStale !== y.isStale) return x.isStale ? 1 : -1;
  if (x.precedence !== y.precedence) return x.precedence - y.precedence;
  if (x.confidence !== y.confidence) return y.confidence - x.confidence;
  if (x.obs.observedAtMs !== y.obs.observedAtMs) return y.obs.observedAtMs - x.obs.observedAtMs;
  return x.obs.key < y.obs.key ? -1 : x.obs.key > y.obs.key ? 1 : 0;
}
