// Cases about what happens to devices over time and to names people type: renames, hardware
// replaced under the same name and address, laptops refreshed keeping their name, re-imaged
// machines enrolled twice, mistyped serials, NetBIOS names cut at 15 characters, factory host
// names, and switches known by their chassis MAC.
import type { RealDeviceCase } from './fixture-case.js';

const SCCM_CONFLICTS = { title: 'Duplicate computer records in SCCM: a rebuilt machine gets a new record, the old one is marked obsolete', url: 'https://project84.net/2010/11/' };

export const LIFECYCLE_CASES: readonly RealDeviceCase[] = [
  {
    id: 'renamed-server',
    behaviour: 'A server was renamed when its role changed; the CMDB and the SNMP agent use the new name, monitoring still polls it under the old one at the same address.',
    expected: 'One server.',
    references: [{ title: 'Certero: renamed computers are a common source of duplicate records', url: 'https://ai-docs.certero.com/space/CUP/118950796/Why+do+we+get+duplicate+Computer+Systems%3F+%7C+v8%2B' }],
    networks: { 'fra-dc': 'static' },
    records: [
      { source: 'cmdb', kind: 'servers_cache', nativeKey: 'a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6e6', entity: 's', assetClass: 'server', fields: { hostname: 'FRASQL0107', serial: '4KX9ZP2', vendor: 'Dell Inc.' }, nics: [['eno1', 'F8:BC:12:33:44:55', '10.20.1.107', 'fra-dc']] },
      { source: 'monitoring', kind: 'servers_cache', nativeKey: '11100', entity: 's', fields: { hostname: 'fraapp0107.corp.fieldwise-b.net' }, nics: [[null, null, '10.20.1.107', 'fra-dc']] },
      { source: 'snmp', kind: 'snmp', nativeKey: 'snmp:engine:80001f8880d0c0b0a090807060', entity: 's', fields: { hostname: 'frasql0107' }, nics: [['eno1', 'f8:bc:12:33:44:55', '10.20.1.107', 'fra-dc']] },
    ],
  },
  {
    id: 'replaced-server-same-name',
    behaviour: 'A failed server was replaced by new hardware with the same host name and address. The CMDB has the retired CI (old serial) and the new CI; monitoring and SNMP see only the new machine.',
    expected: 'Two servers: the old CI alone; the new CI with the monitoring host and the SNMP record.',
    references: [SCCM_CONFLICTS],
    networks: { 'ams-dc': 'static' },
    records: [
      { source: 'cmdb', kind: 'servers_cache', nativeKey: 'b9d1f3a5c7e9b1d3f5a7c9e1b3d5f7f7', entity: 'old', assetClass: 'server', fields: { hostname: 'AMSWEB0031', serial: '7HQ2LM1', vendor: 'Dell Inc.', model: 'PowerEdge R640' }, nics: [['eno1', 'D0:94:66:01:02:03', '10.30.0.31', 'ams-dc']], ageDays: 210 },
      { source: 'cmdb', kind: 'servers_cache', nativeKey: 'c0e2a4c6e8b0d2f4a6c8e0b2d4f6a8a8', entity: 'new', assetClass: 'server', fields: { hostname: 'AMSWEB0031', serial: '2RT8KD4', vendor: 'Dell Inc.', model: 'PowerEdge R650' }, nics: [['eno1', 'B0:83:FE:0A:0B:0C', '10.30.0.31', 'ams-dc']], ageDays: 3 },
      { source: 'monitoring', kind: 'servers_cache', nativeKey: '11200', entity: 'new', fields: { hostname: 'amsweb0031' }, nics: [[null, null, '10.30.0.31', 'ams-dc']] },
      { source: 'snmp', kind: 'snmp', nativeKey: 'snmp:engine:80001f88801f2e3d4c5b6a7988', entity: 'new', fields: { hostname: 'amsweb0031' }, nics: [['eno1', 'b0:83:fe:0a:0b:0c', '10.30.0.31', 'ams-dc']] },
    ],
  },
  {
    id: 'laptop-refresh-same-name',
    behaviour: 'A user\'s laptop was refreshed and the new one given the old host name; the endpoint tool keeps the old record (old serial, last seen months ago) next to the new one.',
    expected: 'Two laptops.',
    references: [SCCM_CONFLICTS],
    networks: { 'hq-lan': 'dhcp' },
    records: [
      { source: 'endpoint-mgmt', kind: 'desktop_cache', nativeKey: '16783001', entity: 'old', assetClass: 'workstation', fields: { hostname: 'HQL204518', serial: '5CG0113LMN', bios_uuid: '7A1B2C3D-4E5F-4061-8273-9A0B1C2D3E4F', model: 'EliteBook 840 G7' }, nics: [['Wi-Fi', '64-51-06-01-01-01', '10.64.2.12', 'hq-lan']], ageDays: 95 },
      { source: 'endpoint-mgmt', kind: 'desktop_cache', nativeKey: '16790418', entity: 'new', assetClass: 'workstation', fields: { hostname: 'HQL204518', serial: '5CG3342PQR', bios_uuid: '1F2E3D4C-5B6A-4798-8A9B-0C1D2E3F4A5B', model: 'EliteBook 840 G10' }, nics: [['Wi-Fi', '38-22-E2-02-02-02', '10.64.2.77', 'hq-lan']] },
    ],
  },
  {
    id: 'reimaged-workstation',
    behaviour: 'A workstation was re-imaged (new OS install, new client id) and renamed to the naming standard; the endpoint tool created a new record and kept the obsolete one, both with the same SMBIOS serial and UUID.',
    expected: 'One workstation.',
    references: [SCCM_CONFLICTS, { title: 'Managing conflicting records and duplicate GUIDs in ConfigMgr', url: 'https://danielssccmworld.blogspot.com/2010/09/managing-conflicting-records-and.html' }],
    networks: { 'branch-porto': 'dhcp' },
    records: [
      { source: 'endpoint-mgmt', kind: 'desktop_cache', nativeKey: '16784002', entity: 'w', assetClass: 'workstation', fields: { hostname: 'JDOE-PC', serial: '9TR4WQ2', bios_uuid: '4C4C4544-0054-5210-8034-B9C04F573132' }, nics: [['Ethernet', 'A4-BB-6D-10-20-30', '10.66.0.15', 'branch-porto']], ageDays: 60 },
      { source: 'endpoint-mgmt', kind: 'desktop_cache', nativeKey: '16791550', entity: 'w', assetClass: 'workstation', fields: { hostname: 'PORD412233', serial: '9TR4WQ2', bios_uuid: '4C4C4544-0054-5210-8034-B9C04F573132' }, nics: [['Ethernet', 'A4-BB-6D-10-20-30', '10.66.0.61', 'branch-porto']] },
    ],
  },
  {
    id: 'serial-typo',
    behaviour: 'A serial typed into the CMDB by hand with a letter O for a zero; the device itself reports the right one.',
    expected: 'One server.',
    references: [],
    noReferenceBecause: 'a general data-entry error (look-alike characters O/0, I/1); no public document is claimed for it',
    networks: { 'fra-dc': 'static' },
    records: [
      { source: 'cmdb', kind: 'servers_cache', nativeKey: 'd1f3a5c7e9b1d3f5a7c9e1b3d5f7a9b9', entity: 's', assetClass: 'server', fields: { hostname: 'FRAETL0009', serial: 'J30AB1O7', vendor: 'Lenovo' }, nics: [[null, '08:94:EF:77:88:99', '10.20.3.9', 'fra-dc']] },
      { source: 'snmp', kind: 'snmp', nativeKey: 'snmp:engine:80001f888012ab34cd56ef7890', entity: 's', fields: { hostname: 'fraetl0009', serial: 'J30AB107' }, nics: [['eno1', '08:94:ef:77:88:99', '10.20.3.9', 'fra-dc']] },
    ],
  },
  {
    id: 'netbios-name-truncated',
    behaviour: 'Windows keeps a NetBIOS name of at most 15 characters, a truncated copy of a longer DNS host name; the endpoint tool reports the NetBIOS name, the CMDB the full name.',
    expected: 'One laptop.',
    references: [{ title: 'Microsoft: computer names (NetBIOS names up to 15 bytes, a truncated DNS host name)', url: 'https://learn.microsoft.com/en-us/windows/win32/sysinfo/computer-names' }],
    networks: { 'branch-gdansk': 'dhcp' },
    records: [
      { source: 'endpoint-mgmt', kind: 'desktop_cache', nativeKey: '16785005', entity: 'l', assetClass: 'workstation', fields: { hostname: 'GDANSK-FINANCE-', fqdn: 'gdansk-finance-lt-2045.corp.fieldwise-b.net', serial: 'PF3ZQ7AB' }, nics: [['Wi-Fi', '70-CD-0D-11-22-33', '10.67.1.45', 'branch-gdansk']] },
      { source: 'cmdb', kind: 'servers_cache', nativeKey: 'e2a4c6e8b0d2f4a6c8e0b2d4f6a8c0c0', entity: 'l', assetClass: 'workstation', fields: { hostname: 'GDANSK-FINANCE-LT-2045', serial: 'PF3ZQ7AB', asset_tag: 'AT302045' }, ageDays: 30 },
    ],
  },
  {
    id: 'factory-hostname-switch',
    behaviour: 'Unconfigured Cisco IOS switches keep the factory host name "Switch"; two freshly racked switches report it over SNMP. The CMDB has one of them under its planned name and serial.',
    expected: 'Two switches; the CMDB row joins the switch with its serial.',
    references: [{ title: 'Cisco Networking Academy: the default name of a Cisco IOS switch is "Switch"', url: 'http://learning.bos-info.com/CCNA5_ITN/course/module2/2.2.1.2/2.2.1.2.html' }],
    networks: { 'oob-mgmt': 'static' },
    records: [
      { source: 'snmp', kind: 'snmp', nativeKey: 'snmp:engine:80000009030070df2f901000', entity: 'a', assetClass: 'network_device', fields: { hostname: 'Switch', vendor: 'Cisco', model: 'C9300-48P', serial: 'FOC2733X0AB' }, nics: [['Vlan1', '70:df:2f:90:10:00', '10.250.4.10', 'oob-mgmt']] },
      { source: 'snmp', kind: 'snmp', nativeKey: 'snmp:engine:80000009030070df2f902000', entity: 'b', assetClass: 'network_device', fields: { hostname: 'Switch', vendor: 'Cisco', model: 'C9300-48P', serial: 'FOC2733X0CD' }, nics: [['Vlan1', '70:df:2f:90:20:00', '10.250.4.11', 'oob-mgmt']] },
      { source: 'cmdb', kind: 'servers_cache', nativeKey: 'f3b5d7f9a1c3e5b7d9f1a3c5e7b9d1d1', entity: 'a', assetClass: 'network_device', fields: { hostname: 'HQ-SW14', serial: 'FOC2733X0AB', vendor: 'Cisco Systems' }, ageDays: 10 },
    ],
  },
  {
    id: 'switch-chassis-mac',
    behaviour: 'Switches identify themselves in LLDP by chassis id subtype 4, the base MAC; the CMDB stores that MAC, while SNMP lists the base MAC on the management VLAN and per-port MACs counting up from it.',
    expected: 'One switch.',
    references: [{ title: 'LLDP-MIB LldpChassisIdSubtype: macAddress(4), ...', url: 'https://mibs.observium.org/object/IEEE8021-CFM-MIB/dot1agCfmLtrChassisIdSubtype' }, { title: 'Brocade FastIron: devices use chassis ID subtype 4, the base MAC address', url: 'https://www.manualsdir.com/manuals/361594/brocade-fastiron-ethernet-switch-administration-guide.html?page=171' }],
    networks: { 'oob-mgmt': 'static' },
    records: [
      { source: 'cmdb', kind: 'servers_cache', nativeKey: 'a4c6e8a0c2e4b6d8f0a2c4e6b8d0f2f2', entity: 'sw', assetClass: 'network_device', fields: { hostname: 'PORTO-SW03' }, nics: [['chassis', '44:4C:A8:12:34:00']] },
      { source: 'snmp', kind: 'snmp', nativeKey: 'snmp:engine:8000757d03444ca8123400', entity: 'sw', assetClass: 'network_device', fields: { hostname: 'porto-sw03.net.fieldwise-b.net', vendor: 'Arista Networks', serial: 'JPE21440ABC' }, nics: [['Vlan1', '44:4c:a8:12:34:00', '10.250.5.3', 'oob-mgmt'], ['Ethernet1', '44:4c:a8:12:34:01'], ['Ethernet2', '44:4c:a8:12:34:02'], ['Ethernet3', '44:4c:a8:12:34:03']] },
    ],
  },
];
