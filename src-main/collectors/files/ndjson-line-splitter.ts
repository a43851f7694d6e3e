// Cuts streamed NDJSON / JSON Lines text into its non-blank lines, with their line numbers. A line
// longer than `maxRecordChars` is not buffered: its beginning is kept, the rest only counted until
// the next line break, so one enormous line costs a scan and no enormous string.
import type { RawRecordText } from './raw-record-text.js';

export class NdjsonLineSplitter {
  private buffer = '';
  private line = 1;
  /** Set while inside an oversize line: its beginning, and how long it is so far. */
  private skip: { prefix: string; chars: number; line: number } | null = null;

  constructor(private readonly maxRecordChars: number) {}

  /** Characters held between calls: never much more than maxRecordChars, whatever the file holds. */
  get bufferedChars(): number {
    return this.buffer.length + (this.skip?.prefix.length ?? 0);
  }

  push(chunk: string): RawRecordText[] {
    const out: RawRecordText[] = [];
    let text = chunk;
    if (this.skip !== null) {
      const end = text.indexOf('\n');
      if (end === -1) {
        this.skip.chars += text.length;
        return out;
      }
      this.skip.chars += end;
      out.push({ text: this.skip.prefix, line: this.skip.line, oversizeChars: this.skip.chars });
      this.line = this.skip.line + 1;
      this.skip = null;
      text = text.slice(end + 1);
    }
    const buffer = this.buffer === '' ? text : this.buffer + text;
    let pos = 0;
    for (let end = buffer.indexOf('\n'); end !== -1; end = buffer.indexOf('\n', pos)) {
      this.take(buffer, pos, end, out);
      pos = end + 1;
    }
    const rest = pos === 0 ? buffer : buffer.slice(pos);
    if (rest.length > this.maxRecordChars) {
      this.skip = { prefix: rest.slice(0, this.maxRecordChars), chars: rest.length, line: this.line };
      this.buffer = '';
    } else this.buffer = rest;
    return out;
  }

  end(): RawRecordText[] {
    const out: RawRecordText[] = [];
    if (this.skip !== null) {
      out.push({ text: this.skip.prefix, line: this.skip.line, oversizeChars: this.skip.chars });
      this.skip = null;
    } else if (this.buffer !== '') {
      this.take(this.buffer, 0, this.buffer.length, out);
      this.buffer = '';
    }
    return out;
  }

  private take(buffer: string, start: number, end: number, out: RawRecordText[]): void {
    const stop = end > start && buffer.charCodeAt(end - 1) === 0x0d ? end - 1 : end;
    const text = buffer.slice(start, stop);
    // A whole line, even an oversize one, is at most maxRecordChars plus one chunk: kept as it is.
    if (!isBlank(text)) out.push({ text, line: this.line, oversizeChars: null });
    this.line++;
  }
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}
