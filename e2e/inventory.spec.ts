// The inventory journey in a real browser against the real app in serve mode: import a server
// inventory through the UI, search and sort the grid, open an asset and see where its fields came
// from, edit its tags and find the change in its audit history. Also refreshes the README screenshots.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, REPO_ROOT, SCREENSHOT_DIR, startServe, type ServeFixture } from './support/serve-fixture.js';
import { checkThroughUi, importThroughUi } from './support/import-through-ui.js';
import { sampleServersCsv } from './support/sample-servers.js';

const SOURCE_NAME = 'dc-cmdb-export';

let serve: ServeFixture;
let browser: Browser;
let page: Page;
let csvPath: string;
let firstHostname: string;

async function rowNames(): Promise<string[]> {
  return page.locator('[data-testid="inventory-row"] [data-column="name"]').allInnerTexts();
}

describe('inventory', () => {
  beforeAll(async () => {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    serve = await startServe();
    const example = join(REPO_ROOT, 'examples', 'servers.csv');
    if (existsSync(example)) {
      csvPath = example;
    } else {
      csvPath = join(serve.dataDir, 'servers.csv');
      await writeFile(csvPath, sampleServersCsv());
    }
    const [header = '', firstLine = ''] = (await readFile(csvPath, 'utf8')).split(/\r?\n/);
    const hostnameColumn = header.split(',').indexOf('hostname');
    firstHostname = firstLine.split(',')[Math.max(0, hostnameColumn)]?.replace(/"/g, '') ?? '';
    browser = await launchChromium();
    page = await openPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.close();
  });

  it('opens signed in on the home page; it and the empty inventory explain how to get data in', async () => {
    await page.goto(serve.loginUrl);
    await page.getByTestId('dashboard-empty').waitFor();
    await page.getByTestId('nav-inventory').click();
    await page.getByTestId('inventory-empty').waitFor();
    // The exact command the CLI test runs (src-main/cli/example-import.test.ts).
    expect(await page.getByTestId('inventory-empty').innerText()).toContain('fieldwise import examples/servers.csv --kind servers_cache');
  });

  it('imports a server inventory file through the UI and shows the result', async () => {
    await importThroughUi(page, csvPath, 'Server inventory', SOURCE_NAME);
    const result = page.getByTestId('import-result');
    const count = async (name: string) => Number((await result.getByTestId(`count-${name}`).locator('p').first().innerText()).replace(/\D/g, ''));
    expect(await count('read')).toBeGreaterThan(0);
    expect(await count('created')).toBeGreaterThan(0);
    expect(await page.getByTestId('jobs-indicator').getAttribute('data-running')).toBe('0');
  });

  it('imports desktop and cloud inventories too, when the example files are there', async () => {
    const desktops = join(REPO_ROOT, 'examples', 'desktops.csv');
    const cloud = join(REPO_ROOT, 'examples', 'cloud-instances.csv');
    if (existsSync(desktops)) await importThroughUi(page, desktops, 'Desktop inventory', 'plant-a-desktops');
    if (existsSync(cloud)) await importThroughUi(page, cloud, 'Cloud instances', 'aws-prod');
    await page.getByTestId('nav-runs').click();
    await page.getByTestId('run-item').first().waitFor();
    expect(await page.getByTestId('run-item').count()).toBeGreaterThanOrEqual(1);
  });

  it('previews a file with bad rows: every problem listed, rejected records downloadable, the valid ones imported', async () => {
    const file = join(serve.dataDir, 'with-bad-rows.csv');
    await writeFile(
      file,
      ['id,hostname,serial,vendor,memory_mb,last_seen', 'b-1,bad-rows-01,BR001,Dell,8192,2026-01-05T10:00:00Z', 'b-2,bad-rows-02,BR002,Dell,lots,2026-01-05T10:00:00Z', 'b-3,bad-rows-03,BR003,Dell,4096,last Tuesday', 'b-4,bad-rows-04,BR004,HPE,16384,2026-01-05T10:00:00Z'].join('\n') + '\n',
    );
    await checkThroughUi(page, file, 'Server inventory', 'bad-rows-source');
    const preview = page.getByTestId('import-preview');
    await preview.waitFor();
    expect(await preview.getByTestId('preview-rejected').getAttribute('data-value')).toBe('2');
    expect(await preview.getByTestId('preview-new').getAttribute('data-value')).toBe('2');
    const problems = preview.getByTestId('import-problems').locator('tbody tr');
    expect(await problems.count()).toBe(2);
    expect(await problems.first().innerText()).toContain('memory_mb');
    // All-or-nothing is not offered while records are rejected; the rejected ones download as a file.
    expect(await preview.getByTestId('import-commit').count()).toBe(0);
    const [download] = await Promise.all([page.waitForEvent('download'), preview.getByTestId('import-download-rejected').click()]);
    const rejected = await readFile((await download.path()) as string, 'utf8');
    expect(rejected).toContain('b-2');
    expect(rejected).toContain('b-3');
    expect(rejected).not.toContain('b-1');
    await preview.getByTestId('import-commit-skip').click();
    const result = page.getByTestId('import-result');
    await result.waitFor({ timeout: 60_000 });
    await expect.poll(() => result.getByTestId('run-report').getAttribute('data-status'), { timeout: 60_000 }).toBe('succeeded');
    expect(await result.getByTestId('count-created').innerText()).toContain('2');
  });

  it('lists the imported assets in the grid, searchable and sortable on the server', async () => {
    await page.getByTestId('nav-inventory').click();
    const grid = page.getByTestId('inventory-table');
    await page.getByTestId('inventory-row').first().waitFor();
    expect(Number(await grid.getAttribute('data-total'))).toBeGreaterThan(0);
    await page.getByTestId('summary-strip').waitFor();

    await page.getByTestId('search-input').fill(firstHostname);
    await expect.poll(async () => Number(await grid.getAttribute('data-total'))).toBe(1);
    expect((await rowNames())[0]?.toLowerCase()).toContain(firstHostname.toLowerCase());
    await page.getByTestId('search-input').fill('');
    await expect.poll(async () => Number(await grid.getAttribute('data-total'))).toBeGreaterThan(1);

    const nameHeader = page.getByTestId('column-name');
    expect(await nameHeader.getAttribute('aria-sort')).toBe('ascending');
    const ascending = await rowNames();
    await nameHeader.getByRole('button').click();
    await expect.poll(() => nameHeader.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(async () => (await rowNames())[0]).not.toBe(ascending[0]);
    const descending = await rowNames();
    const sorted = [...descending].sort((a, b) => b.localeCompare(a, 'en', { sensitivity: 'base' }));
    expect(descending[0]?.toLowerCase()).toBe(sorted[0]?.toLowerCase());
    await nameHeader.getByRole('button').click();
    await expect.poll(() => nameHeader.getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(async () => (await rowNames())[0]).toBe(ascending[0]);

    await page.screenshot({ path: join(SCREENSHOT_DIR, 'inventory.png') });
  });

  it('moves through the grid with the keyboard and opens an asset with Enter', async () => {
    const grid = page.getByTestId('inventory-table');
    await grid.focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    expect(await grid.getAttribute('aria-activedescendant')).toBe('inventory-row-1');
    await page.keyboard.press('ArrowUp');
    expect(await grid.getAttribute('aria-activedescendant')).toBe('inventory-row-0');
    await page.keyboard.press('End');
    const total = Number(await grid.getAttribute('data-total'));
    expect(await grid.getAttribute('aria-activedescendant')).toBe(`inventory-row-${total - 1}`);

    // Ctrl+K jumps to the search box; ArrowDown goes back to the grid; Enter opens the active row.
    await page.keyboard.press('Control+K');
    // The search box takes focus after the shortcut's event is handled; type only once it has it.
    await expect.poll(() => page.getByTestId('search-input').evaluate((el) => el === document.activeElement), { timeout: 5_000 }).toBe(true);
    await page.keyboard.type(firstHostname);
    await expect.poll(async () => Number(await grid.getAttribute('data-total')), { timeout: 10_000 }).toBe(1);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByTestId('asset-page').waitFor();
    expect((await page.getByTestId('asset-name').innerText()).toLowerCase()).toContain(firstHostname.toLowerCase());
  });

  it('shows every field with the source it came from', async () => {
    const hostname = page.getByTestId('provenance-hostname');
    await hostname.waitFor();
    expect(await hostname.getByTestId('provenance-source').innerText()).toBe(SOURCE_NAME);
    expect(await page.getByTestId('fields-table').locator('tbody tr').count()).toBeGreaterThan(3);
  });

  it('edits tags, saves them and records the change in the audit history', async () => {
    const editor = page.getByTestId('tags-editor');
    await page.getByTestId('tag-key-input').fill('rack');
    await page.getByTestId('tag-value-input').fill('R12-U22');
    await page.getByTestId('tag-add').click();
    await page.getByTestId('tag-key-input').fill('owner');
    await page.getByTestId('tag-value-input').fill('platform-team');
    await page.getByTestId('tag-add').click();
    expect(await editor.getByTestId('tag').allInnerTexts()).toEqual(expect.arrayContaining(['rack=R12-U22', 'owner=platform-team']));
    await page.getByTestId('tags-save').click();
    await page.getByTestId('tags-saved').waitFor();
    const history = page.getByTestId('audit-history');
    await history.getByTestId('audit-entry').first().waitFor();
    await expect.poll(async () => (await history.innerText()).includes('R12-U22')).toBe(true);

    await page.getByTestId('lifecycle-stage').click();
    await page.getByRole('option', { name: 'Deployed', exact: true }).click();
    await page.getByTestId('lifecycle-owner').fill('Platform team');
    // Dates are typed YYYY-MM-DD and read back in the browser's locale (en-US here), not mm/dd/yyyy.
    const warranty = page.getByTestId('lifecycle-warranty-end');
    await warranty.fill('2027-03-31');
    const warrantyField = page.getByTestId('lifecycle-editor').locator('.mantine-InputWrapper-root', { has: warranty });
    await expect.poll(() => warrantyField.innerText()).toContain('Mar 31, 2027');
    await page.getByTestId('lifecycle-save').click();
    await expect.poll(() => page.getByTestId('asset-lifecycle').innerText()).toBe('Deployed');
    // The same asset in a German browser: the date in German order.
    const german = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'de-DE' });
    try {
      const other = await german.newPage();
      await other.goto(serve.loginUrl);
      await other.goto(page.url());
      const field = other.getByTestId('lifecycle-editor').locator('.mantine-InputWrapper-root', { has: other.getByTestId('lifecycle-warranty-end') });
      await expect.poll(() => field.innerText().catch(() => '')).toContain('31.03.2027');
      expect(await other.getByTestId('lifecycle-warranty-end').inputValue()).toBe('2027-03-31');
    } finally {
      await german.close();
    }

    await page.reload();
    await page.getByTestId('tags-editor').getByTestId('tag').first().waitFor();
    expect(await page.getByTestId('tags-editor').getByTestId('tag').allInnerTexts()).toEqual(expect.arrayContaining(['rack=R12-U22']));
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'asset.png'), fullPage: true });
  });

  it('filters the grid from a summary count', async () => {
    await page.getByTestId('nav-inventory').click();
    // The asset page was reloaded, so the store (and with it the search) started afresh.
    await page.getByTestId('inventory-row').first().waitFor();
    expect(await page.getByTestId('filter-clear').count()).toBe(0);
    const door = page.locator('[data-testid^="summary-source-"]').first();
    await door.waitFor();
    // One slim line, not a third of the screen: the grid keeps the room.
    const strip = (await page.getByTestId('summary-strip').boundingBox())!;
    expect(strip.height).toBeLessThan(page.viewportSize()!.height / 12);
    // The default columns fit a 1440-pixel window: no sideways scrolling.
    expect(page.viewportSize()!.width).toBe(1440);
    await expect.poll(() => page.getByTestId('inventory-table').evaluate((grid) => grid.scrollWidth - grid.clientWidth)).toBeLessThanOrEqual(0);
    await door.click();
    expect(await door.getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('filter-clear').waitFor();
    await page.getByTestId('filter-clear').click();
    expect(await door.getAttribute('aria-pressed')).toBe('false');
  });
});
