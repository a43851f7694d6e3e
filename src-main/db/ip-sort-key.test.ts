import { describe, expect, it } from 'vitest';
import { ipSortKey } from './ip-sort-key.js';

const hex = (address: string) => ipSortKey(address)?.toString('hex') ?? null;

describe('ipSortKey', () => {
  it('maps IPv4 into IPv6 so that addresses sort by number', () => {
    expect(hex('10.0.0.9')).toBe('00000000000000000000ffff0a000009');
    const sorted = ['10.0.0.10', '9.255.255.255', '10.0.0.9', '192.168.1.1', '10.0.1.0'].sort((a, b) => Buffer.compare(ipSortKey(a) as Buffer, ipSortKey(b) as Buffer));
    expect(sorted).toEqual(['9.255.255.255', '10.0.0.9', '10.0.0.10', '10.0.1.0', '192.168.1.1']);
  });

  it('reads IPv6 in every written form, with v4 before v6 and ::1 before both', () => {
    expect(hex('fd00:1::a')).toBe('fd00000100000000000000000000000a');
    expect(hex('2001:db8:0:0:0:0:0:1')).toBe(hex('2001:db8::1'));
    expect(hex('::ffff:10.0.0.9')).toBe(hex('10.0.0.9'));
    expect(hex('fe80::1%eth0')).toBe(hex('fe80::1'));
    expect(hex('::')).toBe('0'.repeat(32));
    const order = ['fd00::2', '10.0.0.1', '::1', 'fd00::10', '2001:db8::1'].sort((a, b) => Buffer.compare(ipSortKey(a) as Buffer, ipSortKey(b) as Buffer));
    expect(order).toEqual(['::1', '10.0.0.1', '2001:db8::1', 'fd00::2', 'fd00::10']);
  });

  it('gives no key to what is not an address', () => {
    for (const bad of ['', 'plc-07', '10.0.0.256', '10.0.0', '1::2::3', '12345::1', 'fd00::g', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7::8:9']) expect(hex(bad)).toBeNull();
    expect(ipSortKey(null)).toBeNull();
  });
});
