// The one place the accuracy harness calls the reconciliation engine, so that when the engine
// learns new inputs only this adapter changes. Networks' addressing comes from the estate.
import { DEFAULT_RECONCILE_CONFIG, reconcileAll, type ReconcileResult } from '../../src-main/engine/reconcile/index.js';
import type { GeneratedEstate } from '../../src-main/fleet/generated-estate.js';

export function runEngine(estate: GeneratedEstate): ReconcileResult {
  return reconcileAll(estate.observations, [], DEFAULT_RECONCILE_CONFIG, estate.now, { networks: estate.networks });
}
