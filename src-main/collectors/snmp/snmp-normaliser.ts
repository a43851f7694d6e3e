// Turns an SnmpHostRecord into an ObservationInput. Pure: no I/O, time comes in as an argument.
//
// nativeKey: what stays the same when the device's address changes.
//  1. "snmp:engine:<hex>" — the SNMP engine id. RFC 3411 makes it unique per agent and persistent
//     across restarts; on most devices it is derived from the enterprise number and a MAC.
//  2. "snmp:sys:<sysName>:<lowest interface MAC>" when no engine id is readable (v1 agents).
//  3. "snmp:addr:<network>:<ip>" as a last resort; not stable across DHCP, and said so.
// Engine ids can be duplicated by cloned VMs or copied configurations; reconciliation still
// matches on serial and MACs, which the observation carries as fields and interfaces.
import type { AssetFieldName, FieldValue } from '../../../src-shared/model/asset-fields.js';
import type { ObservationInput, ObservedInterface, ObservedRelation } from '../../../src-shared/model/observation.js';
import { canonicalIp, identifiesHost, parseIp } from '../../../src-shared/lib/canonical-ip.js';
import { guessAssetClass } from './asset-class-guess.js';
import { vendorForSysObjectId } from './enterprise-vendors.js';
import type { SnmpHostRecord, SnmpIpAddressRow } from './snmp-host-record.js';
import { hostAddressExclusion, isLearnedHostAddress, ownSubnets, type AddressExclusionReason } from './snmp-ip-addresses.js';
import { HR_DEVICE_PROCESSOR } from './snmp-oids.js';
import { parseSoftwareName, platformOf } from './snmp-software-name.js';

export interface SnmpNormaliseContext {
  observedAt: Date;
  /** The site/network the target address belongs to (same private IP on two plants = two things). */
  network?: string;
}

export const RELATION_CONFIDENCE = {
  lldp: 0.9,
  cdp: 0.85,
  fdbSingle: 0.5, // the only MAC learned on that port: probably directly attached
  fdbShared: 0.2, // one of many MACs on a port: an uplink or a hub
  arp: 0.3,
} as const;

const OPER_STATUS: Record<number, ObservedInterface['operStatus']> = { 1: 'up', 2: 'down', 3: 'testing' };
const ENTITY_CHASSIS = 3;
const FDB_LEARNED = 3;
const ARP_INVALID = 2;

export function snmpNativeKey(record: SnmpHostRecord, network?: string): string {
  if (record.system.engineId && !/^0*$/.test(record.system.engineId)) return `snmp:engine:${record.system.engineId.toLowerCase()}`;
  const mac = baseMac(record);
  if (record.system.sysName && mac) return `snmp:sys:${record.system.sysName.toLowerCase()}:${mac}`;
  return `snmp:addr:${network ?? 'default'}:${canonicalIp(record.target.host) ?? record.target.host}`;
}

function baseMac(record: SnmpHostRecord): string | undefined {
  const macs = record.interfaces.map((i) => i.mac).filter((m): m is string => !!m && m !== '00:00:00:00:00:00');
  return macs.sort()[0];
}

export function normaliseSnmpHost(record: SnmpHostRecord, context: SnmpNormaliseContext): ObservationInput {
  const { system } = record;
  const fields: Partial<Record<AssetFieldName, FieldValue>> = {};
  const put = (name: AssetFieldName, value: FieldValue | undefined): void => {
    if (value !== undefined && value !== null && value !== '') fields[name] = value;
  };
  const chassis = record.entities.find((e) => e.class === ENTITY_CHASSIS && (e.serial || e.model)) ?? record.entities.find((e) => e.serial);
  const vendor = vendorForSysObjectId(system.sysObjectID);

  put('name', system.sysName);
  put('hostname', system.sysName?.split('.')[0]);
  if (system.sysName?.includes('.')) put('fqdn', system.sysName.toLowerCase());
  put('description', system.sysDescr);
  put('vendor', chassis?.manufacturer || vendor?.vendor);
  put('model', chassis?.model);
  put('serial', chassis?.serial);
  put('firmware', chassis?.firmwareRev || chassis?.softwareRev);
  put('location', system.sysLocation);
  put('contact', system.sysContact);
  // The address we reached the agent on names the host only when it can name any host: a
  // loopback target (the demo, a local agent) is left to the interface addresses.
  const target = parseIp(record.target.host);
  if (target && identifiesHost(target)) put('primary_ip', target.address);
  put('sys_object_id', system.sysObjectID);
  const ticks = record.hostResources?.uptimeTicks ?? system.sysUpTimeTicks;
  if (ticks !== undefined) put('uptime_seconds', Math.floor(ticks / 100));
  const os = parseOs(system.sysDescr);
  put('os_name', os?.name);
  put('os_version', os?.version);
  if (record.hostResources) {
    if (record.hostResources.memoryKiB !== undefined) put('memory_mb', Math.round(record.hostResources.memoryKiB / 1024));
    const cpus = record.hostResources.devices.filter((d) => d.type === HR_DEVICE_PROCESSOR);
    if (cpus.length > 0) {
      put('cpu_cores', cpus.length);
      put('cpu', cpus[0]?.descr);
    }
  }

  // Only the host's own unicast addresses become interface IPs (and so identities); the rest stay
  // in raw with the reason (see snmp-ip-addresses.ts).
  const hostAddresses: SnmpIpAddressRow[] = [];
  const excludedAddresses: Array<{ address: string; ifIndex?: number; reason: AddressExclusionReason }> = [];
  for (const a of record.ipAddresses) {
    const reason = hostAddressExclusion(a);
    if (!reason) hostAddresses.push(a);
    else excludedAddresses.push(a.ifIndex === undefined ? { address: a.address, reason } : { address: a.address, ifIndex: a.ifIndex, reason });
  }
  const subnets = ownSubnets(record.ipAddresses);
  const isLearnedHost = (address: string): boolean => isLearnedHostAddress(address, subnets);

  const ifName = new Map<number, string>();
  const interfaces: ObservedInterface[] = record.interfaces.map((row) => {
    const name = row.name ?? row.descr ?? `ifIndex ${row.ifIndex}`;
    ifName.set(row.ifIndex, name);
    const iface: ObservedInterface = {
      name,
      ips: hostAddresses
        .filter((a) => a.ifIndex === row.ifIndex)
        .map((a) => (context.network ? { address: a.address, network: context.network } : { address: a.address })),
    };
    if (row.mac && row.mac !== '00:00:00:00:00:00') iface.mac = row.mac;
    if (row.speedMbps !== undefined) iface.speedMbps = row.speedMbps;
    iface.operStatus = row.operStatus !== undefined ? (OPER_STATUS[row.operStatus] ?? 'unknown') : 'unknown';
    const description = row.alias || (row.descr !== name ? row.descr : undefined);
    if (description) iface.description = description;
    return iface;
  });

  const relations: ObservedRelation[] = [];
  for (const n of record.lldp) {
    const target = n.chassisIdSubtype === 4 && n.chassisId ? { kind: 'mac' as const, value: n.chassisId } : n.sysName ? { kind: 'sys_name' as const, value: n.sysName } : undefined;
    if (!target) continue;
    relations.push(withPorts({ type: 'connected_to', target, confidence: RELATION_CONFIDENCE.lldp }, n.localPort, n.portDesc ?? n.portId));
  }
  for (const n of record.cdp) {
    if (!n.deviceId) continue;
    relations.push(withPorts({ type: 'connected_to', target: { kind: 'sys_name', value: n.deviceId }, confidence: RELATION_CONFIDENCE.cdp }, ifName.get(n.ifIndex), n.devicePort));
  }
  const ownMacs = new Set(interfaces.map((i) => i.mac).filter(Boolean));
  const learned = record.fdb.filter((e) => (e.status === undefined || e.status === FDB_LEARNED) && !ownMacs.has(e.mac));
  const macsPerPort = new Map<number, number>();
  for (const e of learned) macsPerPort.set(e.bridgePort, (macsPerPort.get(e.bridgePort) ?? 0) + 1);
  const seenFdb = new Set<string>();
  for (const e of learned) {
    const key = `${e.mac}|${e.bridgePort}`;
    if (seenFdb.has(key)) continue; // the same MAC in dot1d and dot1q tables
    seenFdb.add(key);
    const confidence = macsPerPort.get(e.bridgePort) === 1 ? RELATION_CONFIDENCE.fdbSingle : RELATION_CONFIDENCE.fdbShared;
    const port = e.ifIndex !== undefined ? ifName.get(e.ifIndex) : undefined;
    relations.push(withPorts({ type: 'connected_to', target: { kind: 'mac', value: e.mac }, confidence }, port ?? `bridge port ${e.bridgePort}`, undefined));
  }
  // Static ARP entries for a subnet's broadcast address or a multicast group (Windows keeps
  // both) are not neighbours.
  const learnedArp = record.arp.filter((a) => a.type !== ARP_INVALID && isLearnedHost(a.ip) && !(a.mac && isGroupMac(a.mac)));
  for (const a of learnedArp) {
    const target = context.network ? { kind: 'ip' as const, value: a.ip, network: context.network } : { kind: 'ip' as const, value: a.ip };
    relations.push(withPorts({ type: 'connected_to', target, confidence: RELATION_CONFIDENCE.arp }, ifName.get(a.ifIndex), undefined));
  }

  const softwarePlatform = platformOf(system.sysObjectID, system.sysDescr);
  const tags: Record<string, string> = { snmp_version: record.version, snmp_credential: record.credentialId };
  if (record.failures.length > 0) tags.snmp_partial = record.failures.map((f) => `${f.section ?? '?'}:${f.reason}`).join(',');

  return {
    nativeKey: snmpNativeKey(record, context.network),
    observedAt: context.observedAt.toISOString(),
    assetClass: guessAssetClass(record),
    fields,
    interfaces,
    software: record.software.map((s) => {
      const { name, version } = parseSoftwareName(s.name, softwarePlatform);
      return version ? { name, version } : { name };
    }),
    tags,
    relations,
    raw: {
      ...record,
      // Addresses learned from this agent are recorded here and never probed unless in scope.
      learnedAddresses: {
        macs: [...new Set([...record.fdb.map((e) => e.mac), ...learnedArp.flatMap((a) => (a.mac ? [a.mac] : []))])],
        ips: [...new Set([...learnedArp.map((a) => a.ip), ...record.cdp.flatMap((c) => (c.address && isLearnedHost(c.address) ? [c.address] : []))])],
      },
      excludedAddresses,
    },
  };
}

function withPorts(relation: ObservedRelation, localPort: string | undefined, remotePort: string | undefined): ObservedRelation {
  if (localPort) relation.localPort = localPort;
  if (remotePort) relation.remotePort = remotePort;
  return relation;
}

/** A broadcast or multicast MAC (the group bit of the first octet). */
function isGroupMac(mac: string): boolean {
  return (parseInt(mac.slice(0, 2), 16) & 1) === 1;
}

function parseOs(sysDescr: string | undefined): { name: string; version?: string } | undefined {
  if (!sysDescr) return undefined;
  const linux = /^Linux \S+ (\S+)/.exec(sysDescr);
  if (linux?.[1]) return { name: 'Linux', version: linux[1] };
  const windows = /Windows Version ([\d.]+)/.exec(sysDescr);
  if (windows?.[1]) return { name: 'Windows', version: windows[1] };
  const ios = /Cisco IOS.*Version ([\w.()]+)/.exec(sysDescr);
  if (ios?.[1]) return { name: 'Cisco IOS', version: ios[1] };
  const junos = /JUNOS ([\w.-]+)/.exec(sysDescr);
  if (junos?.[1]) return { name: 'Junos', version: junos[1] };
  return undefined;
}
