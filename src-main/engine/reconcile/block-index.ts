// Blocking: observations are indexed by their blocking keys (strong ids, universal MACs,
// hostnames), and only observations sharing a key are ever scored against each other, so cost
// grows with the input rather than with its square. Scoring marks pairs without a shared key
// ineligible, which makes blocking exact rather than a heuristic that could change results.
import type { PreparedObservation } from './prepare-observation.js';
import type { NaturalKey } from './sourced-observation.js';

export class BlockIndex {
  private readonly blocks = new Map<string, Set<NaturalKey>>();

  add(obs: PreparedObservation): void {
    for (const key of obs.ids.blockingKeys) {
      let block = this.blocks.get(key);
      if (!block) {
        block = new Set();
        this.blocks.set(key, block);
      }
      block.add(obs.key);
    }
  }

  remove(obs: PreparedObservation): void {
    for (const key of obs.ids.blockingKeys) {
      const block = this.blocks.get(key);
      if (!block) continue;
      block.delete(obs.key);
      if (block.size === 0) this.blocks.delete(key);
    }
  }

  /** Every other observation that shares at least one blocking key with obs. */
  candidatesOf(obs: PreparedObservation): Set<NaturalKey> {
    const out = new Set<NaturalKey>();
    for (const key of obs.ids.blockingKeys) {
      for (const other of this.blocks.get(key) ?? []) if (other !== obs.key) out.add(other);
    }
    return out;
  }
}
