// Reads a servers / desktops / cloud inventory file (JSON, NDJSON or CSV) as a stream of validated
// observations. It stops with an ImportFileError at the first bad record: the import service commits
// a file all-or-nothing, so carrying on past an error would only waste the user's time.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import type { ObservationInput } from '../../../src-shared/model/observation.js';
import type { ImportFileFormat, ImportKind } from '../../../src-shared/model/source-kinds.js';
import { checkCsvHeader, csvRowToRecord } from './csv-row-to-record.js';
import { detectCsvDelimiter } from './detect-csv-delimiter.js';
import { detectImportFileLayout, IMPORT_FILE_EXTENSIONS, type ImportFileLayout } from './detect-import-format.js';
import { ImportFileError } from './import-file-error.js';
import { parseImportRecord } from './parse-import-record.js';
import { readCsvRecords } from './read-csv-records.js';
import { readJsonRecords } from './read-json-records.js';
import { readNdjsonRecords } from './read-ndjson-records.js';
import { toIsoUtc } from './record-field-schemas.js';
import type { SourceRecord } from './source-record.js';

export interface ParsedRecord {
  /** 1-based. */
  recordNumber: number;
  line: number | null;
  observation: ObservationInput;
}

export interface ImportReadProgress {
  bytesRead: number;
  totalBytes: number;
  records: number;
}

export interface ReadImportFileOptions {
  path: string;
  /** The name people know the file by (an upload's original name); used for the extension and in messages. Default: the path's base name. */
  fileName?: string;
  kind: ImportKind;
  /** Else detected from the extension: .json, .ndjson, .jsonl, .csv. */
  format?: ImportFileFormat;
  /** ISO-8601; used for records without last_seen / observed_at. */
  defaultObservedAt: string;
  /** Site or network name attached to every private IP. */
  network?: string;
  onProgress?: (progress: ImportReadProgress) => void;
  signal?: AbortSignal;
}

const PROGRESS_BYTES = 64 * 1024;
const PROGRESS_RECORDS = 1000;
const READ_CHUNK_BYTES = 64 * 1024;

export async function* readImportFile(opts: ReadImportFileOptions): AsyncGenerator<ParsedRecord> {
  const file = opts.fileName ?? basename(opts.path);
  const cancelled = (): ImportFileError => new ImportFileError({ reason: 'cancelled', file, problem: 'the import was cancelled' });
  if (opts.signal?.aborted) throw cancelled();
  if (toIsoUtc(opts.defaultObservedAt) === null) throw new RangeError(`defaultObservedAt is not an ISO-8601 time: ${opts.defaultObservedAt}`);

  const layout = detectImportFileLayout(file, opts.format);
  if (layout === null) {
    throw new ImportFileError({
      reason: 'unsupported_format',
      file,
      problem: `cannot tell the format from the file name; use one of ${IMPORT_FILE_EXTENSIONS.join(', ')} or choose the format explicitly`,
    });
  }

  let totalBytes: number;
  let delimiter = ',';
  try {
    const info = await stat(opts.path);
    if (!info.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'EISDIR' });
    totalBytes = info.size;
    if (layout === 'csv') delimiter = await detectCsvDelimiter(opts.path);
  } catch (cause) {
    throw unreadable(file, cause);
  }

  const input = createReadStream(opts.path, { highWaterMark: READ_CHUNK_BYTES });
  // Destroying the stream makes a pending read fail at once, so cancel works mid-chunk too.
  const onAbort = (): void => {
    input.destroy(cancelled());
  };
  opts.signal?.addEventListener('abort', onAbort, { once: true });

  const ctx = { defaultObservedAt: opts.defaultObservedAt, network: opts.network, file, recordNumber: 0, line: null as number | null, raw: undefined as unknown };
  let records = 0;
  let reportedBytes = 0;
  let reportedRecords = 0;
  const report = (bytesRead: number): void => {
    reportedBytes = bytesRead;
    reportedRecords = records;
    opts.onProgress?.({ bytesRead, totalBytes, records });
  };

  try {
    for await (const source of openSource(layout, input, file, opts.kind, delimiter)) {
      if (opts.signal?.aborted) throw cancelled();
      records++;
      ctx.recordNumber = records;
      ctx.line = source.line;
      let record = source.value;
      ctx.raw = undefined;
      if (layout === 'csv') {
        const converted = csvRowToRecord(opts.kind, source.value as Record<string, string>);
        if (!('record' in converted)) {
          throw new ImportFileError({ reason: 'invalid_record', file, recordNumber: records, line: source.line, ...converted });
        }
        record = converted.record;
        ctx.raw = source.value;
      }
      const observation = parseImportRecord(opts.kind, record, ctx);
      if (opts.onProgress !== undefined && (input.bytesRead - reportedBytes >= PROGRESS_BYTES || records - reportedRecords >= PROGRESS_RECORDS)) {
        report(input.bytesRead);
      }
      yield { recordNumber: records, line: source.line, observation };
    }
    if (opts.onProgress !== undefined) report(totalBytes);
  } catch (cause) {
    if (opts.signal?.aborted) throw cancelled();
    if (cause instanceof ImportFileError) throw cause;
    if (cause instanceof RangeError) throw cause;
    throw unreadable(file, cause);
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    input.destroy();
  }
}

function openSource(layout: ImportFileLayout, input: Readable, file: string, kind: ImportKind, delimiter: string): AsyncGenerator<SourceRecord> {
  switch (layout) {
    case 'json_document':
      return readJsonRecords(input, file);
    case 'json_lines':
      return readNdjsonRecords(input, file);
    case 'csv':
      return readCsvRecords(input, { file, delimiter, checkHeader: (columns) => checkCsvHeader(kind, columns) });
  }
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
          : code === 'ERR_ENCODING_INVALID_ENCODED_DATA'
            ? 'the file is not valid UTF-8 text'
            : `the file cannot be read: ${cause instanceof Error ? cause.message : String(cause)}`;
  return new ImportFileError({ reason: 'unreadable', file, problem, cause });
}
