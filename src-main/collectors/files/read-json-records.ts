// Streams the records of a JSON array or { "records": [...] } document, one JSON.parse per record.
import type { Readable } from 'node:stream';
import { ImportFileError } from './import-file-error.js';
import { jsonParseProblem } from './json-parse-problem.js';
import { JsonRecordSplitter, type JsonRecordText } from './json-record-splitter.js';
import type { SourceRecord } from './source-record.js';

export async function* readJsonRecords(input: Readable, file: string): AsyncGenerator<SourceRecord> {
  const splitter = new JsonRecordSplitter(file);
  let recordNumber = 0;
  const parse = (piece: JsonRecordText): SourceRecord => {
    recordNumber++;
    try {
      return { value: JSON.parse(piece.text), line: piece.line };
    } catch (cause) {
      const { problem, line } = jsonParseProblem(cause, piece.text, piece.line);
      throw new ImportFileError({ reason: 'malformed', file, recordNumber, line, problem, cause });
    }
  };
  input.setEncoding('utf8');
  for await (const chunk of input) {
    for (const piece of splitter.push(chunk as string)) yield parse(piece);
  }
  for (const piece of splitter.end()) yield parse(piece);
}
