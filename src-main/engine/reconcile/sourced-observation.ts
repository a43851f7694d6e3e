// An observation as the engine receives it from storage: the input plus where it came from.
// observationId is a storage id assigned in arrival order, so it is reported but never decides
// anything; an observation's natural identity is (sourceId, nativeKey). sourceId must name the
// source the same way in every database (the stored sources use "kind/name", never a local id), so
// that asset ids, stewardship ids and tie-breaks come out the same everywhere.
import type { ObservationInput, SourceKind } from '../../../src-shared/model/index.js';

export interface SourcedObservation {
  observationId: string;
  sourceId: string;
  sourceKind: SourceKind;
  observation: ObservationInput;
  /**
   * When this source first reported the record (its earliest observation). Stored heads carry it;
   * reconcileAll derives it from the versions it is given. Defaults to observation.observedAt.
   */
  firstSeenAt?: string;
}

/** (sourceId, nativeKey) as one string; the unit separator cannot appear in ordinary ids. */
export type NaturalKey = string;

export function naturalKeyOf(sourceId: string, nativeKey: string): NaturalKey {
  return `${sourceId}\u001f${nativeKey}`;
}

export function splitNaturalKey(key: NaturalKey): { sourceId: string; nativeKey: string } {
  const at = key.indexOf('\u001f');
  return { sourceId: key.slice(0, at), nativeKey: key.slice(at + 1) };
}
