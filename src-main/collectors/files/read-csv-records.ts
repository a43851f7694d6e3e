// Streams CSV rows as { normalised column name → cell text } with the line each row starts on.
// Column names are matched case-insensitively, and spaces or hyphens count as "_" ("OS Name" is
// os_name), because spreadsheets are where these files get edited.
import { pipeline } from 'node:stream';
import type { Readable } from 'node:stream';
import { parse, type CsvError, type Info } from 'csv-parse';
import { ImportFileError } from './import-file-error.js';
import type { SourceRecord } from './source-record.js';

export interface ReadCsvRecordsOptions {
  file: string;
  delimiter: string;
  /** Returns a problem with the header (e.g. a required column missing), or null. */
  checkHeader: (columns: readonly string[]) => { field: string; problem: string } | null;
}

export function normaliseColumnName(header: string): string {
  return header.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

export async function* readCsvRecords(input: Readable, opts: ReadCsvRecordsOptions): AsyncGenerator<SourceRecord> {
  const { file } = opts;
  let headerProblem: ImportFileError | null = null;
  let columns: string[] | null = null;
  const parser = parse({
    delimiter: opts.delimiter,
    bom: true,
    info: true,
    skip_empty_lines: true,
    // Spreadsheets drop trailing empty cells on some rows; missing cells are simply empty.
    relax_column_count_less: true,
    columns: (header: string[]) => {
      const names = header.map(normaliseColumnName);
      const seen = new Set<string>();
      for (const name of names) {
        if (name !== '' && seen.has(name)) {
          headerProblem ??= new ImportFileError({ reason: 'malformed', file, line: 1, field: name, problem: `the column "${name}" appears twice in the header; keep one` });
        }
        seen.add(name);
      }
      columns = names.filter((name) => name !== '');
      const checked = opts.checkHeader(columns);
      if (checked !== null) headerProblem ??= new ImportFileError({ reason: 'malformed', file, line: 1, ...checked });
      // An empty header cell (a trailing comma) names no column: its cells are dropped.
      return names.map((name) => (name === '' ? false : name));
    },
  });
  pipeline(input, parser, () => {
    // Errors surface through the parser's iterator below; this callback only completes the pipeline.
  });
  let previousEndLine = 1;
  let previousSkipped = 0;
  try {
    for await (const item of parser as AsyncIterable<{ record: Record<string, string>; info: Info }>) {
      if (headerProblem !== null) throw headerProblem;
      const { info } = item;
      const skipped = info.empty_lines + info.comment_lines;
      // info.lines is where the row ends; a quoted cell may span lines, so derive where it starts.
      const line = previousEndLine + 1 + (skipped - previousSkipped);
      previousEndLine = info.lines;
      previousSkipped = skipped;
      yield { value: item.record, line };
    }
  } catch (cause) {
    if (cause instanceof ImportFileError) throw cause;
    if (isCsvError(cause)) throw csvProblem(cause, file);
    throw cause;
  }
  if (headerProblem !== null) throw headerProblem;
  if (columns === null) throw new ImportFileError({ reason: 'malformed', file, line: 1, problem: 'the file is empty; expected a header row of column names' });
}

function isCsvError(error: unknown): error is CsvError {
  return error instanceof Error && typeof (error as Partial<CsvError>).code === 'string' && (error as CsvError).code.startsWith('CSV_');
}

function csvProblem(error: CsvError, file: string): ImportFileError {
  const line = typeof error.lines === 'number' ? error.lines : null;
  const problem =
    error.code === 'CSV_RECORD_INCONSISTENT_COLUMNS'
      ? 'the row has more cells than the header has columns; a cell that contains the delimiter must be in double quotes'
      : error.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'a double-quoted cell is never closed; the file may be truncated, or a quote inside a cell must be doubled ("")'
        : `the CSV is malformed: ${error.message}`;
  return new ImportFileError({ reason: 'malformed', file, line, problem, cause: error });
}
