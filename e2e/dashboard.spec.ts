// The home dashboard and the software page in a real browser against the real app in serve mode,
// with the example estate imported through the UI: every figure opens the list behind it, and
// that list holds as many assets as the figure says (compared with assets.list for the same
// filter), and the software page's counts open exactly the assets running that software. (The
// README's screenshots of both pages are taken on the demo estate: demo-estate.spec.ts.)
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardSummary } from '../src-shared/api/dashboard.js';
import type { AssetDetail, AssetFilter, AssetPage } from '../src-shared/api/inventory.js';
import type { SoftwarePage } from '../src-shared/api/software.js';
import { importThroughUi } from './support/import-through-ui.js';
import { launchChromium, openPage, REPO_ROOT, startServe, type ServeFixture } from './support/serve-fixture.js';

let serve: ServeFixture;
let browser: Browser;
let page: Page;

/** One API call as the signed-in page makes it (same cookie), for the figures to compare with. */
async function call<T>(method: string, input: unknown): Promise<T> {
  const response = await page.request.post(`${serve.baseUrl}/api/call/${method}`, { data: input });
  const body = (await response.json()) as { result?: T; error?: unknown };
  if (!response.ok()) throw new Error(`${method} failed: ${JSON.stringify(body)}`);
  return body.result as T;
}

async function listTotal(filter: AssetFilter): Promise<number> {
  const result = await call<AssetPage>('assets.list', { filter, limit: 1 });
  expect(result.totalIsExact, JSON.stringify(filter)).toBe(true);
  return result.total;
}

describe('home dashboard and software page', () => {
  beforeAll(async () => {
    serve = await startServe();
    browser = await launchChromium();
    page = await openPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.close();
  });

  it('opens on the home page, empty until the example estate is imported (servers on network dc-1, desktops on plant-a, cloud on aws-vpc-prod)', async () => {
    await page.goto(serve.loginUrl);
    await page.getByTestId('dashboard-empty').waitFor();
    await importThroughUi(page, join(REPO_ROOT, 'examples', 'servers.csv'), 'Server inventory', 'dc-cmdb-export', 'dc-1');
    await importThroughUi(page, join(REPO_ROOT, 'examples', 'desktops.csv'), 'Desktop inventory', 'plant-a-desktops', 'plant-a');
    await importThroughUi(page, join(REPO_ROOT, 'examples', 'cloud-instances.csv'), 'Cloud instances', 'aws-prod', 'aws-vpc-prod');
  });

  it('shows figures that each open an inventory of exactly that many assets', async () => {
    await page.getByTestId('nav-home').click();
    await page.getByTestId('door-total').waitFor();
    const summary = await call<DashboardSummary>('dashboard.get', {});
    expect(summary.total).toBeGreaterThan(0);
    expect(Number(await page.getByTestId('door-total').getAttribute('data-count'))).toBe(summary.total);
    expect(await listTotal({})).toBe(summary.total);

    // Every asset figure equals assets.list's total for the filter it carries.
    const groups = { class: summary.byClass, site: summary.bySite, source: summary.bySource, freshness: summary.freshness, quality: summary.quality, missing: summary.missingFields };
    for (const [group, doors] of Object.entries(groups)) {
      for (const door of doors) {
        expect(await listTotal(door.filter), `${group} ${door.key}`).toBe(door.count);
        expect(Number(await page.getByTestId(`door-${group}-${door.key}`).getAttribute('data-count')), `${group} ${door.key}`).toBe(door.count);
      }
    }
    // Freshness buckets are disjoint and cover the estate; classes too.
    expect(summary.freshness.reduce((n, d) => n + d.count, 0)).toBe(summary.total);
    expect(summary.byClass.reduce((n, d) => n + d.count, 0)).toBe(summary.total);
    expect(summary.bySite.length).toBeGreaterThan(1);

    // Doors in the browser: a class, a site, a missing field and a freshness bucket open the
    // inventory showing the same count and naming the filter.
    const picks = [`door-class-${summary.byClass[0]!.key}`, `door-site-${summary.bySite[0]!.key}`, `door-freshness-${summary.freshness.find((d) => d.count > 0)!.key}`];
    if (summary.missingFields[0]) picks.push(`door-missing-${summary.missingFields[0].key}`);
    for (const testId of picks) {
      await page.getByTestId('nav-home').click();
      const figure = page.getByTestId(testId);
      await figure.waitFor();
      const count = Number(await figure.getAttribute('data-count'));
      // The list the door opens is the one the inventory asks for after the click (an earlier
      // figure's list may have the same total, so the grid's total alone could be stale).
      const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/call/assets.list')), figure.click()]);
      expect(((await response.json()) as { result: AssetPage }).result.total, testId).toBe(count);
      await page.waitForURL(/#\/inventory$/);
      const grid = page.getByTestId('inventory-table');
      await expect.poll(async () => Number(await grid.getAttribute('data-total')), { message: testId }).toBe(count);
      await page.getByTestId(testId.startsWith('door-class') ? 'filter-class' : 'filter-door-' + (testId.startsWith('door-site') ? 'site' : testId.startsWith('door-missing') ? 'missingField' : 'lastSeen')).waitFor();
    }
    // The site door names its filter above the grid, and removing it shows the whole inventory.
    await page.getByTestId('nav-home').click();
    await page.getByTestId(`door-site-${summary.bySite[0]!.key}`).click();
    const chip = page.getByTestId('filter-door-site');
    await chip.waitFor();
    expect(await chip.innerText()).toContain('Site:');
    await chip.getByRole('button').click();
    await expect.poll(async () => Number(await page.getByTestId('inventory-table').getAttribute('data-total'))).toBe(summary.total);
  });

  it('opens the review queue and the runs page from their figures', async () => {
    await page.getByTestId('nav-home').click();
    await page.getByTestId('door-review-open').click();
    await page.waitForURL(/#\/review$/);
    await page.getByTestId('review-page').waitFor();
    await page.getByTestId('nav-home').click();
    const recent = page.getByTestId('dashboard-run');
    await recent.first().waitFor();
    expect(await recent.count()).toBe(3);
    await page.getByTestId('door-runs').click();
    await page.waitForURL(/#\/runs$/);
    await page.getByTestId('run-item').first().waitFor();
  });

  it("lists installed software; each version's and product's count opens exactly the assets running it", async () => {
    await page.getByTestId('nav-software').click();
    await page.getByTestId('software-row').first().waitFor();

    await page.getByTestId('software-search').fill('factorytalk');
    await expect.poll(async () => page.getByTestId('software-row').evaluateAll((rows) => rows.every((r) => (r.getAttribute('data-product') ?? '').toLowerCase().includes('factorytalk')))).toBe(true);
    const row = page.getByTestId('software-row').first();
    const product = (await row.getAttribute('data-product'))!;
    const version = row.getByTestId('software-version-count').first();
    const versionName = (await version.getAttribute('data-version'))!;
    const count = Number(await version.getAttribute('data-count'));
    expect(count).toBeGreaterThan(0);

    await version.click();
    await page.waitForURL(/#\/inventory$/);
    const grid = page.getByTestId('inventory-table');
    await expect.poll(async () => Number(await grid.getAttribute('data-total'))).toBe(count);
    expect(await page.getByTestId('filter-door-software').innerText()).toContain(product);

    // The assets behind the count are exactly those whose record lists that product and version.
    const listed = await call<AssetPage>('assets.list', { filter: { software: { name: product, version: versionName } }, limit: 1000 });
    expect(listed.total).toBe(count);
    const all = await call<AssetPage>('assets.list', { limit: 1000 });
    let running = 0;
    for (const asset of all.items) {
      const detail = await call<AssetDetail>('assets.get', { id: asset.id });
      const has = detail.software.some((s) => s.name === product && (s.version ?? '') === versionName);
      if (has) running += 1;
      expect(listed.items.some((a) => a.id === asset.id), `${asset.name} ${has ? 'runs' : 'does not run'} ${product} ${versionName}`).toBe(has);
    }
    expect(running).toBe(count);

    // A product's count covers every version; an asset with two versions counts once.
    await page.getByTestId('nav-software').click();
    const productCount = page.locator(`[data-testid="software-row"][data-product="${product}"]`).getByTestId('software-product-count');
    await productCount.waitFor();
    const productTotal = Number(await productCount.getAttribute('data-count'));
    await productCount.click();
    await page.waitForURL(/#\/inventory$/);
    await expect.poll(async () => Number(await grid.getAttribute('data-total'))).toBe(productTotal);
    const software = await call<SoftwarePage>('software.list', { search: product });
    expect(software.items.find((p) => p.name === product)?.assets).toBe(productTotal);
  });

  it('downloads the software table as CSV', async () => {
    await page.getByTestId('nav-software').click();
    await page.getByTestId('software-row').first().waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('software-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^fieldwise-software-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path()) as string, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('product,vendor,version,assets_with_version,assets_with_product');
    expect(csv).toContain('FactoryTalk');
  });
});
