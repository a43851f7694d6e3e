// Asset ids are derived from content, not assigned: the UUID-shaped SHA-256 of the smallest natural
// key among the asset's records — leaving out a person's edit records, so that editing an asset by
// hand never changes its id (an asset only people describe takes its id from their record). Natural
// keys name sources by kind and name, so any machine reconciling the same observations agrees.
import type { NaturalKey } from './sourced-observation.js';
import { uuidFromText } from './stable-hash.js';

export function assetIdFor(members: readonly { key: NaturalKey; isManual: boolean }[]): string {
  let min: NaturalKey | undefined;
  let minManual: NaturalKey | undefined;
  for (const m of members) {
    if (m.isManual) {
      if (minManual === undefined || m.key < minManual) minManual = m.key;
    } else if (min === undefined || m.key < min) min = m.key;
  }
  return uuidFromText(`asset\u001f${min ?? minManual ?? ''}`);
}

export function stewardshipIdFor(left: NaturalKey, right: NaturalKey): string {
  const [a, b] = left < right ? [left, right] : [right, left];
  return uuidFromText(`stewardship\u001f${a}\u001e${b}`);
}
