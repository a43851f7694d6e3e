// Reconciliation in a real browser against the real app in serve mode: two inventories that
// describe overlapping machines are imported through the UI. A server both files know by vendor and
// serial is merged: its "why is this one asset" panel shows both records and the score breakdown;
// unmerging one record gives two assets. A pair that only shares a host name waits in the review
// queue; accepting it (with the keyboard) merges it. The audit history shows both actions. Also
// refreshes docs/screenshots/why-one-asset.png and docs/screenshots/stewardship.png.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { truncatedLabels } from './support/truncated-labels.js';
import { launchChromium, openPage, SCREENSHOT_DIR, startServe, type ServeFixture } from './support/serve-fixture.js';
import { MATCH_MERGE_THRESHOLD } from '../src-shared/model/match-thresholds.js';
import { importThroughUi } from './support/import-through-ui.js';

/** The machine may be busy: give debounced searches and recomputations time (the default is 1 s). */
const POLL = { timeout: 15_000 };
const CMDB = 'dc-cmdb';
const AGENTS = 'plant-a-agents';

// hist-01: the same serial (case aside), vendor (after normalisation) and model → about 31 bits, merged.
// scada-02: the same host name (+10.3 bits) but different model codes (−1.4) → 8.9 bits, between the
// review threshold (6.5) and the merge threshold (10) → review.
// Seen recently, so confidences are not decayed (they halve every 30 days after the first 7).
const SEEN = new Date(Date.now() - 2 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
const SEEN_LATER = new Date(Date.now() - 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');

const SERVERS_CSV = `id,hostname,fqdn,serial,vendor,model,os_name,os_version,memory_mb,location,interfaces,last_seen
SRV-0001,hist-01,hist-01.plant-a.example,7XK2QH3,Dell Inc.,PowerEdge R650,Windows Server 2022 Standard,10.0.20348,131072,Plant A / Server room / Rack 2 U12,eth0=24:6e:96:1a:2b:01@10.10.20.11#20,${SEEN}
SRV-0002,scada-02,,,,SIMATIC IPC847E,Windows Server 2019 Standard,10.0.17763,65536,Plant A / Control room,,${SEEN}
SRV-0003,mes-01,mes-01.plant-a.example,J30A1B2,Lenovo,ThinkSystem SR650 V2,Red Hat Enterprise Linux 9.3,9.3,262144,Plant A / Server room / Rack 3 U04,eth0=7c:d3:0a:10:00:01@10.10.20.31#20,${SEEN}
`;
const AGENTS_CSV = `id,hostname,serial,vendor,model,os_name,os_version,memory_mb,class,last_seen
agent-7f3a,hist-01,7xk2qh3,Dell,PowerEdge R650,Windows Server 2022 Datacenter,10.0.20348,196608,server,${SEEN_LATER}
agent-91c2,scada-02,,,SIMATIC IPC647E,Windows Server 2022 Standard,10.0.20348,32768,server,${SEEN_LATER}
`;

let serve: ServeFixture;
let browser: Browser;
let page: Page;

async function inventoryTotal(search: string): Promise<number> {
  await page.getByTestId('nav-inventory').click();
  const grid = page.getByTestId('inventory-table');
  await page.getByTestId('search-input').fill(search);
  // The search applies after a pause; wait until the grid answers for this query.
  await page.waitForTimeout(400);
  await grid.waitFor();
  return Number(await grid.getAttribute('data-total'));
}

async function openFromInventory(search: string): Promise<void> {
  const grid = page.getByTestId('inventory-table');
  await page.getByTestId('nav-inventory').click();
  await page.getByTestId('search-input').fill(search);
  await expect.poll(async () => Number(await grid.getAttribute('data-total')), POLL).toBe(1);
  await page.getByTestId('inventory-row').first().dblclick();
  await page.getByTestId('asset-page').waitFor();
}

describe('reconciliation', () => {
  beforeAll(async () => {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    serve = await startServe();
    await writeFile(join(serve.dataDir, 'servers.csv'), SERVERS_CSV);
    await writeFile(join(serve.dataDir, 'agents.csv'), AGENTS_CSV);
    browser = await launchChromium();
    page = await openPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.close();
  });

  it('imports two overlapping inventories: one pair merges, one waits for review', async () => {
    await page.goto(serve.loginUrl);
    await page.getByTestId('nav-inventory').click();
    await page.getByTestId('inventory-empty').waitFor();
    await importThroughUi(page, join(serve.dataDir, 'servers.csv'), 'Server inventory', CMDB);
    await importThroughUi(page, join(serve.dataDir, 'agents.csv'), 'Desktop inventory', AGENTS);
    // 3 + 2 records, hist-01 merged: 4 assets; scada-02 twice, with one open review item.
    await expect.poll(() => inventoryTotal(''), POLL).toBe(4);
    await expect.poll(() => page.getByTestId('review-count-badge').getAttribute('data-count'), POLL).toBe('1');
  });

  it('explains why the merged server is one asset: two members and the score breakdown', async () => {
    await openFromInventory('hist-01');
    const why = page.getByTestId('why-panel');
    await expect.poll(() => why.getAttribute('data-members'), POLL).toBe('2');
    expect(await why.getByTestId('member-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-source')).sort())).toEqual([CMDB, AGENTS].sort());
    const edge = why.getByTestId('merge-edge');
    expect(await edge.count()).toBe(1);
    expect(await edge.getAttribute('data-reason')).toBe('score');
    const kinds = await edge.getByTestId('score-evidence').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')));
    expect(kinds).toContain('serial');
    expect(Number(await edge.getByTestId('score-breakdown').getAttribute('data-score'))).toBeGreaterThanOrEqual(MATCH_MERGE_THRESHOLD);

    // The agent saw more memory than the CMDB says: the field opens to show what each source said.
    const memory = page.getByTestId('provenance-memory_mb');
    await memory.getByTestId('provenance-disputed').waitFor();
    await memory.getByTestId('provenance-toggle').click();
    const competing = page.locator('[data-testid="field-competing"][data-agrees="false"]');
    await competing.first().waitFor();
    expect(await competing.first().getByTestId('alternative-value').innerText()).toBe('196,608');
    expect(await competing.first().getByTestId('provenance-source').innerText()).toBe(AGENTS);
    await page.getByTestId('quality-panel').waitFor();
    expect(Number(await page.getByTestId('quality-panel').getAttribute('data-score'))).toBeGreaterThan(0);
    await page.getByTestId('versions-section').getByTestId('version-row').first().waitFor();
    // Every badge ("Created", "Merged away") and button ("Unmerge") shows its whole label, and the
    // history's "What changed" column gets room to read (it was squeezed beside the audit history).
    expect(await truncatedLabels(page)).toEqual([]);
    // Also on a laptop-sized window, where the side column is narrow.
    await page.setViewportSize({ width: 1280, height: 800 });
    try {
      expect(await truncatedLabels(page)).toEqual([]);
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
    const whatChanged = await page.getByTestId('versions-what-changed').boundingBox();
    expect(whatChanged?.width ?? 0).toBeGreaterThanOrEqual(500);

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'why-one-asset.png') });
  });

  it('unmerges one record after a confirmation that says what will change, giving two assets', async () => {
    const why = page.getByTestId('why-panel');
    await why.locator(`[data-testid="member-row"][data-source="${AGENTS}"]`).getByTestId('member-unmerge').click();
    const dialog = page.getByTestId('unmerge-modal');
    const consequence = await dialog.getByTestId('unmerge-consequence').innerText();
    expect(consequence).toContain('will become its own asset');
    expect(consequence).toContain('never-merge decision');
    expect(await dialog.innerText()).toContain('Undo by revoking the decision');
    await dialog.getByTestId('confirm-reason').fill('agent runs on a replacement box');
    await dialog.getByTestId('confirm-action-button').click();
    await page.getByTestId('why-outcome').waitFor();
    await expect.poll(() => page.getByTestId('why-panel').getAttribute('data-members'), POLL).toBe('1');
    await page.locator('[data-testid="decision-row"][data-kind="never_merge"]').first().waitFor();
    await page.locator('[data-testid="audit-entry"][data-action="asset.unmerged"]').waitFor();
    await expect.poll(() => inventoryTotal('hist-01'), POLL).toBe(2);
  });

  it('lists the host-name-only pair in the review queue, side by side, and accepts it with the keyboard', async () => {
    await page.getByTestId('search-input').fill('');
    await page.getByTestId('nav-review').click();
    const row = page.getByTestId('review-row');
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.first().getAttribute('data-kind')).toBe('review');
    const detail = page.getByTestId('review-detail');
    await detail.waitFor();
    expect(await detail.locator('[data-testid="comparison-row"][data-field="hostname"]').getAttribute('data-state')).toBe('same');
    expect(await detail.locator('[data-testid="comparison-row"][data-field="os_name"]').getAttribute('data-state')).toBe('different');
    expect(await detail.locator('[data-testid="comparison-row"][data-field="os_name"]').innerText()).toContain('Differs');
    const evidence = await detail.getByTestId('score-evidence').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')));
    expect(evidence).toEqual(expect.arrayContaining(['hostname', 'model_conflict']));
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'stewardship.png') });

    await page.keyboard.press('a');
    await page.getByTestId('review-outcome').waitFor();
    expect(await page.getByTestId('review-outcome').innerText()).toContain('merged');
    await page.getByTestId('review-empty').waitFor();
    expect(await page.getByTestId('review-empty').innerText()).toContain('waits here for a person');
    await expect.poll(() => page.getByTestId('review-count-badge').count(), POLL).toBe(0);
  });

  it('shows the accepted pair as one asset, forced by the review decision, with the decision in its audit history', async () => {
    await page.getByTestId('review-outcome-asset').click();
    await page.getByTestId('asset-page').waitFor();
    const why = page.getByTestId('why-panel');
    await expect.poll(() => why.getAttribute('data-members'), POLL).toBe('2');
    expect(await why.getByTestId('merge-edge').first().getAttribute('data-reason')).toBe('forced');
    await why.locator('[data-testid="decision-row"][data-origin="stewardship"]').waitFor();
    await page.locator('[data-testid="audit-entry"][data-action="stewardship.accept"]').waitFor();
    await expect.poll(() => inventoryTotal('scada-02'), POLL).toBe(1);
    await expect.poll(() => inventoryTotal(''), POLL).toBe(4);
  });
});
