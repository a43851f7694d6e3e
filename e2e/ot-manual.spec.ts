// OT seed list and manual OT assets in a real browser against the real app in serve mode: import
// the example seed list through the UI, open a PLC and see its OT section, add a drive behind it
// (with the dialog's validation), and see the drive's OT section, its parent and the way back.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importThroughUi } from './support/import-through-ui.js';
import { launchChromium, openPage, REPO_ROOT, startServe, type ServeFixture } from './support/serve-fixture.js';

let serve: ServeFixture;
let browser: Browser;
let page: Page;

async function openFromInventory(search: string): Promise<void> {
  const grid = page.getByTestId('inventory-table');
  await page.getByTestId('nav-inventory').click();
  await page.getByTestId('search-input').fill(search);
  await expect.poll(async () => Number(await grid.getAttribute('data-total'))).toBe(1);
  await page.getByTestId('inventory-row').first().dblclick();
  await page.getByTestId('asset-page').waitFor();
}

describe('OT seed list and manual OT assets', () => {
  beforeAll(async () => {
    serve = await startServe();
    browser = await launchChromium();
    page = await openPage(browser);
    await page.goto(serve.loginUrl);
    await page.getByTestId('nav-inventory').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.close();
  });

  it('imports the example seed list and shows a PLC with its OT section', async () => {
    await importThroughUi(page, join(REPO_ROOT, 'examples', 'ot-seed-list.csv'), 'OT seed list', 'plant-a seeds', 'plant-a');
    await openFromInventory('PLC-102');
    expect(await page.getByTestId('asset-name').innerText()).toBe('PLC-102');
    const ot = page.getByTestId('ot-section');
    await ot.waitFor();
    expect(await ot.getByTestId('ot-purdue_level').innerText()).toContain('Level 1 — basic control');
    expect(await ot.getByTestId('ot-criticality').innerText()).toContain('High');
    expect(await ot.getByTestId('ot-zone').innerText()).toContain('Z-CELL-1');
  });

  it('adds a drive behind the PLC, refusing a nameless one, and shows it behind its parent', async () => {
    await page.getByTestId('add-device-behind').click();
    const form = page.getByTestId('ot-asset-form');
    await form.waitFor();
    await form.getByTestId('ot-asset-create').click();
    await expect.poll(() => form.innerText()).toContain('Give the asset a name');

    await form.getByTestId('ot-asset-name').fill('DRV-102-1');
    await form.getByTestId('ot-asset-vendor').fill('SEW-Eurodrive');
    await form.getByTestId('ot-asset-zone').fill('Z-CELL-1');
    await form.getByTestId('ot-asset-purdue').click();
    await page.getByRole('option', { name: 'Level 0 — physical process (sensors, actuators)' }).click();
    await form.getByTestId('ot-asset-criticality').click();
    await page.getByRole('option', { name: 'Critical', exact: true }).click();
    await form.getByTestId('ot-asset-create').click();

    await expect.poll(() => page.getByTestId('asset-name').innerText()).toBe('DRV-102-1');
    const ot = page.getByTestId('ot-section');
    await ot.waitFor();
    expect(await page.getByTestId('asset-class').innerText()).toBe('Drive');
    expect(await ot.getByTestId('ot-purdue_level').innerText()).toContain('Level 0');
    expect(await ot.getByTestId('ot-criticality').innerText()).toContain('Critical');
    await expect.poll(async () => (await ot.getByTestId('ot-parent').isVisible()) && (await ot.getByTestId('ot-parent').innerText())).toContain('Sits behind PLC-102');

    await ot.getByTestId('ot-parent').getByRole('link', { name: 'PLC-102' }).click();
    await expect.poll(() => page.getByTestId('asset-name').innerText()).toBe('PLC-102');
    await expect.poll(async () => (await page.getByTestId('ot-children').isVisible()) && (await page.getByTestId('ot-children').innerText())).toContain('DRV-102-1');
  });
});
