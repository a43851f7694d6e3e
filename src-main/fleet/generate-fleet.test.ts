import { describe, expect, it } from 'vitest';
import { DEFAULT_RECONCILE_CONFIG, naturalKeyOf, normaliseMac, normaliseSerial, reconcileAll, stableStringify } from '../engine/reconcile/index.js';
import { generateFleet } from './generate-fleet.js';
import { measurePairwiseAccuracy } from './measure-pairwise-accuracy.js';

describe('generateFleet', () => {
  const fleet = generateFleet({ seed: 11, trueAssets: 3000 });

  it('is a function of its seed', () => {
    const again = generateFleet({ seed: 11, trueAssets: 300 });
    expect(stableStringify(again.observations)).toBe(stableStringify(generateFleet({ seed: 11, trueAssets: 300 }).observations));
    expect(stableStringify(generateFleet({ seed: 12, trueAssets: 300 }).observations)).not.toBe(stableStringify(again.observations));
  });

  it('gives every observation a unique natural key with a ground-truth asset', () => {
    const keys = fleet.observations.map((o) => naturalKeyOf(o.sourceId, o.observation.nativeKey));
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of keys) expect(fleet.truth.has(k)).toBe(true);
    expect(new Set(fleet.observations.map((o) => o.sourceKind)).size).toBeGreaterThanOrEqual(5);
  });

  it('contains the known traps', () => {
    const obs = fleet.observations.map((o) => o.observation);
    const serials = obs.map((o) => o.fields.serial).filter((s): s is string => typeof s === 'string');
    expect(serials.some((s) => normaliseSerial(s) === null)).toBe(true); // placeholder serials
    const macs = obs.flatMap((o) => o.interfaces.map((i) => normaliseMac(i.mac)?.mac)).filter(Boolean);
    expect(macs.filter((m) => m === '02:42:ac:11:00:02').length).toBeGreaterThan(10); // shared virtual MAC
    const vmSerials = obs.filter((o) => o.assetClass === 'virtual_machine').map((o) => normaliseSerial(o.fields.serial as string));
    expect(new Set(vmSerials).size).toBeLessThan(vmSerials.length); // clones share serials
    const plantIps = obs.filter((o) => o.assetClass === 'plc').map((o) => String(o.fields.primary_ip));
    expect(new Set(plantIps).size).toBeLessThan(plantIps.length); // the same IP on two plants
    expect(fleet.assets.some((a) => a.previousHostname !== null)).toBe(true); // renamed hosts
    expect(fleet.assets.some((a) => a.decommissioned)).toBe(true); // stale records of gone things
    expect(obs.some((o) => o.interfaces.filter((i) => i.ips.length > 0).length > 1)).toBe(true); // multi-homed
  });

  it('reconciles to high pairwise precision and recall', () => {
    const result = reconcileAll(fleet.observations, [], DEFAULT_RECONCILE_CONFIG, fleet.now);
    const accuracy = measurePairwiseAccuracy(result, fleet.truth);
    expect(accuracy.precision).toBeGreaterThanOrEqual(0.99);
    expect(accuracy.recall).toBeGreaterThanOrEqual(0.97);
    expect(accuracy.stewardshipShare).toBeLessThanOrEqual(0.02);
  });
});
