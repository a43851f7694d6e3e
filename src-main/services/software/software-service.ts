// Installed software across the estate (db/software-queries.ts): the software page's table, and the
// same table as a CSV file whose cells cannot run as spreadsheet formulas.
import type { ApiParsedInput, SoftwareExportFile, SoftwarePage } from '../../../src-shared/api/index.js';
import { neutraliseSpreadsheetFormula } from '../../../src-shared/lib/neutralise-spreadsheet-formula.js';
import type { Database } from '../../db/database.js';
import { listSoftware, selectSoftware } from '../../db/software-queries.js';

export interface SoftwareServiceDeps {
  db: Database;
  now: () => Date;
}

export interface SoftwareService {
  list(input: ApiParsedInput<'software.list'>): SoftwarePage;
  exportCsv(input: ApiParsedInput<'software.export'>): SoftwareExportFile;
}

export const SOFTWARE_CSV_COLUMNS = ['product', 'vendor', 'version', 'assets_with_version', 'assets_with_product'] as const;

/** RFC 4180 quoting; leading or trailing spaces are quoted too so that spreadsheets keep them. */
function csvCell(value: string | number | null): string {
  const cell = value === null ? '' : neutraliseSpreadsheetFormula(String(value));
  return /[",\r\n]|^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export function createSoftwareService(deps: SoftwareServiceDeps): SoftwareService {
  const { db } = deps;
  return {
    list: (input) => db.transaction(() => listSoftware(db, input)).deferred(),
    exportCsv(input) {
      const { products } = db.transaction(() => selectSoftware(db, input)).deferred();
      const lines = [SOFTWARE_CSV_COLUMNS.join(',')];
      for (const p of products) {
        for (const v of p.versions) lines.push([p.name, p.vendor, v.version, v.assets, p.assets].map(csvCell).join(','));
      }
      const stamp = deps.now().toISOString().slice(0, 10);
      return { fileName: `fieldwise-software-${stamp}.csv`, mediaType: 'text/csv', content: `${lines.join('\r\n')}\r\n`, rows: lines.length - 1 };
    },
  };
}
