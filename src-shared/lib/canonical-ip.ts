// One spelling and one classification for every IP address, shared by the collectors (which store
// addresses) and the engine (which turns them into identities), so that "0:0:0:0:0:0:0:1", "::1"
// and "[::1]" are one address and every caller agrees that it is loopback.
//
// Canonical text: IPv4 dotted decimal without leading zeros; IPv6 per RFC 5952 (lower case, no
// leading zeros in a group, the longest run of two or more zero groups shortened to "::", the
// first such run on a tie), IPv4-mapped addresses as "::ffff:a.b.c.d". Zone ids and prefix lengths
// are returned beside the address, never inside it.
//
// Pure: no `node:` imports — the renderer and the engine import this file too.

export const IP_CLASSES = [
  'unspecified',
  'loopback',
  'link_local',
  'multicast',
  'broadcast',
  'private',
  'shared',
  'documentation',
  'benchmarking',
  'reserved',
  'public',
] as const;
export type IpClass = (typeof IP_CLASSES)[number];

export const IP_CLASS_LABELS: Record<IpClass, string> = {
  unspecified: 'Unspecified',
  loopback: 'Loopback',
  link_local: 'Link-local',
  multicast: 'Multicast',
  broadcast: 'Broadcast',
  private: 'Private',
  shared: 'Shared (carrier-grade NAT)',
  documentation: 'Documentation',
  benchmarking: 'Benchmarking',
  reserved: 'Reserved',
  public: 'Public',
};

/**
 * Where an address means one thing:
 * - `none`: nowhere — it names no single host (unspecified, loopback, multicast, broadcast, reserved);
 * - `link`: only on one link of one host (link-local: every host has fe80::1-style duplicates);
 * - `site`: within one network or site (private, ULA, shared, and the documentation and
 *   benchmarking ranges, which are never routed and so are only ever someone's local use);
 * - `global`: everywhere (public unicast).
 */
export const IP_SCOPES = ['none', 'link', 'site', 'global'] as const;
export type IpScope = (typeof IP_SCOPES)[number];

export const IP_CLASS_SCOPE: Record<IpClass, IpScope> = {
  unspecified: 'none',
  loopback: 'none',
  link_local: 'link',
  multicast: 'none',
  broadcast: 'none',
  private: 'site',
  shared: 'site',
  documentation: 'site',
  benchmarking: 'site',
  reserved: 'none',
  public: 'global',
};

export type IpVersion = 4 | 6;

export interface CanonicalIp {
  /** Canonical text, without zone or prefix length. */
  address: string;
  version: IpVersion;
  class: IpClass;
  scope: IpScope;
  /** The zone id of a scoped IPv6 address ("eth0" in "fe80::1%eth0"), as given. */
  zone?: string;
  /** The prefix length when the input carried one ("/64"). */
  prefixLength?: number;
  /** For an IPv4-mapped IPv6 address (::ffff:a.b.c.d): the IPv4 address it stands for. */
  mappedIpv4?: string;
  /** The address in network byte order: 4 or 16 numbers 0-255. */
  bytes: readonly number[];
}

/** InetAddressType (RFC 4001) values that carry an address. */
export const INET_ADDRESS_TYPE = { ipv4: 1, ipv6: 2, ipv4z: 3, ipv6z: 4 } as const;

const MAX_TEXT_LENGTH = 128;
const ZONE = /^[\w.-]{1,64}$/;
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

/**
 * Parses an IP address in any common notation — IPv4 dotted decimal (leading zeros allowed),
 * IPv6 full, compressed or mixed, any case, with a zone id ("%eth0"), a prefix length ("/64") or
 * in brackets ("[::1]") — or given as raw bytes (4 or 16 octets, as an SNMP InetAddress or
 * IpAddress value carries it; other lengths are read as text when printable). Null when it is not
 * an address.
 */
export function parseIp(input: string | Uint8Array): CanonicalIp | null {
  if (typeof input === 'string') return parseText(input);
  if (input.length === 4 || input.length === 16) return fromBytes([...input]);
  return parseOctetText(input);
}

/** The canonical text of an address, or null when the input is not one. */
export function canonicalIp(input: string | Uint8Array): string | null {
  return parseIp(input)?.address ?? null;
}

/**
 * Whether an address can stand for one host: its scope is a site or the whole Internet.
 * Loopback, link-local, unspecified, multicast, broadcast and reserved addresses cannot.
 */
export function identifiesHost(ip: CanonicalIp): boolean {
  return ip.scope === 'site' || ip.scope === 'global';
}

/** Builds a canonical address from 4 or 16 bytes in network order. */
export function ipFromBytes(bytes: readonly number[] | Uint8Array): CanonicalIp | null {
  const list = [...bytes];
  if ((list.length !== 4 && list.length !== 16) || !list.every(isByte)) return null;
  return fromBytes(list);
}

/**
 * An InetAddress (RFC 4001) of the given InetAddressType: ipv4 (4 octets), ipv6 (16), ipv4z (8)
 * and ipv6z (20: the address then a 4-octet zone index, returned as `zone`). Some agents put the
 * address's text into the octet string instead; that is accepted when it parses as an address of
 * the announced family.
 */
export function ipFromInetAddress(type: number, octets: readonly number[] | Uint8Array): CanonicalIp | null {
  const bytes = [...octets];
  if (!bytes.every(isByte)) return null;
  const expected = type === 1 ? 4 : type === 2 ? 16 : type === 3 ? 8 : type === 4 ? 20 : undefined;
  if (expected === undefined) return null;
  if (bytes.length === expected) {
    const size = type === 1 || type === 3 ? 4 : 16;
    const ip = fromBytes(bytes.slice(0, size));
    if (bytes.length > size) {
      const zoneIndex = bytes.slice(size).reduce((n, b) => n * 256 + b, 0);
      if (zoneIndex !== 0) ip.zone = String(zoneIndex);
    }
    return ip;
  }
  const text = parseOctetText(Uint8Array.from(bytes));
  if (!text) return null;
  return text.version === (type === 1 || type === 3 ? 4 : 6) ? text : null;
}

/**
 * Reads an InetAddressType + InetAddress pair from an OID instance index, as tables indexed by an
 * address encode it: "1.4.192.0.2.1" (ipv4), "2.16.<16 bytes>" (ipv6), "3.8." and "4.20." (with a
 * zone index). `offset` is where the type sub-identifier sits. Returns the address and the index
 * of the first sub-identifier after it, or null when the parts are not such a pair.
 */
export function ipFromInetIndex(parts: readonly number[], offset = 0): { ip: CanonicalIp; next: number } | null {
  const type = parts[offset];
  const length = parts[offset + 1];
  if (type === undefined || length === undefined || !Number.isInteger(length) || length < 1 || length > 64) return null;
  const octets = parts.slice(offset + 2, offset + 2 + length);
  if (octets.length !== length) return null;
  const ip = ipFromInetAddress(type, octets);
  return ip ? { ip, next: offset + 2 + length } : null;
}

/** "255.255.255.0" → 24; null for a mask whose ones are not contiguous or that is not an IPv4 mask. */
export function prefixLengthFromNetmask(mask: string): number | null {
  const ip = parseText(mask);
  if (!ip || ip.version !== 4 || ip.zone !== undefined || ip.prefixLength !== undefined) return null;
  let length = 0;
  let seenZero = false;
  for (const byte of ip.bytes) {
    for (let bit = 7; bit >= 0; bit--) {
      const one = (byte >> bit) & 1;
      if (one && seenZero) return null;
      if (one) length++;
      else seenZero = true;
    }
  }
  return length;
}

/**
 * What an address is within its subnet of the given prefix length: the subnet's `broadcast`
 * address (IPv4, host bits all ones), its `network` address (host bits all zero: the IPv4 network
 * number, or the IPv6 Subnet-Router anycast address), or a `host` address. /31 and /32 (IPv4) and
 * /127 and /128 (IPv6) subnets have only host addresses (RFC 3021, RFC 6164).
 */
export function subnetRole(ip: CanonicalIp, prefixLength: number): 'network' | 'broadcast' | 'host' {
  const bits = ip.bytes.length * 8;
  if (!Number.isInteger(prefixLength) || prefixLength < 0 || prefixLength >= bits - 1) return 'host';
  let allOnes = true;
  let allZeros = true;
  for (let bit = prefixLength; bit < bits; bit++) {
    const one = ((ip.bytes[bit >> 3] ?? 0) >> (7 - (bit & 7))) & 1;
    if (one) allZeros = false;
    else allOnes = false;
  }
  if (allZeros) return 'network';
  return allOnes && ip.version === 4 ? 'broadcast' : 'host';
}

/** Whether `ip` lies in the subnet of `network` with the given prefix length (same family only). */
export function isInSubnet(ip: CanonicalIp, network: CanonicalIp, prefixLength: number): boolean {
  if (ip.version !== network.version || !Number.isInteger(prefixLength) || prefixLength < 0 || prefixLength > ip.bytes.length * 8) return false;
  for (let bit = 0; bit < prefixLength; bit++) {
    const mask = 1 << (7 - (bit & 7));
    if (((ip.bytes[bit >> 3] ?? 0) & mask) !== ((network.bytes[bit >> 3] ?? 0) & mask)) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Parsing

function isByte(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= 255;
}

function parseOctetText(octets: Uint8Array): CanonicalIp | null {
  if (octets.length === 0 || octets.length > MAX_TEXT_LENGTH) return null;
  let text = '';
  for (const byte of octets) text += String.fromCharCode(byte);
  text = text.replace(/\0+$/, '');
  return PRINTABLE_ASCII.test(text) ? parseText(text) : null;
}

function parseText(input: string): CanonicalIp | null {
  let s = input.trim();
  if (s.length === 0 || s.length > MAX_TEXT_LENGTH) return null;

  let prefixLength: number | undefined;
  const slash = s.indexOf('/');
  if (slash >= 0) {
    const length = s.slice(slash + 1);
    if (!/^\d{1,3}$/.test(length)) return null;
    prefixLength = Number(length);
    s = s.slice(0, slash);
  }
  const bracketed = s.startsWith('[') || s.endsWith(']');
  if (bracketed) {
    if (!(s.startsWith('[') && s.endsWith(']'))) return null;
    s = s.slice(1, -1);
  }
  let zone: string | undefined;
  const percent = s.indexOf('%');
  if (percent >= 0) {
    zone = s.slice(percent + 1);
    s = s.slice(0, percent);
    // In a URI the zone's "%" is itself escaped: [fe80::1%25eth0] (RFC 6874).
    if (bracketed && zone.startsWith('25') && zone.length > 2) zone = zone.slice(2);
    if (!ZONE.test(zone)) return null;
  }

  let bytes: number[] | null;
  if (s.includes(':')) {
    bytes = parseV6(s);
  } else {
    // A zone only scopes IPv6 addresses (RFC 4007).
    if (zone !== undefined) return null;
    bytes = parseV4(s);
  }
  if (!bytes) return null;
  if (prefixLength !== undefined && prefixLength > bytes.length * 8) return null;

  const ip = fromBytes(bytes);
  if (zone !== undefined) ip.zone = zone;
  if (prefixLength !== undefined) ip.prefixLength = prefixLength;
  return ip;
}

/** Four decimal parts of one to three digits, each at most 255; leading zeros are decimal, not octal. */
function parseV4(s: string): number[] | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  const bytes: number[] = [];
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    bytes.push(n);
  }
  return bytes;
}

function parseV6(input: string): number[] | null {
  let s = input.toLowerCase();
  // Mixed notation: the last 32 bits written as dotted decimal.
  let embedded: number[] | null = null;
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    embedded = parseV4(s.slice(lastColon + 1));
    if (!embedded) return null;
    s = `${s.slice(0, lastColon + 1)}0:0`;
  }
  const gap = s.indexOf('::');
  if (gap !== s.lastIndexOf('::')) return null;
  let groups: string[];
  if (gap >= 0) {
    const head = s.slice(0, gap);
    const tail = s.slice(gap + 2);
    const headGroups = head ? head.split(':') : [];
    const tailGroups = tail ? tail.split(':') : [];
    // "::" stands for at least one group.
    if (headGroups.length + tailGroups.length > 7) return null;
    groups = [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
  } else {
    groups = s.split(':');
    if (groups.length !== 8) return null;
  }
  const bytes: number[] = [];
  for (const group of groups) {
    if (!/^[0-9a-f]{1,4}$/.test(group)) return null;
    const n = parseInt(group, 16);
    bytes.push(n >> 8, n & 0xff);
  }
  if (embedded) bytes.splice(12, 4, ...embedded);
  return bytes;
}

// ---------------------------------------------------------------------------------------------
// Formatting and classification

function fromBytes(bytes: number[]): CanonicalIp {
  if (bytes.length === 4) {
    const cls = classifyV4(bytes);
    return { address: bytes.join('.'), version: 4, class: cls, scope: IP_CLASS_SCOPE[cls], bytes };
  }
  const mapped = isV4Mapped(bytes) ? bytes.slice(12) : null;
  const cls = classifyV6(bytes);
  const ip: CanonicalIp = { address: formatV6(bytes), version: 6, class: cls, scope: IP_CLASS_SCOPE[cls], bytes };
  if (mapped) ip.mappedIpv4 = mapped.join('.');
  return ip;
}

function isV4Mapped(bytes: readonly number[]): boolean {
  for (let i = 0; i < 10; i++) if (bytes[i] !== 0) return false;
  return bytes[10] === 0xff && bytes[11] === 0xff;
}

function formatV6(bytes: readonly number[]): string {
  if (isV4Mapped(bytes)) return `::ffff:${bytes.slice(12).join('.')}`;
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  // The longest run of zero groups, the first one on a tie; a single zero group is never shortened.
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

function classifyV4(bytes: readonly number[]): IpClass {
  const [a = 0, b = 0, c = 0] = bytes;
  if (bytes.every((x) => x === 0)) return 'unspecified';
  if (a === 0) return 'reserved'; // "this network" (RFC 791)
  if (a === 127) return 'loopback';
  if (a === 169 && b === 254) return 'link_local';
  if (a >= 224 && a <= 239) return 'multicast';
  if (bytes.every((x) => x === 255)) return 'broadcast';
  if (a >= 240) return 'reserved';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
  if (a === 100 && b >= 64 && b <= 127) return 'shared';
  if ((a === 192 && b === 0 && c === 2) || (a === 198 && b === 51 && c === 100) || (a === 203 && b === 0 && c === 113)) return 'documentation';
  if (a === 198 && (b === 18 || b === 19)) return 'benchmarking';
  if ((a === 192 && b === 0 && c === 0) || (a === 192 && b === 88 && c === 99)) return 'reserved';
  return 'public';
}

function classifyV6(bytes: readonly number[]): IpClass {
  const word = (i: number): number => ((bytes[2 * i] ?? 0) << 8) | (bytes[2 * i + 1] ?? 0);
  const zeroUpTo = (n: number): boolean => bytes.slice(0, n).every((x) => x === 0);
  if (bytes.every((x) => x === 0)) return 'unspecified';
  if (zeroUpTo(15) && bytes[15] === 1) return 'loopback';
  if (isV4Mapped(bytes)) return classifyV4(bytes.slice(12));
  const w0 = word(0);
  const w1 = word(1);
  // NAT64 well-known prefix 64:ff9b::/96 (RFC 6052): the embedded IPv4 address decides.
  if (w0 === 0x64 && w1 === 0xff9b && word(2) === 0 && word(3) === 0 && word(4) === 0 && word(5) === 0) return classifyV4(bytes.slice(12));
  if (w0 === 0x64 && w1 === 0xff9b && word(2) === 1) return 'private'; // local-use NAT64 (RFC 8215)
  if (w0 === 0x100 && w1 === 0 && word(2) === 0 && word(3) === 0) return 'reserved'; // discard-only (RFC 6666)
  if ((w0 === 0x2001 && w1 === 0xdb8) || (w0 === 0x3fff && (w1 & 0xf000) === 0)) return 'documentation'; // RFC 3849, RFC 9637
  if (w0 === 0x2001 && w1 === 0x2 && word(2) === 0) return 'benchmarking'; // RFC 5180
  if ((w0 & 0xe000) === 0x2000) return 'public'; // global unicast 2000::/3
  if ((w0 & 0xfe00) === 0xfc00) return 'private'; // unique local fc00::/7
  if ((w0 & 0xffc0) === 0xfe80) return 'link_local';
  if ((w0 & 0xffc0) === 0xfec0) return 'private'; // deprecated site-local (RFC 3879): still site-scoped
  if ((w0 & 0xff00) === 0xff00) return 'multicast';
  return 'reserved'; // IPv4-compatible ::/96 and unassigned space
}
