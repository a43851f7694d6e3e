// What the collector read from one agent, decoded but not yet interpreted. The normaliser turns
// it into an ObservationInput; the record itself is kept as the observation's raw payload.
import type { SnmpVersion } from './snmp-credential.js';
import type { SnmpFailure } from './snmp-error.js';

export interface SnmpSystemInfo {
  sysDescr?: string;
  sysObjectID?: string;
  sysUpTimeTicks?: number;
  sysContact?: string;
  sysName?: string;
  sysLocation?: string;
  sysServices?: number;
  engineId?: string;
}

export interface SnmpInterfaceRow {
  ifIndex: number;
  descr?: string;
  name?: string;
  alias?: string;
  type?: number;
  mac?: string;
  speedMbps?: number;
  adminStatus?: number;
  operStatus?: number;
}

/**
 * One row of IP-MIB's ipAddrTable and/or ipAddressTable, merged by address. Every row the agent
 * listed is kept (broadcast, anycast, loopback and all); which of them are the host's own
 * addresses is decided by `hostAddressExclusion` (snmp-ip-addresses.ts).
 */
export interface SnmpIpAddressRow {
  /** Canonical text (src-shared/lib/canonical-ip): "::1", never "0:0:0:0:0:0:0:1". */
  address: string;
  /** Zone index of an ipv4z/ipv6z row. */
  zone?: string;
  ifIndex?: number;
  /** ipAdEntNetMask (ipAddrTable). */
  netmask?: string;
  /** From the netmask or the ipAddressPrefix pointer. */
  prefixLength?: number;
  /** ipAddressType: unicast(1), anycast(2), broadcast(3); absent when only ipAddrTable lists the address. */
  type?: number;
  /** ipAddressStatus: preferred(1), deprecated(2), invalid(3), inaccessible(4), unknown(5), tentative(6), duplicate(7), optimistic(8). */
  status?: number;
  /** ipAddressOrigin: other(1), manual(2), dhcp(4), linklayer(5), random(6). */
  origin?: number;
  /** The tables that listed it. */
  tables: Array<'ipAddrTable' | 'ipAddressTable'>;
}

export interface SnmpEntityRow {
  index: number;
  descr?: string;
  containedIn?: number;
  class?: number;
  name?: string;
  hardwareRev?: string;
  firmwareRev?: string;
  softwareRev?: string;
  serial?: string;
  manufacturer?: string;
  model?: string;
}

export interface SnmpHostResources {
  uptimeTicks?: number;
  numUsers?: number;
  processes?: number;
  memoryKiB?: number;
  storage: Array<{ index: number; type?: string; descr?: string; sizeBytes?: number; usedBytes?: number }>;
  devices: Array<{ index: number; type?: string; descr?: string; status?: number }>;
}

export interface SnmpSoftwareRow {
  index: number;
  name: string;
  type?: number;
  date?: string;
}

export interface SnmpLldpNeighbour {
  localPortNum: number;
  localPort?: string;
  chassisIdSubtype?: number;
  chassisId?: string;
  portIdSubtype?: number;
  portId?: string;
  portDesc?: string;
  sysName?: string;
  sysDesc?: string;
}

export interface SnmpCdpNeighbour {
  ifIndex: number;
  deviceId?: string;
  devicePort?: string;
  address?: string;
  platform?: string;
}

export interface SnmpFdbEntry {
  mac: string;
  vlan?: number;
  bridgePort: number;
  ifIndex?: number;
  status?: number;
}

export interface SnmpArpEntry {
  ifIndex: number;
  ip: string;
  mac?: string;
  type?: number;
}

export interface SnmpHostRecord {
  target: { host: string; port: number };
  credentialId: string;
  version: SnmpVersion;
  system: SnmpSystemInfo;
  interfaces: SnmpInterfaceRow[];
  ipAddresses: SnmpIpAddressRow[];
  entities: SnmpEntityRow[];
  hostResources?: SnmpHostResources;
  software: SnmpSoftwareRow[];
  lldp: SnmpLldpNeighbour[];
  cdp: SnmpCdpNeighbour[];
  fdb: SnmpFdbEntry[];
  arp: SnmpArpEntry[];
  /** Sections that could not be read (absent MIBs are not failures; they are just empty). */
  failures: SnmpFailure[];
  requestCount: number;
}
