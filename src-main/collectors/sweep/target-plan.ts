// Target expansion for sweeps: single IPv4 addresses, CIDR blocks, ranges ("a-b" or "a.b.c.d-e"),
// exclusions in the same syntax, and a port list. Held as merged integer intervals and iterated
// lazily, so a /16 plan costs a few numbers, not 65 536 objects. Single IPv6 literals are accepted.
import { isIPv6 } from 'node:net';

export interface SweepTarget {
  host: string;
  port: number;
}

export interface TargetSpec {
  /** "10.0.0.5", "10.0.0.0/24", "10.0.0.10-10.0.0.20", "10.0.0.10-20", "fe80::1". */
  include: readonly string[];
  exclude?: readonly string[];
  /** Default [161]. */
  ports?: readonly number[];
  /** Refuse plans with more addresses than this (default 262 144, a /14). */
  maxAddresses?: number;
}

export class TargetSpecError extends Error {
  override readonly name = 'TargetSpecError';
  constructor(
    readonly reason: 'syntax' | 'limit',
    readonly entry: string,
    message: string,
  ) {
    super(message);
  }
}

type Interval = readonly [start: number, end: number]; // inclusive, IPv4 as uint32

export const DEFAULT_MAX_ADDRESSES = 262_144;

export class TargetPlan implements Iterable<SweepTarget> {
  /** Number of (address, port) pairs. */
  readonly size: number;
  readonly addressCount: number;
  readonly ports: readonly number[];
  readonly #intervals: readonly Interval[];
  readonly #ipv6: readonly string[];

  private constructor(intervals: readonly Interval[], ipv6: readonly string[], ports: readonly number[]) {
    this.#intervals = intervals;
    this.#ipv6 = ipv6;
    this.ports = ports;
    this.addressCount = intervals.reduce((n, [s, e]) => n + (e - s + 1), 0) + ipv6.length;
    this.size = this.addressCount * ports.length;
  }

  static parse(spec: TargetSpec): TargetPlan {
    const ports = [...new Set(spec.ports ?? [161])];
    for (const port of ports) {
      if (!Number.isInteger(port) || port < 1 || port > 65535) throw new TargetSpecError('syntax', String(port), `invalid port ${port}`);
    }
    const include: Interval[] = [];
    const ipv6 = new Set<string>();
    for (const entry of spec.include) {
      const parsed = parseEntry(entry);
      if (typeof parsed === 'string') ipv6.add(parsed);
      else include.push(parsed);
    }
    const exclude: Interval[] = [];
    const excludedV6 = new Set<string>();
    for (const entry of spec.exclude ?? []) {
      const parsed = parseEntry(entry);
      if (typeof parsed === 'string') excludedV6.add(parsed);
      else exclude.push(parsed);
    }
    const intervals = subtract(merge(include), merge(exclude));
    const plan = new TargetPlan(intervals, [...ipv6].filter((a) => !excludedV6.has(a)), ports);
    const max = spec.maxAddresses ?? DEFAULT_MAX_ADDRESSES;
    if (plan.addressCount > max) {
      throw new TargetSpecError('limit', spec.include.join(','), `plan has ${plan.addressCount} addresses, more than the limit of ${max}`);
    }
    return plan;
  }

  has(host: string): boolean {
    if (isIPv6(host)) return this.#ipv6.includes(host);
    const n = parseIpv4(host);
    return n !== null && this.#intervals.some(([s, e]) => n >= s && n <= e);
  }

  *[Symbol.iterator](): Iterator<SweepTarget> {
    // Address-major: all ports of one address are adjacent, which keeps per-host pacing simple.
    for (const [start, end] of this.#intervals) {
      for (let n = start; n <= end; n++) {
        const host = formatIpv4(n);
        for (const port of this.ports) yield { host, port };
      }
    }
    for (const host of this.#ipv6) for (const port of this.ports) yield { host, port };
  }
}

function parseEntry(raw: string): Interval | string {
  const entry = raw.trim();
  if (isIPv6(entry)) return entry;
  const cidr = /^(\d+\.\d+\.\d+\.\d+)\/(\d{1,2})$/.exec(entry);
  if (cidr) {
    const base = parseIpv4(cidr[1] ?? '');
    const prefix = Number(cidr[2]);
    if (base === null || prefix > 32) throw syntax(entry);
    const size = 2 ** (32 - prefix);
    const start = base - (base % size);
    const end = start + size - 1;
    // Network and broadcast addresses of an ordinary subnet are not hosts.
    return prefix <= 30 ? [start + 1, end - 1] : [start, end];
  }
  const range = /^(\d+\.\d+\.\d+\.\d+)\s*-\s*(\d+(?:\.\d+\.\d+\.\d+)?)$/.exec(entry);
  if (range) {
    const start = parseIpv4(range[1] ?? '');
    const tail = range[2] ?? '';
    const end = tail.includes('.') ? parseIpv4(tail) : start === null ? null : lastOctetEnd(start, Number(tail));
    if (start === null || end === null || end < start) throw syntax(entry);
    return [start, end];
  }
  const single = parseIpv4(entry);
  if (single === null) throw syntax(entry);
  return [single, single];
}

function lastOctetEnd(start: number, octet: number): number | null {
  if (!Number.isInteger(octet) || octet > 255) return null;
  return start - (start % 256) + octet;
}

function syntax(entry: string): TargetSpecError {
  return new TargetSpecError('syntax', entry, `not an IPv4 address, CIDR block, range or IPv6 address: "${entry}"`);
}

export function parseIpv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    n = n * 256 + octet;
  }
  return n;
}

export function formatIpv4(n: number): string {
  return `${Math.floor(n / 16777216) % 256}.${Math.floor(n / 65536) % 256}.${Math.floor(n / 256) % 256}.${n % 256}`;
}

function merge(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1] + 1) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

function subtract(include: readonly Interval[], exclude: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const [start, end] of include) {
    let cursor = start;
    for (const [xs, xe] of exclude) {
      if (xe < cursor || xs > end) continue;
      if (xs > cursor) out.push([cursor, xs - 1]);
      cursor = Math.max(cursor, xe + 1);
      if (cursor > end) break;
    }
    if (cursor <= end) out.push([cursor, end]);
  }
  return out;
}
