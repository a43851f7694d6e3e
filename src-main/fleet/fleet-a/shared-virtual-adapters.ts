// Virtual adapters whose MAC is the same on many unrelated hosts: first-hop redundancy (VRRP,
// HSRP) virtual router MACs, Docker's container range, Hyper-V's default switch from a cloned
// image, VirtualBox host-only adapters and VPN clients' fixed-MAC adapters. Inventories and SNMP
// list them beside the real NICs, so a MAC seen on many devices must identify none of them.
import type { Prng } from '../../../src-shared/lib/mulberry32.js';

export type SharedMacKind = 'vrrp' | 'hsrp' | 'docker' | 'hyperv-default-switch' | 'virtualbox-host-only' | 'vpn-client';

const hex2 = (n: number): string => n.toString(16).padStart(2, '0');

/** VRRP (RFC 5798): 00:00:5e:00:01:<VRID>. Group numbers repeat across sites: 1, and keepalived's example 51, most of all. */
export function vrrpMac(vrid: number): string {
  return `00:00:5e:00:01:${hex2(vrid)}`;
}

/** Cisco HSRP version 1: 00:00:0c:07:ac:<group>. */
export function hsrpMac(group: number): string {
  return `00:00:0c:07:ac:${hex2(group)}`;
}

export const COMMON_VRRP_IDS: readonly number[] = [1, 1, 1, 2, 10, 51, 51, 100];
export const COMMON_HSRP_GROUPS: readonly number[] = [0, 1, 1, 1, 2, 10, 100];

/** Docker derives a container's MAC from its address on the default bridge: 172.17.0.2 is 02:42:ac:11:00:02 on every host. */
export const DOCKER_MACS: readonly string[] = ['02:42:ac:11:00:02', '02:42:ac:11:00:02', '02:42:ac:11:00:02', '02:42:ac:11:00:03', '02:42:ac:12:00:02'];

/** A desktop image with Hyper-V enabled carries its default switch's MAC to every machine made from it. */
export const HYPERV_DEFAULT_SWITCH_MACS: readonly string[] = ['00:15:5d:7a:c1:01', '00:15:5d:01:64:00', '00:15:5d:e3:2b:9f'];

export const VIRTUALBOX_HOST_ONLY_MACS: readonly string[] = ['0a:00:27:00:00:00', '0a:00:27:00:00:00', '0a:00:27:00:00:0b', '0a:00:27:00:00:11'];

export interface VpnClient {
  adapterName: string;
  mac: string;
}

/** VPN clients whose virtual adapter has the same MAC on every installation. */
export const VPN_CLIENTS: readonly VpnClient[] = [
  { adapterName: 'Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter for Windows x64', mac: '00:05:9a:3c:7a:00' },
  { adapterName: 'Fortinet SSL VPN Virtual Ethernet Adapter', mac: '00:09:0f:fe:00:01' },
  { adapterName: 'PANGP Virtual Ethernet Adapter', mac: '02:50:41:00:00:01' },
  { adapterName: 'Juniper Networks Virtual Adapter', mac: '02:05:85:7f:eb:80' },
];

/** Most of an estate runs the company's VPN client; a few machines another one. */
export function pickVpnClient(rng: Prng, companyClient: VpnClient): VpnClient {
  return rng.chance(0.85) ? companyClient : rng.pick(VPN_CLIENTS);
}

/** Hyper-V's default switch takes a random 172.16-31.x.1/20 on each host. */
export function hyperVDefaultSwitchIp(rng: Prng): string {
  return `172.${rng.int(16, 31)}.${rng.int(0, 15) * 16}.1`;
}
