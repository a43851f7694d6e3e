// Tags from every source merged into one map; on a key clash the best-ranked source wins.
import type { RankedObservation } from './rank-observations.js';

export function mergeTags(ranked: readonly RankedObservation[]): Record<string, string> {
  const merged = new Map<string, string>();
  for (const r of ranked) {
    for (const [key, value] of Object.entries(r.obs.sourced.observation.tags)) {
      if (!merged.has(key)) merged.set(key, value);
    }
  }
  return Object.fromEntries([...merged.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
