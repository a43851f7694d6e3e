// What a format reader hands to readImportFile: one record as parsed, before validation.
export interface SourceRecord {
  value: unknown;
  /** 1-based line where the record starts, when the format has lines. */
  line: number | null;
  /** For CSV: the row converted to the JSON record shape (value stays the row, kept as raw). */
  record?: unknown;
}
