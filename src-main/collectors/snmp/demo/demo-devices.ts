// The devices of the demo network: two switches that see each other over LLDP, a router with an
// ARP table, a Linux server with installed software, and an APC UPS. Addresses are documentation
// ranges; nothing here is ever contacted — only the agents' loopback sockets are.
import type { DemoDevice, DemoInterface } from './demo-device.js';

export const DEMO_MACS = {
  sw1: '02:00:5e:10:00:01',
  sw2: '02:00:5e:10:00:02',
  router: '02:00:5e:10:00:03',
  server: '02:00:5e:10:00:04',
  ups: '02:00:5e:10:00:05',
} as const;

function portMac(base: string, port: number): string {
  return `${base.slice(0, 12)}${port.toString(16).padStart(2, '0')}:${base.slice(-2)}`;
}

export function switchPorts(baseMac: string, count: number): DemoInterface[] {
  return Array.from({ length: count }, (_, i) => ({
    ifIndex: i + 1,
    name: `Gi1/0/${i + 1}`,
    descr: `GigabitEthernet1/0/${i + 1}`,
    mac: portMac(baseMac, i + 1),
    speedMbps: 1000,
    operUp: i < 8,
  }));
}

export function demoSwitch(name: 'sw1' | 'sw2', ports = 24): DemoDevice {
  const other = name === 'sw1' ? 'sw2' : 'sw1';
  const uplink = ports; // last port is the inter-switch link
  return {
    name: `${name}.demo.lan`,
    sysDescr: 'Cisco IOS Software, C2960X Software (C2960X-UNIVERSALK9-M), Version 15.2(7)E4, RELEASE SOFTWARE (fc2)',
    sysObjectID: '1.3.6.1.4.1.9.1.1208',
    sysServices: 2,
    engineId: name === 'sw1' ? '800000090300025e100001' : '800000090300025e100002',
    interfaces: [
      ...switchPorts(DEMO_MACS[name], ports),
      { ifIndex: 100, name: 'Vlan10', type: 53, mac: DEMO_MACS[name], ips: [{ address: name === 'sw1' ? '192.0.2.11' : '192.0.2.12', netmask: '255.255.255.0' }] },
    ],
    entities: [
      { index: 1, descr: 'WS-C2960X-24TS-L chassis', containedIn: 0, class: 3, name: 'Switch 1', hardwareRev: 'V05', firmwareRev: '15.2(7)E4', serial: name === 'sw1' ? 'FOC2101X0AA' : 'FOC2101X0BB', manufacturer: 'Cisco', model: 'WS-C2960X-24TS-L' },
      { index: 1001, descr: 'Power supply', containedIn: 1, class: 6, name: 'PS-1', serial: name === 'sw1' ? 'LIT2101PS1' : 'LIT2101PS2', model: 'PWR-C2-250WAC' },
    ],
    lldpLocalPorts: [{ portNum: uplink, portId: `Gi1/0/${uplink}`, portDesc: `Gi1/0/${uplink}` }],
    lldpNeighbours: [{ localPortNum: uplink, chassisMac: DEMO_MACS[other], portId: `Gi1/0/${uplink}`, sysName: `${other}.demo.lan` }],
    fdb:
      name === 'sw1'
        ? [
            { mac: DEMO_MACS.server, port: 1 },
            { mac: DEMO_MACS.ups, port: 2 },
            { mac: DEMO_MACS.router, port: uplink },
            { mac: DEMO_MACS.sw2, port: uplink },
          ]
        : [
            { mac: DEMO_MACS.router, port: 1 },
            { mac: DEMO_MACS.server, port: uplink },
            { mac: DEMO_MACS.ups, port: uplink },
          ],
  };
}

export function demoRouter(): DemoDevice {
  return {
    name: 'rtr1.demo.lan',
    sysDescr: 'Juniper Networks, Inc. srx300 internet router, kernel JUNOS 21.4R3-S4',
    sysObjectID: '1.3.6.1.4.1.2636.1.1.1.2.133',
    sysServices: 6,
    engineId: '80000a4c0300025e100003',
    interfaces: [
      { ifIndex: 1, name: 'ge-0/0/0', mac: DEMO_MACS.router, speedMbps: 1000, ips: [{ address: '192.0.2.1', netmask: '255.255.255.0' }] },
      { ifIndex: 2, name: 'ge-0/0/1', mac: '02:00:5e:10:00:13', speedMbps: 1000, ips: [{ address: '198.51.100.2', netmask: '255.255.255.252' }] },
    ],
    entities: [{ index: 1, descr: 'SRX300', containedIn: 0, class: 3, name: 'Chassis', serial: 'CV4019AF0123', manufacturer: 'Juniper Networks', model: 'SRX300', firmwareRev: '21.4R3-S4' }],
    arp: [
      { ifIndex: 1, ip: '192.0.2.11', mac: DEMO_MACS.sw1 },
      { ifIndex: 1, ip: '192.0.2.12', mac: DEMO_MACS.sw2 },
      { ifIndex: 1, ip: '192.0.2.20', mac: DEMO_MACS.server },
      { ifIndex: 1, ip: '192.0.2.30', mac: DEMO_MACS.ups },
    ],
  };
}

/** As Debian's snmpd lists dpkg packages: name_version_architecture. */
export const DEMO_SERVER_SOFTWARE = [
  'openssh-server_1:9.2p1-2+deb12u3_amd64',
  'nginx_1.22.1-9+deb12u1_amd64',
  'postgresql-15_15.6-0+deb12u1_amd64',
  'python3_3.11.2-1+b1_amd64',
  'snmpd_5.9.3+dfsg-2_amd64',
  'binutils-x86-64-linux-gnu_2.40-2_amd64',
  'libstdc++6_12.2.0-14+deb12u1_amd64',
  'ca-certificates_20230311_all',
];

export function demoServer(options: { interfaces?: number; software?: number } = {}): DemoDevice {
  const nics = Math.max(1, options.interfaces ?? 2);
  const software = options.software
    ? Array.from({ length: options.software }, (_, i) => DEMO_SERVER_SOFTWARE[i] ?? `demo-package-${i}_1.${i % 10}.${i % 7}-1_amd64`)
    : DEMO_SERVER_SOFTWARE;
  return {
    name: 'srv1.demo.lan',
    sysDescr: 'Linux srv1 6.1.0-18-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01) x86_64',
    sysObjectID: '1.3.6.1.4.1.8072.3.2.10',
    sysServices: 72,
    engineId: '80001f8880a1b2c3d4e5f60708',
    interfaces: Array.from({ length: nics }, (_, i) => ({
      ifIndex: i + 1,
      name: i === 0 ? 'eno1' : `ens${i + 1}`,
      mac: i === 0 ? DEMO_MACS.server : `02:00:5e:20:${Math.floor(i / 256).toString(16).padStart(2, '0')}:${(i % 256).toString(16).padStart(2, '0')}`,
      speedMbps: 10000,
      ...(i === 0 ? { ips: [{ address: '192.0.2.20', netmask: '255.255.255.0' }] } : {}),
    })),
    // As a Linux net-snmp agent lists them: the subnet's broadcast address and the link-local
    // address beside the host's own, which the collector must not take for the host's.
    ipAddressTable: [
      { addrType: 1, address: Buffer.from([192, 0, 2, 20]), ifIndex: 1, prefixLength: 24 },
      { addrType: 1, address: Buffer.from([192, 0, 2, 255]), ifIndex: 1, type: 3, prefixLength: 24 },
      { addrType: 2, address: Buffer.from('fe8000000000000000005efffe100004', 'hex'), ifIndex: 1, origin: 5, prefixLength: 64 },
    ],
    hostResources: {
      memoryKiB: 32 * 1024 * 1024,
      processes: 212,
      storage: [{ descr: '/', sizeBytes: 500e9, usedBytes: 120e9 }],
      cpus: ['GenuineIntel: Intel(R) Xeon(R) Silver 4310 CPU @ 2.10GHz', 'GenuineIntel: Intel(R) Xeon(R) Silver 4310 CPU @ 2.10GHz'],
      software,
    },
  };
}

export function demoUps(): DemoDevice {
  return {
    name: 'ups1',
    sysDescr: 'APC Web/SNMP Management Card (MB:v4.1.0 PF:v6.9.6 PN:apc_hw05_aos_696.bin AF1:v6.9.6)',
    sysObjectID: '1.3.6.1.4.1.318.1.3.27',
    sysServices: 72,
    engineId: '8000013e0300025e100005',
    interfaces: [{ ifIndex: 1, name: 'LAN', mac: DEMO_MACS.ups, speedMbps: 100, ips: [{ address: '192.0.2.30', netmask: '255.255.255.0' }] }],
    entities: [{ index: 1, descr: 'Smart-UPS 1500', containedIn: 0, class: 3, name: 'UPS', serial: 'AS1234567890', manufacturer: 'APC', model: 'SMT1500RMI2U', firmwareRev: 'UPS 09.8' }],
  };
}

/** A RHEL 9 server: net-snmp lists rpm packages as name-version-release (some agents add .arch). */
export function demoRhelServer(): DemoDevice {
  return {
    name: 'rhel1.demo.lan',
    sysDescr: 'Linux rhel1 5.14.0-362.8.1.el9_3.x86_64 #1 SMP PREEMPT_DYNAMIC Tue Oct 3 11:12:36 EDT 2023 x86_64',
    sysObjectID: '1.3.6.1.4.1.8072.3.2.10',
    sysServices: 72,
    engineId: '80001f8880a1b2c3d4e5f60709',
    interfaces: [{ ifIndex: 2, name: 'ens192', mac: '02:00:5e:10:00:06', speedMbps: 10000, ips: [{ address: '198.51.100.10', netmask: '255.255.255.0' }] }],
    hostResources: {
      memoryKiB: 16 * 1024 * 1024,
      processes: 180,
      storage: [{ descr: '/', sizeBytes: 100e9, usedBytes: 20e9 }],
      cpus: ['GenuineIntel: Intel(R) Xeon(R) Gold 6330 CPU @ 2.00GHz'],
      software: [
        'kernel-5.14.0-362.8.1.el9_3',
        'openssl-libs-3.0.7-27.el9',
        'glibc-2.34-83.el9_3.7',
        'gcc-c++-11.4.1-2.1.el9',
        'tzdata-2023c-1.el9',
        'gpg-pubkey-fd431d51-4ae0493b',
        'openssl-libs-3.0.7-27.el9.x86_64',
        'python3-setuptools_scm-6.4.2-5.el9.noarch',
      ],
    },
  };
}

/**
 * A Windows Server with the Windows SNMP service: software as uninstall display names, only the
 * old ipAddrTable, and the static ARP entries Windows keeps for broadcast and multicast.
 */
export function demoWindowsHost(): DemoDevice {
  return {
    name: 'WIN-APP01',
    sysDescr: 'Hardware: Intel64 Family 6 Model 85 Stepping 7 AT/AT COMPATIBLE - Software: Windows Version 6.3 (Build 17763 Multiprocessor Free)',
    sysObjectID: '1.3.6.1.4.1.311.1.1.3.1.2',
    sysServices: 76,
    engineId: '800001370300025e100007',
    interfaces: [{ ifIndex: 12, name: 'Ethernet0', descr: 'vmxnet3 Ethernet Adapter', mac: '02:00:5e:10:00:07', speedMbps: 10000, ips: [{ address: '192.0.2.40', netmask: '255.255.255.0' }] }],
    arp: [
      { ifIndex: 12, ip: '192.0.2.1', mac: DEMO_MACS.router },
      { ifIndex: 12, ip: '192.0.2.255', mac: 'ff:ff:ff:ff:ff:ff', type: 4 },
      { ifIndex: 12, ip: '224.0.0.22', mac: '01:00:5e:00:00:16', type: 4 },
      { ifIndex: 12, ip: '239.255.255.250', mac: '01:00:5e:7f:ff:fa', type: 4 },
    ],
    hostResources: {
      memoryKiB: 8 * 1024 * 1024,
      processes: 95,
      storage: [{ descr: 'C:\\ Label:  Serial Number 1234abcd', sizeBytes: 120e9, usedBytes: 60e9 }],
      cpus: ['Intel(R) Xeon(R) Gold 6330 CPU @ 2.00GHz'],
      software: [
        'Microsoft Visual C++ 2019 X64 Minimum Runtime - 14.29.30133',
        'Microsoft Visual C++ 2015-2022 Redistributable (x64) - 14.36.32532',
        '7-Zip 22.01 (x64)',
        'Mozilla Firefox (x64 en-US)',
        'Python 3.11.4 (64-bit)',
        'VMware  Tools',
        'Google Chrome',
      ],
    },
  };
}
