// Tables as tools, in a real browser against the real app in serve mode: undo a review decision (from
// its notice, with `u`, and from the decided list), then with 520 generated servers imported: columns
// resized and hidden are remembered on this machine, a view (filter, sort, columns) is saved and
// reopened after a reload, exported to a file and imported back (a broken file is refused naming the
// field), and a tag added to every matching asset (500+) is undone; a shift-range of rows gets a
// lifecycle stage that the notice's Undo takes back.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeServersCacheFile } from '../src-main/collectors/files/servers-cache-sample.js';
import { importThroughUi } from './support/import-through-ui.js';
import { launchChromium, openPage, SCREENSHOT_DIR, startServe, type ServeFixture } from './support/serve-fixture.js';

/** The machine may be busy: give debounced searches and recomputations time. */
const POLL = { timeout: 20_000 };
const GENERATED = 520;

// scada-02 in both files: the same host name but different model codes → a review item (see
// e2e/reconciliation.spec.ts for the arithmetic).
const SEEN = new Date(Date.now() - 2 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
const SERVERS_CSV = `id,hostname,model,os_name,os_version,memory_mb,last_seen
SRV-0002,scada-02,SIMATIC IPC847E,Windows Server 2019 Standard,10.0.17763,65536,${SEEN}
`;
const AGENTS_CSV = `id,hostname,model,os_name,os_version,memory_mb,class,last_seen
agent-91c2,scada-02,SIMATIC IPC647E,Windows Server 2022 Standard,10.0.20348,32768,server,${SEEN}
`;

let serve: ServeFixture;
let browser: Browser;
let page: Page;

const grid = () => page.getByTestId('inventory-table');
const gridTotal = async () => Number(await grid().getAttribute('data-total'));

async function search(text: string): Promise<void> {
  await page.getByTestId('nav-inventory').click();
  await page.getByTestId('search-input').fill(text);
}

async function scadaAssets(): Promise<number> {
  await search('scada-02');
  await expect.poll(async () => (await grid().isVisible()) && (await page.getByTestId('inventory-row').count()) > 0, POLL).toBe(true);
  await page.waitForTimeout(400);
  return gridTotal();
}

async function openReview(): Promise<void> {
  await page.getByTestId('search-input').fill('');
  await page.getByTestId('nav-review').click();
  await page.getByTestId('review-filter-status').getByText('Open').click();
  await page.getByTestId('review-detail').waitFor();
  // The queue's keys do not act while the focus is in a form control (the status switch).
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

describe('tables as tools', () => {
  beforeAll(async () => {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    serve = await startServe();
    await writeFile(join(serve.dataDir, 'servers.csv'), SERVERS_CSV);
    await writeFile(join(serve.dataDir, 'agents.csv'), AGENTS_CSV);
    await writeServersCacheFile(join(serve.dataDir, 'generated.csv'), GENERATED, 'csv', 9);
    browser = await launchChromium();
    page = await openPage(browser);
    await page.goto(serve.loginUrl);
    // The app opens on the home dashboard; the grid is one click away.
    await page.getByTestId('nav-inventory').click();
    await page.getByTestId('inventory-empty').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.close();
  });

  it('undoes an accepted review decision from the decided list, and the assets are as they were', async () => {
    await importThroughUi(page, join(serve.dataDir, 'servers.csv'), 'Server inventory', 'cmdb');
    await importThroughUi(page, join(serve.dataDir, 'agents.csv'), 'Desktop inventory', 'agents');
    await expect.poll(() => page.getByTestId('review-count-badge').getAttribute('data-count'), POLL).toBe('1');
    expect(await scadaAssets()).toBe(2);

    await openReview();
    await page.keyboard.press('a');
    await page.getByTestId('review-outcome').waitFor();
    expect(await page.getByTestId('review-outcome').innerText()).toContain('merged');
    await expect.poll(scadaAssets, POLL).toBe(1);

    await page.getByTestId('nav-review').click();
    await page.getByTestId('review-empty').waitFor();
    await page.getByTestId('review-filter-status').getByText('Accepted').click();
    await page.getByTestId('review-undo-decision').click();
    await page.getByTestId('review-undone').waitFor();
    expect(await page.getByTestId('review-undone').innerText()).toContain('open again');
    await expect.poll(() => page.getByTestId('review-count-badge').getAttribute('data-count'), POLL).toBe('1');
    expect(await scadaAssets()).toBe(2);
  });

  it('undoes a mouse decision from its notice and a keyboard one with u', async () => {
    await openReview();
    await page.getByTestId('review-reject').click();
    const notice = page.getByTestId('review-outcome');
    await notice.hover();
    await notice.getByTestId('review-outcome-undo').click();
    await page.getByTestId('review-undone').waitFor();
    await page.getByTestId('review-detail').waitFor();
    expect(await page.getByTestId('review-row').count()).toBe(1);

    await page.keyboard.press('a');
    await notice.waitFor();
    await page.keyboard.press('u');
    await page.getByTestId('review-undone').waitFor();
    await expect.poll(() => page.getByTestId('review-count-badge').getAttribute('data-count'), POLL).toBe('1');
    expect(await scadaAssets()).toBe(2);
  });

  it('remembers resized and hidden columns on this machine', async () => {
    await importThroughUi(page, join(serve.dataDir, 'generated.csv'), 'Server inventory', 'generated');
    await search('');
    await expect.poll(gridTotal, POLL).toBeGreaterThanOrEqual(GENERATED);

    const header = page.getByTestId('column-vendor');
    const before = (await header.boundingBox())!;
    const handle = (await header.getByRole('separator').boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x + handle.width / 2 + 40, handle.y + handle.height / 2, { steps: 5 });
    await page.mouse.move(handle.x + handle.width / 2 + 80, handle.y + handle.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect.poll(async () => Math.round((await header.boundingBox())!.width), POLL).toBe(Math.round(before.width) + 80);

    await page.getByTestId('column-chooser').click();
    await page.getByTestId('column-choice-serial').getByRole('checkbox').uncheck();
    await page.getByTestId('column-choice-fqdn').getByRole('checkbox').check();
    await page.keyboard.press('Escape');
    await page.getByTestId('column-fqdn').waitFor();
    expect(await page.getByTestId('column-serial').count()).toBe(0);

    await page.reload();
    await page.getByTestId('inventory-row').first().waitFor();
    expect(Math.round((await page.getByTestId('column-vendor').boundingBox())!.width)).toBe(Math.round(before.width) + 80);
    expect(await page.getByTestId('column-fqdn').count()).toBe(1);
    expect(await page.getByTestId('column-serial').count()).toBe(0);
  });

  it('saves a view, reopens it after a reload, exports it and imports it back', async () => {
    await search('esx');
    await expect.poll(gridTotal, POLL).toBeLessThan(GENERATED);
    const matching = await gridTotal();
    expect(matching).toBeGreaterThan(0);
    await page.getByTestId('column-vendor').getByRole('button').click();
    await expect.poll(() => page.getByTestId('column-vendor').getAttribute('aria-sort'), POLL).toBe('ascending');

    await page.getByTestId('views-menu').click();
    await page.getByTestId('view-save-as').click();
    await page.getByTestId('view-name').fill('ESX hosts');
    await page.getByTestId('view-save').click();
    await expect.poll(() => page.getByTestId('views-menu').getAttribute('data-view'), POLL).toBe('ESX hosts');

    // Back to everything, default columns: the grid no longer matches the view.
    await page.getByTestId('filter-clear').click();
    await page.getByTestId('column-chooser').click();
    await page.getByTestId('column-reset').click();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('views-menu').getAttribute('data-changed'), POLL).toBe('true');
    await page.reload();
    await page.getByTestId('inventory-row').first().waitFor();
    expect(await page.getByTestId('column-fqdn').count()).toBe(0);

    await page.getByTestId('views-menu').click();
    await page.getByTestId('views-menu-dropdown').waitFor();
    await page.waitForTimeout(300); // the menu's opening transition, for the screenshot only
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'saved-views.png') });
    await page.locator('[data-testid="view-item"][data-name="ESX hosts"]').click();
    await expect.poll(gridTotal, POLL).toBe(matching);
    expect(await page.getByTestId('search-input').inputValue()).toBe('esx');
    expect(await page.getByTestId('column-vendor').getAttribute('aria-sort')).toBe('ascending');
    expect(await page.getByTestId('column-fqdn').count()).toBe(1);
    expect(await page.getByTestId('column-serial').count()).toBe(0);
    expect(await page.getByTestId('views-menu').getAttribute('data-changed')).toBeNull();

    // Export to a file, then import a broken copy (refused, naming the field) and the real one.
    await page.getByTestId('views-menu').click();
    await page.getByTestId('view-manage').click();
    const downloading = page.waitForEvent('download');
    await page.locator('[data-testid="manage-view-row"][data-name="ESX hosts"]').getByTestId('view-export').click();
    const download = await downloading;
    const exported = join(serve.dataDir, download.suggestedFilename());
    await download.saveAs(exported);
    const file = JSON.parse(await readFile(exported, 'utf8')) as { name: string; filter: { search?: string }; columns: { order: string[] } };
    expect(file).toMatchObject({ name: 'ESX hosts', filter: { search: 'esx' } });
    await page.keyboard.press('Escape');

    const broken = join(serve.dataDir, 'broken-view.json');
    await writeFile(broken, JSON.stringify({ ...file, columns: { ...file.columns, order: ['name', 'colour'] } }));
    const importFile = async (path: string) => {
      await page.getByTestId('views-menu').click();
      const choosing = page.waitForEvent('filechooser');
      await page.getByTestId('view-import').click();
      await (await choosing).setFiles(path);
    };
    await importFile(broken);
    await page.getByTestId('view-problem').waitFor();
    expect(await page.getByTestId('view-problem').innerText()).toContain('columns.order.1');
    await page.getByTestId('view-import-close').click();
    await page.getByTestId('view-import-outcome').waitFor({ state: 'hidden' });

    await importFile(exported);
    await page.getByTestId('view-imported').waitFor();
    expect(await page.getByTestId('view-imported').innerText()).toContain('ESX hosts');
    await expect.poll(() => page.getByTestId('views-menu').getAttribute('data-view'), POLL).not.toBe('ESX hosts');
    await page.getByTestId('view-import-close').click();
    await page.getByTestId('view-import-outcome').waitFor({ state: 'hidden' });
  });

  it('adds a tag to every matching asset (500+), says what will change first, and undoes it from the history', async () => {
    await search('');
    await page.getByTestId('filter-clear').click().catch(() => undefined);
    await expect.poll(gridTotal, POLL).toBeGreaterThanOrEqual(GENERATED);
    const total = await gridTotal();

    await page.getByTestId('row-select').first().click();
    await page.getByTestId('select-all-matching').click();
    await expect.poll(() => page.getByTestId('selection-count').getAttribute('data-count'), POLL).toBe(String(total));
    await page.getByTestId('bulk-open').click();
    await page.getByTestId('bulk-tags').fill('audit=2026-q4');
    const summary = page.getByTestId('bulk-summary');
    await expect.poll(() => summary.getAttribute('data-changing'), POLL).toBe(String(total));
    expect(await page.getByTestId('bulk-field').innerText()).toContain(`${total} assets: tag “audit” → “2026-q4”`);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'bulk-change.png') });
    await page.getByTestId('bulk-apply').click();
    const notice = page.getByTestId('bulk-notice');
    await notice.waitFor();
    expect(await notice.innerText()).toContain(`add tag audit = 2026-q4 on ${total} assets`);

    await page.getByTestId('filter-tag').fill('audit=2026-q4');
    await expect.poll(gridTotal, POLL).toBe(total);

    await page.getByTestId('bulk-history-open').click();
    const row = page.getByTestId('bulk-history-row').first();
    await row.getByTestId('bulk-history-undo').click();
    await page.getByTestId('bulk-history-message').waitFor();
    expect(await page.getByTestId('bulk-history-message').innerText()).toContain(`Undone: ${total} assets back to their previous values.`);
    expect(await row.getAttribute('data-undone')).toBe('true');
    await page.keyboard.press('Escape');
    await page.getByTestId('inventory-no-matches').waitFor(POLL);
    await page.getByTestId('filter-clear').click();
  });

  it('sets the lifecycle stage of a shift-clicked range and the notice undoes it', async () => {
    await expect.poll(gridTotal, POLL).toBeGreaterThanOrEqual(GENERATED);
    const stages = () => page.locator('[data-testid="inventory-row"] [data-column="lifecycleStage"]').allInnerTexts();
    const before = (await stages()).slice(0, 5);

    const boxes = page.getByTestId('row-select');
    await boxes.nth(0).click();
    await boxes.nth(4).click({ modifiers: ['Shift'] });
    await expect.poll(() => page.getByTestId('selection-count').getAttribute('data-count'), POLL).toBe('5');
    await page.getByTestId('bulk-open').click();
    await page.getByTestId('bulk-action').click();
    await page.getByRole('option', { name: 'Set the lifecycle stage' }).click();
    await page.getByTestId('bulk-stage').click();
    await page.getByRole('option', { name: 'In maintenance' }).click();
    await expect.poll(() => page.getByTestId('bulk-summary').getAttribute('data-assets'), POLL).toBe('5');
    await page.getByTestId('bulk-apply').click();

    const notice = page.getByTestId('bulk-notice');
    await notice.waitFor();
    await notice.hover();
    await expect.poll(async () => (await stages()).slice(0, 5), POLL).toEqual(Array(5).fill('In maintenance'));
    await notice.getByTestId('bulk-notice-undo').click();
    await page.getByTestId('bulk-undone').waitFor();
    expect(await page.getByTestId('bulk-undone').innerText()).toContain('Undone: 5 assets');
    await expect.poll(async () => (await stages()).slice(0, 5), POLL).toEqual(before);
  });
});
