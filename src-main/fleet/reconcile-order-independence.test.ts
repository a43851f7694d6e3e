// Order and batching independence of reconciliation, on random trap-heavy fleets: the incremental
// reconciler must end where reconcileAll does. Lives in fleet/ because engine/ may not import the generator.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateFleet } from './generate-fleet.js';
import { mulberry32 } from '../../src-shared/lib/mulberry32.js';
import { canonicalSerialisation } from '../engine/reconcile/canonical-serialisation.js';
import { IncrementalReconciler } from '../engine/reconcile/incremental-reconciler.js';
import type { MatchDecision } from '../engine/reconcile/match-decision.js';
import { DEFAULT_RECONCILE_CONFIG as config } from '../engine/reconcile/reconcile-config.js';
import type { GoldenRecord } from '../engine/reconcile/reconcile-result.js';
import { reconcileAll } from '../engine/reconcile/reconcile-all.js';
import type { SourcedObservation } from '../engine/reconcile/sourced-observation.js';
import { stableStringify } from '../engine/reconcile/stable-hash.js';

const TRAP_HEAVY = { rename: 0.3, vmClone: 0.4, decommissioned: 0.2, hostnameTypo: 0.2, dockerMac: 0.5, manualEdit: 0.2, placeholderSerial: 0.2, multiHomedSwitch: 0.5 };

/** A small fleet, plus newer and older versions of some observations, plus a few operator decisions. */
function scenario(seed: number, trueAssets: number): { observations: SourcedObservation[]; decisions: MatchDecision[]; now: string } {
  const fleet = generateFleet({ seed, trueAssets, noise: TRAP_HEAVY, maxSoftwarePerHost: 2 });
  const rng = mulberry32(seed ^ 0x5eed);
  const extra: SourcedObservation[] = [];
  for (const o of fleet.observations) {
    if (rng.chance(0.15)) {
      const t = Date.parse(o.observation.observedAt);
      const delta = rng.chance(0.5) ? 3_600_000 : -3_600_000; // newer (wins) or older (ignored)
      const fields = { ...o.observation.fields, hostname: rng.chance(0.5) ? `renamed-${rng.int(0, 5)}` : (o.observation.fields.hostname ?? null) };
      extra.push({ ...o, observation: { ...o.observation, observedAt: new Date(t + delta).toISOString(), fields } });
    }
    if (rng.chance(0.05)) extra.push({ ...o }); // an exact duplicate (re-ingest)
  }
  const refs = fleet.observations.map((o) => ({ sourceId: o.sourceId, nativeKey: o.observation.nativeKey }));
  const decisions: MatchDecision[] = [];
  for (let i = 0; i < 3 && refs.length > 1; i++) {
    decisions.push({ kind: rng.chance(0.5) ? 'force_merge' : 'never_merge', left: rng.pick(refs), right: rng.pick(refs) });
  }
  return { observations: [...fleet.observations, ...extra], decisions, now: fleet.now };
}

/** Arrival in a random order, in random batch sizes, with storage ids assigned in arrival order. */
function arrivals(observations: readonly SourcedObservation[], seed: number, maxBatch: number): SourcedObservation[][] {
  const rng = mulberry32(seed);
  const shuffled = rng.shuffle(observations).map((o, i) => ({ ...o, observationId: `arrival-${i}` }));
  const batches: SourcedObservation[][] = [];
  for (let i = 0; i < shuffled.length; ) {
    const size = rng.int(1, maxBatch);
    batches.push(shuffled.slice(i, i + size));
    i += size;
  }
  return batches;
}

function applyDelta(view: Map<string, GoldenRecord>, delta: ReturnType<IncrementalReconciler['apply']>): void {
  for (const id of delta.removed) view.delete(id);
  for (const r of [...delta.created, ...delta.changed]) view.set(r.assetId, r);
}

describe('IncrementalReconciler vs reconcileAll', () => {
  it('property: any order and batching ends in the same records as reconcileAll, and deltas replay to the same state', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 3, max: 40 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 25 }), (seed, trueAssets, orderSeed, maxBatch) => {
        const { observations, decisions, now } = scenario(seed, trueAssets);
        const expected = canonicalSerialisation(reconcileAll(observations, decisions, config, now));
        const incremental = new IncrementalReconciler({ config, decisions, now });
        const view = new Map<string, GoldenRecord>();
        for (const batch of arrivals(observations, orderSeed, maxBatch)) applyDelta(view, incremental.apply(batch));
        const snapshot = incremental.snapshot();
        expect(canonicalSerialisation(snapshot)).toBe(expected);
        expect([...view.keys()].sort()).toEqual(snapshot.assets.map((a) => a.assetId));
        for (const a of snapshot.assets) expect(stableStringify(view.get(a.assetId))).toBe(stableStringify(a));
      }),
      { numRuns: 40 },
    );
  });

  it('property: decisions set later, and observations removed later, equal a rebuild', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 3, max: 30 }), (seed, trueAssets) => {
        const { observations, decisions, now } = scenario(seed, trueAssets);
        const incremental = new IncrementalReconciler({ config, now });
        incremental.apply(observations);
        incremental.setDecisions(decisions);
        expect(canonicalSerialisation(incremental.snapshot())).toBe(canonicalSerialisation(reconcileAll(observations, decisions, config, now)));

        const rng = mulberry32(seed);
        const gone = observations.filter(() => rng.chance(0.3));
        const goneKeys = new Set(gone.map((o) => `${o.sourceId}\u001f${o.observation.nativeKey}`));
        incremental.remove(gone.map((o) => ({ sourceId: o.sourceId, nativeKey: o.observation.nativeKey })));
        const remaining = observations.filter((o) => !goneKeys.has(`${o.sourceId}\u001f${o.observation.nativeKey}`));
        expect(canonicalSerialisation(incremental.snapshot())).toBe(canonicalSerialisation(reconcileAll(remaining, decisions, config, now)));
      }),
      { numRuns: 30 },
    );
  });

});
