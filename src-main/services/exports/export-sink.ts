// Where an export's rows go: one writer per file format, all with the same shape. A sink writes to
// a stream it does not own; the caller opens it before and closes (or destroys) it after.
import type { AssetColumnId, AssetSummary, ExportFormat } from '../../../src-shared/api/index.js';

export interface ExportSink {
  /** Writes one page of assets; resolves when the stream can take more. */
  writeRows(rows: readonly AssetSummary[]): Promise<void>;
  /** Writes what ends the file (JSON's closing brackets, XLSX's workbook parts). */
  finish(): Promise<void>;
}

/** What every format is told about the view being exported. */
export interface ExportDescription {
  format: ExportFormat;
  columns: readonly AssetColumnId[];
  /** When the export started (ISO-8601 UTC); written into JSON and the XLSX properties. */
  exportedAt: string;
}
