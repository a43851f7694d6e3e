// The one error type an import file read can end with. `reason` is a closed set the UI can explain;
// `problem` is the what-and-how-to-fix without the location, `message` adds where it happened.
export const IMPORT_FILE_ERROR_REASONS = ['unreadable', 'unsupported_format', 'malformed', 'invalid_record', 'cancelled'] as const;
export type ImportFileErrorReason = (typeof IMPORT_FILE_ERROR_REASONS)[number];

export interface ImportFileErrorDetails {
  reason: ImportFileErrorReason;
  /** The file's name as the user knows it (base name, or a label such as "(manual entry)"). */
  file: string;
  problem: string;
  recordNumber?: number | null;
  line?: number | null;
  field?: string | null;
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
