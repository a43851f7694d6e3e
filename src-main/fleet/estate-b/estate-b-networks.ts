// Generator B's sites and networks, with how each hands out addresses. Data centres and plants
// are planned by hand (static); offices and cloud networks lease addresses that move to another
// device once the old one is gone (dhcp); the third plant's addressing was never documented
// (unknown). The two main plants were built from one template, so they use the same address plan.
import type { NetworkAddressing } from '../../../src-shared/model/index.js';

export const ESTATE_B_DATA_CENTRES = [
  { site: 'fra-dc', prefix: '10.20', storage: '10.21', backup: '10.22' },
  { site: 'ams-dc', prefix: '10.30', storage: '10.31', backup: '10.32' },
] as const;

/** Out-of-band management network: switch, router, firewall and UPS management addresses. */
export const OOB_NETWORK = { name: 'oob-mgmt', prefix: '10.250' } as const;

/** Offices with their DHCP scope prefix and share of the workstations. */
export const ESTATE_B_OFFICES = [
  { site: 'hq-lan', prefix: '10.64', share: 0.55 },
  { site: 'branch-lyon', prefix: '10.65', share: 0.15 },
  { site: 'branch-porto', prefix: '10.66', share: 0.15 },
  { site: 'branch-gdansk', prefix: '10.67', share: 0.15 },
] as const;

/** Plants: north and south share one address plan; east is on its own plan, addressing undocumented. */
export const ESTATE_B_PLANTS = [
  { site: 'plant-north', prefix: '192.168', share: 0.45 },
  { site: 'plant-south', prefix: '192.168', share: 0.45 },
  { site: 'plant-east', prefix: '172.20', share: 0.1 },
] as const;

export function addressingOfEstateBNetwork(network: string): NetworkAddressing {
  if (network === 'plant-east') return 'unknown';
  if (network.endsWith('-dc') || network.includes('-dc-') || network === OOB_NETWORK.name || network.startsWith('plant-')) return 'static';
  if (ESTATE_B_OFFICES.some((o) => o.site === network)) return 'dhcp';
  // Cloud VPCs / VNets: an address belongs to an instance for its life, then goes to the next one.
  if (network.startsWith('aws-') || network.startsWith('azure-') || network.startsWith('gcp-')) return 'dhcp';
  return 'unknown';
}
