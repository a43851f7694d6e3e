// Reads one agent section by section through an open SnmpSafetyGuard and decodes the rows into an
// SnmpHostRecord. A section the agent does not implement comes back empty. A section that fails
// is recorded; after a hostile sign (malformed reply, looping walk, a limit) or a lost agent the
// remaining sections are skipped — the per-device circuit breaker.
import { HR_SCALAR_OIDS, SYSTEM_OIDS, TABLES, type SnmpTableName } from './snmp-oids.js';
import { ipFromBytes, ipFromInetIndex, prefixLengthFromNetmask, type CanonicalIp } from '../../../src-shared/lib/canonical-ip.js';
import type { SnmpHostRecord, SnmpHostResources, SnmpIpAddressRow } from './snmp-host-record.js';
import { prefixLengthFromPointer } from './snmp-ip-addresses.js';
import { SnmpError, toSnmpFailure, type SnmpFailure } from './snmp-error.js';
import { isEndOfView, type SnmpSafetyGuard, type SnmpTableRows, type SnmpVarbind } from './snmp-safety-guard.js';
import { asDateAndTime, asHex, asMac, asNumber, asOid, asText, asTextOrHex, indexParts, indexToIpv4, indexToMac } from './snmp-value.js';

export const SNMP_SECTIONS = ['interfaces', 'ipAddresses', 'entities', 'hostResources', 'software', 'lldp', 'cdp', 'fdb', 'arp'] as const;
export type SnmpSection = (typeof SNMP_SECTIONS)[number];

const BREAKER_REASONS = new Set(['malformed', 'limit', 'timeout', 'no_response', 'network', 'cancelled', 'auth']);

/** Reads the system group with one GET; this is also the credential probe. */
export async function readSystemGroup(guard: SnmpSafetyGuard): Promise<SnmpHostRecord['system']> {
  const names = Object.keys(SYSTEM_OIDS) as Array<keyof typeof SYSTEM_OIDS>;
  let varbinds: SnmpVarbind[];
  if (guard.version === 'v1') {
    // v1 fails the whole GET with noSuchName when one object (snmpEngineID) is unknown.
    varbinds = await guard.get(names.filter((n) => n !== 'snmpEngineID').map((n) => SYSTEM_OIDS[n]));
  } else {
    varbinds = await guard.get(names.map((n) => SYSTEM_OIDS[n]));
  }
  const byOid = new Map(varbinds.filter((vb) => !isEndOfView(vb)).map((vb) => [vb.oid, vb]));
  const system: SnmpHostRecord['system'] = {};
  const set = <K extends keyof SnmpHostRecord['system']>(key: K, value: SnmpHostRecord['system'][K] | undefined): void => {
    if (value !== undefined) system[key] = value;
  };
  set('sysDescr', asText(byOid.get(SYSTEM_OIDS.sysDescr)));
  set('sysObjectID', asOid(byOid.get(SYSTEM_OIDS.sysObjectID)));
  set('sysUpTimeTicks', asNumber(byOid.get(SYSTEM_OIDS.sysUpTime)));
  set('sysContact', asText(byOid.get(SYSTEM_OIDS.sysContact)));
  set('sysName', asText(byOid.get(SYSTEM_OIDS.sysName)));
  set('sysLocation', asText(byOid.get(SYSTEM_OIDS.sysLocation)));
  set('sysServices', asNumber(byOid.get(SYSTEM_OIDS.sysServices)));
  set('engineId', asHex(byOid.get(SYSTEM_OIDS.snmpEngineID)) ?? guard.discoveredEngineId);
  if (varbinds.length === 0) throw new SnmpError('malformed', 'empty reply to the system group GET');
  return system;
}

export async function readSnmpHost(
  guard: SnmpSafetyGuard,
  system: SnmpHostRecord['system'],
  sections: readonly SnmpSection[] = SNMP_SECTIONS,
): Promise<SnmpHostRecord> {
  const record: SnmpHostRecord = {
    target: { ...guard.target },
    credentialId: guard.credentialId,
    version: guard.version,
    system,
    interfaces: [],
    ipAddresses: [],
    entities: [],
    software: [],
    lldp: [],
    cdp: [],
    fdb: [],
    arp: [],
    failures: [],
    requestCount: 0,
  };
  let tripped = false;
  const table = async (name: SnmpTableName): Promise<SnmpTableRows> => {
    const def = TABLES[name];
    return guard.walkColumns(def.entry, Object.values(def.columns), name);
  };
  const run = async (section: SnmpSection, read: () => Promise<void>): Promise<void> => {
    if (tripped || !sections.includes(section)) return;
    try {
      await read();
    } catch (error) {
      const failure: SnmpFailure = toSnmpFailure(error, section);
      // An error status from the agent for one table is not a reason to stop reading the others.
      if (failure.reason === 'agent_error') return;
      record.failures.push(failure);
      if (BREAKER_REASONS.has(failure.reason)) tripped = true;
    }
  };

  const ifNames = new Map<number, string>();
  await run('interfaces', async () => {
    const c = TABLES.ifTable.columns;
    const x = TABLES.ifXTable.columns;
    const base = await table('ifTable');
    const ext = await table('ifXTable');
    for (const [index, row] of base) {
      const ifIndex = Number(index);
      if (!Number.isInteger(ifIndex)) continue;
      const xrow = ext.get(index);
      const highSpeed = asNumber(xrow?.get(x.ifHighSpeed));
      const speed = asNumber(row.get(c.ifSpeed));
      const entry = {
        ifIndex,
        descr: asText(row.get(c.ifDescr)),
        name: asText(xrow?.get(x.ifName)),
        alias: asText(xrow?.get(x.ifAlias)),
        type: asNumber(row.get(c.ifType)),
        mac: asMac(row.get(c.ifPhysAddress)),
        speedMbps: highSpeed && highSpeed > 0 ? highSpeed : speed !== undefined ? Math.round(speed / 1_000_000) : undefined,
        adminStatus: asNumber(row.get(c.ifAdminStatus)),
        operStatus: asNumber(row.get(c.ifOperStatus)),
      };
      record.interfaces.push(dropUndefined(entry));
      ifNames.set(ifIndex, entry.name ?? entry.descr ?? `ifIndex ${ifIndex}`);
    }
  });

  // Rows from both address tables, merged by address (ipAddrTable first: agents that implement
  // ipAddressTable too then add its type, status and origin). Kept outside the section so that
  // what was read survives a failure half-way.
  const addresses = new Map<string, SnmpIpAddressRow>();
  const addressRow = (ip: CanonicalIp): SnmpIpAddressRow => {
    const key = ip.zone ? `${ip.address}%${ip.zone}` : ip.address;
    let row = addresses.get(key);
    if (!row) {
      row = ip.zone ? { address: ip.address, zone: ip.zone, tables: [] } : { address: ip.address, tables: [] };
      addresses.set(key, row);
    }
    return row;
  };
  await run('ipAddresses', async () => {
    const c = TABLES.ipAddrTable.columns;
    for (const [index, values] of await table('ipAddrTable')) {
      const parts = indexParts(index);
      const ip = parts.length === 4 ? ipFromBytes(parts) : null;
      if (!ip) continue;
      const row = addressRow(ip);
      row.tables.push('ipAddrTable');
      row.ifIndex ??= asNumber(values.get(c.ipAdEntIfIndex));
      const netmask = asText(values.get(c.ipAdEntNetMask));
      const prefixLength = netmask === undefined ? null : prefixLengthFromNetmask(netmask);
      if (netmask !== undefined) row.netmask = netmask;
      if (prefixLength !== null) row.prefixLength = prefixLength;
    }
    const n = TABLES.ipAddressTable.columns;
    for (const [index, values] of await table('ipAddressTable')) {
      // Index: ipAddressAddrType.length.address ("1.4.192.0.2.1", "2.16.…"); the address may
      // also be text in agents that put "fe80::1" into the octet string.
      const parts = indexParts(index);
      const parsed = ipFromInetIndex(parts);
      if (!parsed || parsed.next !== parts.length) continue;
      const row = addressRow(parsed.ip);
      if (!row.tables.includes('ipAddressTable')) row.tables.push('ipAddressTable');
      row.ifIndex ??= asNumber(values.get(n.ipAddressIfIndex));
      row.type = asNumber(values.get(n.ipAddressType));
      row.status = asNumber(values.get(n.ipAddressStatus));
      row.origin = asNumber(values.get(n.ipAddressOrigin));
      row.prefixLength ??= prefixLengthFromPointer(asOid(values.get(n.ipAddressPrefix)), parsed.ip.version);
    }
  });
  record.ipAddresses = [...addresses.values()].map(dropUndefined);

  await run('entities', async () => {
    const c = TABLES.entPhysicalTable.columns;
    for (const [index, row] of await table('entPhysicalTable')) {
      record.entities.push(
        dropUndefined({
          index: Number(index),
          descr: asText(row.get(c.descr)),
          containedIn: asNumber(row.get(c.containedIn)),
          class: asNumber(row.get(c.class)),
          name: asText(row.get(c.name)),
          hardwareRev: asText(row.get(c.hardwareRev)),
          firmwareRev: asText(row.get(c.firmwareRev)),
          softwareRev: asText(row.get(c.softwareRev)),
          serial: asText(row.get(c.serialNum))?.trim(),
          manufacturer: asText(row.get(c.mfgName)),
          model: asText(row.get(c.modelName)),
        }),
      );
    }
  });

  await run('hostResources', async () => {
    const oids = Object.values(HR_SCALAR_OIDS);
    const scalars = guard.version === 'v1' ? [] : await guard.get(oids);
    const byOid = new Map(scalars.filter((vb) => !isEndOfView(vb)).map((vb) => [vb.oid, vb]));
    const hr: SnmpHostResources = dropUndefined({
      uptimeTicks: asNumber(byOid.get(HR_SCALAR_OIDS.hrSystemUptime)),
      numUsers: asNumber(byOid.get(HR_SCALAR_OIDS.hrSystemNumUsers)),
      processes: asNumber(byOid.get(HR_SCALAR_OIDS.hrSystemProcesses)),
      memoryKiB: asNumber(byOid.get(HR_SCALAR_OIDS.hrMemorySize)),
      storage: [],
      devices: [],
    });
    const s = TABLES.hrStorageTable.columns;
    for (const [index, row] of await table('hrStorageTable')) {
      const unit = asNumber(row.get(s.allocationUnits)) ?? 1;
      const size = asNumber(row.get(s.size));
      const used = asNumber(row.get(s.used));
      hr.storage.push(
        dropUndefined({
          index: Number(index),
          type: asOid(row.get(s.type)),
          descr: asText(row.get(s.descr)),
          sizeBytes: size === undefined ? undefined : size * unit,
          usedBytes: used === undefined ? undefined : used * unit,
        }),
      );
    }
    const d = TABLES.hrDeviceTable.columns;
    for (const [index, row] of await table('hrDeviceTable')) {
      hr.devices.push(dropUndefined({ index: Number(index), type: asOid(row.get(d.type)), descr: asText(row.get(d.descr)), status: asNumber(row.get(d.status)) }));
    }
    const present = hr.storage.length > 0 || hr.devices.length > 0 || byOid.size > 0;
    if (present) record.hostResources = hr;
  });

  await run('software', async () => {
    const c = TABLES.hrSWInstalledTable.columns;
    for (const [index, row] of await table('hrSWInstalledTable')) {
      const name = asText(row.get(c.name));
      if (!name) continue;
      record.software.push(dropUndefined({ index: Number(index), name, type: asNumber(row.get(c.type)), date: asDateAndTime(row.get(c.date)) }));
    }
  });

  await run('lldp', async () => {
    const loc = TABLES.lldpLocPortTable.columns;
    const localPorts = new Map<number, string>();
    for (const [index, row] of await table('lldpLocPortTable')) {
      const name = asText(row.get(loc.portDesc)) ?? asTextOrHex(row.get(loc.portId));
      if (name) localPorts.set(Number(index), name);
    }
    const c = TABLES.lldpRemTable.columns;
    for (const [index, row] of await table('lldpRemTable')) {
      const [, localPortNum] = indexParts(index); // timeMark.localPortNum.remIndex
      if (localPortNum === undefined || !Number.isInteger(localPortNum)) continue;
      const chassisIdSubtype = asNumber(row.get(c.chassisIdSubtype));
      const portIdSubtype = asNumber(row.get(c.portIdSubtype));
      record.lldp.push(
        dropUndefined({
          localPortNum,
          localPort: localPorts.get(localPortNum) ?? ifNames.get(localPortNum),
          chassisIdSubtype,
          chassisId: chassisIdSubtype === 4 ? asMac(row.get(c.chassisId)) : asTextOrHex(row.get(c.chassisId)),
          portIdSubtype,
          portId: portIdSubtype === 3 ? asMac(row.get(c.portId)) : asTextOrHex(row.get(c.portId)),
          portDesc: asText(row.get(c.portDesc)),
          sysName: asText(row.get(c.sysName)),
          sysDesc: asText(row.get(c.sysDesc)),
        }),
      );
    }
  });

  await run('cdp', async () => {
    const c = TABLES.cdpCacheTable.columns;
    for (const [index, row] of await table('cdpCacheTable')) {
      const [ifIndex] = indexParts(index);
      if (ifIndex === undefined) continue;
      const addr = row.get(c.address)?.value;
      record.cdp.push(
        dropUndefined({
          ifIndex,
          deviceId: asText(row.get(c.deviceId)),
          devicePort: asText(row.get(c.devicePort)),
          platform: asText(row.get(c.platform)),
          address: Buffer.isBuffer(addr) && (addr.length === 4 || addr.length === 16) ? (ipFromBytes(addr)?.address ?? undefined) : undefined,
        }),
      );
    }
  });

  await run('fdb', async () => {
    const portToIf = new Map<number, number>();
    for (const [index, row] of await table('dot1dBasePortTable')) {
      const ifIndex = asNumber(row.get(TABLES.dot1dBasePortTable.columns.ifIndex));
      if (ifIndex !== undefined) portToIf.set(Number(index), ifIndex);
    }
    const c = TABLES.dot1dTpFdbTable.columns;
    for (const [index, row] of await table('dot1dTpFdbTable')) {
      const mac = indexToMac(indexParts(index));
      const bridgePort = asNumber(row.get(c.port));
      if (!mac || bridgePort === undefined) continue;
      record.fdb.push(dropUndefined({ mac, bridgePort, ifIndex: portToIf.get(bridgePort), status: asNumber(row.get(c.status)) }));
    }
    const q = TABLES.dot1qTpFdbTable.columns;
    for (const [index, row] of await table('dot1qTpFdbTable')) {
      const [vlan, ...macParts] = indexParts(index);
      const mac = indexToMac(macParts);
      const bridgePort = asNumber(row.get(q.port));
      if (!mac || bridgePort === undefined) continue;
      record.fdb.push(dropUndefined({ mac, vlan, bridgePort, ifIndex: portToIf.get(bridgePort), status: asNumber(row.get(q.status)) }));
    }
  });

  await run('arp', async () => {
    const c = TABLES.ipNetToMediaTable.columns;
    for (const [index, row] of await table('ipNetToMediaTable')) {
      const [ifIndex, ...ipParts] = indexParts(index);
      const ip = indexToIpv4(ipParts);
      if (ifIndex === undefined || !ip) continue;
      record.arp.push(dropUndefined({ ifIndex, ip, mac: asMac(row.get(c.physAddress)), type: asNumber(row.get(c.type)) }));
    }
  });

  record.requestCount = guard.requestCount;
  return record;
}

function dropUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as Array<keyof T>) if (value[key] === undefined) delete value[key];
  return value;
}
