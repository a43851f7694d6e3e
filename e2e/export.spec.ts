// "Export what you see" in a real browser against the real app in serve mode: import a server
// inventory through the UI, filter and sort the grid, export it as CSV and as XLSX from the Export
// menu, and read the downloaded files back: the same assets, in the grid's order, with its columns.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importThroughUi } from './support/import-through-ui.js';
import { sampleServersCsv } from './support/sample-servers.js';
import { launchChromium, openPage, startServe, type ServeFixture } from './support/serve-fixture.js';

let serve: ServeFixture;
let browser: Browser;
let page: Page;

const GRID_HEADERS = ['Name', 'Class', 'Primary IP', 'Serial', 'Vendor', 'Model', 'Operating system', 'Status', 'Lifecycle', 'Last seen'];

async function gridColumn(column: string): Promise<string[]> {
  return page.locator(`[data-testid="inventory-row"] [data-column="${column}"]`).allInnerTexts();
}

async function exportAs(format: 'csv' | 'xlsx' | 'json'): Promise<{ download: Download; path: string }> {
  await page.getByTestId('export-menu').click();
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId(`export-${format}`).click()]);
  const path = await download.path();
  return { download, path };
}

describe('export what you see', () => {
  beforeAll(async () => {
    serve = await startServe();
    const csv = join(serve.dataDir, 'servers-for-export.csv');
    await writeFile(csv, sampleServersCsv());
    browser = await launchChromium();
    page = await openPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.close();
  });

  it('imports a server inventory through the UI', async () => {
    await page.goto(serve.loginUrl);
    await importThroughUi(page, join(serve.dataDir, 'servers-for-export.csv'), 'Server inventory', 'dc-cmdb');
  });

  it('exports the filtered, sorted grid as CSV: the rows and columns the grid shows, in its order', async () => {
    await page.getByTestId('nav-inventory').click();
    const grid = page.getByTestId('inventory-table');
    await page.getByTestId('inventory-row').first().waitFor();
    const everything = Number(await grid.getAttribute('data-total'));

    await page.getByTestId('search-input').fill('fra1-db');
    await expect.poll(async () => Number(await grid.getAttribute('data-total'))).toBeLessThan(everything);
    // Sorted by name, which the grid shows ascending by default: one click turns it round.
    const nameHeader = page.getByTestId('column-name');
    await expect.poll(() => nameHeader.getAttribute('aria-sort')).toBe('ascending');
    await nameHeader.getByRole('button').click();
    await expect.poll(() => nameHeader.getAttribute('aria-sort')).toBe('descending');
    const total = Number(await grid.getAttribute('data-total'));
    await expect.poll(async () => (await gridColumn('name')).length).toBe(total);
    const names = await gridColumn('name');
    expect(names.length).toBeGreaterThan(1);
    expect(names).toEqual([...names].sort((a, b) => b.localeCompare(a)));

    const { download, path } = await exportAs('csv');
    expect(download.suggestedFilename()).toMatch(/^fieldwise-assets-\d{8}-\d{6}\.csv$/);
    const text = await readFile(path, 'utf8');
    const rows = parseCsv(text, { bom: true }) as string[][];
    expect(rows[0]).toEqual(GRID_HEADERS);
    expect(rows.slice(1).map((row) => row[0])).toEqual(names);
    expect(rows.slice(1).map((row) => row[4])).toEqual(await gridColumn('vendor'));
    expect(rows.slice(1).map((row) => row[3])).toEqual(await gridColumn('serial'));

    const result = page.getByTestId('export-result');
    await result.waitFor();
    expect(await result.getAttribute('data-status')).toBe('succeeded');
    expect(Number(await result.getAttribute('data-rows'))).toBe(total);
    expect(await result.innerText()).toContain(`Exported ${total} assets`);
  });

  it('exports the same view as XLSX that exceljs reads back', async () => {
    const names = await gridColumn('name');
    const { download, path } = await exportAs('xlsx');
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = workbook.getWorksheet('Assets');
    expect((sheet?.getRow(1).values as unknown[]).slice(1)).toEqual(GRID_HEADERS);
    expect(sheet?.rowCount).toBe(1 + names.length);
    expect(names.map((_, i) => sheet?.getRow(i + 2).getCell(1).value)).toEqual(names);
    // Last seen, a time, is a date cell (a number column is checked in the export service's tests).
    expect(sheet?.getRow(2).getCell(GRID_HEADERS.indexOf('Last seen') + 1).type).toBe(ExcelJS.ValueType.Date);
  });

  it('exports JSON with the stored values of the same assets', async () => {
    const names = await gridColumn('name');
    const { path } = await exportAs('json');
    const document = JSON.parse(await readFile(path, 'utf8')) as { count: number; columns: string[]; assets: { name: string; class: string }[] };
    expect(document.count).toBe(names.length);
    expect(document.columns[0]).toBe('name');
    expect(document.assets.map((a) => a.name)).toEqual(names);
    expect(new Set(document.assets.map((a) => a.class))).toEqual(new Set(['server']));
  });

  it('exports only the columns chosen in the column chooser, in their order', async () => {
    await page.getByTestId('column-chooser').click();
    await page.getByTestId('column-choice-serial').getByRole('checkbox').uncheck();
    await page.getByTestId('column-choice-fqdn').getByRole('checkbox').check();
    await page.keyboard.press('Escape');
    await page.getByTestId('column-fqdn').waitFor();
    const shown = await page.locator('[data-testid^="column-"][role="columnheader"]').evaluateAll((cells) =>
      cells.map((cell) => cell.getAttribute('data-testid')!.slice('column-'.length)),
    );
    expect(shown).toContain('fqdn');
    expect(shown).not.toContain('serial');
    const { path } = await exportAs('json');
    const document = JSON.parse(await readFile(path, 'utf8')) as { columns: string[] };
    expect(document.columns).toEqual(shown);
  });
});
