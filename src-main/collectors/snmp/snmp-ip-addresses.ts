// A host's own addresses, from IP-MIB's two address tables. The reader keeps every row the agent
// listed (decoded, canonical, with type, status and origin) as evidence; the rule below decides
// which of them are the host's addresses and so may become interface IPs and identities.
//
// Why each kind of row is left out:
// - ipAddressType anycast(2) and broadcast(3): shared by many hosts by definition (a subnet's
//   broadcast address is listed by every host on it), so they identify none of them.
// - ipAddressStatus invalid(3): not assigned any more. tentative(6): duplicate address detection
//   has not confirmed it yet — it may be another host's. duplicate(7): DAD found another host
//   using it, so it is that host's identity, not this one's.
//   Kept: preferred(1), deprecated(2) (still assigned and answering; only new connections avoid
//   it), inaccessible(4) (assigned, its interface is down), unknown(5) (the agent does not track
//   status), optimistic(8) (RFC 4429: in use while DAD runs).
// - ipAddressOrigin random(6): an RFC 4941 temporary (privacy) address, made to change daily so
//   that it does not identify the host; as an interface IP it would be drift every day.
// - An IPv4 row that is its own subnet's broadcast or network address (from the netmask or the
//   ipAddressPrefix pointer), for agents that list those without a type (the old ipAddrTable).
// - Loopback, link-local, unspecified, multicast, broadcast and reserved addresses: they name no
//   host outside the host itself or its link (`identifiesHost` in src-shared/lib/canonical-ip).
import {
  identifiesHost,
  isInSubnet,
  parseIp,
  subnetRole,
  type CanonicalIp,
} from '../../../src-shared/lib/canonical-ip.js';
import type { SnmpIpAddressRow } from './snmp-host-record.js';

/** IP-MIB ipAddressType. */
export const IP_ADDRESS_TYPE = { unicast: 1, anycast: 2, broadcast: 3 } as const;
/** IP-MIB IpAddressStatusTC. */
export const IP_ADDRESS_STATUS = { preferred: 1, deprecated: 2, invalid: 3, inaccessible: 4, unknown: 5, tentative: 6, duplicate: 7, optimistic: 8 } as const;
/** IP-MIB IpAddressOriginTC. */
export const IP_ADDRESS_ORIGIN = { other: 1, manual: 2, dhcp: 4, linklayer: 5, random: 6 } as const;

const KEPT_STATUS: ReadonlySet<number> = new Set([
  IP_ADDRESS_STATUS.preferred,
  IP_ADDRESS_STATUS.deprecated,
  IP_ADDRESS_STATUS.inaccessible,
  IP_ADDRESS_STATUS.unknown,
  IP_ADDRESS_STATUS.optimistic,
]);

export const ADDRESS_EXCLUSION_REASONS = ['anycast', 'broadcast', 'not_assigned', 'temporary', 'subnet_broadcast', 'subnet_network', 'not_a_host_address', 'unreadable'] as const;
export type AddressExclusionReason = (typeof ADDRESS_EXCLUSION_REASONS)[number];

/** Why a row is not one of the host's own addresses, or undefined when it is. */
export function hostAddressExclusion(row: SnmpIpAddressRow): AddressExclusionReason | undefined {
  if (row.type === IP_ADDRESS_TYPE.anycast) return 'anycast';
  if (row.type !== undefined && row.type !== IP_ADDRESS_TYPE.unicast) return 'broadcast';
  if (row.status !== undefined && !KEPT_STATUS.has(row.status)) return 'not_assigned';
  if (row.origin === IP_ADDRESS_ORIGIN.random) return 'temporary';
  const ip = parseIp(row.address);
  if (!ip) return 'unreadable';
  if (!identifiesHost(ip)) return 'not_a_host_address';
  if (row.prefixLength !== undefined) {
    const role = subnetRole(ip, row.prefixLength);
    if (role === 'broadcast') return 'subnet_broadcast';
    // The IPv6 all-zero interface id is the Subnet-Router anycast address.
    if (role === 'network') return 'subnet_network';
  }
  return undefined;
}

/** The subnets the host's own addresses sit in (for telling a learned broadcast address from a host). */
export function ownSubnets(rows: readonly SnmpIpAddressRow[]): Array<{ network: CanonicalIp; prefixLength: number }> {
  const subnets: Array<{ network: CanonicalIp; prefixLength: number }> = [];
  for (const row of rows) {
    if (row.prefixLength === undefined || hostAddressExclusion(row) !== undefined) continue;
    const network = parseIp(row.address);
    if (network) subnets.push({ network, prefixLength: row.prefixLength });
  }
  return subnets;
}

/**
 * Whether an address learned from this agent (ARP, CDP) can be another host: not loopback,
 * link-local, multicast or broadcast, and not the broadcast or network address of one of the
 * agent's own subnets (Windows keeps static ARP entries for both).
 */
export function isLearnedHostAddress(address: string, subnets: ReadonlyArray<{ network: CanonicalIp; prefixLength: number }>): boolean {
  const ip = parseIp(address);
  if (!ip || !identifiesHost(ip)) return false;
  return !subnets.some((s) => isInSubnet(ip, s.network, s.prefixLength) && subnetRole(ip, s.prefixLength) !== 'host');
}

/**
 * ipAddressPrefix is a RowPointer into ipAddressPrefixTable, whose index ends with the prefix
 * length: …4.32.1.<column>.<ifIndex>.<type>.<len>.<prefix bytes>.<prefixLength>. "0.0" means none.
 */
export function prefixLengthFromPointer(pointer: string | undefined, version: 4 | 6): number | undefined {
  const base = '1.3.6.1.2.1.4.32.1.';
  if (!pointer?.startsWith(base)) return undefined;
  const last = Number(pointer.slice(pointer.lastIndexOf('.') + 1));
  return Number.isInteger(last) && last >= 0 && last <= (version === 4 ? 32 : 128) ? last : undefined;
}
