// Asset ids are derived from content, not assigned: the UUID-shaped SHA-256 of the smallest natural
// key among the asset's observations. Any machine reconciling the same observations agrees on it.
import type { NaturalKey } from './sourced-observation.js';
import { uuidFromText } from './stable-hash.js';

export function assetIdFor(members: readonly NaturalKey[]): string {
  let min: NaturalKey | undefined;
  for (const k of members) if (min === undefined || k < min) min = k;
  return uuidFromText(`asset\u001f${min ?? ''}`);
}

export function stewardshipIdFor(left: NaturalKey, right: NaturalKey): string {
  const [a, b] = left < right ? [left, right] : [right, left];
  return uuidFromText(`stewardship\u001f${a}\u001e${b}`);
}
