// Streams NDJSON / JSON Lines: one JSON value per line, blank lines ignored.
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { ImportFileError } from './import-file-error.js';
import { jsonParseProblem } from './json-parse-problem.js';
import type { SourceRecord } from './source-record.js';

export async function* readNdjsonRecords(input: Readable, file: string): AsyncGenerator<SourceRecord> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  let recordNumber = 0;
  try {
    for await (const text of lines) {
      line++;
      // A UTF-8 BOM is common from Windows tools and is not JSON whitespace.
      const body = line === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
      if (body.trim() === '') continue;
      recordNumber++;
      let value: unknown;
      try {
        value = JSON.parse(body);
      } catch (cause) {
        const { problem } = jsonParseProblem(cause, body, line);
        throw new ImportFileError({ reason: 'malformed', file, recordNumber, line, problem, cause });
      }
      yield { value, line };
    }
  } finally {
    lines.close();
  }
}
