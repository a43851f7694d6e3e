// Small helpers the source lenses share: observation times, MAC notations, one-character typos
// and interface lists as a source reports them.
import type { ObservedInterface } from '../../../src-shared/model/index.js';
import type { Prng } from '../../../src-shared/lib/mulberry32.js';
import type { Nic } from './estate-b-entity.js';

export interface LensClock {
  nowMs: number;
  /** ISO time `minDays`..`maxDays` before now, at a random second. */
  daysAgo(minDays: number, maxDays: number): string;
}

export function createLensClock(rng: Prng, now: string): LensClock {
  const nowMs = Date.parse(now);
  return { nowMs, daysAgo: (min, max) => new Date(nowMs - Math.round((min + rng.next() * (max - min)) * 86_400_000)).toISOString() };
}

export type MacStyle = 'upper-colon' | 'upper-hyphen' | 'lower-colon' | 'cisco-dot';

export function macAs(mac: string, style: MacStyle): string {
  switch (style) {
    case 'upper-colon':
      return mac.toUpperCase();
    case 'upper-hyphen':
      return mac.replace(/:/g, '-').toUpperCase();
    case 'cisco-dot': {
      const hex = mac.replace(/:/g, '');
      return `${hex.slice(0, 4)}.${hex.slice(4, 8)}.${hex.slice(8)}`;
    }
    default:
      return mac;
  }
}

export function interfacesOf(nics: readonly Nic[], style: MacStyle, ipOverride?: string | null): ObservedInterface[] {
  return nics.map((n, i) => {
    const ip = i === 0 && ipOverride !== undefined ? ipOverride : n.ip;
    return {
      name: n.name,
      ...(n.mac ? { mac: macAs(n.mac, style) } : {}),
      ips: ip && n.network ? [{ address: ip, network: n.network }] : ip ? [{ address: ip }] : [],
    };
  });
}

/** One character wrong, the way hand-typed serials go wrong: a look-alike, a neighbour, a swap. */
export function typoOf(rng: Prng, serial: string): string {
  const LOOK_ALIKE: Record<string, string> = { '0': 'O', O: '0', '1': 'I', I: '1', '5': 'S', S: '5', '8': 'B', B: '8', '2': 'Z', Z: '2' };
  const i = rng.int(0, serial.length - 1);
  const c = serial[i] as string;
  const swapped = LOOK_ALIKE[c.toUpperCase()];
  if (swapped !== undefined) return serial.slice(0, i) + swapped + serial.slice(i + 1);
  if (i + 1 < serial.length && serial[i + 1] !== c) return serial.slice(0, i) + (serial[i + 1] as string) + c + serial.slice(i + 2);
  return serial.slice(0, i) + (c === 'X' ? 'Y' : 'X') + serial.slice(i + 1);
}
