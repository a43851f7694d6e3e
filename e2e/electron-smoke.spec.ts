// Smoke test of the packaged shape of the desktop app: the built main process, preload and renderer
// (dist/) in a real Electron window, driven by playwright-core. Checks the security settings a
// reader cannot see from the UI: the bridge exposes exactly the contract, the page has no Node, and
// navigation away is blocked. Needs `npm run build` first and the Electron binary; where the binary
// is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD=1) it is skipped, and says so.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS } from '../src-shared/api/contract.js';
import { apiEvents } from '../src-shared/api/events.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mainEntry = path.join(root, 'dist', 'main', 'electron-main.mjs');

function findElectronBinary(): { binary: string | null; reason: string } {
  try {
    const binary: unknown = createRequire(path.join(root, 'package.json'))('electron');
    if (typeof binary === 'string' && existsSync(binary)) return { binary, reason: '' };
    return { binary: null, reason: `the electron package points at ${String(binary)}, which does not exist` };
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { binary: null, reason: `the Electron binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD=1?): ${detail}` };
  }
}

const electron = findElectronBinary();
if (!electron.binary) console.warn(`Electron smoke test not run: ${electron.reason}`);

describe('Electron desktop shell', () => {
  let app: ElectronApplication | null = null;
  let page: Page | null = null;
  let dataDir = '';

  const currentPage = (): Page => {
    if (!page) throw new Error('The window did not open.');
    return page;
  };

  beforeAll(async () => {
    if (!electron.binary) return;
    if (!existsSync(mainEntry)) throw new Error(`${path.relative(root, mainEntry)} is missing: run \`npm run build\` before the e2e tests.`);
    dataDir = await mkdtemp(path.join(tmpdir(), 'fieldwise-electron-'));
    const env = Object.fromEntries(
      Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[0] !== 'ELECTRON_RUN_AS_NODE'),
    );
    app = await _electron.launch({
      executablePath: electron.binary,
      // '.' so Electron reads package.json (main, name, version) as `npm start` does.
      args: ['.', '--data-dir', dataDir],
      cwd: root,
      env,
      timeout: 60_000,
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  afterAll(async () => {
    // close() goes through before-quit, so this also checks the core closes without hanging.
    await app?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it.skipIf(!electron.binary)('opens one window titled Fieldwise on the app:// origin', async () => {
    if (!app) throw new Error('Electron did not start.');
    const titles = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.getTitle()));
    expect(titles).toHaveLength(1);
    expect(titles[0]).toContain('Fieldwise');
    expect(currentPage().url()).toMatch(/^app:\/\/fieldwise\//);
  });

  it.skipIf(!electron.binary)('exposes exactly the contract on window.fieldwise', async () => {
    const shape = await currentPage().evaluate(`(() => {
      const bridge = globalThis.fieldwise;
      return {
        keys: Object.keys(bridge).sort(),
        calls: Object.keys(bridge.calls).sort(),
        events: Object.keys(bridge.events).sort(),
        uploadType: typeof bridge.upload,
      };
    })()`);
    expect(shape).toEqual({
      keys: ['calls', 'events', 'upload'],
      calls: [...API_METHODS].sort(),
      events: Object.keys(apiEvents).sort(),
      uploadType: 'function',
    });
  });

  it.skipIf(!electron.binary)('gives the page no Node or Electron', async () => {
    const globals = await currentPage().evaluate(`({
      require: typeof require,
      process: typeof process,
      module: typeof module,
      ipcRenderer: typeof ipcRenderer,
      electron: typeof electron,
    })`);
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', ipcRenderer: 'undefined', electron: 'undefined' });
  });

  it.skipIf(!electron.binary)('answers system.info through the bridge with the chosen data folder', async () => {
    const outcome = await currentPage().evaluate(`globalThis.fieldwise.calls['system.info']({})`);
    expect(outcome).toMatchObject({ ok: true, result: { appName: expect.stringContaining('Fieldwise'), dataDir } });
  });

  it.skipIf(!electron.binary)('turns unknown input into an error result, not a throw', async () => {
    const outcome = await currentPage().evaluate(`globalThis.fieldwise.calls['system.info']('not an object')`);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it.skipIf(!electron.binary)('blocks navigation away from the app and new windows', async () => {
    const before = currentPage().url();
    // Loopback and a closed port: even if the guard failed, no packet would leave the machine.
    await currentPage().evaluate(`window.location.href = 'http://127.0.0.1:9/'`);
    await currentPage().waitForTimeout(1_000);
    expect(currentPage().url()).toBe(before);
    expect(await currentPage().evaluate(`window.open('http://127.0.0.1:9/') === null`)).toBe(true);
    if (!app) throw new Error('Electron did not start.');
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });
});
