// The collector against agents shaped like real hosts — a Linux agent listing broadcast, anycast,
// link-local and tentative addresses and IPv6 in every notation; a RHEL server (rpm names); a
// Windows server (display names, static broadcast ARP entries) — all on loopback, started here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalIp } from '../../../src-shared/lib/canonical-ip.js';
import type { ObservationInput } from '../../../src-shared/model/observation.js';
import { MapCredentialMemory } from './credential-memory.js';
import type { DemoDevice } from './demo/demo-device.js';
import { demoRhelServer, demoServer, demoWindowsHost } from './demo/demo-devices.js';
import { startDemoNetwork, type DemoNetwork } from './demo/demo-network.js';
import type { SnmpHostRecord } from './snmp-host-record.js';
import { SnmpCollector } from './snmp-collector.js';
import { CREDENTIALS, demoCredentialStore, openUdpHandles, randomBasePort } from './test-support.js';

const v6 = (hex: string): Buffer => Buffer.from(hex.replace(/:/g, ''), 'hex');

/** A dual-stack Linux host whose agent lists every kind of ipAddressTable row. */
function dualStackHost(): DemoDevice {
  return {
    name: 'ds1.demo.lan',
    sysDescr: 'Linux ds1 6.1.0-18-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01) x86_64',
    sysObjectID: '1.3.6.1.4.1.8072.3.2.10',
    sysServices: 72,
    engineId: '80001f8880a1b2c3d4e5f6070a',
    interfaces: [
      { ifIndex: 1, name: 'lo', type: 24, ips: [{ address: '127.0.0.1', netmask: '255.0.0.0' }] },
      {
        ifIndex: 2,
        name: 'eth0',
        mac: '02:00:5e:10:00:08',
        // The old table, as some agents fill it: the host's address and its subnet's broadcast.
        ips: [
          { address: '192.0.2.50', netmask: '255.255.255.0' },
          { address: '198.51.100.255', netmask: '255.255.255.0' },
        ],
      },
    ],
    ipAddressTable: [
      { addrType: 1, address: Buffer.from([127, 0, 0, 1]), ifIndex: 1, prefixLength: 8 },
      { addrType: 1, address: Buffer.from([192, 0, 2, 50]), ifIndex: 2, prefixLength: 24 },
      { addrType: 1, address: Buffer.from([192, 0, 2, 255]), ifIndex: 2, type: 3, prefixLength: 24 },
      { addrType: 3, address: Buffer.from([169, 254, 7, 7, 0, 0, 0, 2]), ifIndex: 2, origin: 5 },
      // IPv6 as raw octets, the way the MIB says…
      { addrType: 2, address: v6('0000:0000:0000:0000:0000:0000:0000:0001'), ifIndex: 1, prefixLength: 128 },
      { addrType: 2, address: v6('2001:0db8:0000:0000:0000:0000:0000:0050'), ifIndex: 2, prefixLength: 64 },
      { addrType: 2, address: v6('2001:0db8:0000:0000:0001:0000:0000:0001'), ifIndex: 2, prefixLength: 64 },
      { addrType: 4, address: Buffer.concat([v6('fe80:0000:0000:0000:005e:10ff:fe00:0008'), Buffer.from([0, 0, 0, 2])]), ifIndex: 2, origin: 5, prefixLength: 64 },
      // …and as text, the way some agents write it: compressed, full, upper case, mixed.
      { addrType: 2, address: '2001:DB8:0:0:0:0:0:60', ifIndex: 2 },
      { addrType: 2, address: '2001:0db8:0000:0000:0000:0000:0000:0070', ifIndex: 2 },
      { addrType: 2, address: '::FFFF:192.0.2.77', ifIndex: 2 },
      { addrType: 2, address: '0:0:0:0:0:0:0:1', ifIndex: 1 },
      { addrType: 2, address: 'FE80::1', ifIndex: 2, origin: 5 },
      // Rows that are not this host's own address.
      { addrType: 2, address: v6('2001:0db8:0000:0000:0000:0000:0000:0100'), ifIndex: 2, type: 2 },
      { addrType: 2, address: v6('2001:0db8:0000:0000:0000:0000:0000:0080'), ifIndex: 2, status: 6 },
      { addrType: 2, address: v6('2001:0db8:0000:0000:0000:0000:0000:0081'), ifIndex: 2, status: 7 },
      { addrType: 2, address: v6('2001:0db8:0000:0000:0000:0000:0000:0083'), ifIndex: 2, status: 3 },
      { addrType: 2, address: v6('2001:0db8:0000:0000:a1b2:c3d4:e5f6:0719'), ifIndex: 2, origin: 6, prefixLength: 64 },
      { addrType: 2, address: v6('2001:0db8:0000:0001:0000:0000:0000:0000'), ifIndex: 2, prefixLength: 64 },
      // Still this host's: deprecated (assigned, only new connections avoid it).
      { addrType: 2, address: v6('2001:0db8:0000:0000:0000:0000:0000:0082'), ifIndex: 2, status: 2, prefixLength: 64 },
    ],
  };
}

describe('SnmpCollector against real-world host shapes on loopback', () => {
  let net: DemoNetwork;
  let udpBefore = 0;
  const collect = async (name: string, host?: string): Promise<{ obs: ObservationInput; raw: SnmpHostRecord & Record<string, unknown> }> => {
    const agent = net.agents.find((a) => a.name.startsWith(name));
    if (!agent) throw new Error(`no agent ${name}`);
    const collector = new SnmpCollector({ store: demoCredentialStore(), memory: new MapCredentialMemory() });
    const outcome = await collector.collectHost({ host: host ?? agent.host, port: agent.port }, [CREDENTIALS.v2c]);
    expect(outcome.status).toBe('found');
    if (!outcome.observation) throw new Error('no observation');
    return { obs: outcome.observation, raw: outcome.observation.raw as SnmpHostRecord & Record<string, unknown> };
  };
  const ipsOf = (obs: ObservationInput, name: string): string[] => (obs.interfaces.find((i) => i.name === name)?.ips.map((ip) => ip.address) ?? []).sort();

  beforeAll(async () => {
    udpBefore = openUdpHandles();
    net = await startDemoNetwork({ host: '127.0.0.1', basePort: randomBasePort(), devices: [dualStackHost(), demoServer(), demoRhelServer(), demoWindowsHost()] });
  });
  afterAll(async () => {
    await net.close();
    await new Promise((r) => setTimeout(r, 20));
    expect(openUdpHandles()).toBe(udpBefore);
  });

  it("keeps only the host's own unicast addresses, written canonically", async () => {
    const { obs } = await collect('ds1');
    expect(ipsOf(obs, 'eth0')).toEqual(['192.0.2.50', '2001:db8::1:0:0:1', '2001:db8::50', '2001:db8::60', '2001:db8::70', '2001:db8::82', '::ffff:192.0.2.77']);
    // Loopback and link-local never become interface addresses (and so never identities).
    expect(ipsOf(obs, 'lo')).toEqual([]);
    // The target was loopback: it is not the host's primary address either.
    expect(obs.fields.primary_ip).toBeUndefined();
  });

  it('keeps every row in raw, canonical, and says why each one was left out', async () => {
    const { raw } = await collect('ds1');
    for (const row of raw.ipAddresses) expect(row.address).toBe(canonicalIp(row.address));
    expect(raw.ipAddresses.map((r) => r.address)).not.toContain('0:0:0:0:0:0:0:1');
    const why = Object.fromEntries((raw.excludedAddresses as Array<{ address: string; reason: string }>).map((e) => [e.address, e.reason]));
    expect(why).toEqual({
      '127.0.0.1': 'not_a_host_address',
      '::1': 'not_a_host_address',
      '192.0.2.255': 'broadcast',
      '198.51.100.255': 'subnet_broadcast',
      '169.254.7.7': 'not_a_host_address',
      'fe80::5e:10ff:fe00:8': 'not_a_host_address',
      'fe80::1': 'not_a_host_address',
      '2001:db8::100': 'anycast',
      '2001:db8::80': 'not_assigned',
      '2001:db8::81': 'not_assigned',
      '2001:db8::83': 'not_assigned',
      '2001:db8::a1b2:c3d4:e5f6:719': 'temporary',
      '2001:db8:0:1::': 'subnet_network',
    });
    // Both tables listed 192.0.2.50: one row, with what each table knew.
    expect(raw.ipAddresses.find((r) => r.address === '192.0.2.50')).toMatchObject({ tables: ['ipAddrTable', 'ipAddressTable'], netmask: '255.255.255.0', prefixLength: 24, type: 1, status: 1 });
    expect(raw.ipAddresses.find((r) => r.address === 'fe80::5e:10ff:fe00:8')).toMatchObject({ zone: '2', prefixLength: 64 });
  });

  it("drops the broadcast row a Linux agent lists beside the host's address", async () => {
    const { obs } = await collect('srv1');
    expect(ipsOf(obs, 'eno1')).toEqual(['192.0.2.20']);
  });

  it('splits dpkg names at their underscores', async () => {
    const { obs } = await collect('srv1');
    expect(obs.software).toEqual([
      { name: 'openssh-server', version: '1:9.2p1-2+deb12u3' },
      { name: 'nginx', version: '1.22.1-9+deb12u1' },
      { name: 'postgresql-15', version: '15.6-0+deb12u1' },
      { name: 'python3', version: '3.11.2-1+b1' },
      { name: 'snmpd', version: '5.9.3+dfsg-2' },
      { name: 'binutils-x86-64-linux-gnu', version: '2.40-2' },
      { name: 'libstdc++6', version: '12.2.0-14+deb12u1' },
      { name: 'ca-certificates', version: '20230311' },
    ]);
  });

  it('splits rpm names into name and version-release', async () => {
    const { obs } = await collect('rhel1');
    expect(obs.software).toEqual([
      { name: 'kernel', version: '5.14.0-362.8.1.el9_3' },
      { name: 'openssl-libs', version: '3.0.7-27.el9' },
      { name: 'glibc', version: '2.34-83.el9_3.7' },
      { name: 'gcc-c++', version: '11.4.1-2.1.el9' },
      { name: 'tzdata', version: '2023c-1.el9' },
      { name: 'gpg-pubkey', version: 'fd431d51-4ae0493b' },
      { name: 'openssl-libs', version: '3.0.7-27.el9' },
      { name: 'python3-setuptools_scm', version: '6.4.2-5.el9' },
    ]);
    expect(obs.fields.primary_ip).toBeUndefined();
    expect(ipsOf(obs, 'ens192')).toEqual(['198.51.100.10']);
  });

  it('reads Windows display names and ignores static broadcast and multicast ARP entries', async () => {
    const { obs, raw } = await collect('WIN-APP01');
    expect(obs.fields.os_name).toBe('Windows');
    expect(obs.software).toEqual([
      { name: 'Microsoft Visual C++ 2019 X64 Minimum Runtime', version: '14.29.30133' },
      { name: 'Microsoft Visual C++ 2015-2022 Redistributable', version: '14.36.32532' },
      { name: '7-Zip', version: '22.01' },
      { name: 'Mozilla Firefox' },
      { name: 'Python', version: '3.11.4' },
      { name: 'VMware Tools' },
      { name: 'Google Chrome' },
    ]);
    expect(obs.relations.filter((r) => r.target.kind === 'ip').map((r) => r.target.value)).toEqual(['192.0.2.1']);
    expect((raw.learnedAddresses as { ips: string[] }).ips).toEqual(['192.0.2.1']);
    expect(ipsOf(obs, 'Ethernet0')).toEqual(['192.0.2.40']);
  });
});
