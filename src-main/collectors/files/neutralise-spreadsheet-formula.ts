// Guards a cell of an exported CSV against formula injection: a spreadsheet runs a cell that starts
// with = + - @ (or a tab or carriage return before one) as a formula, and a formula can fetch URLs
// or run commands. Prefixing a single quote makes the spreadsheet show the text as it is. Applied
// to every cell we write for people to open (rejected records, exports), whatever its column.
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseSpreadsheetFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}
