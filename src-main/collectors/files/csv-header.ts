// Resolves a CSV header row: which of our columns each position holds (after the caller's column
// map), and whether the kind's required columns are there. A header that cannot work fails the
// whole file at line 1, with the columns found and what would fix it (delimiter, column map).
import type { ImportKind } from '../../../src-shared/model/source-kinds.js';
import { printable } from './csv-record-splitter.js';
import { CSV_DELIMITERS, type CsvDelimiter } from './detect-csv-delimiter.js';
import { CLOUD_REQUIRED_FIELDS, HOST_IDENTIFIER_FIELDS, IMPORT_COLUMNS, isImportColumn, OT_SEED_REQUIRED_FIELDS } from './import-columns.js';
import { ImportFileError } from './import-file-error.js';
import { normaliseColumnName } from './normalise-column-name.js';
import { suggestColumnMap } from './suggest-column-map.js';

export interface CsvHeader {
  /** Per position: the column name records use (ours, or the normalised header of an extra column), or null for an empty header cell. */
  names: (string | null)[];
  /** Per position: the key of the cell in a rejected record's raw row (the header as written; `column_<n>` for an empty one). */
  rawKeys: string[];
}

export interface ResolveCsvHeaderOptions {
  kind: ImportKind;
  file: string;
  delimiter: CsvDelimiter;
  /** File header → our column name, case-insensitive. */
  columnMap?: Readonly<Record<string, string>> | undefined;
}

export function resolveCsvHeader(cells: readonly string[], opts: ResolveCsvHeaderOptions): CsvHeader {
  const { kind, file } = opts;
  const mapped = columnMapLookup(opts);
  const names: (string | null)[] = [];
  const rawKeys: string[] = [];
  const seen = new Map<string, string>();
  cells.forEach((cell, index) => {
    const written = cell.trim();
    rawKeys.push(written === '' ? `column_${index + 1}` : written);
    if (written === '') {
      // An empty header cell (a trailing delimiter) names no column: its cells are dropped.
      names.push(null);
      return;
    }
    const name = mapped(written) ?? normaliseColumnName(written);
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      const how = earlier === written ? `the column "${written}" appears twice in the header` : `the columns "${earlier}" and "${written}" both mean "${name}"`;
      throw new ImportFileError({ reason: 'malformed', file, line: 1, field: name, problem: `${how}; keep one` });
    }
    seen.set(name, written);
    names.push(name);
  });
  const missing = missingColumns(kind, names);
  if (missing !== null) throw missingColumnsError(cells, missing, opts);
  return { names, rawKeys };
}

function columnMapLookup(opts: ResolveCsvHeaderOptions): (written: string) => string | undefined {
  const entries = Object.entries(opts.columnMap ?? {});
  if (entries.length === 0) return () => undefined;
  const byName = new Map<string, string>();
  for (const [from, to] of entries) {
    const target = normaliseColumnName(to);
    if (!isImportColumn(opts.kind, target)) {
      throw new ImportFileError({
        reason: 'malformed',
        file: opts.file,
        line: 1,
        field: from,
        problem: `the column map sends "${from}" to "${to}", which is not a ${opts.kind} column; use one of ${IMPORT_COLUMNS[opts.kind].join(', ')}`,
      });
    }
    byName.set(from.trim().toLowerCase(), target);
    byName.set(normaliseColumnName(from), target);
  }
  return (written) => byName.get(written.toLowerCase()) ?? byName.get(normaliseColumnName(written));
}

function missingColumns(kind: ImportKind, names: readonly (string | null)[]): { field: string; what: string } | null {
  if (kind === 'ot_seed') {
    if (names.includes('address')) return null;
    return { field: 'address', what: 'no "address" column, which every seed entry needs (an IP, or IP:port)' };
  }
  if (kind === 'cloud_manual') {
    const absent = CLOUD_REQUIRED_FIELDS.filter((column) => !names.includes(column));
    if (absent.length === 0) return null;
    return { field: absent[0] as string, what: `no ${absent.map((c) => `"${c}"`).join(' and no ')} column, which every cloud instance needs` };
  }
  if (HOST_IDENTIFIER_FIELDS.some((column) => names.includes(column))) return null;
  return { field: 'hostname', what: `none of the identifier columns ${HOST_IDENTIFIER_FIELDS.join(', ')}` };
}

function missingColumnsError(cells: readonly string[], missing: { field: string; what: string }, opts: ResolveCsvHeaderOptions): ImportFileError {
  const written = cells.map((cell) => cell.trim()).filter((cell) => cell !== '');
  const shown = written.length > 12 ? [...written.slice(0, 12).map(quote), `and ${written.length - 12} more`] : written.map(quote);
  let problem = `the header has ${missing.what}; the columns found are ${shown.length > 0 ? shown.join(', ') : '(none)'}`;
  const otherDelimiter = written.length === 1 ? CSV_DELIMITERS.find((d) => d !== opts.delimiter && (written[0] as string).includes(d)) : undefined;
  const suggestedColumnMap = suggestColumnMap(cells, opts.kind);
  if (otherDelimiter !== undefined) {
    problem += `. The header was read as one column, but it contains "${printable(otherDelimiter)}": the file looks "${printable(otherDelimiter)}"-separated; choose that delimiter`;
  } else {
    const required: readonly string[] = opts.kind === 'cloud_manual' ? CLOUD_REQUIRED_FIELDS : opts.kind === 'ot_seed' ? OT_SEED_REQUIRED_FIELDS : HOST_IDENTIFIER_FIELDS;
    const useful = Object.entries(suggestedColumnMap).filter(([, column]) => required.includes(column));
    if (useful.length > 0) {
      problem += `. A column map can fix this: ${useful.map(([from, to]) => `"${from}" → ${to}`).join(', ')}`;
    } else {
      problem += opts.kind === 'cloud_manual' || opts.kind === 'ot_seed' ? '; add the missing columns or map existing ones to them' : '; add at least one, or map an existing column to one of them';
    }
  }
  return new ImportFileError({
    reason: 'malformed',
    file: opts.file,
    line: 1,
    field: missing.field,
    problem,
    detail: { kind: 'missing_columns', columns: written, suggestedColumnMap },
  });
}

function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}...` : text);
}
