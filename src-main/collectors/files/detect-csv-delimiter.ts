// Picks the CSV delimiter among comma, semicolon and tab. Excel saves "CSV" with ";" in locales that
// use a decimal comma, and with tabs as "Unicode text". The header alone can mislead (a header cell
// may be quoted and hold a comma; ";" is also the multi-value separator inside cells), so each
// candidate reads the header and the first rows, respecting quotes: a delimiter fits when it
// splits the header into several columns and no row into more cells than the header has. When
// more than one fits, known column names decide; when they cannot, the caller must choose.
import { CsvRecordSplitter, type CsvLineBreak } from './csv-record-splitter.js';

export const CSV_DELIMITERS = [',', ';', '\t'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/** Rows after the header that detection looks at. */
export const DELIMITER_SAMPLE_ROWS = 20;

export interface DelimiterCandidate {
  delimiter: CsvDelimiter;
  headerColumns: number;
  /** Header cells that are known column names. */
  knownColumns: number;
  /** Every sampled row has at most as many cells as the header. */
  consistent: boolean;
  /** Every sampled row has exactly as many cells as the header. */
  exact: boolean;
}

export type DelimiterDetection = { delimiter: CsvDelimiter } | { ambiguous: DelimiterCandidate[] };

export interface DelimiterSample {
  /** The beginning of the file: its first rows; need not end at a row boundary unless `complete`. */
  text: string;
  /** The sample is the whole file. */
  complete: boolean;
  lineBreak: CsvLineBreak;
}

/** `isKnownColumn` says whether a header cell names a column (ours, or one the column map maps). */
export function detectCsvDelimiter(sample: DelimiterSample, isKnownColumn: (header: string) => boolean): DelimiterDetection {
  const candidates = CSV_DELIMITERS.map((delimiter) => readCandidate(sample, delimiter, isKnownColumn));
  const fitting = candidates.filter((c) => c.headerColumns >= 2 && c.consistent);
  if (fitting.length === 1) return { delimiter: (fitting[0] as DelimiterCandidate).delimiter };
  // One column whichever way it is read: the delimiter does not matter.
  if (candidates.every((c) => c.headerColumns <= 1)) return { delimiter: ',' };
  const pool = fitting.length > 0 ? fitting : candidates.filter((c) => c.headerColumns >= 2);
  const best = pickBest(pool);
  return best !== null ? { delimiter: best.delimiter } : { ambiguous: pool };
}

function pickBest(pool: DelimiterCandidate[]): DelimiterCandidate | null {
  if (pool.length === 1) return pool[0] as DelimiterCandidate;
  const mostKnown = Math.max(...pool.map((c) => c.knownColumns));
  const byKnown = pool.filter((c) => c.knownColumns === mostKnown);
  if (byKnown.length === 1) return byKnown[0] as DelimiterCandidate;
  const exact = byKnown.filter((c) => c.exact);
  return exact.length === 1 ? (exact[0] as DelimiterCandidate) : null;
}

function readCandidate(sample: DelimiterSample, delimiter: CsvDelimiter, isKnownColumn: (header: string) => boolean): DelimiterCandidate {
  const splitter = new CsvRecordSplitter({ file: '(sample)', delimiter, lineBreak: sample.lineBreak, maxRecordChars: Number.POSITIVE_INFINITY });
  let rows: string[][];
  try {
    const read = splitter.push(sample.text);
    if (sample.complete) read.push(...splitter.end());
    rows = read.slice(0, DELIMITER_SAMPLE_ROWS + 1).map((row) => row.cells ?? row.text.split(delimiter));
  } catch {
    // Quoting that breaks under this delimiter (text after a closing quote): it does not fit.
    return { delimiter, headerColumns: 0, knownColumns: 0, consistent: false, exact: false };
  }
  const header = rows[0] ?? [];
  const data = rows.slice(1);
  return {
    delimiter,
    headerColumns: header.length,
    knownColumns: header.filter((cell) => isKnownColumn(cell)).length,
    consistent: data.every((cells) => cells.length <= header.length),
    exact: data.every((cells) => cells.length === header.length),
  };
}
