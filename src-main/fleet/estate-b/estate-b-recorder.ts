// Collects what generator B's sources say, with the truth label of every record. A source reports
// one thing per native key; a second record under a key it already used is a generator bug, so
// it throws instead of silently keeping one.
import type { AssetClass, AssetFieldName, FieldValue, ObservedInterface, ObservedSoftware } from '../../../src-shared/model/index.js';
import type { Prng } from '../../../src-shared/lib/mulberry32.js';
import { naturalKeyOf, type NaturalKey, type SourcedObservation } from '../../engine/reconcile/index.js';
import type { TrueEntity } from './estate-b-entity.js';
import { ESTATE_B_SOURCES, type EstateBSourceName } from './estate-b-sources.js';

export interface EstateBRecord {
  nativeKey: string;
  observedAt: string;
  assetClass: AssetClass | null;
  fields: Partial<Record<AssetFieldName, FieldValue | undefined>>;
  interfaces?: ObservedInterface[];
  software?: ObservedSoftware[];
  tags?: Record<string, string>;
}

export interface EstateBRecorder {
  record(source: EstateBSourceName, entity: TrueEntity, r: EstateBRecord): void;
  observations: SourcedObservation[];
  truth: Map<NaturalKey, string>;
}

/** Fields a source may leave empty without the record losing its identity. */
const DROPPABLE: ReadonlySet<AssetFieldName> = new Set(['os_name', 'os_version', 'model', 'vendor', 'fqdn', 'domain', 'asset_tag', 'firmware', 'location', 'name']);

export function createEstateBRecorder(rng: Prng, missingField: number): EstateBRecorder {
  const kindOf = new Map(ESTATE_B_SOURCES.map((s) => [s.name as string, s.kind]));
  const observations: SourcedObservation[] = [];
  const truth = new Map<NaturalKey, string>();
  return {
    observations,
    truth,
    record(source, entity, r) {
      const key = naturalKeyOf(source, r.nativeKey);
      if (truth.has(key)) throw new Error(`estate B: ${source} reported ${r.nativeKey} twice`);
      const fields: Partial<Record<AssetFieldName, FieldValue>> = {};
      for (const [name, value] of Object.entries(r.fields) as [AssetFieldName, FieldValue | undefined][]) {
        if (value === undefined || value === null || value === '') continue;
        if (DROPPABLE.has(name) && rng.chance(missingField)) continue;
        fields[name] = value;
      }
      truth.set(key, entity.label);
      const sourceKind = kindOf.get(source) ?? 'manual';
      observations.push({
        observationId: `${source}-${observations.length + 1}`,
        sourceId: source,
        sourceKind,
        observation: { nativeKey: r.nativeKey, observedAt: r.observedAt, assetClass: r.assetClass, fields, interfaces: r.interfaces ?? [], software: r.software ?? [], tags: r.tags ?? {}, relations: [], raw: null },
      });
    },
  };
}
