// What the per-layout record readers (CSV, JSON, NDJSON) share for one file: the options that
// decide how a record is read, and the items every layout yields alike.
import type { ImportKind } from '../../../src-shared/model/source-kinds.js';
import type { ImportRejectedItem } from './import-item.js';
import { formatCount, type ImportLimits } from './import-limits.js';
import type { ImportRecordResult } from './parse-import-record.js';

export interface RecordReaderContext {
  kind: ImportKind;
  file: string;
  network: string | undefined;
  limits: ImportLimits;
  /** Validates and maps one record in the JSON shape; `raw` becomes ObservationInput.raw. */
  validate: (record: unknown, raw: unknown) => ImportRecordResult;
  isKnownRaw: ((rawHash: string) => boolean) | undefined;
}

export function rejected(
  recordNumber: number,
  line: number,
  reason: ImportRejectedItem['reason'],
  problem: { field: string | null; problem: string },
  raw: unknown,
  truncated = false,
): ImportRejectedItem {
  return { type: 'rejected', recordNumber, line, field: problem.field, problem: problem.problem, reason, raw, truncated };
}

/**
 * The problem of a record over maxRecordBytes. `atLeast`: only a lower bound of its size is known
 * (the reader stopped keeping it); `field`: the value that is over maxFieldBytes, when known.
 */
export function tooLargeProblem(bytes: number, atLeast: boolean, field: string | null, limits: ImportLimits): { field: string | null; problem: string } {
  const size = `${atLeast ? 'at least ' : ''}${formatCount(bytes)} bytes long`;
  const recordLimit = `the limit is ${formatCount(limits.maxRecordBytes)} bytes per record`;
  if (field !== null) {
    return { field, problem: `the value is over the limit of ${formatCount(limits.maxFieldBytes)} bytes per value, and makes the record ${size} (${recordLimit})` };
  }
  return { field: null, problem: `the record is ${size}; ${recordLimit}` };
}

/** A cut value in a truncated raw record: its beginning, marked. */
export function preview(text: string, chars = 200): string {
  return text.length > chars ? `${text.slice(0, chars)}…` : text;
}
