// A terse way to write a SourcedObservation (tests, examples, demo data): everything but the
// source and native key has a default.
import type { AssetClass, AssetFieldName, FieldValue, ObservedInterface, ObservedSoftware, SourceKind } from '../../../src-shared/model/index.js';
import type { SourcedObservation } from './sourced-observation.js';

export interface ObservationSketch {
  sourceId: string;
  sourceKind: SourceKind;
  nativeKey: string;
  observedAt?: string;
  observationId?: string;
  assetClass?: AssetClass | null;
  fields?: Partial<Record<AssetFieldName, FieldValue>>;
  interfaces?: ObservedInterface[];
  software?: ObservedSoftware[];
  tags?: Record<string, string>;
}

export function buildObservation(sketch: ObservationSketch): SourcedObservation {
  return {
    observationId: sketch.observationId ?? `${sketch.sourceId}/${sketch.nativeKey}`,
    sourceId: sketch.sourceId,
    sourceKind: sketch.sourceKind,
    observation: {
      nativeKey: sketch.nativeKey,
      observedAt: sketch.observedAt ?? '2026-01-14T00:00:00.000Z',
      assetClass: sketch.assetClass ?? null,
      fields: sketch.fields ?? {},
      interfaces: sketch.interfaces ?? [],
      software: sketch.software ?? [],
      tags: sketch.tags ?? {},
      relations: [],
      raw: null,
    },
  };
}
