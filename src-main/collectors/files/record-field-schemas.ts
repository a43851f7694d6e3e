// Zod building blocks shared by the import record schemas, and the normalisers the mappers apply
// after validation. The split is deliberate: zod's own checks run compiled and fast (~1M simple
// objects/s), while each zod transform costs ~1.5 µs, which at 20+ fields per record would cap an
// import below its 50,000 records/s goal. So schemas only check; normalising is plain code.
// Every schema accepts what real exports contain (numbers written as strings, null or "" for "not
// known", MACs in any common notation) and explains a rejection as `expected ..., got ...`.
import { isIP } from 'node:net';
import { z } from 'zod';

/** How a value is quoted in an error message: short, and never a dump of a whole object. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  return 'an object';
}

function expected(what: string) {
  return { error: (issue: { input?: unknown }) => `expected ${what}, got ${describeValue(issue.input)}` };
}

/** Optional free text. Numbers are accepted because exporters write numeric serials and ids bare. */
export const optionalText = z.union([z.string(), z.number()], expected('text')).nullish();

/** Optional whole number in [min, max]; digits in a string count, because CSV has no numbers. */
export function optionalWholeNumber(min: number, max: number) {
  const range = expected(`a whole number from ${min} to ${max}`);
  return z
    .union([z.number().int(range).min(min, range).max(max, range), z.string().regex(/^\s*(\d+(\.0+)?)?\s*$/, expected('a number'))], expected('a number'))
    .nullish()
    .refine((v) => typeof v !== 'string' || v.trim() === '' || (Number(v) >= min && Number(v) <= max), range);
}

const MAC_PATTERN = /^\s*(?:[0-9a-f]{2}([:-]?)[0-9a-f]{2}(?:\1[0-9a-f]{2}){4}|[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4})?\s*$/i;

/** A MAC in colon, hyphen, Cisco-dot or bare notation ("" means none). */
export const macAddress = z.string(expected('a MAC address such as 00:1a:2b:3c:4d:5e')).regex(MAC_PATTERN, expected('a MAC address such as 00:1a:2b:3c:4d:5e'));

/** Optional MAC in colon, hyphen, Cisco-dot or bare notation. */
export const optionalMacAddress = macAddress.nullish();

const BIOS_UUID_PATTERN = /^\s*(?:\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?\s*$/i;
const BIOS_UUID_EXPECTED = expected('a BIOS UUID of 32 hex digits in 8-4-4-4-12 form, such as 4c4c4544-0042-3510-8052-b4c04f4b4e32');

/**
 * Optional SMBIOS system UUID, braces and upper case accepted. Placeholder values (all zeros, all
 * F) are kept as given: whether they identify anything is the engine's decision, not the reader's.
 */
export const optionalBiosUuid = z.string(BIOS_UUID_EXPECTED).regex(BIOS_UUID_PATTERN, BIOS_UUID_EXPECTED).nullish();

/** An IPv4 or IPv6 address without a prefix length. */
export const ipAddress = z.string(expected('an IP address')).refine((text) => isIP(text.trim()) !== 0, {
  error: (issue) => {
    const text = typeof issue.input === 'string' ? issue.input : '';
    const hint = text.includes('/') ? ' (write the address without a /prefix length)' : '';
    return `expected an IPv4 or IPv6 address, got ${describeValue(issue.input)}${hint}`;
  },
});

/** A list that may be absent or null in the file; absent means empty. */
export function optionalList<T extends z.ZodType>(item: T) {
  return z.array(item, expected('a list')).nullish();
}

const TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/i;
const CANONICAL_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z$/;
const ZONE_SUFFIX = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * ISO-8601 date or date-time → ISO UTC, or null when the text is not one. A time without an offset
 * is taken as UTC: inventories are machine exports, and guessing the importing laptop's zone would
 * make the same file mean different things on different machines.
 */
export function toIsoUtc(text: string): string | null {
  // Most exports already write canonical UTC; skip the rewriting for them.
  if (CANONICAL_UTC.test(text)) {
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? null : text.length === 24 ? text : new Date(ms).toISOString();
  }
  const trimmed = text.trim();
  if (!TIMESTAMP_PATTERN.test(trimmed)) return null;
  let normalised = trimmed.replace(' ', 'T');
  if (normalised.length === 10) normalised += 'T00:00:00';
  if (!ZONE_SUFFIX.test(normalised)) normalised += 'Z';
  const ms = Date.parse(normalised);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

export const optionalTimestamp = z
  .string(expected('an ISO-8601 time such as 2024-05-01T08:30:00Z'))
  .refine((text) => text.trim() === '' || toIsoUtc(text) !== null, expected('an ISO-8601 time such as 2024-05-01T08:30:00Z'))
  .nullish();

/** key → value tags. Scalar values are accepted: `{"rack": 12}` is a reasonable thing to export. */
export const tagMap = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()], expected('a text value')).nullable(), expected('an object of key/value tags')).nullish();

// --- normalisers, applied to validated values ---

/** Trimmed text, or undefined for absent / empty. */
export function textOf(value: string | number | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = typeof value === 'number' ? String(value) : value.trim();
  return text === '' ? undefined : text;
}

export function numberOf(value: string | number | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') return value;
  return value.trim() === '' ? undefined : Number(value);
}

/** Lower-case colon pairs, the one form reconciliation compares. */
export function macOf(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const hex = value.replace(/[\s:.-]/g, '').toLowerCase();
  if (hex === '') return undefined;
  return `${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}:${hex.slice(6, 8)}:${hex.slice(8, 10)}:${hex.slice(10, 12)}`;
}

/** Lower case without braces: the one form reconciliation compares. */
export function biosUuidOf(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim().replace(/^\{|\}$/g, '').toLowerCase();
  return text === '' ? undefined : text;
}

/** For a value the schema has validated: canonical UTC as most exports write it is returned as it is. */
export function timestampOf(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (value.length === 24 && CANONICAL_UTC.test(value)) return value;
  return value.trim() === '' ? undefined : (toIsoUtc(value) ?? undefined);
}

export function tagsOf(value: Record<string, string | number | boolean | null> | null | undefined): Record<string, string> {
  const tags: Record<string, string> = {};
  if (value === null || value === undefined) return tags;
  for (const key in value) {
    const tagValue = value[key];
    if (tagValue !== null && tagValue !== undefined) tags[key.trim()] = String(tagValue).trim();
  }
  return tags;
}
