// What a browser gets from the real app in serve mode, beyond the journeys: the Settings page shows
// the installation without the server's paths, and the built UI neither points at source maps nor
// can fetch them.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, startServe, type ServeFixture } from './support/serve-fixture.js';

let serve: ServeFixture;
let browser: Browser;
let page: Page;

describe('serve mode in the browser', () => {
  beforeAll(async () => {
    serve = await startServe();
    browser = await launchChromium();
    page = await openPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.close();
  });

  it('shows the installation on the Settings page without the server paths', async () => {
    // The store asks once, at start.
    const infoResponse = page.waitForResponse((response) => response.url().endsWith('/api/call/system.info'));
    await page.goto(serve.loginUrl);
    const infoBody = await (await infoResponse).text();
    expect(infoBody).toContain('"dataDir":null');
    expect(infoBody).not.toContain(serve.dataDir);
    await page.getByTestId('nav-settings').click();
    const table = page.getByTestId('system-info');
    await table.getByText('Schema version').waitFor();
    const text = await table.innerText();
    expect(text).toContain('Version');
    expect(text).not.toContain('Data directory');
    expect(text).not.toContain(serve.dataDir);
    expect(await page.getByTestId('system-info-paths-hidden').innerText()).toContain('fieldwise serve');
  });

  it('builds the UI without pointers to source maps, and serves none', async () => {
    const scripts = await page.locator('script[src]').evaluateAll((nodes) => nodes.map((node) => (node as HTMLScriptElement).src));
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      const script = await page.request.get(src);
      expect(script.status()).toBe(200);
      expect(await script.text()).not.toContain('sourceMappingURL');
      const map = await page.request.get(`${src}.map`);
      expect(map.status()).toBe(404);
      expect(((await map.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
  });
});
