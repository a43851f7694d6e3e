// A tiny seeded PRNG (mulberry32) for generated data (the fleet generator, sample import files,
// benchmarks): deterministic for a seed, never Math.random.

export interface Prng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(list: readonly T[]): T;
  hex(digits: number): string;
  alnum(length: number): string;
  shuffle<T>(list: readonly T[]): T[];
}

export function mulberry32(seed: number): Prng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: <T>(list: readonly T[]): T => {
      if (list.length === 0) throw new RangeError('pick from an empty list');
      return list[int(0, list.length - 1)] as T;
    },
    hex: (digits) => {
      let s = '';
      for (let i = 0; i < digits; i++) s += int(0, 15).toString(16);
      return s;
    },
    alnum: (length) => {
      let s = '';
      for (let i = 0; i < length; i++) s += ALNUM[int(0, ALNUM.length - 1)];
      return s;
    },
    shuffle: <T>(list: readonly T[]): T[] => {
      const out = [...list];
      for (let i = out.length - 1; i > 0; i--) {
        const j = int(0, i);
        [out[i], out[j]] = [out[j] as T, out[i] as T];
      }
      return out;
    },
  };
}
