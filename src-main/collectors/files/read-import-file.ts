// Reads a servers / desktops / cloud inventory file (JSON, NDJSON or CSV) as a stream of items, one
// per record: a validated observation, a rejection saying what is wrong with the record and where,
// or "unchanged" when the caller already knows the record's raw hash. A bad record does not stop
// the read, so one pass reports every problem in a file. Only what makes the whole file unreadable
// throws an ImportFileError: unsupported format, unreadable, not UTF-8, CSV quoting, a header
// without the required columns, an ambiguous delimiter, a broken JSON document structure.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ImportFileFormat, ImportKind } from '../../../src-shared/model/source-kinds.js';
import type { CsvDelimiter } from './detect-csv-delimiter.js';
import { detectImportFileLayout, IMPORT_FILE_EXTENSIONS } from './detect-import-format.js';
import { describeInvalidUtf8, findInvalidUtf8 } from './find-invalid-utf8.js';
import { ImportFileError } from './import-file-error.js';
import type { ImportItem } from './import-item.js';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from './import-limits.js';
import { createRecordValidator } from './parse-import-record.js';
import { CsvRecordReader } from './read-csv-records.js';
import { JsonRecordReader } from './read-json-records.js';
import type { RecordReaderContext } from './record-reader-context.js';

export type { ImportItem, ImportRecordItem, ImportRejectedItem, ImportUnchangedItem } from './import-item.js';

export interface ImportReadProgress {
  bytesRead: number;
  totalBytes: number;
  /** Records read so far, whatever their outcome. */
  records: number;
}

export interface ReadImportFileOptions extends Partial<ImportLimits> {
  path: string;
  /** The name people know the file by (an upload's original name); used for the extension and in messages. Default: the path's base name. */
  fileName?: string;
  kind: ImportKind;
  /** Else detected from the extension: .json, .ndjson, .jsonl, .csv. */
  format?: ImportFileFormat | undefined;
  /** ISO-8601; used for records without last_seen / observed_at. Not part of the raw hash. */
  defaultObservedAt: string;
  /** Site or network name attached to every private IP. */
  network?: string | undefined;
  /** CSV only: else detected among comma, semicolon and tab (an error when that is ambiguous). */
  delimiter?: CsvDelimiter | undefined;
  /** CSV only: file header → our column name, case-insensitive, for headers other tools wrote (see suggestColumnMap). */
  columnMap?: Readonly<Record<string, string>> | undefined;
  /** Return true for a raw hash already imported: that record is yielded as 'unchanged' without being validated. */
  isKnownRaw?: ((rawHash: string) => boolean) | undefined;
  onProgress?: (progress: ImportReadProgress) => void;
  signal?: AbortSignal;
}

const PROGRESS_BYTES = 64 * 1024;
const PROGRESS_RECORDS = 1000;
const READ_CHUNK_BYTES = 64 * 1024;

export async function* readImportFile(opts: ReadImportFileOptions): AsyncGenerator<ImportItem> {
  const file = opts.fileName ?? basename(opts.path);
  const cancelled = (): ImportFileError => new ImportFileError({ reason: 'cancelled', file, problem: 'the import was cancelled' });
  if (opts.signal?.aborted) throw cancelled();
  const ctx: RecordReaderContext = {
    kind: opts.kind,
    file,
    network: opts.network,
    limits: limitsOf(opts),
    // Throws a RangeError for a defaultObservedAt that is not ISO-8601: a caller's mistake, not the file's.
    validate: createRecordValidator(opts.kind, { defaultObservedAt: opts.defaultObservedAt, network: opts.network }),
    isKnownRaw: opts.isKnownRaw,
  };

  const layout = detectImportFileLayout(file, opts.format);
  if (layout === null) {
    throw new ImportFileError({
      reason: 'unsupported_format',
      file,
      problem: `cannot tell the format from the file name; use one of ${IMPORT_FILE_EXTENSIONS.join(', ')} or choose the format explicitly`,
    });
  }

  let totalBytes: number;
  try {
    const info = await stat(opts.path);
    if (!info.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'EISDIR' });
    totalBytes = info.size;
  } catch (cause) {
    throw unreadable(file, cause);
  }

  const reader = layout === 'csv' ? new CsvRecordReader(ctx, { delimiter: opts.delimiter, columnMap: opts.columnMap }) : new JsonRecordReader(ctx, layout);
  const input = createReadStream(opts.path, { highWaterMark: READ_CHUNK_BYTES });
  // Destroying the stream makes a pending read fail at once, so cancel works mid-chunk too.
  const onAbort = (): void => {
    input.destroy(cancelled());
  };
  opts.signal?.addEventListener('abort', onAbort, { once: true });

  // Fatal: a byte that is not UTF-8 stops the read with where it is, instead of becoming U+FFFD.
  // The decoder drops a leading byte-order mark.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decode = async (bytes?: Buffer): Promise<string> => {
    try {
      return bytes === undefined ? decoder.decode() : decoder.decode(bytes, { stream: true });
    } catch (cause) {
      throw await notUtf8(opts.path, file, cause);
    }
  };
  let records = 0;
  let reportedBytes = 0;
  let reportedRecords = 0;
  const report = (bytesRead: number): void => {
    reportedBytes = bytesRead;
    reportedRecords = records;
    opts.onProgress?.({ bytesRead, totalBytes, records });
  };

  try {
    let items: ImportItem[] = [];
    for await (const bytes of input) {
      items = reader.push(await decode(bytes as Buffer));
      for (const item of items) {
        if (opts.signal?.aborted) throw cancelled();
        records++;
        yield item;
      }
      if (opts.onProgress !== undefined && (input.bytesRead - reportedBytes >= PROGRESS_BYTES || records - reportedRecords >= PROGRESS_RECORDS)) {
        report(input.bytesRead);
      }
    }
    items = [...reader.push(await decode()), ...reader.end()];
    for (const item of items) {
      if (opts.signal?.aborted) throw cancelled();
      records++;
      yield item;
    }
    if (opts.onProgress !== undefined) report(totalBytes);
  } catch (cause) {
    if (opts.signal?.aborted) throw cancelled();
    if (cause instanceof ImportFileError) throw cause;
    throw unreadable(file, cause);
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    input.destroy();
  }
}

function limitsOf(opts: Partial<ImportLimits>): ImportLimits {
  const limits: ImportLimits = { ...DEFAULT_IMPORT_LIMITS };
  for (const key of Object.keys(limits) as (keyof ImportLimits)[]) {
    const value = opts[key];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`${key} must be a positive whole number, got ${value}`);
    limits[key] = value;
  }
  return limits;
}

/** Reads the file again to say where its first invalid byte is: only on this error path. */
async function notUtf8(path: string, file: string, cause: unknown): Promise<ImportFileError> {
  const head = new Uint8Array(2);
  let invalid: Awaited<ReturnType<typeof findInvalidUtf8>> = null;
  try {
    const again = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
    let first = true;
    invalid = await findInvalidUtf8(
      (async function* () {
        for await (const chunk of again) {
          if (first) head.set((chunk as Buffer).subarray(0, 2));
          first = false;
          yield chunk as Buffer;
        }
      })(),
    );
  } catch {
    // The file went away between the two reads: report without the position.
  }
  if (invalid === null) return new ImportFileError({ reason: 'malformed', file, problem: 'the file is not valid UTF-8 text; save it as UTF-8 and import it again', cause });
  return new ImportFileError({
    reason: 'malformed',
    file,
    line: invalid.line,
    problem: describeInvalidUtf8(invalid, head),
    detail: { kind: 'not_utf8', byteOffset: invalid.byteOffset, line: invalid.line },
    cause,
  });
}

function unreadable(file: string, cause: unknown): ImportFileError {
  const code = (cause as { code?: unknown } | null)?.code;
  const problem =
    code === 'ENOENT'
      ? 'the file does not exist'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied; check that the file can be read by this user'
        : code === 'EISDIR'
          ? 'this is a folder, not a file'
          : `the file cannot be read: ${cause instanceof Error ? cause.message : String(cause)}`;
  return new ImportFileError({ reason: 'unreadable', file, problem, cause });
}
