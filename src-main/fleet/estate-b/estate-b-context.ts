// What the entity builders share during one run: the PRNG, the allocator, the mix, the entities
// made so far and the DHCP scopes. Created per run by buildEstateBWorld.
import type { AssetClass } from '../../../src-shared/model/index.js';
import type { Prng } from '../../../src-shared/lib/mulberry32.js';
import type { EstateBAllocator } from './estate-b-allocator.js';
import type { TrueEntity } from './estate-b-entity.js';
import type { EstateBKind, EstateBMix } from './estate-b-mix.js';

export interface DhcpScope {
  network: string;
  /** Every address of the scope, in order. */
  addresses: string[];
  /** Addresses leased now, to whom. */
  leased: Map<string, string>;
}

export interface EstateBContext {
  rng: Prng;
  alloc: EstateBAllocator;
  mix: EstateBMix;
  entities: TrueEntity[];
  scopes: Map<string, DhcpScope>;
  add(kind: EstateBKind, assetClass: AssetClass, site: string, fill: Partial<TrueEntity>): TrueEntity;
  /** Leases a free address of the site's scope to the entity. */
  lease(site: string, label: string): string;
}

export function createEstateBContext(rng: Prng, alloc: EstateBAllocator, mix: EstateBMix, scopes: Map<string, DhcpScope>): EstateBContext {
  const entities: TrueEntity[] = [];
  return {
    rng,
    alloc,
    mix,
    entities,
    scopes,
    add(kind, assetClass, site, fill) {
      const entity: TrueEntity = {
        label: `${kind}-${String(alloc.next(`label:${kind}`)).padStart(6, '0')}`,
        kind,
        assetClass,
        site,
        hostname: null,
        oldHostname: null,
        domain: null,
        vendor: '',
        model: '',
        serial: null,
        smbiosSerial: null,
        biosUuid: null,
        smbiosUuid: null,
        assetTag: null,
        firmware: null,
        osName: null,
        osVersion: null,
        nics: [],
        staleIp: null,
        cloud: null,
        ot: null,
        retired: false,
        hard: new Set(),
        ...fill,
      };
      entities.push(entity);
      return entity;
    },
    lease(site, label) {
      const scope = scopes.get(site);
      if (!scope) throw new RangeError(`estate B: no DHCP scope for ${site}`);
      for (let attempt = 0; attempt < 64; attempt++) {
        const ip = rng.pick(scope.addresses);
        if (!scope.leased.has(ip)) {
          scope.leased.set(ip, label);
          return ip;
        }
      }
      const free = scope.addresses.find((ip) => !scope.leased.has(ip));
      if (free === undefined) throw new RangeError(`estate B: DHCP scope ${site} is full`);
      scope.leased.set(free, label);
      return free;
    },
  };
}

/** A scope sized for the expected number of clients plus headroom, as a network team would size it. */
export function createDhcpScope(network: string, prefix: string, expectedClients: number): DhcpScope {
  const size = Math.max(32, Math.ceil(expectedClients * 1.15));
  const addresses: string[] = [];
  for (let i = 0; i < size; i++) addresses.push(`${prefix}.${Math.floor(i / 240)}.${(i % 240) + 10}`);
  return { network, addresses, leased: new Map() };
}
