// Cases about addresses: DHCP leases that move, plants built from one address plan, plant devices
// known only by address and product, drives behind one Modbus gateway address, and servers with a
// leg on several networks.
import type { RealDeviceCase } from './fixture-case.js';

const MODBUS_SPEC = { title: 'MODBUS Application Protocol Specification V1.1b3, 43/14 Read Device Identification (VendorName, ProductCode, MajorMinorRevision)', url: 'https://modbus.org/docs/Modbus_Application_Protocol_V1_1b3.pdf' };
const PLANT = { 'plant-north': 'static', 'plant-south': 'static' } as const;

export const ADDRESSING_CASES: readonly RealDeviceCase[] = [
  {
    id: 'dhcp-lease-reuse',
    behaviour: 'A desktop left the office network; its lease expired and the DHCP server gave the address to another desktop. The endpoint tool holds both records with the same address.',
    expected: 'Two desktops.',
    references: [{ title: 'RFC 2131: DHCP leases; an expired address may be allocated to another client', url: 'https://www.rfc-editor.org/rfc/rfc2131' }],
    networks: { 'hq-lan': 'dhcp' },
    records: [
      { source: 'endpoint-mgmt', kind: 'desktop_cache', nativeKey: '16782001', entity: 'gone', assetClass: 'workstation', fields: { hostname: 'HQD118820', serial: '3QWERT1' }, nics: [['Ethernet', '18-DB-F2-01-02-03', '10.64.1.20', 'hq-lan']], ageDays: 75 },
      { source: 'endpoint-mgmt', kind: 'desktop_cache', nativeKey: '16789310', entity: 'now', assetClass: 'workstation', fields: { hostname: 'HQD220417', serial: '8ZXCVB2' }, nics: [['Ethernet', '18-DB-F2-04-05-06', '10.64.1.20', 'hq-lan']] },
    ],
  },
  {
    id: 'same-address-two-plants',
    behaviour: 'Two plants built from one template use the same private address plan (RFC 1918 space is reused freely); the same PLC model sits at 192.168.11.11 on both.',
    expected: 'Two PLCs; on each plant the seed-list row and the Modbus answer are one device.',
    references: [{ title: 'RFC 1918: private address space, usable by any enterprise without coordination', url: 'https://www.rfc-editor.org/rfc/rfc1918' }, MODBUS_SPEC],
    networks: PLANT,
    records: [
      { source: 'ot-seed-list', kind: 'servers_cache', nativeKey: 'NORTH-PLC-L1-01', entity: 'north', assetClass: 'plc', fields: { vendor: 'Schneider', model: 'BMEP582040' }, nics: [[null, null, '192.168.11.11', 'plant-north']], ageDays: 180 },
      { source: 'ot-seed-list', kind: 'servers_cache', nativeKey: 'SOUTH-PLC-L1-01', entity: 'south', assetClass: 'plc', fields: { vendor: 'Schneider', model: 'BMEP582040' }, nics: [[null, null, '192.168.11.11', 'plant-south']], ageDays: 180 },
      { source: 'modbus', kind: 'modbus', nativeKey: 'modbus:plant-north:192.168.11.11:255', entity: 'north', fields: { vendor: 'Schneider Electric', model: 'BMEP582040', firmware: 'v3.20', modbus_unit: 255 }, nics: [[null, null, '192.168.11.11', 'plant-north']] },
      { source: 'modbus', kind: 'modbus', nativeKey: 'modbus:plant-south:192.168.11.11:255', entity: 'south', fields: { vendor: 'Schneider Electric', model: 'BMEP582040', firmware: 'v3.20', modbus_unit: 255 }, nics: [[null, null, '192.168.11.11', 'plant-south']] },
    ],
  },
  {
    id: 'static-plant-address-and-product',
    behaviour: 'A PLC known to the engineering seed list (address, vendor abbreviation, order number), to Modbus device identification (VendorName, ProductCode = catalogue number) and to SNMP (MAC, sysDescr). On a static plant network the address plus product is what ties them.',
    expected: 'One PLC.',
    references: [MODBUS_SPEC, { title: 'Schneider Electric: Read Device Identification, ProductCode identical to the catalogue number', url: 'https://www.productinfo.schneider-electric.com/em3100_em3200_em3300_em3400_em3700/em3100_em3200_em3300_em3400_em3700-user-manual/EM3100_EM3200_EM3300_EM3400_EM3700%20User%20Manual/English/BM_EM3100_EM3200_EM3300_EM3400_EM3700_SeriesUserManual_DD00742375.ditamap.xml/$/C_ReadDeviceIdentification_DD00754415' }],
    networks: PLANT,
    records: [
      { source: 'ot-seed-list', kind: 'servers_cache', nativeKey: 'NORTH-PLC-L3-04', entity: 'plc', assetClass: 'plc', fields: { vendor: 'Schneider', model: 'Modicon M580 BMEP582040', location: 'plant-north / line 3' }, nics: [[null, null, '192.168.13.14', 'plant-north']], ageDays: 180 },
      { source: 'modbus', kind: 'modbus', nativeKey: 'modbus:plant-north:192.168.13.14:255', entity: 'plc', fields: { vendor: 'Schneider Electric', model: 'BMEP582040', firmware: 'v3.20', modbus_unit: 255 }, nics: [[null, null, '192.168.13.14', 'plant-north']] },
      { source: 'snmp', kind: 'snmp', nativeKey: 'snmp:engine:80000ef90300800f4a1b2c3', entity: 'plc', fields: { description: 'Schneider Electric Modicon M580 BMEP582040', vendor: 'Schneider Electric' }, nics: [['ETH1', '00:80:f4:a1:b2:c3', '192.168.13.14', 'plant-north']] },
    ],
  },
  {
    id: 'modbus-gateway-units',
    behaviour: 'Three drives on RS-485 behind one Modbus TCP gateway share its IP address; the unit identifier routes each request to one drive. The seed list lists them with the gateway address and their Modbus address.',
    expected: 'Four devices: the gateway (SNMP) and three drives, each drive\'s seed-list row joined with its own unit.',
    references: [{ title: 'Modbus TCP unit id routes requests to RTU slaves behind a gateway (one IP, many devices)', url: 'https://industrialmonitordirect.com/blogs/knowledgebase/modbus-tcp-unit-id-configuration-for-rtu-to-tcp-gateway' }, { title: 'Suricata modbus keyword: the unit identifier addresses a slave behind a bridge or gateway', url: 'http://77.39.107.64:3000/aiden/suricata/blame/commit/a5572890a9be85cf790687d53826e878e1d64245/doc/userguide/rules/modbus-keyword.rst' }, MODBUS_SPEC],
    networks: PLANT,
    records: [
      { source: 'snmp', kind: 'snmp', nativeKey: 'snmp:engine:800021f30300090e8112233', entity: 'gw', assetClass: 'network_device', fields: { hostname: 'gw-l2-01', vendor: 'Moxa', model: 'MGate MB3180' }, nics: [['LAN', '00:90:e8:11:22:33', '192.168.12.201', 'plant-north']] },
      ...[1, 2, 3].flatMap((unit) => [
        { source: 'ot-seed-list', kind: 'servers_cache' as const, nativeKey: `NORTH-DS-L2-0${unit}`, entity: `drive${unit}`, assetClass: 'drive' as const, fields: { vendor: 'Schneider', model: unit === 3 ? 'ATV320U15N4B' : 'ATV630D15N4' }, nics: [[null, null, '192.168.12.201', 'plant-north'] as const], tags: { modbus_address: String(unit) }, ageDays: 180 },
        { source: 'modbus', kind: 'modbus' as const, nativeKey: `modbus:plant-north:192.168.12.201:${unit}`, entity: `drive${unit}`, fields: { vendor: 'Schneider Electric', model: unit === 3 ? 'ATV320U15N4B' : 'ATV630D15N4', firmware: 'V3.3IE50', modbus_unit: unit }, nics: [[null, null, '192.168.12.201', 'plant-north'] as const] },
      ]),
    ],
  },
  {
    id: 'multi-homed-server',
    behaviour: 'A database server with legs on the data-centre, storage and backup networks: the CMDB lists all three NICs, monitoring polls the production address, the SNMP agent answers on the backup network.',
    expected: 'One server.',
    references: [{ title: 'RFC 1122 §3.3.4: multihomed hosts have several IP addresses, one per interface', url: 'https://www.rfc-editor.org/rfc/rfc1122#section-3.3.4' }],
    networks: { 'fra-dc': 'static', 'fra-dc-storage': 'static', 'fra-dc-backup': 'static' },
    records: [
      { source: 'cmdb', kind: 'servers_cache', nativeKey: 'f7b9d1f3a5c7e9b1d3f5a7c9e1b3d5d5', entity: 's', assetClass: 'server', fields: { hostname: 'FRASQL0042', serial: 'CZJ1234ABC', vendor: 'HPE' }, nics: [['eno1', '94:40:C9:10:00:01', '10.20.0.42', 'fra-dc'], ['ens2f0', '94:40:C9:10:00:02', '10.21.0.42', 'fra-dc-storage'], ['ens2f1', '94:40:C9:10:00:03', '10.22.0.42', 'fra-dc-backup']] },
      { source: 'monitoring', kind: 'servers_cache', nativeKey: '11000', entity: 's', fields: { hostname: 'frasql0042.corp.fieldwise-b.net' }, nics: [[null, null, '10.20.0.42', 'fra-dc']] },
      { source: 'snmp', kind: 'snmp', nativeKey: 'snmp:engine:80001f888077665544332211', entity: 's', fields: { hostname: 'frasql0042' }, nics: [['ens2f1', '94:40:c9:10:00:03', '10.22.0.42', 'fra-dc-backup']] },
    ],
  },
];
