// Asset ids are derived from content, not assigned: the UUID-shaped SHA-256 of the natural key of
// the asset's founding record — the one first seen earliest (ties: the smallest natural key),
// leaving out a person's edit records, so that neither a newly joining source nor an edit by hand
// changes an asset's id (an asset only people describe takes its id from their record). Natural
// keys name sources by kind and name, so any machine reconciling the same observations agrees.
import type { NaturalKey } from './sourced-observation.js';
import { uuidFromText } from './stable-hash.js';

export interface AssetIdCandidate {
  key: NaturalKey;
  isManual: boolean;
  firstSeenMs: number;
}

/** The member an asset is named after (see the header). */
export function foundingMember<T extends AssetIdCandidate>(members: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const m of members) {
    if (
      best === undefined ||
      (best.isManual && !m.isManual) ||
      (best.isManual === m.isManual && (m.firstSeenMs < best.firstSeenMs || (m.firstSeenMs === best.firstSeenMs && m.key < best.key)))
    ) {
      best = m;
    }
  }
  return best;
}

export function assetIdFor(members: readonly AssetIdCandidate[]): string {
  return uuidFromText(`asset\u001f${foundingMember(members)?.key ?? ''}`);
}

export function stewardshipIdFor(left: NaturalKey, right: NaturalKey): string {
  const [a, b] = left < right ? [left, right] : [right, left];
  return uuidFromText(`stewardship\u001f${a}\u001e${b}`);
}
