// Writes the records an import rejected back out, each with where and why, so that a person can
// fix them in a spreadsheet or editor and import the corrected file (the extra error columns are
// ignored by the importer). CSV for rows that came from CSV, NDJSON for JSON records.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { ImportRejectedItem } from './import-item.js';
import { neutraliseSpreadsheetFormula } from '../../../src-shared/lib/neutralise-spreadsheet-formula.js';

export const REJECTION_COLUMNS = ['error_line', 'error_field', 'error'] as const;

export interface WriteRejectedRecordsOptions {
  format: 'csv' | 'ndjson';
  /**
   * CSV: the record's columns to write, in order (e.g. the imported file's header as written). By
   * default every key of the rejected records in first-seen order, which means holding all the
   * rejections until the last one is known.
   */
  columns?: readonly string[] | undefined;
  /** CSV: default ",". */
  delimiter?: ',' | ';' | '\t' | undefined;
  /** CSV: start with a UTF-8 byte-order mark, without which Excel reads the file in the local legacy encoding. Default true. */
  byteOrderMark?: boolean | undefined;
}

type Rejections = Iterable<ImportRejectedItem> | AsyncIterable<ImportRejectedItem>;

/** Writes to `stream` without ending it (the caller owns it); waits whenever the stream asks to. */
export async function writeRejectedRecords(rejections: Rejections, options: WriteRejectedRecordsOptions, stream: Writable): Promise<void> {
  const write = async (text: string): Promise<void> => {
    if (!stream.write(text)) await once(stream, 'drain');
  };
  if (options.format === 'ndjson') {
    for await (const rejection of rejections) await write(JSON.stringify(ndjsonRecord(rejection)) + '\n');
    return;
  }
  const delimiter = options.delimiter ?? ',';
  let columns = options.columns;
  let pending: Rejections = rejections;
  if (columns === undefined) {
    const all: ImportRejectedItem[] = [];
    for await (const rejection of rejections) all.push(rejection);
    columns = columnsOf(all);
    pending = all;
  }
  const recordColumns = columns.filter((column) => !(REJECTION_COLUMNS as readonly string[]).includes(column));
  if (options.byteOrderMark ?? true) await write('\uFEFF');
  await write(csvLine([...recordColumns, ...REJECTION_COLUMNS], delimiter));
  for await (const rejection of pending) {
    const record = recordOf(rejection.raw);
    const cells = recordColumns.map((column) => cellText(record[column]));
    cells.push(String(rejection.line), rejection.field ?? '', rejection.problem);
    await write(csvLine(cells, delimiter));
  }
}

/** A rejected raw value as an object of columns: a CSV row or JSON object as it is, anything else (a JSON text that did not parse, a scalar) under `record`. */
function recordOf(raw: unknown): Record<string, unknown> {
  return raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : { record: raw };
}

function ndjsonRecord(rejection: ImportRejectedItem): Record<string, unknown> {
  return { ...recordOf(rejection.raw), error_line: rejection.line, error_field: rejection.field, error: rejection.problem };
}

function columnsOf(rejections: readonly ImportRejectedItem[]): string[] {
  const columns = new Set<string>();
  for (const rejection of rejections) for (const key of Object.keys(recordOf(rejection.raw))) columns.add(key);
  return [...columns];
}

/** A JSON record's lists and objects go into a cell as JSON text; NDJSON keeps them importable. */
function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function csvLine(cells: readonly string[], delimiter: string): string {
  return cells.map((cell) => quoteCell(neutraliseSpreadsheetFormula(cell), delimiter)).join(delimiter) + '\r\n';
}

// RFC 4180 quoting; leading/trailing spaces are quoted too so spreadsheets keep them visible.
function quoteCell(cell: string, delimiter: string): string {
  return cell.includes(delimiter) || /["\r\n]|^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}
