// Size bounds for one import record. An inventory export is machine-written and small per record
// (a few hundred bytes to a few KB); anything far beyond that is a broken or hostile file, and
// must be refused per record without the reader holding it in memory or spending seconds on it.
export interface ImportLimits {
  /** Longest text value, in UTF-8 bytes (a CSV cell, a JSON string, a tag key). */
  maxFieldBytes: number;
  /** Largest record, in UTF-8 bytes of its text in the file (a CSV row, an NDJSON line, a JSON element). */
  maxRecordBytes: number;
  /** Most entries in one list (interfaces, software, ips, ...) or keys in one object (tags). */
  maxListEntries: number;
  /** Deepest nesting of lists and objects in a JSON record (the record itself is level 1). */
  maxNestingDepth: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxFieldBytes: 4096,
  maxRecordBytes: 64 * 1024,
  maxListEntries: 1000,
  maxNestingDepth: 16,
};

/** Whether `text` is longer than `maxBytes` in UTF-8, without encoding it when the answer is plain. */
export function exceedsUtf8Bytes(text: string, maxBytes: number): boolean {
  // A UTF-16 code unit takes 1 to 3 UTF-8 bytes (a surrogate pair: 4 bytes for 2 units).
  if (text.length > maxBytes) return true;
  if (text.length * 3 <= maxBytes) return false;
  return Buffer.byteLength(text, 'utf8') > maxBytes;
}

/** 65536 → "65,536". Sizes in messages are exact, because people compare them with their editor's. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
