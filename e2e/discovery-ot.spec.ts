// OT discovery in a real browser against `fieldwise serve`: create a Modbus TCP scope in the scope
// editor (protocol selector, the protocol's options with their defaults and validation messages, the
// OT flag that a plant protocol cannot turn off), find it marked as a plant scope in the list, add an
// OPC UA user credential set that only OPC UA scopes are offered, and
// read its plan, which names the protocol, the targets, the rate and the worst-case duration and
// cannot start until the plant confirmation is ticked. Nothing is started: no packet is sent (the
// demo plant end to end is the lead's spec, once the collectors exist). Also refreshes
// docs/screenshots/ot-scope-editor.png and ot-plan.png (with UPDATE_SCREENSHOTS=1).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, SCREENSHOT_DIR, startServe, type ServeFixture } from './support/serve-fixture.js';

const SCOPE = 'Line 2 PLCs';

let serve: ServeFixture;
let browser: Browser;
let page: Page;

function scopeRow(name: string) {
  return page.locator(`[data-testid="scope-row"][data-scope-name="${name}"]`);
}

describe('OT discovery scopes', () => {
  beforeAll(async () => {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    serve = await startServe();
    browser = await launchChromium();
    page = await openPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.close();
  });

  it('creates a Modbus scope: protocol options with their defaults, a validation message, the OT flag locked on', async () => {
    await page.goto(serve.loginUrl);
    await page.getByTestId('nav-discovery').click();
    await page.getByTestId('scope-new').click();
    await page.getByTestId('scope-name').waitFor();
    await page.getByTestId('scope-name').fill(SCOPE);
    await page.getByTestId('scope-targets').fill('127.0.0.1\n127.0.0.2');

    await page.getByTestId('scope-protocol').getByText('Modbus TCP').click();
    await page.getByTestId('scope-options-modbus').waitFor();
    // The protocol's well-known port and the plant defaults replace SNMP's.
    expect(await page.getByTestId('scope-ports').inputValue()).toBe('502');
    expect(await page.getByTestId('scope-setting-ratePerSecond').inputValue()).toBe('20');
    const ot = page.getByTestId('scope-ot');
    expect(await ot.isChecked()).toBe(true);
    expect(await ot.isDisabled()).toBe(true);
    expect(await page.getByTestId('scope-ot-locked').innerText()).toContain('Modbus TCP');
    // Defaults shown with each option; SNMP's "what to read" and credential sets are gone.
    expect(await page.getByTestId('scope-options-modbus').innerText()).toContain('Default: 40000, 0, 50000');
    expect(await page.getByTestId('scope-option-unitIds').inputValue()).toBe('1');
    expect(await page.getByTestId('scope-depth').count()).toBe(0);
    expect(await page.getByTestId('scope-no-credentials').innerText()).toContain('no credentials');

    // The contract's limits speak on the field that breaks them: at most 32 unit ids per scope.
    await page.getByTestId('scope-option-unitIds').fill(Array.from({ length: 33 }, (_, i) => i + 1).join(', '));
    const unitIdsField = page.getByTestId('scope-options-modbus').locator('.mantine-InputWrapper-error').first();
    await expect.poll(() => unitIdsField.innerText()).toContain('32');
    // A unit id out of range is refused on its field, and the scope is not saved.
    await page.getByTestId('scope-option-unitIds').fill('1, 300');
    const unitIdsError = page.locator('[data-testid="scope-options-modbus"] .mantine-InputWrapper-error').first();
    await expect.poll(() => unitIdsError.innerText()).toContain('"300" is not a valid unit id');
    await page.getByTestId('scope-save').click();
    await page.getByTestId('scope-options-error').waitFor();
    expect(await page.getByTestId('scope-form').count()).toBeGreaterThan(0);

    await page.getByTestId('scope-option-unitIds').fill('1, 2');
    await page.getByTestId('scope-option-registerRanges').fill('holding:0:10:setpoints');
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'ot-scope-editor.png') });
    await page.getByTestId('scope-save').click();
    await page.getByTestId('scope-name').waitFor({ state: 'detached' });

    const row = scopeRow(SCOPE);
    await row.getByTestId('scope-ot-badge').waitFor();
    expect(await row.getByTestId('scope-protocol-cell').innerText()).toContain('Modbus TCP · TCP 502');
    expect(await row.innerText()).toContain('2 probes');
  });

  it('keeps the options when the scope is opened again', async () => {
    await scopeRow(SCOPE).getByTestId('scope-edit').click();
    await page.getByTestId('scope-options-modbus').waitFor();
    expect(await page.getByTestId('scope-option-unitIds').inputValue()).toBe('1, 2');
    expect(await page.getByTestId('scope-option-registerRanges').inputValue()).toBe('holding:0:10:setpoints');
    // The protocol of a saved scope is fixed.
    expect(await page.getByTestId('scope-protocol').locator('input:not([disabled])').count()).toBe(0);
    await page.getByTestId('scope-form').getByRole('button', { name: 'Cancel' }).click();
    await page.getByTestId('scope-name').waitFor({ state: 'detached' });
  });

  it('adds an OPC UA user credential set, whose password goes to the keychain, and offers it only to OPC UA scopes', async () => {
    await page.getByTestId('discovery-tab-credentials').click();
    await page.getByTestId('credential-new').click();
    await page.getByTestId('credential-name').fill('plant-ua');
    await page.getByTestId('credential-kind').click();
    await page.getByRole('option', { name: 'OPC UA user name and password' }).click();
    await page.getByTestId('credential-opcua-user').fill('operator');
    await page.getByTestId('credential-save').click();
    // No password yet: refused on its field.
    await expect.poll(() => page.getByTestId('credential-form').innerText()).toContain('Type the password');
    await page.getByTestId('credential-opcua-password').fill('a plant secret');
    await page.getByTestId('credential-save').click();
    await page.getByTestId('credential-name').waitFor({ state: 'detached' });
    const row = page.locator('[data-testid="credential-row"][data-credential-name="plant-ua"]');
    await row.waitFor();
    expect(await row.innerText()).toContain('OPC UA user name and password');
    expect(await row.innerText()).toContain('operator');
    expect(await row.innerText()).not.toContain('a plant secret');
    await expect.poll(() => row.getByTestId('secret-status').getAttribute('data-status')).toBe('stored');

    await page.getByTestId('discovery-tab-scopes').click();
    await page.getByTestId('scope-new').click();
    await page.getByTestId('scope-protocol').getByText('OPC UA').click();
    await page.getByTestId('scope-options-opcua').waitFor();
    expect(await page.getByTestId('scope-ports').inputValue()).toBe('4840');
    expect(await page.getByTestId('credential-order').innerText()).toContain('asked anonymously');
    await page.getByTestId('credential-add').click();
    expect(await page.getByRole('option', { name: /plant-ua/ }).count()).toBe(1);
    await page.keyboard.press('Escape');
    // Back on SNMP the OPC UA set is not offered.
    await page.getByTestId('scope-protocol').getByText('SNMP').click();
    expect(await page.getByTestId('scope-ports').inputValue()).toBe('161');
    expect(await page.getByTestId('scope-ot').isChecked()).toBe(false);
    // (This server has no SNMP set, so there is nothing to add.)
    expect(await page.getByTestId('credential-add').isDisabled()).toBe(true);
    await page.getByTestId('scope-form').getByRole('button', { name: 'Cancel' }).click();
    await page.getByTestId('scope-name').waitFor({ state: 'detached' });
  });

  it('shows the plan: protocol, targets, rate and duration, and needs the plant confirmation to start', async () => {
    await scopeRow(SCOPE).getByTestId('scope-run').click();
    const plan = page.getByTestId('run-plan');
    await plan.getByTestId('plan-confirm-ot').waitFor();
    expect(await plan.getByTestId('plan-protocol').innerText()).toContain('Modbus TCP');
    expect(await plan.getByTestId('plan-protocol').innerText()).toContain('unit ids 1, 2');
    expect(await plan.getByTestId('plan-services').innerText()).toContain('functions 1, 2, 3, 4 and 43 only');
    expect(await plan.getByTestId('plan-target-count').innerText()).toContain('2 addresses');
    expect(await plan.getByTestId('plan-rate').innerText()).toContain('20 requests/s');
    expect(await plan.getByTestId('plan-duration').innerText()).not.toBe('');
    expect(await plan.getByTestId('plan-ot-notice').innerText()).toContain('Modbus TCP');
    expect(await plan.getByTestId('plan-credential').count()).toBe(0);
    expect(await plan.getByTestId('plan-no-credentials').innerText()).toContain('Modbus TCP has no credentials');
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'ot-plan.png') });

    // Unconfirmed, an OT plan never starts. Confirmed, it starts when the plan can (a build without
    // the Modbus collector says so in the warnings and keeps Start disabled).
    expect(await page.getByTestId('plan-start').isDisabled()).toBe(true);
    await plan.getByTestId('plan-confirm-ot').check();
    const canStart = (await plan.getByTestId('plan-table').getAttribute('data-can-start')) === 'true';
    if (!canStart) expect(await plan.getByTestId('plan-warnings').innerText()).toContain('Modbus TCP');
    expect(await page.getByTestId('plan-start').isDisabled()).toBe(!canStart);
    await plan.getByTestId('plan-confirm-ot').uncheck();
    expect(await page.getByTestId('plan-start').isDisabled()).toBe(true);
    await plan.getByRole('button', { name: 'Cancel' }).click();
    await plan.waitFor({ state: 'detached' });
  });
});
