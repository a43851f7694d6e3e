import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvRecordSplitter, splitCsvTextLeniently, type CsvRawRow } from './csv-record-splitter.js';

function split(text: string, chunkSizes: number[], delimiter = ',', maxRecordChars = Number.POSITIVE_INFINITY): CsvRawRow[] {
  const splitter = new CsvRecordSplitter({ file: 't.csv', delimiter, lineBreak: '\n', maxRecordChars });
  const rows: CsvRawRow[] = [];
  let at = 0;
  for (let i = 0; at < text.length; i++) {
    const size = chunkSizes.length > 0 ? (chunkSizes[i % chunkSizes.length] ?? 1) : text.length;
    rows.push(...splitter.push(text.slice(at, at + size)));
    at += size;
  }
  rows.push(...splitter.end());
  return rows;
}

const cellsOf = (row: CsvRawRow, delimiter = ','): string[] => row.cells ?? row.text.split(delimiter);

// RFC 4180 writing, the way spreadsheets do it.
function encode(rows: string[][], delimiter: string, lineBreak: string): string {
  return rows.map((row) => row.map((cell) => (/["\r\n]/.test(cell) || cell.includes(delimiter) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(delimiter)).join(lineBreak) + lineBreak;
}

describe('CsvRecordSplitter', () => {
  // The safety net for a hand-written scanner: any table, any delimiter, cut anywhere, reads as csv-parse reads it.
  it('agrees with csv-parse for any cells, delimiter, line breaks and chunking', () => {
    const cell = fc.stringMatching(/^[a-z ,;\t"\r\n]{0,6}$/);
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom(',', ';', '\t'),
        fc.constantFrom('\n', '\r\n'),
        fc.array(fc.integer({ min: 1, max: 13 }), { maxLength: 4 }),
        (table, delimiter, lineBreak, chunks) => {
          // Rows of empty cells only are skipped by both, in different ways; keep every row non-empty.
          const rows = table.map((row) => ['x', ...row]);
          const text = encode(rows, delimiter, lineBreak);
          const expected = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true }) as string[][];
          expect(split(text, chunks, delimiter).map((row) => cellsOf(row, delimiter))).toEqual(expected);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('gives each row its exact text and the line it starts on, multi-line cells and blank lines included', () => {
    const rows = split('h1,h2\r\n\r\na,"x\r\ny"\r\nb,c\n', [3]);
    expect(rows.map((r) => [r.line, r.text])).toEqual([
      [1, 'h1,h2'],
      [3, 'a,"x\r\ny"'],
      [5, 'b,c'],
    ]);
    expect(cellsOf(rows[1] as CsvRawRow)).toEqual(['a', 'x\r\ny']);
  });

  it('treats a quote inside an unquoted cell as text', () => {
    expect(split('a,12" rack,b\n', []).map((r) => cellsOf(r))).toEqual([['a', '12" rack', 'b']]);
  });

  it('throws with the line for an unclosed quote and for text after a closing quote', () => {
    expect(() => split('a,b\nc,"d\ne,f\n', [2])).toThrow(expect.objectContaining({ line: 2, detail: { kind: 'csv_syntax' } }));
    expect(() => split('a,b\nc,"d"e\n', [])).toThrow(expect.objectContaining({ line: 2 }));
  });

  it('keeps only the beginning of an oversize row and holds little however long it is', () => {
    const splitter = new CsvRecordSplitter({ file: 't.csv', delimiter: ',', lineBreak: '\n', maxRecordChars: 1000 });
    const rows = splitter.push('h1,h2,h3\nok,1,2\nbig,"');
    let largestBuffer = 0;
    const chunk = 'x'.repeat(64 * 1024) + '\n""';
    for (let i = 0; i < 50; i++) {
      rows.push(...splitter.push(chunk));
      largestBuffer = Math.max(largestBuffer, splitter.bufferedChars);
    }
    rows.push(...splitter.push('",3\nafter,4,5\n'), ...splitter.end());
    expect(largestBuffer).toBeLessThanOrEqual(1000);
    expect(rows.map((r) => [r.line, r.oversize === null ? r.text : 'oversize'])).toEqual([
      [1, 'h1,h2,h3'],
      [2, 'ok,1,2'],
      [3, 'oversize'],
      [54, 'after,4,5'],
    ]);
    const big = rows[2] as CsvRawRow;
    expect(big.oversize).toEqual({ chars: 5 + 50 * chunk.length + 3, longestCell: 1, longestCellChars: 50 * (64 * 1024 + 2) });
    expect(big.text).toHaveLength(1000);
    expect(splitCsvTextLeniently(big.text, ',')[0]).toBe('big');
  });
});
