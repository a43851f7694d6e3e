// Unique values for generator A: entity ids, MACs from an OUI, free addresses on a network, serials,
// inventory record ids, and the plants' shared address plan. All draws come from the one seeded PRNG.
import type { Prng } from '../../../src-shared/lib/mulberry32.js';
import { PLANT_PREFIX, plantName, prefixOfFleetNetwork } from './fleet-networks.js';

export interface FleetAllocators {
  next(counter: string): number;
  /** A true entity id; current assets come first, then everything made on the side (gone, replaced, gateways). */
  entityId(): string;
  mac(prefix: string): string;
  /** A free address on a network, from the network's prefix. */
  ip(network: string): string;
  serial(prefix: string, length: number): string;
  /** A source's own record id (an inventory agent id, a CMDB row id): unique per source. */
  recordId(source: string, make: () => string): string;
  /**
   * An address from the plants' plan: infrastructure (switches, firewalls) at 192.168.1-9.x, OT
   * devices from 192.168.10.x on, in order. Each plant of a pair counts on its own, so the k-th OT
   * device of plant-a and of plant-b share an address.
   */
  plantAddress(band: 'infra' | 'ot', plant?: string): { plant: string; ip: string };
}

const PLANT_BANDS = { infra: { first: 1, last: 9 }, ot: { first: 10, last: 254 } } as const;
const HOSTS_PER_OCTET = 253;

export function createFleetAllocators(rng: Prng, firstExtraIndex: number): FleetAllocators {
  const counters = new Map<string, number>();
  const usedIps = new Map<string, Set<string>>();
  const usedSerials = new Set<string>();
  const usedRecordIds = new Set<string>();
  const plantCounts = new Map<string, number>();
  let extraIndex = firstExtraIndex;
  const next = (counter: string): number => {
    const n = (counters.get(counter) ?? 0) + 1;
    counters.set(counter, n);
    return n;
  };
  const plantSlot = (plant: string, band: 'infra' | 'ot'): string | null => {
    const key = `${plant}/${band}`;
    const k = plantCounts.get(key) ?? 0;
    const { first, last } = PLANT_BANDS[band];
    const third = first + Math.floor(k / HOSTS_PER_OCTET);
    if (third > last) return null;
    plantCounts.set(key, k + 1);
    return `${PLANT_PREFIX}.${third}.${(k % HOSTS_PER_OCTET) + 2}`;
  };
  return {
    next,
    entityId: () => `true-${String(extraIndex++).padStart(7, '0')}`,
    mac: (prefix) => {
      const n = next(`mac:${prefix}`);
      const bytes = prefix.split(':').length;
      const hex = n.toString(16).padStart((6 - bytes) * 2, '0');
      return `${prefix}:${(hex.match(/../g) ?? []).join(':')}`;
    },
    ip: (network) => {
      const prefix = prefixOfFleetNetwork(network);
      const used = usedIps.get(network) ?? new Set<string>();
      usedIps.set(network, used);
      const free = 4 - prefix.split('.').length;
      for (let attempt = 0; attempt < 10_000; attempt++) {
        const octets = [rng.int(0, 255), rng.int(0, 255), rng.int(2, 254)].slice(3 - free);
        const ip = `${prefix}.${octets.join('.')}`;
        if (!used.has(ip)) {
          used.add(ip);
          return ip;
        }
      }
      throw new RangeError(`fleet generator: network ${network} (${prefix}.*) is full`);
    },
    serial: (prefix, length) => {
      for (;;) {
        const s = `${prefix}${rng.alnum(length)}`;
        if (!usedSerials.has(s)) {
          usedSerials.add(s);
          return s;
        }
      }
    },
    recordId: (source, make) => {
      for (;;) {
        const id = make();
        const key = `${source}\u001f${id}`;
        if (!usedRecordIds.has(key)) {
          usedRecordIds.add(key);
          return id;
        }
      }
    },
    plantAddress: (band, plant) => {
      if (plant !== undefined) {
        const ip = plantSlot(plant, band);
        if (ip !== null) return { plant, ip };
      }
      // The first pair of plants with room; within it, either plant.
      for (let pair = 0; ; pair++) {
        const first = rng.chance(0.5) ? 0 : 1;
        for (const side of [first, 1 - first]) {
          const name = plantName(2 * pair + side);
          const ip = plantSlot(name, band);
          if (ip !== null) return { plant: name, ip };
        }
      }
    },
  };
}
