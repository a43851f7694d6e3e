// A canonical text form of a reconciliation result, for comparing two runs. Storage ids
// (observationId) are left out by default: they depend on arrival order, and only say which copy of
// identical content is referenced.
import type { ReconcileResult } from './reconcile-result.js';
import { stableStringify } from './stable-hash.js';

const STORAGE_ID_KEYS: ReadonlySet<string> = new Set(['observationId']);

export function canonicalSerialisation(result: ReconcileResult, options: { includeObservationIds?: boolean } = {}): string {
  return options.includeObservationIds ? stableStringify(result) : stableStringify(result, STORAGE_ID_KEYS);
}
