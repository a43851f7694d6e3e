import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeInvalidUtf8, findInvalidUtf8 } from './find-invalid-utf8.js';

async function find(bytes: Uint8Array, chunkSize = bytes.length || 1): ReturnType<typeof findInvalidUtf8> {
  return findInvalidUtf8(
    (async function* () {
      for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
    })(),
  );
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

describe('findInvalidUtf8', () => {
  // Agrees with the fatal decoder the reader uses: it finds a byte exactly when the decoder fails,
  // everything before that byte decodes, and the sequence starting there does not.
  it('agrees with a fatal TextDecoder on any bytes, in any chunking', async () => {
    const text = fc.string({ unit: 'binary', maxLength: 8 }).map((s) => new TextEncoder().encode(s));
    const noise = fc.uint8Array({ maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(text, noise), { maxLength: 5 }), fc.integer({ min: 1, max: 7 }), async (parts, chunkSize) => {
        const bytes = new Uint8Array(parts.flatMap((part) => [...part]));
        const found = await find(bytes, chunkSize);
        expect(found === null).toBe(isUtf8(bytes));
        if (found !== null) {
          expect(isUtf8(bytes.subarray(0, found.byteOffset))).toBe(true);
          expect(found.byte).toBe(bytes[found.byteOffset]);
          expect(found.line).toBe(1 + bytes.subarray(0, found.byteOffset).filter((b) => b === 0x0a).length);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('describes a Latin-1 byte with its offset, line and what comes before it', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('a\nGr'), 0xfc, ...new TextEncoder().encode('n\n')]);
    const found = await find(bytes, 2);
    expect(found).toEqual({ byteOffset: 4, line: 2, byte: 0xfc, before: 'Gr' });
    expect(describeInvalidUtf8(found!, bytes)).toMatch(/^the file is not valid UTF-8 text: byte 0xFC at byte offset 4 \(line 2, after "Gr"\) is not UTF-8\..*Windows-1252.*save it as UTF-8/);
  });

  it('reports a sequence cut off by the end of the file', async () => {
    expect(await find(new Uint8Array([0x61, 0xe2, 0x82]))).toMatchObject({ byteOffset: 1, byte: 0xe2 });
  });
});
