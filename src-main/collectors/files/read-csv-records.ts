// Turns CSV text into import items. The beginning of the file decides the line break and, unless
// the caller chose it, the delimiter; the first row is the header, resolved once (column map,
// required columns). Each further row is hashed and, unless the caller already knows its hash,
// checked against the limits, converted to the JSON record shape and validated. A row that fails
// is an item, not an end; only what makes the whole file unreadable (header, quoting) throws.
import type { ImportKind } from '../../../src-shared/model/source-kinds.js';
import { checkCellText, checkRecordBounds, csvRowMayHoldControls } from './check-record-bounds.js';
import { resolveCsvHeader, type CsvHeader } from './csv-header.js';
import { CsvRecordSplitter, printable, splitCsvTextLeniently, type CsvLineBreak, type CsvRawRow } from './csv-record-splitter.js';
import { csvRowToRecord } from './csv-row-to-record.js';
import { CSV_DELIMITERS, DELIMITER_SAMPLE_ROWS, detectCsvDelimiter, type CsvDelimiter, type DelimiterCandidate } from './detect-csv-delimiter.js';
import { isImportColumn } from './import-columns.js';
import { ImportFileError } from './import-file-error.js';
import type { ImportItem } from './import-item.js';
import { exceedsUtf8Bytes } from './import-limits.js';
import { normaliseColumnName } from './normalise-column-name.js';
import { rawRecordHash, rawHashSalt } from './raw-record-hash.js';
import { preview, rejected, tooLargeProblem, type RecordReaderContext } from './record-reader-context.js';
import { suggestColumnMap } from './suggest-column-map.js';

export interface CsvReadOptions {
  /** Else detected among comma, semicolon and tab. */
  delimiter?: CsvDelimiter | undefined;
  /** File header → our column name, case-insensitive. */
  columnMap?: Readonly<Record<string, string>> | undefined;
}

/** Text collected before deciding the delimiter: enough for the header and DELIMITER_SAMPLE_ROWS rows. */
const SAMPLE_CHARS = 64 * 1024;

interface CsvColumns {
  header: CsvHeader;
  salt: string;
  /** Matches a row whose cells are all empty (",,,", as spreadsheets write below the data). */
  emptyRow: RegExp;
}

export class CsvRecordReader {
  private sample = '';
  /** Set once the beginning of the file has decided the delimiter and line break. */
  private splitter: CsvRecordSplitter | null = null;
  private delimiter: CsvDelimiter = ',';
  private columns: CsvColumns | null = null;
  private records = 0;

  constructor(
    private readonly ctx: RecordReaderContext,
    private readonly options: CsvReadOptions,
  ) {}

  push(text: string): ImportItem[] {
    if (this.splitter === null) {
      this.sample += text;
      if (this.sample.length < SAMPLE_CHARS && countLines(this.sample) <= DELIMITER_SAMPLE_ROWS + 1) return [];
      const items: ImportItem[] = [];
      this.begin(false, items);
      return items;
    }
    return this.rows(this.splitter.push(text));
  }

  end(): ImportItem[] {
    const items: ImportItem[] = [];
    const splitter = this.splitter ?? this.begin(true, items);
    items.push(...this.rows(splitter.end()));
    if (this.columns === null) throw new ImportFileError({ reason: 'malformed', file: this.ctx.file, line: 1, problem: 'the file is empty; expected a header row of column names' });
    return items;
  }

  /** Decides delimiter and line break from the collected beginning of the file, and reads that beginning into `items`. */
  private begin(complete: boolean, items: ImportItem[]): CsvRecordSplitter {
    const sample = this.sample;
    this.sample = '';
    const lineBreak: CsvLineBreak = sample.includes('\n') || !sample.includes('\r') ? '\n' : '\r';
    const delimiter = this.options.delimiter ?? this.detectDelimiter(sample, complete, lineBreak);
    const splitter = new CsvRecordSplitter({ file: this.ctx.file, delimiter, lineBreak, maxRecordChars: this.ctx.limits.maxRecordBytes });
    this.delimiter = delimiter;
    this.splitter = splitter;
    items.push(...this.rows(splitter.push(sample)));
    return splitter;
  }

  private detectDelimiter(sample: string, complete: boolean, lineBreak: CsvLineBreak): CsvDelimiter {
    const { kind } = this.ctx;
    const mapped = new Set(Object.keys(this.options.columnMap ?? {}).map(normaliseColumnName));
    const isKnownColumn = (cell: string): boolean => {
      const name = normaliseColumnName(cell);
      return isImportColumn(kind, name) || mapped.has(name) || Object.keys(suggestColumnMap([cell], kind)).length > 0;
    };
    const detected = detectCsvDelimiter({ text: sample, complete, lineBreak }, isKnownColumn);
    if ('delimiter' in detected) return detected.delimiter;
    throw new ImportFileError({
      reason: 'malformed',
      file: this.ctx.file,
      line: 1,
      detail: { kind: 'ambiguous_delimiter', candidates: detected.ambiguous.map((c) => c.delimiter) },
      problem: `cannot tell which delimiter separates the columns: ${describeCandidates(detected.ambiguous)} ${detected.ambiguous.length === 2 ? 'both' : 'all'} read the file consistently; choose the delimiter (one of ${CSV_DELIMITERS.map((d) => `"${printable(d)}"`).join(', ')}) when importing`,
    });
  }

  private rows(rows: CsvRawRow[]): ImportItem[] {
    const items: ImportItem[] = [];
    for (const row of rows) {
      if (this.columns === null) {
        this.columns = this.readHeader(row);
        continue;
      }
      const item = this.read(row, this.columns);
      if (item !== null) items.push(item);
    }
    return items;
  }

  private readHeader(row: CsvRawRow): CsvColumns {
    const { ctx, delimiter } = this;
    if (row.oversize !== null || exceedsUtf8Bytes(row.text, ctx.limits.maxRecordBytes)) {
      throw new ImportFileError({ reason: 'malformed', file: ctx.file, line: row.line, problem: `the header row is longer than ${ctx.limits.maxRecordBytes} bytes; this does not look like an inventory export` });
    }
    const header = resolveCsvHeader(row.cells ?? row.text.split(delimiter), { kind: ctx.kind, file: ctx.file, delimiter, columnMap: this.options.columnMap });
    // The header's resolved columns stand for both the header and the column map: two files whose
    // rows mean the same give the same hashes.
    const salt = rawHashSalt({ kind: ctx.kind, network: ctx.network, syntax: 'csv', delimiter, columns: header.names, limits: ctx.limits });
    const emptyRow = new RegExp(`^[\\s"${delimiter === '\t' ? '\\t' : delimiter}]*$`);
    return { header, salt, emptyRow };
  }

  private read(row: CsvRawRow, columns: CsvColumns): ImportItem | null {
    const { ctx, delimiter } = this;
    const { limits } = ctx;
    const { header } = columns;
    const { line, text } = row;
    if (row.oversize !== null || exceedsUtf8Bytes(text, limits.maxRecordBytes)) return this.tooLarge(row, header);
    if (columns.emptyRow.test(text)) return null;
    const recordNumber = ++this.records;
    const rawHash = rawRecordHash(columns.salt, text);
    if (ctx.isKnownRaw?.(rawHash) === true) return { type: 'unchanged', recordNumber, line, rawHash };
    const cells = row.cells ?? text.split(delimiter);
    const rawRow = (): Record<string, string> => rawRowOf(header, cells);
    if (cells.length > header.names.length && cells.slice(header.names.length).some((cell) => cell.trim() !== '')) {
      return rejected(recordNumber, line, 'malformed', {
        field: null,
        problem: `the row has ${cells.length} cells but the header has ${header.names.length} columns; a cell that contains "${printable(delimiter)}" must be in double quotes`,
      }, rawRow());
    }
    if (exceedsUtf8Bytes(text, limits.maxFieldBytes) || csvRowMayHoldControls(text, delimiter)) {
      for (let i = 0; i < cells.length && i < header.names.length; i++) {
        const problem = checkCellText(cells[i] as string, fieldOf(ctx.kind, header, i), limits);
        if (problem !== null) return rejected(recordNumber, line, 'invalid_record', problem, rawRow());
      }
    }
    const named: Record<string, string> = {};
    for (let i = 0; i < cells.length && i < header.names.length; i++) {
      const name = header.names[i];
      if (name !== null && name !== undefined) named[name] = cells[i] as string;
    }
    const converted = csvRowToRecord(ctx.kind, named);
    if (!('record' in converted)) return rejected(recordNumber, line, 'invalid_record', converted, rawRow());
    // n entries of a multi-value cell take at least 2n - 1 characters.
    if (text.length >= 2 * limits.maxListEntries + 1) {
      const problem = checkRecordBounds(converted.record, limits, { strings: false, lists: true });
      if (problem !== null) return rejected(recordNumber, line, 'invalid_record', problem, rawRow());
    }
    const result = ctx.validate(converted.record, named);
    if ('observation' in result) return { type: 'record', recordNumber, line, observation: result.observation, rawHash };
    return rejected(recordNumber, line, 'invalid_record', result, rawRow());
  }

  /** A row over maxRecordBytes: only its beginning was kept; name its longest cell if that is over maxFieldBytes. */
  private tooLarge(row: CsvRawRow, header: CsvHeader): ImportItem {
    const { delimiter } = this;
    const { limits } = this.ctx;
    const recordNumber = ++this.records;
    const cells = row.cells ?? splitCsvTextLeniently(row.text, delimiter);
    let bytes: number;
    let atLeast: boolean;
    let longest: number;
    let longestIsOver: boolean;
    if (row.oversize !== null) {
      bytes = row.oversize.chars;
      atLeast = true;
      longest = row.oversize.longestCell;
      longestIsOver = row.oversize.longestCellChars > limits.maxFieldBytes;
    } else {
      bytes = Buffer.byteLength(row.text, 'utf8');
      atLeast = false;
      longest = cells.reduce((best, cell, i) => (cell.length > (cells[best] as string).length ? i : best), 0);
      longestIsOver = exceedsUtf8Bytes(cells[longest] ?? '', limits.maxFieldBytes);
    }
    const field = longestIsOver && longest < header.names.length ? fieldOf(this.ctx.kind, header, longest) : null;
    // Values over the limit are cut to a preview; so is the last kept cell of a row whose end was not kept.
    const kept = cells.map((cell, i) => (exceedsUtf8Bytes(cell, limits.maxFieldBytes) ? preview(cell) : row.oversize !== null && i === cells.length - 1 ? `${cell}…` : cell));
    const raw = rawRowOf(header, kept);
    return rejected(recordNumber, row.line, 'invalid_record', tooLargeProblem(bytes, atLeast, field, limits), raw, true);
  }
}

/** The name a CSV cell's problems are reported under: our column name, or the header as written. */
function fieldOf(kind: ImportKind, header: CsvHeader, index: number): string {
  const name = header.names[index];
  return name !== null && name !== undefined && isImportColumn(kind, name) ? name : (header.rawKeys[index] ?? `column_${index + 1}`);
}

/** The row as { header as written: cell } in file order, for writing back; extra cells as column_<n>. */
function rawRowOf(header: CsvHeader, cells: readonly string[]): Record<string, string> {
  const raw: Record<string, string> = {};
  const count = Math.max(cells.length, header.rawKeys.length);
  for (let i = 0; i < count; i++) raw[header.rawKeys[i] ?? `column_${i + 1}`] = cells[i] ?? '';
  return raw;
}

function countLines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

function describeCandidates(candidates: readonly DelimiterCandidate[]): string {
  return candidates.map((c) => `"${printable(c.delimiter)}" (${c.headerColumns} columns)`).join(' and ');
}
