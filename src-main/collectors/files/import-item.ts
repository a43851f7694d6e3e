// What readImportFile yields: one item per record of the file, in file order. A bad record is an
// item too, so one pass over a file reports every problem in it rather than only the first.
import type { ObservationInput } from '../../../src-shared/model/observation.js';

/** A record that passed validation. */
export interface ImportRecordItem {
  type: 'record';
  /** 1-based position among the file's records (blank lines and empty rows do not count). */
  recordNumber: number;
  /** 1-based line on which the record starts. */
  line: number;
  observation: ObservationInput;
  /** See ImportRawHash: identifies the record's text under this file's reading options. */
  rawHash: string;
}

/** A record that cannot be imported; the rest of the file is still read. */
export interface ImportRejectedItem {
  type: 'rejected';
  recordNumber: number;
  line: number;
  /** The field at fault (`memory_mb`, `interfaces[1].mac`, or a CSV header as written), or null for the record as a whole. */
  field: string | null;
  /** What is wrong and how to fix it, for a person. */
  problem: string;
  /** `malformed`: the record's text cannot be read (JSON syntax, cell count); `invalid_record`: it breaks a rule. */
  reason: 'malformed' | 'invalid_record';
  /**
   * The record as the file holds it, to write back for correction: a CSV row as { header: cell }
   * in file order, a JSON value, or the record's text when it is not valid JSON. For a record over
   * maxRecordBytes only its beginning is kept (`truncated` is true): the cut value ends in "…".
   */
  raw: unknown;
  truncated: boolean;
}

/** A record whose rawHash the caller already knows (options.isKnownRaw): not validated or mapped. */
export interface ImportUnchangedItem {
  type: 'unchanged';
  recordNumber: number;
  line: number;
  rawHash: string;
}

export type ImportItem = ImportRecordItem | ImportRejectedItem | ImportUnchangedItem;
