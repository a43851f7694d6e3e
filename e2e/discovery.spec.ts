// The discovery journey in a real browser against `fieldwise demo --serve` (five simulated SNMP
// agents on 127.0.0.1, the "Demo network" scope, the "Demo community" credential set in the OS
// keychain): see the scope and its credential, add a dead port to the scope so one target fails,
// Run now → read the plan → start → watch the progress → read the per-host report, then find the
// devices in the inventory, the switch-to-switch link in the topology and the neighbours on an asset
// page. A plant (OT) scope cannot start without its confirmation. Loopback only. Also refreshes
// docs/screenshots/discovery.png and topology.png.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { truncatedLabels } from './support/truncated-labels.js';
import { launchChromium, openPage, SCREENSHOT_DIR, startDemoServe, type DemoServeFixture } from './support/serve-fixture.js';

const DEMO_SCOPE = 'Demo network';
const DEMO_DEVICES = ['sw1.demo.lan', 'sw2.demo.lan', 'rtr1.demo.lan', 'srv1.demo.lan', 'ups1'];

let demo: DemoServeFixture;
let browser: Browser;
let page: Page;
let deadPort: number;

function scopeRow(name: string) {
  return page.locator(`[data-testid="scope-row"][data-scope-name="${name}"]`);
}

describe('discovery', () => {
  beforeAll(async () => {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    demo = await startDemoServe();
    // Nothing listens here: the run's one "no response".
    deadPort = demo.basePort + 5;
    browser = await launchChromium();
    page = await openPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('lists the demo scope and its credential set, whose secret is in the keychain', async () => {
    await page.goto(demo.loginUrl);
    await page.getByTestId('nav-discovery').click();
    const row = scopeRow(DEMO_SCOPE);
    await row.waitFor();
    expect(await row.innerText()).toContain('Demo community');
    // `demo` already discovered the network once before serving.
    expect(await row.getByTestId('scope-last-run').innerText()).toContain('Succeeded');

    await page.getByTestId('discovery-tab-credentials').click();
    const credential = page.locator('[data-testid="credential-row"][data-credential-name="Demo community"]');
    await credential.waitFor();
    await expect.poll(() => credential.getByTestId('secret-status').getAttribute('data-status')).toBe('stored');
    expect(await credential.innerText()).not.toContain('fieldwise-demo');
    await page.getByTestId('discovery-tab-scopes').click();
  });

  it('edits the scope: adds a port where no agent listens', async () => {
    await scopeRow(DEMO_SCOPE).getByTestId('scope-edit').click();
    // Mantine's modal root has no box of its own: wait for a field inside it.
    const form = page.getByTestId('scope-form');
    await page.getByTestId('scope-ports').waitFor();
    const ports = page.getByTestId('scope-ports');
    await ports.fill(`${await ports.inputValue()}, ${deadPort}`);
    await page.getByTestId('scope-save').click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => scopeRow(DEMO_SCOPE).innerText()).toContain('6 probes');
  });

  it('shows the plan before running, then the live progress, then the per-host report', async () => {
    await scopeRow(DEMO_SCOPE).getByTestId('scope-run').click();
    const plan = page.getByTestId('run-plan');
    await plan.getByTestId('plan-target-count').waitFor();
    expect(await plan.getByTestId('plan-target-count').innerText()).toContain('6');
    expect(await plan.getByTestId('plan-credential').first().innerText()).toContain('Demo community');
    expect(await plan.getByTestId('plan-rate').innerText()).toContain('requests/s');
    // An IT scope needs no plant confirmation.
    expect(await plan.getByTestId('plan-confirm-ot').count()).toBe(0);
    await page.getByTestId('plan-start').click();

    // While the run lasts, the bar shows hosts done of total and the header counts the job. Hosts on
    // one address are probed one after another and finish close together, so on a busy machine the
    // run may end before a poll sees a host done: each check holds "or the run has ended".
    const run = page.getByTestId('discovery-run');
    const progress = page.getByTestId('discovery-progress');
    const ended = async () => (await run.getAttribute('data-status')) !== 'running';
    const attribute = (name: string) => progress.getAttribute(name, { timeout: 1_000 }).catch(() => null);
    await expect.poll(async () => (await ended()) || Number(await attribute('data-total')) === 6).toBe(true);
    await expect.poll(async () => (await ended()) || (await page.getByTestId('jobs-indicator').getAttribute('data-running')) === '1').toBe(true);
    await expect.poll(async () => (await ended()) || Number(await attribute('data-done')) >= 1).toBe(true);

    await expect.poll(() => run.getAttribute('data-status'), { timeout: 30_000 }).toBe('succeeded');
    await expect.poll(() => page.getByTestId('jobs-indicator').getAttribute('data-running')).toBe('0');
    const report = page.getByTestId('discovery-report');
    await expect.poll(() => report.getByTestId('report-found').getAttribute('data-value')).toBe('5');
    expect(await report.getByTestId('report-done').getAttribute('data-value')).toBe('6');
    expect(Number(await report.getByTestId('report-relations').getAttribute('data-value'))).toBeGreaterThan(0);

    const hosts = page.getByTestId('hosts-table');
    await expect.poll(() => page.getByTestId('host-row').count()).toBe(6);
    const found = await hosts.locator('[data-testid="host-row"][data-status="found"] [data-testid="host-asset-link"]').allInnerTexts();
    expect(found.sort()).toEqual([...DEMO_DEVICES].sort());

    // Each outcome count is a door to the hosts with that outcome.
    const noResponse = page.getByTestId('outcome-no_response');
    expect(await noResponse.getAttribute('data-count')).toBe('1');
    await noResponse.click();
    await expect.poll(() => page.getByTestId('host-row').count()).toBe(1);
    const dead = page.getByTestId('host-row').first();
    expect(await dead.getAttribute('data-status')).toBe('no_response');
    expect(await dead.innerText()).toContain(String(deadPort));
    expect(await dead.getByTestId('host-outcome').innerText()).toBe('No response');
    // Why a host can be silent is said once above the list, not repeated in each silent host's row.
    expect(await page.getByTestId('silent-hosts-note').innerText()).toContain('1 host did not reply.');
    expect(await dead.innerText()).not.toContain('wrong community');
    await page.getByTestId('outcome-all').click();
    await expect.poll(() => page.getByTestId('host-row').count()).toBe(6);

    await page.getByTestId('tab-learned').click();
    await page.getByTestId('learned-row').first().waitFor();
    // The agents' tables name documentation-range addresses: recorded, outside the scope, never contacted.
    expect(await page.locator('[data-testid="learned-row"][data-in-scope="false"]').count()).toBeGreaterThan(0);
    await page.getByTestId('tab-hosts').click();
    await hosts.waitFor();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'discovery.png') });
  });

  it('keeps the run in the history', async () => {
    await page.getByTestId('nav-discovery').click();
    await page.getByTestId('discovery-tab-history').click();
    await page.getByTestId('discovery-history-row').first().waitFor();
    expect(await page.getByTestId('discovery-history-row').count()).toBeGreaterThanOrEqual(2);
    // Run status badges ("Succeeded") show their whole word in the history table.
    expect(await truncatedLabels(page)).toEqual([]);
  });

  it('puts the switches, router, server and UPS in the inventory', async () => {
    await page.getByTestId('nav-inventory').click();
    await page.getByTestId('inventory-row').first().waitFor();
    // The demo estate also holds the example inventories: more rows than the grid draws at once,
    // so each device is looked up by name.
    for (const device of DEMO_DEVICES) {
      await page.getByTestId('search-input').fill(device);
      await expect.poll(async () => page.locator('[data-testid="inventory-row"] [data-column="name"]').allInnerTexts()).toContain(device);
    }
    await page.getByTestId('search-input').fill('');
  });

  it('draws the switch-to-switch link in the topology, with a table one click away', async () => {
    await page.getByTestId('nav-topology').click();
    const graph = page.getByTestId('topology-graph');
    await graph.waitFor();
    await page.locator('[data-testid="topology-node"][data-name="sw1.demo.lan"]').waitFor();
    await page.locator('[data-testid="topology-node"][data-name="sw2.demo.lan"]').waitFor();
    expect(Number(await graph.getAttribute('data-edges'))).toBeGreaterThanOrEqual(1);
    // The LLDP link between the switches is one edge (both switches' claims merged), ports at both ends.
    await expect.poll(async () => (await page.getByTestId('topology-port').allInnerTexts()).filter((t) => t === 'Gi1/0/24').length).toBe(2);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'topology.png') });

    await page.getByTestId('topology-view').getByText('Table').click();
    const table = page.getByTestId('topology-table');
    await table.waitFor();
    const switchLinks = table.locator('[data-testid="topology-row"]').filter({ hasText: 'sw1.demo.lan' }).filter({ hasText: 'sw2.demo.lan' });
    expect(await switchLinks.count()).toBe(1);
    expect(await switchLinks.innerText()).toContain('Both ends');
    expect(await switchLinks.innerText()).toContain('Gi1/0/24');
    // "T" toggles back (outside text fields; the view switch itself is a radio input).
    await page.getByTestId('topology-summary').click();
    await page.keyboard.press('t');
    await graph.waitFor();
  });

  it('opens an asset from the graph and shows its neighbours and SNMP facts with provenance', async () => {
    await page.locator('[data-testid="topology-node"][data-name="sw1.demo.lan"]').click();
    await page.getByTestId('asset-page').waitFor();
    expect(await page.getByTestId('asset-name').innerText()).toBe('sw1.demo.lan');
    const neighbour = page.locator('[data-testid="neighbour-row"][data-name="sw2.demo.lan"]');
    await neighbour.waitFor();
    expect(await neighbour.innerText()).toContain('Gi1/0/24');
    expect(await neighbour.innerText()).toContain('Both ends');

    const sysObjectId = page.getByTestId('provenance-sys_object_id');
    await sysObjectId.waitFor();
    expect(await sysObjectId.getByTestId('provenance-value').innerText()).toContain('1.3.6.1.4.1.9');
    expect(await sysObjectId.getByTestId('provenance-source').innerText()).toContain(DEMO_SCOPE);
    for (const field of ['uptime_seconds', 'description']) {
      expect(await page.getByTestId(`provenance-${field}`).count(), field).toBe(1);
    }
  });

  it('asks for the plant confirmation before an OT scope can start', async () => {
    await page.getByTestId('nav-discovery').click();
    await page.getByTestId('scope-new').click();
    await page.getByTestId('scope-name').waitFor();
    await page.getByTestId('scope-name').fill('Plant cell 3');
    await page.getByTestId('scope-targets').fill('127.0.0.1');
    await page.getByTestId('scope-ports').fill(String(demo.basePort + 2));
    await page.getByTestId('credential-add').click();
    await page.getByRole('option', { name: /Demo community/ }).click();
    await page.getByTestId('scope-ot').check({ force: true });
    // OT defaults replace the IT ones.
    expect(await page.getByTestId('scope-setting-ratePerSecond').inputValue()).toBe('20');
    await page.getByTestId('scope-schedule').fill('0 3 * * *');
    await expect.poll(() => page.getByTestId('schedule-preview').getAttribute('data-state')).toBe('ok');
    expect(await page.getByTestId('schedule-next').count()).toBe(5);
    await page.getByTestId('scope-save').click();
    await page.getByTestId('scope-form').waitFor({ state: 'detached' });

    const row = scopeRow('Plant cell 3');
    await row.getByTestId('scope-ot-badge').waitFor();
    await row.getByTestId('scope-run').click();
    const plan = page.getByTestId('run-plan');
    await plan.getByTestId('plan-confirm-ot').waitFor();
    expect(await page.getByTestId('plan-start').isDisabled()).toBe(true);
    await plan.getByTestId('plan-confirm-ot').check();
    expect(await page.getByTestId('plan-start').isDisabled()).toBe(false);
    await plan.getByRole('button', { name: 'Cancel' }).click();
    await plan.waitFor({ state: 'detached' });

    await row.getByTestId('scope-delete').click();
    await page.getByTestId('confirm-delete-button').click();
    await row.waitFor({ state: 'detached' });
    expect(await scopeRow(DEMO_SCOPE).count()).toBe(1);
  });
});
