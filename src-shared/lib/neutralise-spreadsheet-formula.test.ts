import { describe, expect, it } from 'vitest';
import { neutraliseSpreadsheetFormula } from './neutralise-spreadsheet-formula.js';

describe('neutraliseSpreadsheetFormula', () => {
  it('prefixes a quote to every cell a spreadsheet would run as a formula', () => {
    const dangerous = ['=HYPERLINK("http://x")', '=cmd|\' /C calc\'!A0', '+1', '+41 44 000', '-2+3', '-', '@SUM(A1)', '\t=1', '\tplain', '\r=1', '\r\n'];
    for (const cell of dangerous) expect(neutraliseSpreadsheetFormula(cell)).toBe(`'${cell}`);
  });

  it('leaves every other cell as it is, including formula characters that are not first', () => {
    const harmless = ['web-1', '', ' =1', "'=1", '10.0.0.1', 'a=b', 'x@example.net', 'Ubuntu 22.04'];
    for (const cell of harmless) expect(neutraliseSpreadsheetFormula(cell)).toBe(cell);
  });

  it('is idempotent: a neutralised cell is not changed again', () => {
    const once = neutraliseSpreadsheetFormula('=1+1');
    expect(neutraliseSpreadsheetFormula(once)).toBe(once);
  });
});
