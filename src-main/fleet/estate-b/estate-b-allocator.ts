// Unique values for one generation run: serials, MACs, UUIDs and addresses. Created per run (no
// module state), driven by the run's seeded PRNG, so the same seed gives the same estate.
import type { Prng } from '../../../src-shared/lib/mulberry32.js';

export interface EstateBAllocator {
  /** A value from make() not handed out before in this run. */
  unique(kind: string, make: () => string): string;
  mac(oui: string): string;
  uuid(): string;
  /** The next address of a static plan: prefix.<third>.<fourth>, skipping .0/.1 and broadcast. */
  nextStatic(network: string, prefix: string): string;
  next(counter: string): number;
}

export function createEstateBAllocator(rng: Prng): EstateBAllocator {
  const seen = new Map<string, Set<string>>();
  const counters = new Map<string, number>();
  const next = (counter: string): number => {
    const n = (counters.get(counter) ?? 0) + 1;
    counters.set(counter, n);
    return n;
  };
  const unique = (kind: string, make: () => string): string => {
    let set = seen.get(kind);
    if (!set) seen.set(kind, (set = new Set()));
    for (;;) {
      const v = make();
      if (!set.has(v)) {
        set.add(v);
        return v;
      }
    }
  };
  return {
    unique,
    next,
    mac: (oui) => unique('mac', () => `${oui}:${rng.hex(2)}:${rng.hex(2)}:${rng.hex(2)}`),
    uuid: () => unique('uuid', () => `${rng.hex(8)}-${rng.hex(4)}-4${rng.hex(3)}-${rng.pick(['8', '9', 'a', 'b'])}${rng.hex(3)}-${rng.hex(12)}`),
    nextStatic: (network, prefix) => {
      const n = next(`ip:${network}`) - 1;
      return `${prefix}.${Math.floor(n / 250)}.${(n % 250) + 2}`;
    },
  };
}
