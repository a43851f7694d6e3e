// How a source record (a member) is named to people: "source name / native key".
import type { ObservationRef } from '../../src-shared/api/reconciliation.js';

export function memberKey(ref: ObservationRef): string {
  return `${ref.sourceId}\u0000${ref.nativeKey}`;
}

/** `names` maps source ids to source names; an unknown source is shown by its id. */
export function memberLabel(ref: ObservationRef, names: ReadonlyMap<string, string>): string {
  return `${names.get(ref.sourceId) ?? ref.sourceId} / ${ref.nativeKey}`;
}
