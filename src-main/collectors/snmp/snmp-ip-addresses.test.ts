import { describe, expect, it } from 'vitest';
import type { SnmpIpAddressRow } from './snmp-host-record.js';
import { hostAddressExclusion, isLearnedHostAddress, ownSubnets, prefixLengthFromPointer } from './snmp-ip-addresses.js';

const row = (address: string, extra: Partial<SnmpIpAddressRow> = {}): SnmpIpAddressRow => ({ address, tables: ['ipAddressTable'], ...extra });

describe('hostAddressExclusion', () => {
  it('keeps unicast addresses that are assigned and stable', () => {
    for (const status of [undefined, 1, 2, 4, 5, 8]) expect(hostAddressExclusion(row('192.0.2.5', { type: 1, status })), String(status)).toBeUndefined();
    expect(hostAddressExclusion(row('10.0.0.5', { tables: ['ipAddrTable'], prefixLength: 24 }))).toBeUndefined();
    expect(hostAddressExclusion(row('2001:db8::5', { origin: 4 }))).toBeUndefined();
  });

  it('says why the rest are not the host’s', () => {
    expect(hostAddressExclusion(row('192.0.2.255', { type: 3 }))).toBe('broadcast');
    expect(hostAddressExclusion(row('2001:db8::1', { type: 2 }))).toBe('anycast');
    expect(hostAddressExclusion(row('192.0.2.5', { type: 9 }))).toBe('broadcast');
    for (const status of [3, 6, 7]) expect(hostAddressExclusion(row('192.0.2.5', { status }))).toBe('not_assigned');
    expect(hostAddressExclusion(row('2001:db8::a:b:c:d', { origin: 6 }))).toBe('temporary');
    expect(hostAddressExclusion(row('10.0.1.255', { prefixLength: 23 }))).toBe('subnet_broadcast');
    expect(hostAddressExclusion(row('10.0.0.0', { prefixLength: 23 }))).toBe('subnet_network');
    expect(hostAddressExclusion(row('10.0.1.0', { prefixLength: 23 }))).toBeUndefined();
    for (const address of ['127.0.0.1', '::1', 'fe80::1', '169.254.0.9', '0.0.0.0', '224.0.0.1']) expect(hostAddressExclusion(row(address))).toBe('not_a_host_address');
    expect(hostAddressExclusion(row('not an address'))).toBe('unreadable');
  });
});

describe('learned addresses', () => {
  it("tells a neighbour from the agent's own subnets' broadcast and network addresses", () => {
    const subnets = ownSubnets([row('192.0.2.40', { prefixLength: 24 }), row('192.0.2.255', { type: 3, prefixLength: 24 }), row('127.0.0.1', { prefixLength: 8 })]);
    expect(subnets.map((s) => `${s.network.address}/${s.prefixLength}`)).toEqual(['192.0.2.40/24']);
    expect(isLearnedHostAddress('192.0.2.1', subnets)).toBe(true);
    expect(isLearnedHostAddress('192.0.2.255', subnets)).toBe(false);
    expect(isLearnedHostAddress('192.0.2.0', subnets)).toBe(false);
    expect(isLearnedHostAddress('198.51.100.255', subnets)).toBe(true); // not one of ours: cannot tell
    expect(isLearnedHostAddress('224.0.0.22', subnets)).toBe(false);
    expect(isLearnedHostAddress('255.255.255.255', subnets)).toBe(false);
  });
});

describe('prefixLengthFromPointer', () => {
  it('reads the length from an ipAddressPrefixTable row pointer', () => {
    expect(prefixLengthFromPointer('1.3.6.1.2.1.4.32.1.5.4.1.4.192.0.2.0.24', 4)).toBe(24);
    expect(prefixLengthFromPointer('1.3.6.1.2.1.4.32.1.5.4.2.16.253.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.64', 6)).toBe(64);
    expect(prefixLengthFromPointer('0.0', 4)).toBeUndefined();
    expect(prefixLengthFromPointer('1.3.6.1.2.1.4.32.1.5.4.1.4.192.0.2.0.64', 4)).toBeUndefined();
    expect(prefixLengthFromPointer(undefined, 6)).toBeUndefined();
  });
});
