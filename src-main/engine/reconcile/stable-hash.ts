// Canonical JSON (sorted keys) and SHA-256 helpers: the basis of content hashes, deterministic
// asset ids and the canonical serialisation that tests compare.
import { createHash } from 'node:crypto';

function sortKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  let sorted = true;
  for (let i = 1; i < keys.length; i++) {
    if ((keys[i - 1] as string) > (keys[i] as string)) {
      sorted = false;
      break;
    }
  }
  if (sorted) return value;
  keys.sort();
  const copy: Record<string, unknown> = {};
  for (const k of keys) copy[k] = record[k];
  return copy;
}

/**
 * JSON with object keys sorted (integer-like keys keep JSON's numeric-first order, which is just as
 * deterministic); keys in `omitKeys` are left out at every depth.
 */
export function stableStringify(value: unknown, omitKeys?: ReadonlySet<string>): string {
  const replacer = omitKeys === undefined ? (_k: string, v: unknown): unknown => sortKeys(v) : (k: string, v: unknown): unknown => (omitKeys.has(k) ? undefined : sortKeys(v));
  return JSON.stringify(value, replacer) ?? 'null';
}

/**
 * The same text as stableStringify(value) for JSON data (no omitted keys), written directly instead
 * of through a replacer: the content hash of every observation goes through it.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      const item: unknown = value[i];
      out += item === undefined || typeof item === 'function' ? 'null' : canonicalJson(item);
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  // As stableStringify orders them: JavaScript keeps integer-like keys first, in numeric order.
  const keys = Object.keys(record);
  keys.sort();
  const integers = keys.filter(isArrayIndex);
  const ordered = integers.length === 0 ? keys : [...integers.sort((a, b) => Number(a) - Number(b)), ...keys.filter((k) => !isArrayIndex(k))];
  let out = '{';
  let first = true;
  for (const k of ordered) {
    const v = record[k];
    if (v === undefined || typeof v === 'function') continue;
    out += `${first ? '' : ','}${JSON.stringify(k)}:${canonicalJson(v)}`;
    first = false;
  }
  return `${out}}`;
}

function isArrayIndex(key: string): boolean {
  return /^(0|[1-9]\d{0,9})$/.test(key) && Number(key) < 4_294_967_295;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A UUID-shaped (version 8, "custom") id derived from a SHA-256 of the text. */
export function uuidFromText(text: string): string {
  const h = sha256Hex(text);
  const variant = ((parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
