// Finds the first byte that is not UTF-8, for an error a person can act on ("byte 0xE9 at offset
// 1234, line 5"). The reader decodes with a fatal TextDecoder, which only says *that* the text is
// invalid; this scan runs after that failure to say *where*. It follows the WHATWG decoder's rules
// (no overlong forms, no surrogates, nothing above U+10FFFF), so both agree on the first bad byte.

export interface InvalidUtf8 {
  /** Offset of the first byte of the invalid sequence, counted from 0. */
  byteOffset: number;
  /** 1-based line on which it sits. */
  line: number;
  /** Its value (0x00-0xFF). */
  byte: number;
  /** Up to 24 bytes of the same line before it, decoded leniently, to help find it in an editor. */
  before: string;
}

const CONTEXT_BYTES = 24;

export async function findInvalidUtf8(chunks: AsyncIterable<Uint8Array>): Promise<InvalidUtf8 | null> {
  let offset = 0;
  let line = 1;
  // Inside a multi-byte sequence: continuation bytes still expected, the allowed range of the next
  // one (narrower after E0, ED, F0, F4), and where the sequence started.
  let need = 0;
  let lower = 0x80;
  let upper = 0xbf;
  let sequenceStart = 0;
  let sequenceByte = 0;
  let lineStart = 0;
  let context: Uint8Array = new Uint8Array(0);
  const found = (at: number, byte: number, chunk: Uint8Array, chunkOffset: number): InvalidUtf8 => {
    // The bytes before `at` may start in the previous chunk, whose tail is kept in `context`.
    const base = chunkOffset - context.length;
    const joined = new Uint8Array(context.length + chunk.length);
    joined.set(context, 0);
    joined.set(chunk, context.length);
    const from = Math.max(lineStart, at - CONTEXT_BYTES, base);
    const before = new TextDecoder('utf-8').decode(joined.subarray(from - base, at - base));
    return { byteOffset: at, line, byte, before: before.replace(/\r$/, '') };
  };
  for await (const chunk of chunks) {
    const chunkOffset = offset;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i] as number;
      if (need > 0) {
        if (b < lower || b > upper) return found(sequenceStart, sequenceByte, chunk, chunkOffset);
        lower = 0x80;
        upper = 0xbf;
        need--;
        continue;
      }
      if (b < 0x80) {
        if (b === 0x0a) {
          line++;
          lineStart = chunkOffset + i + 1;
        }
        continue;
      }
      sequenceStart = chunkOffset + i;
      sequenceByte = b;
      if (b >= 0xc2 && b <= 0xdf) need = 1;
      else if (b >= 0xe0 && b <= 0xef) {
        need = 2;
        if (b === 0xe0) lower = 0xa0;
        if (b === 0xed) upper = 0x9f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        need = 3;
        if (b === 0xf0) lower = 0x90;
        if (b === 0xf4) upper = 0x8f;
      } else return found(sequenceStart, b, chunk, chunkOffset);
    }
    offset += chunk.length;
    context = chunk.subarray(Math.max(0, chunk.length - CONTEXT_BYTES));
  }
  // A sequence cut off by the end of the file.
  return need > 0 ? { byteOffset: sequenceStart, line, byte: sequenceByte, before: '' } : null;
}

/** The person-readable problem for an invalid byte: what, where, and how to fix it. */
export function describeInvalidUtf8(invalid: InvalidUtf8, startsWith: Uint8Array): string {
  const hex = `0x${invalid.byte.toString(16).toUpperCase().padStart(2, '0')}`;
  const where = `byte ${hex} at byte offset ${invalid.byteOffset} (line ${invalid.line}${invalid.before.trim() !== '' ? `, after "${invalid.before}"` : ''})`;
  if ((startsWith[0] === 0xff && startsWith[1] === 0xfe) || (startsWith[0] === 0xfe && startsWith[1] === 0xff)) {
    return `the file is UTF-16 text (it starts with a UTF-16 byte-order mark), not UTF-8; save it as UTF-8 (in Excel: "CSV UTF-8") and import it again`;
  }
  return `the file is not valid UTF-8 text: ${where} is not UTF-8. It was probably saved in a legacy encoding such as Windows-1252 or Latin-1; save it as UTF-8 (in Excel: "CSV UTF-8 (comma delimited)") and import it again`;
}
