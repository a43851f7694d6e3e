import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalIp,
  identifiesHost,
  isInSubnet,
  ipFromBytes,
  ipFromInetAddress,
  ipFromInetIndex,
  IP_CLASS_LABELS,
  IP_CLASS_SCOPE,
  IP_CLASSES,
  parseIp,
  prefixLengthFromNetmask,
  subnetRole,
  type IpClass,
} from './canonical-ip.js';

const ascii = (text: string): Uint8Array => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));

describe('canonicalIp: IPv4', () => {
  it('writes dotted decimal without leading zeros (leading zeros are decimal, not octal)', () => {
    expect(canonicalIp('192.0.2.1')).toBe('192.0.2.1');
    expect(canonicalIp('010.001.002.003')).toBe('10.1.2.3');
    expect(canonicalIp(' 192.000.002.001 ')).toBe('192.0.2.1');
    expect(canonicalIp('0.0.0.0')).toBe('0.0.0.0');
  });

  it('rejects what is not four decimal octets', () => {
    for (const bad of ['', '1.2.3', '1.2.3.4.5', '256.1.1.1', '1.2.3.-4', '1.2.3.4a', '0x7f.0.0.1', '127.1', '1..2.3', '1.2.3.0004', '1.2.3.4%eth0', '1.2.3.4/33', 'host']) {
      expect(canonicalIp(bad), bad).toBeNull();
    }
  });

  it('returns a prefix length beside the address', () => {
    expect(parseIp('192.0.2.10/24')).toMatchObject({ address: '192.0.2.10', prefixLength: 24, version: 4 });
  });
});

describe('canonicalIp: IPv6 (RFC 5952)', () => {
  it("follows RFC 5952's examples", () => {
    // §4.1 leading zeros, §4.3 lower case
    expect(canonicalIp('2001:0db8::0001')).toBe('2001:db8::1');
    expect(canonicalIp('2001:DB8::1')).toBe('2001:db8::1');
    expect(canonicalIp('2001:db8:aaaa:bbbb:cccc:dddd:eeee:AAAA')).toBe('2001:db8:aaaa:bbbb:cccc:dddd:eeee:aaaa');
    // §2.1 / §4.2.1 the same address written many ways
    for (const form of ['2001:db8:0:0:1:0:0:1', '2001:0db8:0:0:1:0:0:1', '2001:db8::1:0:0:1', '2001:db8::0:1:0:0:1', '2001:0db8::1:0:0:1', '2001:db8:0:0:1::1', '2001:db8:0000:0:1::1', '2001:DB8:0:0:1::1']) {
      expect(canonicalIp(form), form).toBe('2001:db8::1:0:0:1');
    }
    // §4.2.1 shorten as much as possible
    expect(canonicalIp('2001:db8:0:0:0:0:2:1')).toBe('2001:db8::2:1');
    // §4.2.2 never "::" for a single 16-bit zero field
    expect(canonicalIp('2001:db8:0:1:1:1:1:1')).toBe('2001:db8:0:1:1:1:1:1');
    expect(canonicalIp('2001:db8::1:1:1:1:1')).toBe('2001:db8:0:1:1:1:1:1');
    // §4.2.3 the longest run; on a tie the first
    expect(canonicalIp('2001:0:0:1:0:0:0:1')).toBe('2001:0:0:1::1');
    expect(canonicalIp('2001:db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1');
    // §5 IPv4-mapped addresses in mixed notation
    expect(canonicalIp('0:0:0:0:0:ffff:c000:0201')).toBe('::ffff:192.0.2.1');
  });

  it('compresses loopback and unspecified', () => {
    expect(canonicalIp('0:0:0:0:0:0:0:1')).toBe('::1');
    expect(canonicalIp('0000:0000:0000:0000:0000:0000:0000:0001')).toBe('::1');
    expect(canonicalIp('0:0:0:0:0:0:0:0')).toBe('::');
    expect(canonicalIp('1:0:0:0:0:0:0:0')).toBe('1::');
    expect(canonicalIp('1::')).toBe('1::');
  });

  it('reads mixed notation, zones, prefixes and brackets', () => {
    expect(canonicalIp('::FFFF:192.0.2.1')).toBe('::ffff:192.0.2.1');
    expect(canonicalIp('::ffff:192.000.002.001')).toBe('::ffff:192.0.2.1');
    expect(canonicalIp('64:ff9b::192.0.2.33')).toBe('64:ff9b::c000:221');
    expect(canonicalIp('1:2:3:4:5:6:1.2.3.4')).toBe('1:2:3:4:5:6:102:304');
    expect(parseIp('fe80::1%eth0')).toMatchObject({ address: 'fe80::1', zone: 'eth0', class: 'link_local' });
    expect(parseIp('FE80:0:0:0:0200:5EFF:FE00:5301%12')).toMatchObject({ address: 'fe80::200:5eff:fe00:5301', zone: '12' });
    expect(parseIp('2001:db8::/32')).toMatchObject({ address: '2001:db8::', prefixLength: 32 });
    expect(parseIp('[2001:db8::1]')).toMatchObject({ address: '2001:db8::1' });
    expect(parseIp('[fe80::1%25en0]')).toMatchObject({ address: 'fe80::1', zone: 'en0' });
    expect(parseIp('fe80::1%eth0/64')).toMatchObject({ address: 'fe80::1', zone: 'eth0', prefixLength: 64 });
  });

  it('rejects what is not an IPv6 address', () => {
    for (const bad of [':', ':::', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '1::2::3', '12345::1', 'g::1', ':1::2', '1::2:', '1:2:3:4:5:6:7:8::', '::1.2.3', '::256.1.1.1', '1.2.3.4::', '::1/129', 'fe80::1%', 'fe80::1%eth 0', '[::1', '::1]']) {
      expect(canonicalIp(bad), bad).toBeNull();
    }
  });

  it('writes IPv4-mapped addresses with the IPv4 address they stand for', () => {
    const ip = parseIp('::ffff:10.1.2.3');
    expect(ip).toMatchObject({ address: '::ffff:10.1.2.3', version: 6, mappedIpv4: '10.1.2.3', class: 'private' });
    expect(parseIp('::ffff:127.0.0.1')?.class).toBe('loopback');
  });
});

describe('canonicalIp: bytes and SNMP encodings', () => {
  it('reads 4 and 16 raw octets', () => {
    expect(canonicalIp(Uint8Array.from([192, 0, 2, 1]))).toBe('192.0.2.1');
    expect(canonicalIp(Uint8Array.from([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]))).toBe('2001:db8::1');
    expect(canonicalIp(Uint8Array.from([...Array<number>(15).fill(0), 1]))).toBe('::1');
    expect(ipFromBytes([1, 2, 3])).toBeNull();
    expect(ipFromBytes([1, 2, 3, 256])).toBeNull();
  });

  it('reads octet strings that carry text when their length is not 4 or 16', () => {
    expect(canonicalIp(ascii('2001:DB8::10'))).toBe('2001:db8::10');
    expect(canonicalIp(ascii('192.0.2.1'))).toBe('192.0.2.1');
    expect(canonicalIp(ascii('192.0.2.1\0\0'))).toBe('192.0.2.1');
    expect(canonicalIp(Uint8Array.from([0xff, 0xfe, 0x01]))).toBeNull();
  });

  it('reads InetAddress values by their InetAddressType', () => {
    expect(ipFromInetAddress(1, [192, 0, 2, 5])?.address).toBe('192.0.2.5');
    expect(ipFromInetAddress(2, [0xfe, 0x80, ...Array<number>(13).fill(0), 1])).toMatchObject({ address: 'fe80::1', class: 'link_local' });
    expect(ipFromInetAddress(4, [0xfe, 0x80, ...Array<number>(13).fill(0), 1, 0, 0, 0, 3])).toMatchObject({ address: 'fe80::1', zone: '3' });
    expect(ipFromInetAddress(3, [169, 254, 1, 1, 0, 0, 0, 0])).toMatchObject({ address: '169.254.1.1' });
    expect(ipFromInetAddress(2, [...ascii('0:0:0:0:0:0:0:1')])?.address).toBe('::1');
    // The text must be of the announced family.
    expect(ipFromInetAddress(1, [...ascii('::1')])).toBeNull();
    expect(ipFromInetAddress(16, [...ascii('host.example')])).toBeNull();
    expect(ipFromInetAddress(1, [1, 2, 3])).toBeNull();
  });

  it('reads the 1.4. / 2.16. index encodings and says where the index continues', () => {
    expect(ipFromInetIndex([1, 4, 192, 0, 2, 1])).toMatchObject({ ip: { address: '192.0.2.1' }, next: 6 });
    const v6 = [2, 16, 0x20, 0x01, 0x0d, 0xb8, ...Array<number>(11).fill(0), 0x20, 64];
    expect(ipFromInetIndex(v6)).toMatchObject({ ip: { address: '2001:db8::20' }, next: 18 });
    expect(ipFromInetIndex([7, 1, 4, 10, 0, 0, 1, 24], 1)).toMatchObject({ ip: { address: '10.0.0.1' }, next: 7 });
    expect(ipFromInetIndex([1, 4, 192, 0, 2])).toBeNull();
    expect(ipFromInetIndex([1])).toBeNull();
  });
});

describe('classification', () => {
  const cases: Array<[string, IpClass]> = [
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'reserved'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['169.254.10.1', 'link_local'],
    ['224.0.0.251', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'shared'],
    ['100.128.0.1', 'public'],
    ['192.0.2.255', 'documentation'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.9', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['192.0.0.8', 'reserved'],
    ['8.8.8.8', 'public'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['::ffff:192.168.0.1', 'private'],
    ['::192.0.2.1', 'reserved'],
    ['fe80::1', 'link_local'],
    ['febf::1', 'link_local'],
    ['fec0::1', 'private'],
    ['fd00::2', 'private'],
    ['fc00::1', 'private'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['3fff:fff::1', 'documentation'],
    ['3fff:1000::1', 'public'],
    ['2001:2::1', 'benchmarking'],
    ['64:ff9b::8.8.8.8', 'public'],
    ['64:ff9b:1::1', 'private'],
    ['100::1', 'reserved'],
    ['2606:4700::1111', 'public'],
    ['4000::1', 'reserved'],
  ];
  it.each(cases)('%s is %s', (input, expected) => {
    expect(parseIp(input)?.class).toBe(expected);
  });

  it('says which addresses can stand for one host', () => {
    const host = (text: string): boolean => {
      const ip = parseIp(text);
      return ip !== null && identifiesHost(ip);
    };
    expect(['10.0.0.5', '8.8.8.8', '192.0.2.20', 'fd00::2', '2001:db8::10', '2606:4700::1'].every(host)).toBe(true);
    expect(['127.0.0.1', '::1', '0:0:0:0:0:0:0:1', 'fe80::1%eth0', '169.254.1.1', '0.0.0.0', '::', '224.0.0.1', 'ff02::1', '255.255.255.255'].some(host)).toBe(false);
    expect(parseIp('fe80::1')?.scope).toBe('link');
    expect(parseIp('10.0.0.1')?.scope).toBe('site');
    expect(parseIp('8.8.8.8')?.scope).toBe('global');
  });

  it('has a label and a scope for every class', () => {
    for (const cls of IP_CLASSES) {
      expect(IP_CLASS_LABELS[cls]).toBeTruthy();
      expect(IP_CLASS_SCOPE[cls]).toBeTruthy();
    }
  });
});

describe('subnets', () => {
  it('turns contiguous netmasks into prefix lengths', () => {
    expect(prefixLengthFromNetmask('255.255.255.0')).toBe(24);
    expect(prefixLengthFromNetmask('255.255.254.0')).toBe(23);
    expect(prefixLengthFromNetmask('255.255.255.255')).toBe(32);
    expect(prefixLengthFromNetmask('0.0.0.0')).toBe(0);
    expect(prefixLengthFromNetmask('255.0.255.0')).toBeNull();
    expect(prefixLengthFromNetmask('ffff::')).toBeNull();
  });

  it("names a subnet's broadcast and network addresses", () => {
    const role = (text: string, length: number): string => {
      const ip = parseIp(text);
      if (!ip) throw new Error(text);
      return subnetRole(ip, length);
    };
    expect(role('192.0.2.255', 24)).toBe('broadcast');
    expect(role('192.0.2.0', 24)).toBe('network');
    expect(role('192.0.2.20', 24)).toBe('host');
    expect(role('10.0.1.255', 23)).toBe('broadcast');
    expect(role('10.0.1.255', 16)).toBe('host');
    expect(role('192.0.2.1', 31)).toBe('host');
    expect(role('192.0.2.0', 31)).toBe('host');
    expect(role('192.0.2.1', 32)).toBe('host');
    expect(role('2001:db8:1::', 64)).toBe('network');
    expect(role('2001:db8:1::ffff:ffff:ffff:ffff', 64)).toBe('host');
    expect(role('2001:db8::', 127)).toBe('host');
  });

  it('tells whether an address lies in a subnet', () => {
    const ip = (text: string): NonNullable<ReturnType<typeof parseIp>> => {
      const parsed = parseIp(text);
      if (!parsed) throw new Error(text);
      return parsed;
    };
    expect(isInSubnet(ip('192.0.2.255'), ip('192.0.2.20'), 24)).toBe(true);
    expect(isInSubnet(ip('192.0.3.1'), ip('192.0.2.20'), 24)).toBe(false);
    expect(isInSubnet(ip('192.0.3.1'), ip('192.0.2.20'), 23)).toBe(true);
    expect(isInSubnet(ip('2001:db8:1::5'), ip('2001:db8:1::1'), 64)).toBe(true);
    expect(isInSubnet(ip('2001:db8:2::5'), ip('2001:db8:1::1'), 64)).toBe(false);
    expect(isInSubnet(ip('::ffff:192.0.2.1'), ip('192.0.2.1'), 24)).toBe(false);
    expect(isInSubnet(ip('8.8.8.8'), ip('10.0.0.1'), 0)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const bytes16 = fc.uint8Array({ minLength: 16, maxLength: 16 });
/** Addresses with runs of zero groups, where compression rules matter. */
const sparse16 = fc.array(fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 0, max: 0xffff })), { minLength: 8, maxLength: 8 }).map((groups) => {
  const out: number[] = [];
  for (const g of groups) out.push(g >> 8, g & 0xff);
  return Uint8Array.from(out);
});
const anyV6 = fc.oneof(bytes16, sparse16);
const bytes4 = fc.uint8Array({ minLength: 4, maxLength: 4 });

function groupsOf(bytes: Uint8Array): number[] {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  return groups;
}

/** Other ways to write the same IPv6 address, chosen by the generator. */
const v6Notation = fc.record({
  bytes: anyV6,
  upper: fc.boolean(),
  pad: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 8, maxLength: 8 }),
  compressAt: fc.integer({ min: -1, max: 7 }),
  mixed: fc.boolean(),
  zone: fc.option(fc.constantFrom('eth0', '3', 'en0.100'), { nil: undefined }),
  prefix: fc.option(fc.integer({ min: 0, max: 128 }), { nil: undefined }),
});

function writeV6(n: { bytes: Uint8Array; upper: boolean; pad: number[]; compressAt: number; mixed: boolean }): string {
  const groups = groupsOf(n.bytes);
  let parts = groups.map((g, i) => g.toString(16).padStart(Math.min(4, g.toString(16).length + (n.pad[i] ?? 0)), '0'));
  let tail = '';
  if (n.mixed) {
    tail = [...n.bytes.slice(12)].join('.');
    parts = parts.slice(0, 6);
  }
  // Compress any run of zero groups starting at compressAt (not necessarily the longest).
  let text = parts.join(':');
  if (n.compressAt >= 0 && groups[n.compressAt] === 0 && n.compressAt < parts.length) {
    let end = n.compressAt;
    while (end < parts.length && groups[end] === 0) end++;
    text = `${parts.slice(0, n.compressAt).join(':')}::${parts.slice(end).join(':')}`;
    if (tail) text = text.endsWith('::') ? `${text}${tail}` : `${text}:${tail}`;
  } else if (tail) {
    text = `${text}:${tail}`;
  }
  return n.upper ? text.toUpperCase() : text;
}

describe('canonicalIp properties', () => {
  it('is idempotent on any string', () => {
    const candidates = fc.oneof(
      fc.string(),
      fc.stringMatching(/^[0-9a-fA-F:.%/[\]]{0,45}$/),
      anyV6.map((b) => writeV6({ bytes: b, upper: false, pad: Array<number>(8).fill(0), compressAt: -1, mixed: false })),
    );
    fc.assert(
      fc.property(candidates, (text) => {
        const once = canonicalIp(text);
        if (once !== null) expect(canonicalIp(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives every notation of one IPv6 address the same canonical text', () => {
    fc.assert(
      fc.property(v6Notation, (n) => {
        const written = writeV6(n) + (n.zone ? `%${n.zone}` : '') + (n.prefix !== undefined ? `/${n.prefix}` : '');
        const ip = parseIp(written);
        expect(ip, written).not.toBeNull();
        expect(ip?.address).toBe(canonicalIp(n.bytes));
        expect(ip?.bytes).toEqual([...n.bytes]);
        expect(ip?.zone).toBe(n.zone);
        expect(ip?.prefixLength).toBe(n.prefix);
      }),
      { numRuns: 3000 },
    );
  });

  it('round-trips bytes → text → bytes', () => {
    fc.assert(
      fc.property(fc.oneof(anyV6, bytes4), (b) => {
        const ip = parseIp(b);
        expect(parseIp(ip?.address ?? '')?.bytes).toEqual([...b]);
      }),
      { numRuns: 3000 },
    );
  });

  it('compresses exactly as the WHATWG URL parser does (RFC 5952 §4.2), apart from mixed notation', () => {
    fc.assert(
      fc.property(anyV6, (b) => {
        const ip = parseIp(b);
        if (!ip || ip.mappedIpv4) return;
        expect(`[${ip.address}]`).toBe(new URL(`http://[${ip.address}]/`).hostname);
      }),
      { numRuns: 3000 },
    );
  });

  it('gives every notation of one IPv4 address the same canonical text', () => {
    fc.assert(
      fc.property(bytes4, fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 4, maxLength: 4 }), (b, pad) => {
        const written = [...b].map((x, i) => String(x).padStart(Math.min(3, String(x).length + (pad[i] ?? 0)), '0')).join('.');
        expect(canonicalIp(written)).toBe([...b].join('.'));
        expect(canonicalIp(`::ffff:${written}`)).toBe(`::ffff:${[...b].join('.')}`);
      }),
    );
  });
});
