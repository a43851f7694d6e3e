// Guards a text cell of an exported CSV or XLSX file against formula injection: a spreadsheet runs
// a cell that starts with = + - @ (or a tab or carriage return, which some strip before one) as a
// formula, and a formula can fetch URLs or run commands. Prefixing a single quote makes the
// spreadsheet show the text as it is. Applied to every text cell we write for people to open
// (rejected records, inventory exports), whatever its column.
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseSpreadsheetFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}
