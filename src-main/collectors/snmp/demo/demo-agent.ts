// One simulated SNMP agent on a loopback address, built from a DemoDevice with net-snmp's own
// agent side (scalar and table MIB providers). Read-only: every object is read-only, so a SET
// from anything (not that the collector can send one) is answered with notWritable.
import type { Socket } from 'node:dgram';
import * as snmp from 'net-snmp';
import { ipFromInetAddress } from '../../../../src-shared/lib/canonical-ip.js';
import type { DemoDevice, DemoIpAddressRow } from './demo-device.js';

export interface DemoV3User {
  name: string;
  authProtocol: 'sha' | 'sha256' | 'sha512';
  authKey: string;
  privProtocol: 'aes' | 'aes256b';
  privKey: string;
}

export interface DemoAgentOptions {
  host: string;
  port: number;
  community: string;
  v3User?: DemoV3User;
}

export interface DemoAgent {
  name: string;
  host: string;
  port: number;
  community: string;
  engineId: string;
  close(): Promise<void>;
}

const RO = snmp.MaxAccess['read-only'];
const NA = snmp.MaxAccess['not-accessible'];
const T = snmp.ObjectType;
const HR_STORAGE_FIXED_DISK = '1.3.6.1.2.1.25.2.1.4';
const HR_DEVICE_PROCESSOR = '1.3.6.1.2.1.25.3.1.3';
const SW_APPLICATION = 4;

function mac(text: string): Buffer {
  return Buffer.from(text.replace(/[^0-9a-f]/gi, ''), 'hex');
}

/** An ipAddressPrefix RowPointer: ipAddressPrefixOrigin.<ifIndex>.<type>.<len>.<prefix>.<length>, or 0.0. */
function prefixPointer(row: DemoIpAddressRow, octets: Buffer): string {
  if (row.prefixLength === undefined) return '0.0';
  const ip = ipFromInetAddress(row.addrType, octets);
  if (!ip) return '0.0';
  const prefix = ip.bytes.map((b, i) => {
    const bitsBefore = i * 8;
    const keep = Math.max(0, Math.min(8, (row.prefixLength ?? 0) - bitsBefore));
    return b & ((0xff << (8 - keep)) & 0xff);
  });
  const family = ip.version === 4 ? 1 : 2;
  return ['1.3.6.1.2.1.4.32.1.5', row.ifIndex, family, prefix.length, ...prefix, row.prefixLength].join('.');
}

function scalar(mib: snmp.Mib, name: string, oid: string, type: number, value: snmp.MibCellValue): void {
  mib.registerProvider({ name, type: snmp.MibProviderType.Scalar, oid, scalarType: type, maxAccess: RO });
  mib.setScalarValue(name, value);
}

function table(
  mib: snmp.Mib,
  name: string,
  entryOid: string,
  columns: Array<[number, string, number]>,
  index: snmp.MibTableIndexEntry[],
): void {
  mib.registerProvider({
    name,
    type: snmp.MibProviderType.Table,
    oid: entryOid,
    maxAccess: NA,
    tableColumns: columns.map(([number, colName, type]) => ({ number, name: colName, type, maxAccess: RO })),
    tableIndex: index,
  });
}

function populate(mib: snmp.Mib, d: DemoDevice): void {
  scalar(mib, 'sysDescr', '1.3.6.1.2.1.1.1', T.OctetString, d.sysDescr);
  scalar(mib, 'sysObjectID', '1.3.6.1.2.1.1.2', T.OID, d.sysObjectID);
  scalar(mib, 'sysUpTime', '1.3.6.1.2.1.1.3', T.TimeTicks, 8_640_000);
  scalar(mib, 'sysContact', '1.3.6.1.2.1.1.4', T.OctetString, d.sysContact ?? 'noc@example.invalid');
  scalar(mib, 'sysName', '1.3.6.1.2.1.1.5', T.OctetString, d.name);
  scalar(mib, 'sysLocation', '1.3.6.1.2.1.1.6', T.OctetString, d.sysLocation ?? 'Demo lab, rack 1');
  scalar(mib, 'sysServices', '1.3.6.1.2.1.1.7', T.Integer, d.sysServices);
  scalar(mib, 'snmpEngineID', '1.3.6.1.6.3.10.2.1.1', T.OctetString, Buffer.from(d.engineId, 'hex'));

  table(mib, 'ifTable', '1.3.6.1.2.1.2.2.1', [
    [1, 'ifIndex', T.Integer], [2, 'ifDescr', T.OctetString], [3, 'ifType', T.Integer], [5, 'ifSpeed', T.Gauge],
    [6, 'ifPhysAddress', T.OctetString], [7, 'ifAdminStatus', T.Integer], [8, 'ifOperStatus', T.Integer],
  ], [{ columnName: 'ifIndex' }]);
  table(mib, 'ifXTable', '1.3.6.1.2.1.31.1.1.1', [
    [1, 'ifName', T.OctetString], [15, 'ifHighSpeed', T.Gauge], [18, 'ifAlias', T.OctetString],
  ], [{ columnName: 'ifIndex', foreign: 'ifTable' }]);
  table(mib, 'ipAddrTable', '1.3.6.1.2.1.4.20.1', [
    [1, 'ipAdEntAddr', T.IpAddress], [2, 'ipAdEntIfIndex', T.Integer], [3, 'ipAdEntNetMask', T.IpAddress],
  ], [{ columnName: 'ipAdEntAddr' }]);
  for (const i of d.interfaces) {
    const speed = i.speedMbps ?? 1000;
    mib.addTableRow('ifTable', [i.ifIndex, i.descr ?? i.name, i.type ?? 6, Math.min(speed * 1_000_000, 4_294_967_295), i.mac ? mac(i.mac) : Buffer.alloc(0), 1, i.operUp === false ? 2 : 1]);
    mib.addTableRow('ifXTable', [i.ifIndex, i.name, speed, i.alias ?? '']);
    for (const ip of i.ips ?? []) mib.addTableRow('ipAddrTable', [ip.address, i.ifIndex, ip.netmask]);
  }

  if (d.entities?.length) {
    table(mib, 'entPhysicalTable', '1.3.6.1.2.1.47.1.1.1.1', [
      [1, 'entPhysicalIndex', T.Integer], [2, 'entPhysicalDescr', T.OctetString], [4, 'entPhysicalContainedIn', T.Integer],
      [5, 'entPhysicalClass', T.Integer], [7, 'entPhysicalName', T.OctetString], [8, 'entPhysicalHardwareRev', T.OctetString],
      [9, 'entPhysicalFirmwareRev', T.OctetString], [10, 'entPhysicalSoftwareRev', T.OctetString], [11, 'entPhysicalSerialNum', T.OctetString],
      [12, 'entPhysicalMfgName', T.OctetString], [13, 'entPhysicalModelName', T.OctetString],
    ], [{ columnName: 'entPhysicalIndex' }]);
    for (const e of d.entities) {
      mib.addTableRow('entPhysicalTable', [e.index, e.descr, e.containedIn, e.class, e.name, e.hardwareRev ?? '', e.firmwareRev ?? '', e.softwareRev ?? '', e.serial ?? '', e.manufacturer ?? '', e.model ?? '']);
    }
  }

  if (d.lldpLocalPorts?.length) {
    table(mib, 'lldpLocPortTable', '1.0.8802.1.1.2.1.3.7.1', [
      [1, 'lldpLocPortNum', T.Integer], [2, 'lldpLocPortIdSubtype', T.Integer], [3, 'lldpLocPortId', T.OctetString], [4, 'lldpLocPortDesc', T.OctetString],
    ], [{ columnName: 'lldpLocPortNum' }]);
    for (const p of d.lldpLocalPorts) mib.addTableRow('lldpLocPortTable', [p.portNum, 5, p.portId, p.portDesc]);
  }
  if (d.lldpNeighbours?.length) {
    table(mib, 'lldpRemTable', '1.0.8802.1.1.2.1.4.1.1', [
      [1, 'lldpRemTimeMark', T.TimeTicks], [2, 'lldpRemLocalPortNum', T.Integer], [3, 'lldpRemIndex', T.Integer],
      [4, 'lldpRemChassisIdSubtype', T.Integer], [5, 'lldpRemChassisId', T.OctetString], [6, 'lldpRemPortIdSubtype', T.Integer],
      [7, 'lldpRemPortId', T.OctetString], [8, 'lldpRemPortDesc', T.OctetString], [9, 'lldpRemSysName', T.OctetString],
    ], [{ columnName: 'lldpRemTimeMark' }, { columnName: 'lldpRemLocalPortNum' }, { columnName: 'lldpRemIndex' }]);
    d.lldpNeighbours.forEach((n, i) => {
      mib.addTableRow('lldpRemTable', [0, n.localPortNum, i + 1, 4, mac(n.chassisMac), 5, n.portId, n.portDesc ?? n.portId, n.sysName]);
    });
  }

  if (d.fdb?.length) {
    table(mib, 'dot1dBasePortTable', '1.3.6.1.2.1.17.1.4.1', [[1, 'dot1dBasePort', T.Integer], [2, 'dot1dBasePortIfIndex', T.Integer]], [{ columnName: 'dot1dBasePort' }]);
    for (const i of d.interfaces) mib.addTableRow('dot1dBasePortTable', [i.ifIndex, i.ifIndex]);
    table(mib, 'dot1dTpFdbTable', '1.3.6.1.2.1.17.4.3.1', [
      [1, 'dot1dTpFdbAddress', T.OctetString], [2, 'dot1dTpFdbPort', T.Integer], [3, 'dot1dTpFdbStatus', T.Integer],
    ], [{ columnName: 'dot1dTpFdbAddress', length: 6 }]);
    for (const f of d.fdb) mib.addTableRow('dot1dTpFdbTable', [mac(f.mac), f.port, 3]);
  }

  if (d.arp?.length) {
    table(mib, 'ipNetToMediaTable', '1.3.6.1.2.1.4.22.1', [
      [1, 'ipNetToMediaIfIndex', T.Integer], [2, 'ipNetToMediaPhysAddress', T.OctetString], [3, 'ipNetToMediaNetAddress', T.IpAddress], [4, 'ipNetToMediaType', T.Integer],
    ], [{ columnName: 'ipNetToMediaIfIndex' }, { columnName: 'ipNetToMediaNetAddress' }]);
    for (const a of d.arp) mib.addTableRow('ipNetToMediaTable', [a.ifIndex, mac(a.mac), a.ip, a.type ?? 3]);
  }

  if (d.ipAddressTable?.length) {
    table(mib, 'ipAddressTable', '1.3.6.1.2.1.4.34.1', [
      [1, 'ipAddressAddrType', T.Integer], [2, 'ipAddressAddr', T.OctetString], [3, 'ipAddressIfIndex', T.Integer], [4, 'ipAddressType', T.Integer],
      [5, 'ipAddressPrefix', T.OID], [6, 'ipAddressOrigin', T.Integer], [7, 'ipAddressStatus', T.Integer],
    ], [{ columnName: 'ipAddressAddrType' }, { columnName: 'ipAddressAddr' }]);
    for (const r of d.ipAddressTable) {
      const octets = typeof r.address === 'string' ? Buffer.from(r.address, 'latin1') : r.address;
      mib.addTableRow('ipAddressTable', [r.addrType, octets, r.ifIndex, r.type ?? 1, prefixPointer(r, octets), r.origin ?? 2, r.status ?? 1]);
    }
  }

  const hr = d.hostResources;
  if (hr) {
    scalar(mib, 'hrSystemUptime', '1.3.6.1.2.1.25.1.1', T.TimeTicks, 8_640_000);
    scalar(mib, 'hrSystemProcesses', '1.3.6.1.2.1.25.1.6', T.Gauge, hr.processes);
    scalar(mib, 'hrMemorySize', '1.3.6.1.2.1.25.2.2', T.Integer, hr.memoryKiB);
    table(mib, 'hrStorageTable', '1.3.6.1.2.1.25.2.3.1', [
      [1, 'hrStorageIndex', T.Integer], [2, 'hrStorageType', T.OID], [3, 'hrStorageDescr', T.OctetString],
      [4, 'hrStorageAllocationUnits', T.Integer], [5, 'hrStorageSize', T.Integer], [6, 'hrStorageUsed', T.Integer],
    ], [{ columnName: 'hrStorageIndex' }]);
    hr.storage.forEach((s, i) => mib.addTableRow('hrStorageTable', [i + 1, HR_STORAGE_FIXED_DISK, s.descr, 4096, Math.floor(s.sizeBytes / 4096), Math.floor(s.usedBytes / 4096)]));
    table(mib, 'hrDeviceTable', '1.3.6.1.2.1.25.3.2.1', [
      [1, 'hrDeviceIndex', T.Integer], [2, 'hrDeviceType', T.OID], [3, 'hrDeviceDescr', T.OctetString], [5, 'hrDeviceStatus', T.Integer],
    ], [{ columnName: 'hrDeviceIndex' }]);
    hr.cpus.forEach((c, i) => mib.addTableRow('hrDeviceTable', [768 + i, HR_DEVICE_PROCESSOR, c, 2]));
    table(mib, 'hrSWInstalledTable', '1.3.6.1.2.1.25.6.3.1', [
      [1, 'hrSWInstalledIndex', T.Integer], [2, 'hrSWInstalledName', T.OctetString], [3, 'hrSWInstalledID', T.OID],
      [4, 'hrSWInstalledType', T.Integer], [5, 'hrSWInstalledDate', T.OctetString],
    ], [{ columnName: 'hrSWInstalledIndex' }]);
    const date = Buffer.from([0x07, 0xe8, 3, 14, 9, 30, 0, 0]);
    hr.software.forEach((name, i) => mib.addTableRow('hrSWInstalledTable', [i + 1, name, '0.0', SW_APPLICATION, date]));
  }
}

function listening(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    try {
      socket.address();
      resolve();
      return;
    } catch {
      // Not bound yet.
    }
    socket.once('listening', () => resolve());
    socket.once('error', reject);
  });
}

export async function startDemoAgent(device: DemoDevice, options: DemoAgentOptions): Promise<DemoAgent> {
  const agent = snmp.createAgent(
    { port: options.port, address: options.host, transport: options.host.includes(':') ? 'udp6' : 'udp4', engineID: device.engineId, disableAuthorization: false },
    // Rejected requests (wrong community or user) land here; the demo just drops them, like a device.
    () => undefined,
  );
  const authorizer = agent.getAuthorizer();
  authorizer.addCommunity(options.community);
  if (options.v3User) {
    const u = options.v3User;
    authorizer.addUser({
      name: u.name,
      level: snmp.SecurityLevel.authPriv,
      authProtocol: snmp.AuthProtocols[u.authProtocol],
      authKey: u.authKey,
      privProtocol: snmp.PrivProtocols[u.privProtocol],
      privKey: u.privKey,
    });
  }
  try {
    populate(agent.getMib(), device);
    await Promise.all(Object.values(agent.listener.sockets).map(listening));
  } catch (error) {
    agent.close();
    throw error;
  }
  return {
    name: device.name,
    host: options.host,
    port: options.port,
    community: options.community,
    engineId: device.engineId,
    close: () =>
      new Promise<void>((resolve) => {
        const sockets = Object.values(agent.listener.sockets);
        let open = sockets.length;
        if (open === 0) resolve();
        agent.close(() => {
          open -= 1;
          if (open === 0) resolve();
        });
      }),
  };
}
