// Traps that tie two true assets together, laid on after the assets are made: redundancy pairs
// sharing a virtual MAC and address, office desktops whose leased address moved on to another, and
// DC switches with a second management address on a plant. (Clones, renames, replaced hardware and
// gone predecessors are made with their asset, in generate-fleet.ts.)
import type { FleetAllocators } from './fleet-allocators.js';
import type { FleetNoise } from './fleet-noise.js';
import type { Prng } from '../../../src-shared/lib/mulberry32.js';
import { COMMON_HSRP_GROUPS, COMMON_VRRP_IDS, hsrpMac, vrrpMac } from './shared-virtual-adapters.js';
import type { TrueAsset } from './true-asset.js';

/**
 * Network devices in HSRP / VRRP pairs and servers in keepalived pairs: both members of a pair
 * carry the virtual MAC and the virtual address. Group numbers repeat, so the MAC also repeats
 * across unrelated pairs; the address is the pair's own.
 */
export function pairForRedundancy(rng: Prng, alloc: FleetAllocators, noise: FleetNoise, assets: readonly TrueAsset[]): void {
  const waiting = new Map<string, TrueAsset>();
  for (const a of assets) {
    const primary = a.nics[0];
    const isNetwork = a.assetClass === 'network_device' || a.assetClass === 'firewall';
    const isHost = a.assetClass === 'server' || a.assetClass === 'virtual_machine';
    if (a.decommissioned || !primary?.ip || !(isNetwork || isHost)) continue;
    if (!rng.chance(isNetwork ? noise.firstHopRedundancy : noise.keepalivedPair)) continue;
    const slot = `${isNetwork ? 'fhrp' : 'keepalived'}/${primary.network}`;
    const peer = waiting.get(slot);
    if (!peer) {
      waiting.set(slot, a);
      continue;
    }
    waiting.delete(slot);
    const hsrp = isNetwork && (peer.vendor?.spellings[0] ?? '').startsWith('Cisco');
    const group = rng.pick(hsrp ? COMMON_HSRP_GROUPS : COMMON_VRRP_IDS);
    const mac = hsrp ? hsrpMac(group) : vrrpMac(group);
    const vip = a.plant !== null ? alloc.plantAddress('infra', a.plant).ip : alloc.ip(primary.network);
    const name = isNetwork ? `${primary.name}-vip` : `vrrp.${group}`;
    for (const [member, other] of [[peer, a], [a, peer]] as const) {
      member.nics.push({ name, mac, ip: vip, network: primary.network, sharedMac: hsrp ? 'hsrp' : 'vrrp' });
      member.redundancyPeer = other.id;
    }
  }
}

/**
 * Office desktops last seen days ago with an address the DHCP server has since leased to another
 * desktop, which reports it now. Desktops that replaced hardware keep their address.
 */
export function reuseDhcpLeases(rng: Prng, noise: FleetNoise, assets: readonly TrueAsset[]): void {
  const byNetwork = new Map<string, TrueAsset[]>();
  for (const a of assets) {
    const nic = a.nics[0];
    if (a.assetClass !== 'workstation' || a.decommissioned || a.replaces !== null || !nic?.ip) continue;
    const list = byNetwork.get(nic.network) ?? [];
    list.push(a);
    byNetwork.set(nic.network, list);
  }
  const holders = new Set<string>();
  for (const list of byNetwork.values()) {
    if (list.length < 2) continue;
    for (const a of list) {
      if (holders.has(a.id) || !rng.chance(noise.dhcpIpReuse)) continue;
      // The desktop that holds the lease now: any other one reporting recently.
      let b = rng.pick(list);
      for (let attempt = 0; attempt < 3 && (b === a || b.lastSeenDaysAgo !== null); attempt++) b = rng.pick(list);
      const from = b.nics[0];
      const to = a.nics[0];
      if (b === a || b.lastSeenDaysAgo !== null || !from || !to) continue;
      to.ip = from.ip;
      a.lastSeenDaysAgo = rng.int(5, 40);
      holders.add(b.id);
    }
  }
}

/** DC switches with a second management address on a plant network, polled by the plant sweep. */
export function addPlantManagementAddresses(rng: Prng, alloc: FleetAllocators, noise: FleetNoise, assets: readonly TrueAsset[]): void {
  for (const a of assets) {
    const primary = a.nics[0];
    if (a.assetClass !== 'network_device' && a.assetClass !== 'firewall') continue;
    if (!primary || a.plant !== null || !rng.chance(noise.multiHomedSwitch)) continue;
    const { plant, ip } = alloc.plantAddress('infra');
    a.nics.push({ name: 'Vlan900', mac: primary.mac, ip, network: plant });
  }
}
