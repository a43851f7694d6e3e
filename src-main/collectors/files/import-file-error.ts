// The one error type an import file read can end with. `reason` is a closed set the UI can explain;
// `problem` is the what-and-how-to-fix without the location, `message` adds where it happened.
// `detail`, when present, says more for a UI that can offer a fix (choose a delimiter, map columns).
import type { CsvDelimiter } from './detect-csv-delimiter.js';

export const IMPORT_FILE_ERROR_REASONS = ['unreadable', 'unsupported_format', 'malformed', 'invalid_record', 'cancelled'] as const;
export type ImportFileErrorReason = (typeof IMPORT_FILE_ERROR_REASONS)[number];

export type ImportFileErrorDetail =
  /** The file is not UTF-8: where its first invalid byte is (byteOffset counts from 0). */
  | { kind: 'not_utf8'; byteOffset: number; line: number }
  /** More than one delimiter reads the CSV consistently; the caller must choose (options.delimiter). */
  | { kind: 'ambiguous_delimiter'; candidates: CsvDelimiter[] }
  /** The CSV header lacks required columns: the columns found, and a column map that may fix it. */
  | { kind: 'missing_columns'; columns: string[]; suggestedColumnMap: Record<string, string> }
  /** The CSV text breaks the quoting rules (unclosed quote, text after a closing quote). */
  | { kind: 'csv_syntax' };

export interface ImportFileErrorDetails {
  reason: ImportFileErrorReason;
  /** The file's name as the user knows it (base name, or a label such as "(manual entry)"). */
  file: string;
  problem: string;
  recordNumber?: number | null;
  line?: number | null;
  field?: string | null;
  detail?: ImportFileErrorDetail | null;
  cause?: unknown;
}

export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
  readonly reason: ImportFileErrorReason;
  readonly file: string;
  readonly recordNumber: number | null;
  readonly line: number | null;
  readonly field: string | null;
  readonly problem: string;
  readonly detail: ImportFileErrorDetail | null;

  constructor(details: ImportFileErrorDetails) {
    const recordNumber = details.recordNumber ?? null;
    const line = details.line ?? null;
    const field = details.field ?? null;
    super(`${describeLocation(details.file, line, recordNumber, field)}: ${details.problem}`, { cause: details.cause });
    this.reason = details.reason;
    this.file = details.file;
    this.recordNumber = recordNumber;
    this.line = line;
    this.field = field;
    this.problem = details.problem;
    this.detail = details.detail ?? null;
  }
}

// e.g. `servers.csv line 14 (record 13), field "memory_mb"`.
function describeLocation(file: string, line: number | null, recordNumber: number | null, field: string | null): string {
  let where = file;
  if (line !== null && recordNumber !== null) where += ` line ${line} (record ${recordNumber})`;
  else if (line !== null) where += ` line ${line}`;
  else if (recordNumber !== null) where += ` record ${recordNumber}`;
  if (field !== null) where += `, field "${field}"`;
  return where;
}
