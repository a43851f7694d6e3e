import { describe, expect, it } from 'vitest';
import { JsonRecordSplitter } from './json-record-splitter.js';

describe('JsonRecordSplitter bounds', () => {
  it('keeps only the beginning of an oversize record and holds little however long it is', () => {
    const splitter = new JsonRecordSplitter('t.json', 500);
    const out = splitter.push('[{"a":1},\n{"hostname":"');
    let largestBuffer = 0;
    for (let i = 0; i < 100; i++) {
      out.push(...splitter.push('z'.repeat(10_000)));
      largestBuffer = Math.max(largestBuffer, splitter.bufferedChars);
    }
    out.push(...splitter.push('", "x": [1, {"y": "}"}]},\n{"b":2}]'), ...splitter.end());
    expect(largestBuffer).toBeLessThanOrEqual(500);
    expect(out.map((piece) => [piece.line, piece.oversizeChars, piece.text.length])).toEqual([
      [1, null, 7],
      [2, 13 + 1_000_000 + 24, 500],
      [3, null, 7],
    ]);
    expect(out[1]?.text.startsWith('{"hostname":"zzz')).toBe(true);
  });

  it('refuses a wrapper object whose other keys hold too much text', () => {
    const splitter = new JsonRecordSplitter('t.json', 500);
    expect(() => {
      splitter.push('{"comment": "');
      for (let i = 0; i < 20; i++) splitter.push('c'.repeat(64 * 1024));
    }).toThrow(/besides the records/);
  });
});
