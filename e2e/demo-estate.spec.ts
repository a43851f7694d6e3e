// The demo estate (`fieldwise demo --serve`: the simulated SNMP network, the example inventories and
// the demo CMDB, discovered and reconciled) in a real browser: the home dashboard's figures are the
// demo's summary (43 assets, 5 sources, 2 open review items), the software page lists what the
// discovered Linux server runs, and the inventory exports what it shows. Also refreshes the README's
// screenshots of the dashboard, the software page and an export, taken on this estate.
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardSummary } from '../src-shared/api/dashboard.js';
import { launchChromium, openPage, SCREENSHOT_DIR, startDemoServe, type DemoServeFixture } from './support/serve-fixture.js';

let demo: DemoServeFixture;
let browser: Browser;
let page: Page;

async function call<T>(method: string, input: unknown): Promise<T> {
  const response = await page.request.post(`${demo.baseUrl}/api/call/${method}`, { data: input });
  const body = (await response.json()) as { result?: T; error?: unknown };
  if (!response.ok()) throw new Error(`${method} failed: ${JSON.stringify(body)}`);
  return body.result as T;
}

describe('the demo estate', () => {
  beforeAll(async () => {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    demo = await startDemoServe();
    browser = await launchChromium();
    page = await openPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  it("opens on the home dashboard with the demo's figures: 43 assets, 5 sources, 2 open review items", async () => {
    await page.goto(demo.loginUrl);
    await page.getByTestId('door-total').waitFor();
    expect(Number(await page.getByTestId('door-total').getAttribute('data-count'))).toBe(43);
    expect(Number(await page.getByTestId('door-review-open').getAttribute('data-count'))).toBe(2);
    const summary = await call<DashboardSummary>('dashboard.get', {});
    expect(summary.bySource).toHaveLength(5);
    expect(summary.bySource.reduce((n, d) => n + d.count, 0)).toBeGreaterThanOrEqual(43);
    await page.setViewportSize({ width: 1440, height: 1180 });
    await expect.poll(() => page.getByTestId('dashboard-refresh').getAttribute('data-loading')).toBeNull();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'dashboard.png') });
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('lists the software the discovered server runs and the example inventories list', async () => {
    await page.getByTestId('nav-software').click();
    await page.getByTestId('software-row').first().waitFor();
    expect(Number(await page.getByTestId('software-total').getAttribute('data-total'))).toBeGreaterThan(1);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'software.png') });
  });

  it('exports the servers the inventory shows as CSV', async () => {
    await page.getByTestId('nav-inventory').click();
    const grid = page.getByTestId('inventory-table');
    await page.getByTestId('inventory-row').first().waitFor();
    await page.getByTestId('search-input').fill('demo.lan');
    await expect.poll(async () => Number(await grid.getAttribute('data-total'))).toBeLessThan(43);
    const total = Number(await grid.getAttribute('data-total'));
    expect(total).toBeGreaterThan(0);
    await page.getByTestId('export-menu').click();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('export-csv').click()]);
    const rows = parseCsv(await readFile(await download.path(), 'utf8'), { bom: true }) as string[][];
    expect(rows).toHaveLength(1 + total);
    await page.getByTestId('export-result').waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'export.png') });
  });
});
