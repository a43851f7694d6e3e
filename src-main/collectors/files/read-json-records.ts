// Turns the text of a JSON document (`[...]` or `{ "records": [...] }`) or of NDJSON lines into
// import items: each record is split out, hashed, and, unless the caller already knows its hash,
// parsed, checked against the limits and validated. A record that fails is an item, not an end.
import { checkRecordBounds, jsonChecksFor } from './check-record-bounds.js';
import { findLongJsonValue } from './find-long-json-value.js';
import type { ImportItem } from './import-item.js';
import { exceedsUtf8Bytes } from './import-limits.js';
import { jsonParseProblem } from './json-parse-problem.js';
import { JsonRecordSplitter } from './json-record-splitter.js';
import { NdjsonLineSplitter } from './ndjson-line-splitter.js';
import { rawHashSalt, rawRecordHash } from './raw-record-hash.js';
import type { RawRecordText } from './raw-record-text.js';
import { preview, rejected, tooLargeProblem, type RecordReaderContext } from './record-reader-context.js';

export class JsonRecordReader {
  private readonly splitter: JsonRecordSplitter | NdjsonLineSplitter;
  private readonly salt: string;
  private records = 0;

  constructor(
    private readonly ctx: RecordReaderContext,
    layout: 'json_document' | 'json_lines',
  ) {
    const { maxRecordBytes } = ctx.limits;
    this.splitter = layout === 'json_lines' ? new NdjsonLineSplitter(maxRecordBytes) : new JsonRecordSplitter(ctx.file, maxRecordBytes);
    this.salt = rawHashSalt({ kind: ctx.kind, network: ctx.network, syntax: 'json', limits: ctx.limits });
  }

  push(text: string): ImportItem[] {
    return this.splitter.push(text).map((piece) => this.read(piece));
  }

  end(): ImportItem[] {
    return this.splitter.end().map((piece) => this.read(piece));
  }

  private read(piece: RawRecordText): ImportItem {
    const { ctx } = this;
    const { limits } = ctx;
    const recordNumber = ++this.records;
    const { text, line } = piece;
    if (piece.oversizeChars !== null || exceedsUtf8Bytes(text, limits.maxRecordBytes)) {
      const [bytes, atLeast] = piece.oversizeChars !== null ? [piece.oversizeChars, true] : [Buffer.byteLength(text, 'utf8'), false];
      return rejected(recordNumber, line, 'invalid_record', tooLargeProblem(bytes, atLeast, findLongJsonValue(text, limits.maxFieldBytes), limits), preview(text), true);
    }
    const rawHash = rawRecordHash(this.salt, text);
    if (ctx.isKnownRaw?.(rawHash) === true) return { type: 'unchanged', recordNumber, line, rawHash };
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (cause) {
      const parsed = jsonParseProblem(cause, text, line);
      const problem = parsed.line === line ? parsed.problem : `${parsed.problem} (on line ${parsed.line})`;
      return rejected(recordNumber, line, 'malformed', { field: null, problem }, text);
    }
    const bounds = checkRecordBounds(value, limits, jsonChecksFor(text, limits));
    if (bounds !== null) return rejected(recordNumber, line, 'invalid_record', bounds, value);
    const result = ctx.validate(value, value);
    if ('observation' in result) return { type: 'record', recordNumber, line, observation: result.observation, rawHash };
    return rejected(recordNumber, line, 'invalid_record', result, value);
  }
}
