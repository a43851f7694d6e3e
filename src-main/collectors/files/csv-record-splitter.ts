// Cuts streamed CSV text into rows, with the line each starts on and its exact text (for the raw
// hash). RFC 4180 quoting; a quote inside an unquoted cell is an ordinary character (`12" rack`).
//
// Why not csv-parse: measured here, csv-parse reads ~60,000 of our rows/s before any validation,
// too slow for re-reading an unchanged file at 100,000 rows/s, and it cannot skip an oversized row
// and carry on. Most rows contain no quote at all; for those a row is the text up to the next line
// break and its cells are a String#split, both native. Rows with quotes take a careful path.
//
// Bounded memory: a row longer than `maxRecordChars` is not buffered. Its first `maxRecordChars`
// characters are kept and the rest is only scanned (quotes, cells, line breaks) until the row ends,
// then it is emitted with `oversize` set, so a 10 MB cell costs one pass and no 10 MB string.
import { ImportFileError } from './import-file-error.js';

export type CsvLineBreak = '\n' | '\r';

export interface CsvRawRow {
  /** The row without its line break; for an oversize row only its first maxRecordChars characters. */
  text: string;
  /** 1-based line on which the row starts. */
  line: number;
  /** The cells when the row needed quote handling; null when `text.split(delimiter)` gives them. */
  cells: string[] | null;
  /** For a row over the limit: its length in characters and its longest cell (0-based index). */
  oversize: { chars: number; longestCell: number; longestCellChars: number } | null;
}

export interface CsvRecordSplitterOptions {
  file: string;
  delimiter: string;
  /** `\n` (also ends `\r\n` rows) or `\r` for files from old Mac tools. */
  lineBreak: CsvLineBreak;
  maxRecordChars: number;
}

const QUOTE = 0x22;
const CR = 0x0d;

type SkipCellState = 'cell_start' | 'unquoted' | 'quoted' | 'quoted_quote';

interface SkipState {
  line: number;
  prefix: string;
  chars: number;
  breaks: number;
  state: SkipCellState;
  cell: number;
  cellChars: number;
  longestCell: number;
  longestCellChars: number;
}

type RowScan = { cells: string[]; end: number; next: number; breaks: number } | 'incomplete';

export class CsvRecordSplitter {
  private buffer = '';
  private line = 1;
  private skip: SkipState | null = null;
  // Positions in `buffer` of the next quote / delimiter / line break at or after the read point
  // (-1: none left). Cached so that a buffer with few of them is not searched again for every row.
  private nextQuote = -1;
  private nextDelimiter = -1;
  private nextBreak = -1;
  private readonly delimiterCode: number;
  private readonly breakCode: number;

  constructor(private readonly opts: CsvRecordSplitterOptions) {
    if (opts.delimiter.length !== 1) throw new RangeError('the CSV delimiter must be one character');
    this.delimiterCode = opts.delimiter.charCodeAt(0);
    this.breakCode = opts.lineBreak.charCodeAt(0);
  }

  /** Characters held between calls: never much more than maxRecordChars, whatever the file holds. */
  get bufferedChars(): number {
    return this.buffer.length + (this.skip?.prefix.length ?? 0);
  }

  push(chunk: string): CsvRawRow[] {
    const out: CsvRawRow[] = [];
    let text = chunk;
    if (this.skip !== null) {
      const after = this.scanSkipped(text, 0, out);
      if (after < 0) return out;
      text = text.slice(after);
    }
    this.buffer = this.buffer === '' ? text : this.buffer + text;
    this.split(out, false);
    return out;
  }

  /** Call after the last chunk; throws if the file ends inside a quoted cell. */
  end(): CsvRawRow[] {
    const out: CsvRawRow[] = [];
    if (this.skip !== null) {
      const skip = this.skip;
      if (skip.state === 'quoted') throw this.unclosedQuote(skip.line);
      this.emitSkipped(out);
      return out;
    }
    this.split(out, true);
    return out;
  }

  private split(out: CsvRawRow[], final: boolean): void {
    const buffer = this.buffer;
    const n = buffer.length;
    this.nextQuote = buffer.indexOf('"');
    this.nextDelimiter = -2; // not searched yet
    this.nextBreak = -2;
    let pos = 0;
    while (pos < n) {
      const first = buffer.charCodeAt(pos);
      // A blank line is no row; its line still counts.
      if (first === this.breakCode) {
        this.line++;
        pos++;
        continue;
      }
      if (first === CR && this.breakCode !== CR) {
        if (pos + 1 === n && !final) break;
        if (pos + 1 === n || buffer.charCodeAt(pos + 1) === this.breakCode) {
          this.line++;
          pos += 2;
          continue;
        }
      }
      if (this.nextQuote !== -1 && this.nextQuote < pos) this.nextQuote = buffer.indexOf('"', pos);
      const lineEnd = buffer.indexOf(this.opts.lineBreak, pos);
      if (this.nextQuote === -1 || (lineEnd !== -1 && this.nextQuote > lineEnd)) {
        if (lineEnd === -1 && !final) break;
        const stop = lineEnd === -1 ? n : lineEnd;
        const end = this.breakCode !== CR && stop > pos && buffer.charCodeAt(stop - 1) === CR ? stop - 1 : stop;
        out.push({ text: buffer.slice(pos, end), line: this.line, cells: null, oversize: null });
        this.line++;
        pos = stop + 1;
        continue;
      }
      const scan = this.scanQuotedRow(buffer, pos, final);
      if (scan === 'incomplete') break;
      out.push({ text: buffer.slice(pos, scan.end), line: this.line, cells: scan.cells, oversize: null });
      this.line += scan.breaks + 1;
      pos = scan.next;
    }
    const rest = pos >= n ? '' : buffer.slice(pos);
    if (rest.length > this.opts.maxRecordChars) {
      this.buffer = '';
      this.skip = {
        line: this.line,
        prefix: rest.slice(0, this.opts.maxRecordChars),
        chars: 0,
        breaks: 0,
        state: 'cell_start',
        cell: 0,
        cellChars: 0,
        longestCell: 0,
        longestCellChars: 0,
      };
      const after = this.scanSkipped(rest, 0, out);
      // The row cannot end inside `rest` (split would have taken it), except at a final quote.
      if (after >= 0) {
        this.buffer = rest.slice(after);
        this.split(out, final);
      }
      return;
    }
    this.buffer = rest;
  }

  /**
   * One row that contains a quote, from `start`. Returns its cells, where its text ends, where the
   * next row starts and how many line breaks its quoted cells hold; 'incomplete' when the buffer
   * ends first (more text is needed to decide).
   */
  private scanQuotedRow(buffer: string, start: number, final: boolean): RowScan {
    const n = buffer.length;
    const cells: string[] = [];
    let breaks = 0;
    let i = start;
    for (;;) {
      if (i < n && buffer.charCodeAt(i) === QUOTE) {
        let value = '';
        let from = i + 1;
        for (;;) {
          const quote = buffer.indexOf('"', from);
          if (quote === -1) {
            if (final) throw this.unclosedQuote(this.line + breaks);
            return 'incomplete';
          }
          if (quote + 1 === n && !final) return 'incomplete'; // `""` or the closing quote: the next chunk decides
          if (quote + 1 < n && buffer.charCodeAt(quote + 1) === QUOTE) {
            value += buffer.slice(from, quote + 1);
            from = quote + 2;
            continue;
          }
          value += buffer.slice(from, quote);
          i = quote + 1;
          break;
        }
        breaks += countChar(value, this.breakCode, 0, value.length);
        cells.push(value);
        if (i >= n) {
          if (!final) return 'incomplete';
          return { cells, end: i, next: i, breaks };
        }
        const c = buffer.charCodeAt(i);
        if (c === this.delimiterCode) {
          i++;
          if (i === n && !final) return 'incomplete';
          if (i === n) {
            cells.push('');
            return { cells, end: i, next: i, breaks };
          }
          continue;
        }
        if (c === this.breakCode) return { cells, end: i, next: i + 1, breaks };
        if (c === CR && this.breakCode !== CR) {
          if (i + 1 === n && !final) return 'incomplete';
          if (i + 1 === n) return { cells, end: i, next: i + 1, breaks };
          if (buffer.charCodeAt(i + 1) === this.breakCode) return { cells, end: i, next: i + 2, breaks };
        }
        throw new ImportFileError({
          reason: 'malformed',
          file: this.opts.file,
          line: this.line + breaks,
          detail: { kind: 'csv_syntax' },
          problem: `a quoted cell is followed by ${JSON.stringify(buffer.slice(i, i + 10).split(/[\r\n]/, 1)[0])} instead of "${printable(this.opts.delimiter)}" or the end of the row; a double quote inside a quoted cell must be doubled ("")`,
        });
      }
      // An unquoted cell runs to the next delimiter or line break.
      if (this.nextBreak !== -1 && this.nextBreak < i) this.nextBreak = buffer.indexOf(this.opts.lineBreak, i);
      if (this.nextDelimiter !== -1 && this.nextDelimiter < i) this.nextDelimiter = buffer.indexOf(this.opts.delimiter, i);
      const lineEnd = this.nextBreak;
      const delimiter = this.nextDelimiter;
      if (delimiter !== -1 && (lineEnd === -1 || delimiter < lineEnd)) {
        cells.push(buffer.slice(i, delimiter));
        i = delimiter + 1;
        continue;
      }
      if (lineEnd === -1) {
        if (!final) return 'incomplete';
        cells.push(buffer.slice(i));
        return { cells, end: n, next: n, breaks };
      }
      const end = this.breakCode !== CR && lineEnd > i && buffer.charCodeAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd;
      cells.push(buffer.slice(i, end));
      return { cells, end, next: lineEnd + 1, breaks };
    }
  }

  /** Scans an oversize row's text from `from`; returns where the next row starts, or -1 if the row goes on. */
  private scanSkipped(text: string, from: number, out: CsvRawRow[]): number {
    const skip = this.skip as SkipState;
    const n = text.length;
    let i = from;
    let state = skip.state;
    let cellChars = skip.cellChars;
    while (i < n) {
      if (state === 'quoted') {
        const quote = text.indexOf('"', i);
        const stop = quote === -1 ? n : quote;
        skip.breaks += countChar(text, this.breakCode, i, stop);
        cellChars += stop - i;
        i = stop;
        if (quote !== -1) {
          state = 'quoted_quote';
          i++;
        }
        continue;
      }
      const c = text.charCodeAt(i);
      if (state === 'quoted_quote') {
        if (c === QUOTE) {
          cellChars++;
          state = 'quoted';
          i++;
          continue;
        }
        state = 'unquoted'; // the closing quote; this character is read again as unquoted text
      }
      if (c === this.breakCode) {
        skip.chars += i - from;
        this.endSkippedCell(skip, cellChars);
        this.emitSkipped(out);
        return i + 1;
      }
      if (c === this.delimiterCode) {
        this.endSkippedCell(skip, cellChars);
        cellChars = 0;
        state = 'cell_start';
      } else if (c === QUOTE && state === 'cell_start') {
        state = 'quoted';
      } else {
        cellChars++;
        state = 'unquoted';
      }
      i++;
    }
    skip.chars += n - from;
    skip.state = state;
    skip.cellChars = cellChars;
    return -1;
  }

  private endSkippedCell(skip: SkipState, cellChars: number): void {
    if (cellChars > skip.longestCellChars) {
      skip.longestCell = skip.cell;
      skip.longestCellChars = cellChars;
    }
    skip.cell++;
    skip.cellChars = 0;
  }

  private emitSkipped(out: CsvRawRow[]): void {
    const skip = this.skip as SkipState;
    if (skip.state !== 'cell_start' || skip.cellChars > 0) this.endSkippedCell(skip, skip.cellChars);
    out.push({
      text: skip.prefix,
      line: skip.line,
      cells: null,
      oversize: { chars: skip.chars, longestCell: skip.longestCell, longestCellChars: skip.longestCellChars },
    });
    this.line = skip.line + skip.breaks + 1;
    this.skip = null;
  }

  private unclosedQuote(line: number): ImportFileError {
    return new ImportFileError({
      reason: 'malformed',
      file: this.opts.file,
      line,
      detail: { kind: 'csv_syntax' },
      problem: 'a double-quoted cell that starts on this line is never closed; the file may be truncated, or a quote inside a cell must be doubled ("")',
    });
  }
}

function countChar(text: string, code: number, from: number, to: number): number {
  let count = 0;
  const ch = String.fromCharCode(code);
  for (let i = text.indexOf(ch, from); i !== -1 && i < to; i = text.indexOf(ch, i + 1)) count++;
  return count;
}

export function printable(delimiter: string): string {
  return delimiter === '\t' ? 'tab' : delimiter;
}

/**
 * The cells of a row's text, leniently: an unclosed quote runs to the end. For the beginning of an
 * oversize row, whose last cell is cut off.
 */
export function splitCsvTextLeniently(text: string, delimiter: string): string[] {
  const cells: string[] = [];
  let i = 0;
  const n = text.length;
  while (i <= n) {
    if (text.charCodeAt(i) === QUOTE) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote === -1) {
          value += text.slice(from);
          i = n;
          break;
        }
        if (text.charCodeAt(quote + 1) === QUOTE) {
          value += text.slice(from, quote + 1);
          from = quote + 2;
          continue;
        }
        value += text.slice(from, quote);
        i = quote + 1;
        break;
      }
      const next = text.indexOf(delimiter, i);
      cells.push(next === -1 ? value + text.slice(i) : value + text.slice(i, next));
      if (next === -1) break;
      i = next + 1;
      continue;
    }
    const next = text.indexOf(delimiter, i);
    cells.push(next === -1 ? text.slice(i) : text.slice(i, next));
    if (next === -1) break;
    i = next + 1;
  }
  return cells;
}
