// Exports as CSV (RFC 4180, CRLF line ends, UTF-8 with a byte-order mark so Excel reads it as
// UTF-8): a header of column labels, then one line per asset with what the grid shows. Every text
// cell is neutralised against formula injection; numbers and times are written by us and are not.
import type { Writable } from 'node:stream';
import { ASSET_COLUMNS, type AssetColumnId, type AssetSummary } from '../../../src-shared/api/index.js';
import { neutraliseSpreadsheetFormula } from '../../../src-shared/lib/neutralise-spreadsheet-formula.js';
import type { ExportDescription, ExportSink } from './export-sink.js';
import { writeText } from './write-text.js';

const BYTE_ORDER_MARK = '\uFEFF';

/** Quotes a cell when it holds the delimiter, a quote or a line break, or starts or ends with a space. */
export function quoteCsvCell(cell: string): string {
  return /[",\r\n]|^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** The CSV cells of one asset, in column order. */
export function csvCells(asset: AssetSummary, columns: readonly AssetColumnId[]): string[] {
  return columns.map((id) => {
    const column = ASSET_COLUMNS[id];
    const text = column.text(asset);
    return column.kind === 'text' ? neutraliseSpreadsheetFormula(text) : text;
  });
}

export function csvLine(cells: readonly string[]): string {
  return cells.map(quoteCsvCell).join(',') + '\r\n';
}

export function createCsvExportSink(out: Writable, description: ExportDescription): ExportSink {
  const { columns } = description;
  let started = false;
  const header = (): string => BYTE_ORDER_MARK + csvLine(columns.map((id) => neutraliseSpreadsheetFormula(ASSET_COLUMNS[id].label)));
  return {
    async writeRows(rows) {
      let text = started ? '' : header();
      started = true;
      for (const asset of rows) text += csvLine(csvCells(asset, columns));
      await writeText(out, text);
    },
    async finish() {
      if (!started) await writeText(out, header());
      started = true;
    },
  };
}
