// Decoding of raw varbind values: display strings, MAC addresses, integers, index parsing.
// IP addresses are written canonically (src-shared/lib/canonical-ip).
import { ipFromBytes } from '../../../src-shared/lib/canonical-ip.js';
import type { SnmpValue, SnmpVarbind } from './snmp-safety-guard.js';

const PRINTABLE = /^[\x20-\x7e\t\r\n]*$/;

export function asText(vb: SnmpVarbind | undefined): string | undefined {
  if (!vb) return undefined;
  const v = vb.value;
  if (v === null || v === undefined) return undefined;
  if (Buffer.isBuffer(v)) {
    const text = v.toString('utf8').replace(/\0+$/, '');
    return text.length > 0 ? text.slice(0, 4096) : undefined;
  }
  const text = String(v);
  return text.length > 0 ? text.slice(0, 4096) : undefined;
}

export function asNumber(vb: SnmpVarbind | undefined): number | undefined {
  if (!vb) return undefined;
  const v: SnmpValue = vb.value;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'bigint') return Number(v);
  if (Buffer.isBuffer(v) && v.length > 0 && v.length <= 8) return readUnsigned(v); // Counter64
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return undefined;
}

function readUnsigned(buffer: Buffer): number {
  let n = 0;
  for (const byte of buffer) n = n * 256 + byte;
  return n;
}

/** Six raw bytes → "aa:bb:cc:dd:ee:ff"; also accepts an already formatted text MAC. */
export function asMac(vb: SnmpVarbind | undefined): string | undefined {
  if (!vb) return undefined;
  return bytesToMac(vb.value);
}

export function bytesToMac(v: SnmpValue): string | undefined {
  if (Buffer.isBuffer(v)) {
    if (v.length === 6) return [...v].map((b) => b.toString(16).padStart(2, '0')).join(':');
    const text = v.toString('latin1');
    return PRINTABLE.test(text) ? normaliseMacText(text) : undefined;
  }
  return typeof v === 'string' ? normaliseMacText(v) : undefined;
}

export function normaliseMacText(text: string): string | undefined {
  const hex = text.replace(/[^0-9a-fA-F]/g, '').toLowerCase();
  if (hex.length !== 12 || !/^[0-9a-f:.\- ]+$/i.test(text.trim())) return undefined;
  return hex.match(/../g)?.join(':');
}

/** An octet string that is printable is text; otherwise hex (chassis ids, engine ids). */
export function asTextOrHex(vb: SnmpVarbind | undefined): string | undefined {
  if (!vb) return undefined;
  const v = vb.value;
  if (Buffer.isBuffer(v)) {
    const text = v.toString('latin1');
    if (v.length > 0 && PRINTABLE.test(text)) return text;
    return v.length > 0 ? v.toString('hex') : undefined;
  }
  return asText(vb);
}

export function asHex(vb: SnmpVarbind | undefined): string | undefined {
  if (!vb) return undefined;
  const v = vb.value;
  if (Buffer.isBuffer(v)) return v.length > 0 ? v.toString('hex') : undefined;
  return typeof v === 'string' && v.length > 0 ? Buffer.from(v, 'latin1').toString('hex') : undefined;
}

export function asOid(vb: SnmpVarbind | undefined): string | undefined {
  const text = asText(vb);
  return text && /^\d+(\.\d+)*$/.test(text) ? text : undefined;
}

/** SNMP DateAndTime (8 or 11 octets) → ISO string. */
export function asDateAndTime(vb: SnmpVarbind | undefined): string | undefined {
  const v = vb?.value;
  if (!Buffer.isBuffer(v) || (v.length !== 8 && v.length !== 11)) return undefined;
  const year = v.readUInt16BE(0);
  const pad = (n: number | undefined): string => String(n ?? 0).padStart(2, '0');
  if (year < 1970 || year > 2200) return undefined;
  return `${year}-${pad(v[2])}-${pad(v[3])}T${pad(v[4])}:${pad(v[5])}:${pad(v[6])}`;
}

/** Splits a numeric instance index into its sub-identifiers. */
export function indexParts(index: string): number[] {
  return index.split('.').map(Number);
}

/** Four index sub-identifiers (an IpAddress index: ipAddrTable, ipNetToMediaTable) → canonical IPv4 text. */
export function indexToIpv4(parts: readonly number[]): string | undefined {
  return parts.length === 4 ? (ipFromBytes(parts)?.address ?? undefined) : undefined;
}

export function indexToMac(parts: readonly number[]): string | undefined {
  if (parts.length !== 6 || parts.some((p) => !(p >= 0 && p <= 255))) return undefined;
  return parts.map((b) => b.toString(16).padStart(2, '0')).join(':');
}
