// Turns one source's view of a true asset into a SourcedObservation, labels it with the asset in the
// ground truth, drops fields at the configured rate and places it in time: current records within
// the last three days, stale ones months back, or a given age.
import type { AssetClass, AssetFieldName, FieldValue, ObservedInterface, SourceKind } from '../../../src-shared/model/index.js';
import type { Prng } from '../../../src-shared/lib/mulberry32.js';
import { naturalKeyOf, type NaturalKey, type SourcedObservation } from '../../engine/reconcile/index.js';
import type { FleetNoise } from './fleet-noise.js';
import { FLEET_SOURCES, type FleetSourceId } from './fleet-sources.js';
import type { TrueAsset } from './true-asset.js';

const DAY_MS = 86_400_000;

/** Fields that are the record's reason to exist: never dropped as noise. */
const NEVER_MISSING: ReadonlySet<AssetFieldName> = new Set(['cloud_instance_id', 'opcua_application_uri', 'modbus_unit']);

export interface EmittedRecord {
  nativeKey: string;
  /** Months old (true), or exactly this many days old (a number); recent otherwise. */
  age?: boolean | number;
  assetClass: AssetClass | null;
  fields: Partial<Record<AssetFieldName, FieldValue | undefined>>;
  /** Fields the source's format requires: never dropped as noise. */
  required?: readonly AssetFieldName[];
  interfaces?: ObservedInterface[];
  software?: TrueAsset['software'];
  tags?: Record<string, string>;
}

export interface FleetEmitter {
  emit(sourceId: FleetSourceId, asset: TrueAsset, record: EmittedRecord): void;
}

export function createFleetEmitter(rng: Prng, noise: FleetNoise, nowMs: number, out: SourcedObservation[], truth: Map<NaturalKey, string>): FleetEmitter {
  const kindOf = new Map<string, SourceKind>(FLEET_SOURCES.map((s) => [s.sourceId, s.sourceKind]));
  return {
    emit(sourceId, asset, r) {
      const key = naturalKeyOf(sourceId, r.nativeKey);
      if (truth.has(key)) throw new Error(`fleet generator: ${sourceId} reports two things under ${r.nativeKey}`);
      const fields: Partial<Record<AssetFieldName, FieldValue>> = {};
      for (const [name, value] of Object.entries(r.fields) as [AssetFieldName, FieldValue | undefined][]) {
        if (value === undefined || value === null) continue;
        if (!NEVER_MISSING.has(name) && !r.required?.includes(name) && rng.chance(noise.missingField)) continue;
        fields[name] = value;
      }
      const ageMs = typeof r.age === 'number' ? r.age * DAY_MS : r.age === true ? rng.int(45, 200) * DAY_MS : rng.int(0, 3 * 24) * 3_600_000;
      truth.set(key, asset.id);
      out.push({
        observationId: `obs-${out.length + 1}`,
        sourceId,
        sourceKind: kindOf.get(sourceId) ?? 'manual',
        observation: {
          nativeKey: r.nativeKey,
          observedAt: new Date(nowMs - ageMs - rng.int(0, 3_599) * 1000).toISOString(),
          assetClass: r.assetClass,
          fields,
          interfaces: r.interfaces ?? [],
          software: (r.software ?? []).map((s) => ({ name: s.name, version: s.version, vendor: s.vendor })),
          tags: r.tags ?? {},
          relations: [],
          raw: null,
        },
      });
    },
  };
}

/** What every source's emitter works with. */
export interface SourceContext {
  rng: Prng;
  noise: FleetNoise;
  emitter: FleetEmitter;
  /** A record id unique within a source. */
  recordId(sourceId: FleetSourceId, make: () => string): string;
  on(sourceId: FleetSourceId): boolean;
}

/** When an asset's records were last refreshed: a replaced device weeks to months before its successor appeared, a gone one months back. */
export function ageOf(rng: Prng, a: TrueAsset): EmittedRecord['age'] {
  if (a.replacedBy !== null) return rng.int(20, 120);
  if (a.decommissioned) return true;
  return a.lastSeenDaysAgo ?? false;
}
