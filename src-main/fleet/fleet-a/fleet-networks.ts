// Every network generator A puts addresses on, with how it hands them out and the prefix it
// allocates from. Data-centre and plant networks are planned (static): an address names one
// device. Office, VPN and VPC addresses are leased (DHCP-like) and move between devices. The
// adapters every host has alike (docker0, VirtualBox host-only, Hyper-V's default switch) carry
// host-local addresses on networks nobody administers: unknown.
import type { NetworkAddressing } from '../../../src-shared/model/index.js';

export interface FleetNetwork {
  addressing: NetworkAddressing;
  /** Leading octets of the addresses allocated on it. */
  prefix: string;
}

const DC_SITES = ['dc1', 'dc2'] as const;
export type DcSite = (typeof DC_SITES)[number];
export const DC_SITE_NAMES: readonly DcSite[] = DC_SITES;

/** A multi-homed server's second and later NICs, by index. */
export const SERVER_SIDE_NETWORKS = ['storage', 'backup', 'mgmt'] as const;

/**
 * Plants come in pairs that use the same private address plan (192.168.0.0/16), so the same
 * address names a different device on each. Two plants hold a 20k estate; larger estates open
 * further pairs (plant-c, plant-d, ...) as the first ones fill up.
 */
export function plantName(index: number): string {
  return `plant-${String.fromCharCode(97 + (index % 26))}${index >= 26 ? Math.floor(index / 26) : ''}`;
}
export const PLANT_PREFIX = '192.168';

export const OFFICE_NETWORKS = ['office', 'office-branch'] as const;
export const VPC_COUNT = 8;

function buildNetworks(): Record<string, FleetNetwork> {
  const networks: Record<string, FleetNetwork> = {};
  for (const site of DC_SITES) {
    networks[site] = { addressing: 'static', prefix: '10' };
    SERVER_SIDE_NETWORKS.forEach((side, i) => (networks[`${site}-${side}`] = { addressing: 'static', prefix: `10.${101 + i}` }));
  }
  networks.office = { addressing: 'dhcp', prefix: '10' };
  networks['office-branch'] = { addressing: 'dhcp', prefix: '10' };
  networks['vpn-pool'] = { addressing: 'dhcp', prefix: '10.212' };
  for (let v = 1; v <= VPC_COUNT; v++) networks[`vpc-0${v}`] = { addressing: 'dhcp', prefix: '10.0' };
  networks.docker = { addressing: 'unknown', prefix: '172.17' };
  networks['vbox-hostonly'] = { addressing: 'unknown', prefix: '192.168.56' };
  networks['hyperv-default'] = { addressing: 'unknown', prefix: '172' };
  return networks;
}

export const FLEET_NETWORKS: Readonly<Record<string, FleetNetwork>> = buildNetworks();

function fleetNetwork(network: string): FleetNetwork | undefined {
  return FLEET_NETWORKS[network] ?? (/^plant-[a-z]\d*$/.test(network) ? { addressing: 'static', prefix: PLANT_PREFIX } : undefined);
}

export function addressingOfFleetNetwork(network: string): NetworkAddressing {
  return fleetNetwork(network)?.addressing ?? 'unknown';
}

export function isFleetNetwork(network: string): boolean {
  return fleetNetwork(network) !== undefined;
}

export function prefixOfFleetNetwork(network: string): string {
  const known = fleetNetwork(network);
  if (!known) throw new RangeError(`fleet generator: no network named ${network}`);
  return known.prefix;
}
