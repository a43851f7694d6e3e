// Starts the real application (`serve`, or `demo --serve` with simulated SNMP agents) on a fresh data
// directory and a free port, and launches Debian's Chromium through playwright-core. Everything it
// starts, it stops (and the temp dir goes).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const READY_PATTERN = /Fieldwise is ready at (\S+)/;
const READY_TIMEOUT_MS = 30_000;

export interface ServeFixture {
  loginUrl: string;
  baseUrl: string;
  dataDir: string;
  /** Everything the server printed so far (for failure messages). */
  output(): string;
  close(): Promise<void>;
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolveExit) => {
    const timer = setTimeout(() => resolveExit(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveExit(true);
    });
  });
}

/** `dataDir` reuses an existing data directory (kept on close); by default a fresh temp dir is made and removed. */
export async function startServe(options: { extraArgs?: string[]; dataDir?: string } = {}): Promise<ServeFixture> {
  return startFieldwise((dataDir) => ['serve', '--data-dir', dataDir, '--port', '0', ...(options.extraArgs ?? [])], options.dataDir);
}

export interface DemoServeFixture extends ServeFixture {
  /** First UDP port of the five demo agents (sw1, sw2, rtr1, srv1, ups1 on basePort … basePort + 4). */
  basePort: number;
}

/**
 * `fieldwise demo --serve`: five simulated SNMP agents on 127.0.0.1, the "Demo network" scope and the
 * "Demo community" credential set (in the OS keychain: run inside a D-Bus session with an unlocked
 * gnome-keyring), one discovery, then the UI on a free port. The agents' ports start at a random
 * base so parallel runs on one machine do not collide. Loopback only.
 */
export async function startDemoServe(options: { basePort?: number } = {}): Promise<DemoServeFixture> {
  const basePort = options.basePort ?? 20_000 + Math.floor(Math.random() * 20_000);
  const fixture = await startFieldwise((dataDir) => ['--data-dir', dataDir, 'demo', '--serve', '--port', '0', '--base-port', String(basePort)]);
  return { ...fixture, basePort };
}

async function startFieldwise(argsFor: (dataDir: string) => string[], existingDataDir?: string): Promise<ServeFixture> {
  const ownsDataDir = existingDataDir === undefined;
  const dataDir = existingDataDir ?? (await mkdtemp(join(tmpdir(), 'fieldwise-e2e-')));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/cli/main.ts', ...argsFor(dataDir)], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  let output = '';
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, 10_000))) {
        child.kill('SIGKILL');
        await waitForExit(child, 5_000);
      }
    }
    if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
  };

  try {
    const loginUrl = await new Promise<string>((resolveUrl, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`fieldwise did not print "Fieldwise is ready at <url>" within ${READY_TIMEOUT_MS} ms. Output:\n${output}`)),
        READY_TIMEOUT_MS,
      );
      const onData = (chunk: Buffer) => {
        output += chunk.toString('utf8');
        const match = READY_PATTERN.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolveUrl(match[1]);
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`fieldwise exited early (code ${code}, signal ${signal}). Output:\n${output}`));
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    return { loginUrl, baseUrl: new URL(loginUrl).origin, dataDir, output: () => output, close };
  } catch (error) {
    await close();
    throw error;
  }
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A page the size of the README screenshots, in the light theme, with the specs' default wait. */
export async function openPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/**
 * Where the specs write their screenshots: the README's docs/screenshots when UPDATE_SCREENSHOTS=1
 * (so a normal test run leaves the work tree clean), else a temporary folder.
 */
export const SCREENSHOT_DIR = process.env.UPDATE_SCREENSHOTS ? join(REPO_ROOT, 'docs', 'screenshots') : join(tmpdir(), 'fieldwise-e2e-screenshots');
