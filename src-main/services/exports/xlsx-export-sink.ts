// Exports as an Excel workbook through exceljs's streaming writer: rows are committed as they come
// and leave memory, strings are written inline (no shared-strings table to hold). One sheet,
// "Assets": a bold, frozen header with a filter, then what the grid shows. Text cells are stored
// as text (never as formulas) and, like CSV, neutralised against formula injection; times are date
// cells (UTC), counts and scores numbers.
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { ASSET_COLUMNS, type AssetColumn, type AssetSummary } from '../../../src-shared/api/index.js';
import { neutraliseSpreadsheetFormula } from '../../../src-shared/lib/neutralise-spreadsheet-formula.js';
import type { ExportDescription, ExportSink } from './export-sink.js';

const SHEET_NAME = 'Assets';
const DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss';

type CellValue = string | number | Date | null;

export function xlsxCell(column: AssetColumn, asset: AssetSummary): CellValue {
  if (column.kind === 'time') {
    const value = column.value(asset);
    return typeof value === 'string' ? new Date(value) : null;
  }
  if (column.kind === 'number') {
    const value = column.value(asset);
    return typeof value === 'number' ? value : null;
  }
  const text = column.text(asset);
  return text === '' ? null : neutraliseSpreadsheetFormula(text);
}

const widthOf = (column: AssetColumn): number => (column.kind === 'time' ? 20 : column.kind === 'number' ? 10 : Math.max(12, Math.min(40, column.label.length + 4)));

export function createXlsxExportSink(out: Writable, description: ExportDescription): ExportSink {
  const columns = description.columns.map((id) => ASSET_COLUMNS[id]);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Fieldwise';
  workbook.created = new Date(description.exportedAt);
  const sheet = workbook.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({
    key: column.id,
    width: widthOf(column),
    ...(column.kind === 'time' ? { style: { numFmt: DATE_FORMAT } } : {}),
  }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  const header = sheet.addRow(columns.map((column) => neutraliseSpreadsheetFormula(column.label)));
  header.font = { bold: true };
  header.commit();

  return {
    async writeRows(rows) {
      for (const asset of rows) sheet.addRow(columns.map((column) => xlsxCell(column, asset))).commit();
    },
    async finish() {
      sheet.commit();
      await workbook.commit();
    },
  };
}
