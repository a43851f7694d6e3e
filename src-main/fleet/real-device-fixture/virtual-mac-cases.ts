// Cases where one MAC address is carried by several real devices by design: first-hop redundancy
// virtual MACs, HA cluster MACs, container MACs derived from addresses, host-only adapters,
// hypervisor MAC pools and docking stations.
import type { RealDeviceCase } from './fixture-case.js';

const RFC_5798 = { title: 'RFC 5798 §7.3, VRRP virtual router MAC address 00-00-5E-00-01-{VRID}', url: 'https://www.rfc-editor.org/rfc/rfc5798#section-7.3' };

export const VIRTUAL_MAC_CASES: readonly RealDeviceCase[] = [
  {
    id: 'vrrp-router-pair',
    behaviour: 'Both routers of a VRRP group carry the virtual router MAC 00:00:5e:00:01:01 (VRID 1) besides their own interfaces.',
    expected: 'Two routers; each router\'s SNMP record and CMDB row are one asset.',
    references: [RFC_5798, { title: 'HPE Aruba: VRRP virtual router MAC = 00-00-5E-00-01-<VRID>', url: 'https://techhub.hpe.com/eginfolib/Aruba/16.06/5200-4824/s_Virtual_Router_MAC_Address_0598.html' }],
    networks: { 'oob-mgmt': 'static', 'branch-lyon': 'dhcp' },
    records: [
      { source: 'snmp', kind: 'snmp', nativeKey: 'snmp:engine:80000a4c033c6104aa0001', entity: 'rt01a', assetClass: 'network_device', fields: { hostname: 'lyon-rt01a', vendor: 'Juniper Networks', model: 'SRX1500', serial: 'JN11F2AB3AFC' }, nics: [['ge-0/0/0', '3c:61:04:aa:00:01', '10.250.0.11', 'oob-mgmt'], ['irb.10', '00:00:5e:00:01:01', '10.65.0.1', 'branch-lyon']] },
      { source: 'snmp', kind: 'snmp', nativeKey: 'snmp:engine:80000a4c033c6104bb0001', entity: 'rt01b', assetClass: 'network_device', fields: { hostname: 'lyon-rt01b', vendor: 'Juniper Networks', model: 'SRX1500', serial: 'JN11F2CC7AFC' }, nics: [['ge-0/0/0', '3c:61:04:bb:00:01', '10.250.0.12', 'oob-mgmt'], ['irb.10', '00:00:5e:00:01:01', '10.65.0.1', 'branch-lyon']] },
      { source: 'cmdb', kind: 'servers_cache', nativeKey: '5f1c0a9e2b7d4c1e8f3a6b2d9c4e7f10', entity: 'rt01a', assetClass: 'network_device', fields: { hostname: 'LYON-RT01A', serial: 'JN11F2AB3AFC', vendor: 'Juniper' }, nics: [[null, null, '10.250.0.11', 'oob-mgmt']], ageDays: 5 },
      { source: 'cmdb', kind: 'servers_cache', nativeKey: '0b3e7c2a9d1f4e6b8a5c2d7e9f1a3b40', entity: 'rt01b', assetClass: 'network_device', fields: { hostname: 'LYON-RT01B', serial: 'JN11F2CC7AFC', vendor: 'Juniper' }, nics: [[null, null, '10.250.0.12', 'oob-mgmt']], ageDays: 5 },
    ],
  },
  {
    id: 'keepalived-vrid-51',
    behaviour: 'keepalived with use_vmac creates a vrrp.<VRID> interface with the VRRP MAC; its sample configuration uses virtual_router_id 51, so unrelated clusters in different data centres carry 00:00:5e:00:01:33.',
    expected: 'Two unrelated servers; each server\'s CMDB row and SNMP record are one asset.',
    references: [RFC_5798, { title: 'keepalived sample configuration (virtual_router_id 51)', url: 'https://github.com/acassen/keepalived/blob/master/doc/samples/keepalived.conf.sample' }],
    networks: { 'fra-dc': 'static', 'ams-dc': 'static' },
    records: [
      { source: 'cmdb', kind: 'servers_cache', nativeKey: '9a0e4b2c6d8f1a3c5e7b9d0f2a4c6e81', entity: 'fralb01', assetClass: 'server', fields: { hostname: 'fralb01', serial: 'J30K7M2Q', vendor: 'Lenovo' }, nics: [['eno1', '08:94:ef:12:34:56', '10.20.1.20', 'fra-dc'], ['vrrp.51', '00:00:5e:00:01:33', '10.20.1.200', 'fra-dc']] },
      { source: 'cmdb', kind: 'servers_cache', nativeKey: '1c3e5a7b9d0f2e4a6c8b0d1f3a5c7e92', entity: 'amslb07', assetClass: 'server', fields: { hostname: 'amslb07', serial: 'S123456789', vendor: 'Supermicro' }, nics: [['eno1', 'ac:1f:6b:0a:0b:0c', '10.30.4.7', 'ams-dc'], ['vrrp.51', '00:00:5e:00:01:33', '10.30.4.200', 'ams-dc']] },
      { source: 'snmp', kind: 'snmp', nativeKey: 'snmp:engine:80001f8880a1b2c3d4e5f60718', entity: 'fralb01', fields: { hostname: 'fralb01' }, nics: [['eno1', '08:94:ef:12:34:56', '10.20.1.20', 'fra-dc'], ['vrrp.51', '00:00:5e:00:01:33', null, null]] },
      { source: 'snmp', kind: 'snmp', nativeKey: 'snmp:engine:80001f888011223344556677', entity: 'amslb07', fields: { hostname: 'amslb07' }, nics: [['eno1', 'ac:1f:6b:0a:0b:0c', '10.30.4.7', 'ams-dc'], ['vrrp.51', '00:00:5e:00:01:33', null, null]] },
    ],
  },
  {
    id: 'hsrp-group-1-two-sites',
    behaviour: 'HSRP version 1 uses 0000.0c07.acXX with XX the group number; group 1 is configured at both sites, so four routers carry 00:00:0c:07:ac:01.',
    expected: 'Four routers, one asset each (the CMDB rows join their own router by serial).',
    references: [{ title: 'RFC 2281 (HSRP), virtual MAC 0000.0c07.acXX', url: 'https://www.rfc-editor.org/rfc/rfc2281' }, { title: 'CISCO-HSRP-MIB cHsrpGrpVirtualMacAddr: 00:00:0c:07:ac:00 to 00:00:0c:07:ac:ff', url: 'http://mib-explorer.com/en/mib/oid/1.3.6.1.4.1.9.9.106.1.2.1.1.16' }],
    networks: { 'oob-mgmt': 'static' },
    records: [
      { source: 'snmp', kind: 'snmp', nativeKey: 'snmp:engine:800000090300f87b20000101', entity: 'hq-rt01a', fields: { hostname: 'hq-rt01a', vendor: 'Cisco', serial: 'FDO2231A0QX' }, nics: [['Gi0/0/0', 'f8:7b:20:00:01:01', '10.250.1.1', 'oob-mgmt'], ['Vlan10', '00:00:0c:07:ac:01', null, null]] },
      { source: 'snmp', kind: 'snmp', nativeKey: 'snmp:engine:800000090300f87b20000201', entity: 'hq-rt01b', fields: { hostname: 'hq-rt01b', vendor: 'Cisco', serial: 'FDO2231A0RB' }, nics: [['Gi0/0/0', 'f8:7b:20:00:02:01', '10.250.1.2', 'oob-mgmt'], ['Vlan10', '00:00:0c:07:ac:01', null, null]] },
      { source: 'snmp', kind: 'snmp', nativeKey: 'snmp:engine:800000090300001b54000301', entity: 'porto-rt01a', fields: { hostname: 'porto-rt01a', vendor: 'Cisco', serial: 'FDO2419B1KP' }, nics: [['Gi0/0/0', '00:1b:54:00:03:01', '10.250.2.1', 'oob-mgmt'], ['Vlan10', '00:00:0c:07:ac:01', null, null]] },
      { source: 'snmp', kind: 'snmp', nativeKey: 'snmp:engine:800000090300001b54000401', entity: 'porto-rt01b', fields: { hostname: 'porto-rt01b', vendor: 'Cisco', serial: 'FDO2419B1KT' }, nics: [['Gi0/0/0', '00:1b:54:00:04:01', '10.250.2.2', 'oob-mgmt'], ['Vlan10', '00:00:0c:07:ac:01', null, null]] },
      { source: 'cmdb', kind: 'servers_cache', nativeKey: '2d4f6a8c0e1b3d5f7a9c1e2b4d6f8a03', entity: 'hq-rt01a', assetClass: 'network_device', fields: { hostname: 'HQ-RT01A', serial: 'FDO2231A0QX', vendor: 'Cisco Systems' }, ageDays: 20 },
      { source: 'cmdb', kind: 'servers_cache', nativeKey: '3e5a7c9e1f2d4b6a8c0e2f4a6b8d0c14', entity: 'porto-rt01a', assetClass: 'network_device', fields: { hostname: 'PORTO-RT01A', serial: 'FDO2419B1KP', vendor: 'Cisco Systems' }, ageDays: 20 },
    ],
  },
  {
    id: 'hsrp-v2-pair',
    behaviour: 'HSRP version 2 uses 0000.0c9f.fXXX (XXX the group in hex); both routers of group 10 carry 00:00:0c:9f:f0:0a.',
    expected: 'Two routers; the monitoring host of each joins its SNMP record by name and address.',
    references: [{ title: 'HSRP v1 0000.0C07.ACxx and v2 0000.0C9F.FXXX virtual MACs', url: 'https://algoholic.io/discussions/which-span-classfont-semiboldthreespan-statements-ab-86837' }],
    networks: { 'oob-mgmt': 'static' },
    records: [
      { source: 'snmp', kind: 'snmp', nativeKey: 'snmp:engine:80000009030070df2f550001', entity: 'a', fields: { hostname: 'fra-rt02a', vendor: 'Cisco', serial: 'FDO2502C0AA' }, nics: [['Gi0/0/0', '70:df:2f:55:00:01', '10.250.0.21', 'oob-mgmt'], ['Vlan20', '00:00:0c:9f:f0:0a', null, null]] },
      { source: 'snmp', kind: 'snmp', nativeKey: 'snmp:engine:80000009030070df2f560001', entity: 'b', fields: { hostname: 'fra-rt02b', vendor: 'Cisco', serial: 'FDO2502C0AB' }, nics: [['Gi0/0/0', '70:df:2f:56:00:01', '10.250.0.22', 'oob-mgmt'], ['Vlan20', '00:00:0c:9f:f0:0a', null, null]] },
      { source: 'monitoring', kind: 'servers_cache', nativeKey: '10311', entity: 'a', assetClass: 'network_device', fields: { hostname: 'fra-rt02a.net.fieldwise-b.net' }, nics: [[null, null, '10.250.0.21', 'oob-mgmt']] },
      { source: 'monitoring', kind: 'servers_cache', nativeKey: '10312', entity: 'b', assetClass: 'network_device', fields: { hostname: 'fra-rt02b.net.fieldwise-b.net' }, nics: [[null, null, '10.250.0.22', 'oob-mgmt']] },
    ],
  },
  {
    id: 'fortigate-ha-group-0',
    behaviour: 'FortiGate HA clusters give the primary\'s interfaces virtual MACs 00-09-0f-09-<group id>-<vcluster><index>; two clusters left at group id 0 on different sites carry the same MACs (Fortinet warns of the conflict when they share a broadcast domain).',
    expected: 'Four firewalls, one asset each, told apart by serial and management MAC.',
    references: [{ title: 'FortiOS HA: how the virtual MAC address is determined', url: 'https://help.fortinet.com/fos50hlp/50/FortiOS%205.0%20Help/HA_failover.086.024.html' }, { title: 'FortiGate administration guide: cluster virtual MAC addresses', url: 'https://docs.fortinet.com/document/fortigate/7.2.10/administration-guide/564710' }],
    networks: { 'oob-mgmt': 'static' },
    records: ['fw01a', 'fw01b', 'fw02a', 'fw02b'].map((name, i) => ({
      source: 'snmp',
      kind: 'snmp' as const,
      nativeKey: `snmp:engine:8000304403906cac0${i}0000`,
      entity: name,
      assetClass: 'firewall' as const,
      fields: { hostname: `${i < 2 ? 'fra' : 'gdansk'}-${name}`, vendor: 'Fortinet', model: 'FortiGate 200F', serial: `FG2H0FT92100${4711 + i}` },
      nics: [['mgmt', `90:6c:ac:0${i}:00:00`, `10.250.3.${10 + i}`, 'oob-mgmt'], ['port1', '00:09:0f:09:00:00'], ['port2', '00:09:0f:09:00:01'], ['port3', '00:09:0f:09:00:02']],
    })),
  },
  {
    id: 'docker-container-mac',
    behaviour: 'Docker derives a container\'s MAC from its IP (02:42:ac:11:00:02 for 172.17.0.2) and gives every docker0 bridge 172.17.0.1; host inventories that attach container endpoints to the host show the same MAC and addresses on unrelated hosts.',
    expected: 'Two hosts; each host\'s CMDB row and monitoring host are one asset.',
    references: [{ title: 'moby/moby#9948: MAC generated from the IP, range 02:42:ac:11:00:00 to 02:42:ac:11:ff:ff', url: 'https://github.com/moby/moby/pull/9948' }, { title: 'moby/libnetwork#274: generate container MAC address based on IP', url: 'https://github.com/moby/libnetwork/pull/274' }],
    networks: { 'fra-dc': 'static' },
    records: [
      { source: 'cmdb', kind: 'servers_cache', nativeKey: '4f6b8d0a2c3e5a7c9e1b3d5f7a9c1e25', entity: 'k8s01', assetClass: 'virtual_machine', fields: { hostname: 'FRAK8S0001', serial: 'VMware-42 11 22 33 44 55 66 77-88 99 aa bb cc dd ee 01' }, nics: [['ens192', '00:50:56:80:11:01', '10.20.2.11', 'fra-dc'], ['docker0', '02:42:5b:1e:77:a0', '172.17.0.1', 'fra-dc'], ['container-1', '02:42:ac:11:00:02', '172.17.0.2', 'fra-dc']] },
      { source: 'cmdb', kind: 'servers_cache', nativeKey: '5a7c9e1b3d5f7a9c1e2b4d6f8a0c2e36', entity: 'ci02', assetClass: 'virtual_machine', fields: { hostname: 'FRACI0002', serial: 'VMware-42 11 22 33 44 55 66 77-88 99 aa bb cc dd ee 02' }, nics: [['ens192', '00:50:56:80:11:02', '10.20.2.12', 'fra-dc'], ['docker0', '02:42:c4:09:13:5d', '172.17.0.1', 'fra-dc'], ['container-1', '02:42:ac:11:00:02', '172.17.0.2', 'fra-dc']] },
      { source: 'monitoring', kind: 'servers_cache', nativeKey: '10400', entity: 'k8s01', fields: { hostname: 'frak8s0001.corp.fieldwise-b.net' }, nics: [[null, null, '10.20.2.11', 'fra-dc']] },
      { source: 'monitoring', kind: 'servers_cache', nativeKey: '10401', entity: 'ci02', fields: { hostname: 'fraci0002' }, nics: [[null, null, '10.20.2.12', 'fra-dc']] },
    ],
  },
  {
    id: 'virtualbox-host-only',
    behaviour: 'VirtualBox\'s first host-only adapter (vboxnet0 / "VirtualBox Host-Only Network") has 0a:00:27:00:00:00 and 192.168.56.1 on every host that has one.',
    expected: 'Two developer laptops; the CMDB row of one joins its endpoint record by serial.',
    references: [{ title: 'VirtualBox manual: host-only networking (host interface 192.168.56.1 by default)', url: 'https://www.virtualbox.org/manual/ch06.html#network_hostonly' }, { title: 'VirtualBox network types: host-only adapter at 192.168.56.1', url: 'http://sqlsolace.blogspot.com/2011/04/virtualbox-network-types.html' }],
    networks: { 'hq-lan': 'dhcp', 'branch-porto': 'dhcp' },
    records: [
      { source: 'endpoint-mgmt', kind: 'desktop_cache', nativeKey: '16779001', entity: 'dev1', assetClass: 'workstation', fields: { hostname: 'HQL204518', serial: '5CG2281QXT', bios_uuid: 'B4A48E11-2A08-46C4-8FF0-D16986B24F98' }, nics: [['Wi-Fi', 'A4-C3-F0-11-22-33', '10.64.2.40', 'hq-lan'], ['VirtualBox Host-Only Network', '0A-00-27-00-00-00', '192.168.56.1', 'hq-lan']] },
      { source: 'endpoint-mgmt', kind: 'desktop_cache', nativeKey: '16779044', entity: 'dev2', assetClass: 'workstation', fields: { hostname: 'PORL311907', serial: 'PF3KX2QA', bios_uuid: '6F1D2E3C-4B5A-4978-8675-A1B2C3D4E5F6' }, nics: [['Wi-Fi', '3C-A9-F4-44-55-66', '10.66.0.77', 'branch-porto'], ['VirtualBox Host-Only Network', '0A-00-27-00-00-00', '192.168.56.1', 'branch-porto']] },
      { source: 'cmdb', kind: 'servers_cache', nativeKey: '6b8d0a2c4e6f8a0c2e4b6d8f0a2c4e47', entity: 'dev1', assetClass: 'workstation', fields: { hostname: 'HQL204518', serial: '5CG2281QXT', asset_tag: 'AT204518' }, ageDays: 40 },
    ],
  },
  {
    id: 'hyperv-mac-pool-collision',
    behaviour: 'Hyper-V builds its dynamic MAC pool from 00-15-5D and the last two octets of the host\'s address at install time; two hosts installed with the same address tail hand out the same MACs to their VMs.',
    expected: 'Two VMs on two hosts share 00:15:5d:01:85:00 and stay two assets.',
    references: [{ title: 'Hyper-V: MAC address allocation and the collisions it can cause (John Howard)', url: 'https://docs.microsoft.com/en-us/archive/blogs/jhoward/hyper-v-mac-address-allocation-and-apparent-network-issues-mac-collisions-can-cause' }, { title: 'Dealing with MAC address pool duplication in Hyper-V', url: 'https://techgenix.com/mac-address-pool-duplication-hyper-v/' }],
    networks: { 'fra-dc': 'static', 'ams-dc': 'static' },
    records: [
      { source: 'cmdb', kind: 'servers_cache', nativeKey: '7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b58', entity: 'vm-a', assetClass: 'server', fields: { hostname: 'FRAMQ0031', serial: '2316-8530-2415-5624-7201-4361-24', vendor: 'Microsoft Corporation', model: 'Virtual Machine' }, nics: [['Ethernet', '00:15:5D:01:85:00', '10.20.5.31', 'fra-dc']] },
      { source: 'cmdb', kind: 'servers_cache', nativeKey: '8d0a2c4e6b8d0f2a4c6e8b0d2f4a6c69', entity: 'vm-b', assetClass: 'server', fields: { hostname: 'AMSLOG0007', serial: '7781-0049-3312-9905-6143-2287-11', vendor: 'Microsoft Corporation', model: 'Virtual Machine' }, nics: [['Ethernet', '00:15:5D:01:85:00', '10.30.9.7', 'ams-dc']] },
      { source: 'monitoring', kind: 'servers_cache', nativeKey: '10500', entity: 'vm-a', fields: { hostname: 'framq0031' }, nics: [[null, '00:15:5d:01:85:00', '10.20.5.31', 'fra-dc']] },
      { source: 'monitoring', kind: 'servers_cache', nativeKey: '10501', entity: 'vm-b', fields: { hostname: 'amslog0007' }, nics: [[null, '00:15:5d:01:85:00', '10.30.9.7', 'ams-dc']] },
    ],
  },
  {
    id: 'hot-desk-dock',
    behaviour: 'USB-C docks have their own Ethernet MAC; without MAC address pass-through every laptop docked at a hot desk shows the dock\'s MAC (Dell documents pass-through precisely because of this).',
    expected: 'Three laptops at different times on one dock: three assets.',
    references: [{ title: 'Dell: What is MAC address pass-through', url: 'https://www.dell.com/support/kbdoc/en-us/000143263/what-is-mac-address-pass-through' }],
    networks: { 'hq-lan': 'dhcp' },
    records: [
      { source: 'endpoint-mgmt', kind: 'desktop_cache', nativeKey: '16780010', entity: 'l1', assetClass: 'workstation', fields: { hostname: 'HQL300101', serial: '7XK2QH3', bios_uuid: '4C4C4544-0037-5810-8032-B7C04F4B3233' }, nics: [['Wi-Fi', 'A4-C3-F0-00-00-01'], ['Ethernet 2', '00-E0-4C-68-01-23', '10.64.3.20', 'hq-lan']], ageDays: 9 },
      { source: 'endpoint-mgmt', kind: 'desktop_cache', nativeKey: '16780027', entity: 'l2', assetClass: 'workstation', fields: { hostname: 'HQL300188', serial: '9BZ4RT1', bios_uuid: '4C4C4544-0042-3910-8054-C3C04F4B5A31' }, nics: [['Wi-Fi', 'A4-C3-F0-00-00-02'], ['Ethernet 2', '00-E0-4C-68-01-23', '10.64.3.57', 'hq-lan']], ageDays: 4 },
      { source: 'endpoint-mgmt', kind: 'desktop_cache', nativeKey: '16780031', entity: 'l3', assetClass: 'workstation', fields: { hostname: 'HQL300204', serial: 'C1MN8W2', bios_uuid: '4C4C4544-0031-4A10-8047-B2C04F4C4D32' }, nics: [['Wi-Fi', 'A4-C3-F0-00-00-03'], ['Ethernet 2', '00-E0-4C-68-01-23', '10.64.3.20', 'hq-lan']], ageDays: 1 },
    ],
  },
];
