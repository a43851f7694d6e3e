// The raw hash of a record: what lets a re-import skip records it has seen before without parsing
// them. It covers the record's text as the file holds it (a CSV row, an NDJSON line, a JSON
// element's text) and a salt of everything that changes what that text means: the kind, the
// network option, the CSV delimiter and the columns the header resolves to (header and column map),
// the size limits, and a version that is raised whenever the reader maps records differently. It
// leaves out what does not change the meaning, notably the file's name and modification time.
import { hash } from 'node:crypto';

/** Raise when validation or mapping changes, so that records read by an older reader are read again. */
export const RAW_HASH_VERSION = 1;

/** The salt for a file's records: a canonical text of the given settings (stable key order). */
export function rawHashSalt(settings: Readonly<Record<string, unknown>>): string {
  const keys = Object.keys(settings).sort();
  const canonical = keys.map((key) => [key, settings[key] ?? null]);
  return JSON.stringify([RAW_HASH_VERSION, canonical]) + '\n';
}

/** Hex of the first 128 bits of SHA-256(salt + text). The salt ends in a line break, which JSON never holds, so the two cannot run together. */
export function rawRecordHash(salt: string, text: string): string {
  return hash('sha256', salt + text, 'hex').slice(0, 32);
}
