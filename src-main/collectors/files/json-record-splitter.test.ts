import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonRecordSplitter } from './json-record-splitter.js';

function split(text: string, chunkSizes: number[]): unknown[] {
  const splitter = new JsonRecordSplitter('test.json');
  const out: unknown[] = [];
  let at = 0;
  for (let i = 0; at < text.length; i++) {
    const size = chunkSizes.length > 0 ? (chunkSizes[i % chunkSizes.length] ?? 1) : text.length;
    for (const piece of splitter.push(text.slice(at, at + size))) out.push(JSON.parse(piece.text));
    at += size;
  }
  for (const piece of splitter.end()) out.push(JSON.parse(piece.text));
  return out;
}

describe('JsonRecordSplitter', () => {
  // The safety net for a hand-written scanner: any JSON array, cut anywhere, gives what JSON.parse gives.
  it('agrees with JSON.parse for any array, indentation and chunking', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue()), fc.constantFrom(0, 2), fc.array(fc.integer({ min: 1, max: 17 }), { maxLength: 5 }), (values, indent, chunks) => {
        const text = JSON.stringify(values, null, indent);
        expect(split(text, chunks)).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with JSON.parse for the records of a wrapper object', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue()), fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }), fc.array(fc.integer({ min: 1, max: 9 }), { maxLength: 4 }), (records, extra, chunks) => {
        const { records: _ignored, ...others } = extra;
        const text = JSON.stringify({ ...others, records, tail: others });
        // Compare with what JSON.parse makes of the same text (JSON has no -0: it reads back as 0).
        expect(split(text, chunks)).toEqual((JSON.parse(text) as { records: unknown }).records);
      }),
      { numRuns: 200 },
    );
  });

  it('counts lines so each record knows where it starts', () => {
    const splitter = new JsonRecordSplitter('t.json');
    const pieces = [...splitter.push('[\n {"a": "x\\"\\\\"},\n\n {"b": [1,\n2]}, 3\n]'), ...splitter.end()];
    expect(pieces.map((p) => p.line)).toEqual([2, 4, 5]);
  });

  it.each([
    ['[1,]', /trailing comma/],
    ['[1 2]', /expected "," or "]"/],
    ['[1] x', /after the end of the JSON document/],
    ['{"items": []}', /no "records" array/],
    ['{"records": [1], "x": tru}', /not valid JSON/],
    ['', /empty/],
    ['"just text"', /expected a JSON array/],
    ['[{"a": 1}', /truncated/],
  ])('rejects %j', (text, problem) => {
    expect(() => split(text, [])).toThrow(problem);
  });
});
