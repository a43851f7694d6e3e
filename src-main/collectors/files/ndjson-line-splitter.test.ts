import { describe, expect, it } from 'vitest';
import { NdjsonLineSplitter } from './ndjson-line-splitter.js';

describe('NdjsonLineSplitter', () => {
  it('gives the non-blank lines with their line numbers, CRLF and chunk boundaries included', () => {
    const splitter = new NdjsonLineSplitter(1000);
    const text = '{"a":1}\r\n\r\n  \n{"b":2}\n{"c":3}';
    const out = [];
    for (let i = 0; i < text.length; i += 3) out.push(...splitter.push(text.slice(i, i + 3)));
    out.push(...splitter.end());
    expect(out).toEqual([
      { text: '{"a":1}', line: 1, oversizeChars: null },
      { text: '{"b":2}', line: 4, oversizeChars: null },
      { text: '{"c":3}', line: 5, oversizeChars: null },
    ]);
  });

  it('keeps only the beginning of an oversize line and holds little however long it is', () => {
    const splitter = new NdjsonLineSplitter(100);
    const out = splitter.push('{"a":1}\n{"big":"');
    let largestBuffer = 0;
    for (let i = 0; i < 100; i++) {
      out.push(...splitter.push('y'.repeat(10_000)));
      largestBuffer = Math.max(largestBuffer, splitter.bufferedChars);
    }
    out.push(...splitter.push('"}\n{"b":2}\n'), ...splitter.end());
    expect(largestBuffer).toBeLessThanOrEqual(100);
    expect(out.map((piece) => [piece.line, piece.oversizeChars, piece.text.length])).toEqual([
      [1, null, 7],
      [2, 8 + 1_000_000 + 2, 100],
      [3, null, 7],
    ]);
  });
});
