// The README's start command where Electron's binary is not installed — an air-gapped machine, one
// that reaches only the npm registry, and CI's clone: `npm start` says so, starts serve mode on the
// printed URL, and a SIGTERM to npm (the way a service manager or a closed terminal stops it) stops
// everything it started. `--ignore-scripts` skips `prestart` only (the build `npm test` has already
// made); the start script itself runs as it does for a user. Outcomes are checked, never durations.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/serve-fixture.js';

const PATIENCE = { timeout: 60_000, interval: 200 };

/** What start.mjs asks: does the electron package resolve to an existing executable? */
function electronBinaryInstalled(): boolean {
  try {
    const binary: unknown = createRequire(join(REPO_ROOT, 'package.json'))('electron');
    return typeof binary === 'string' && existsSync(binary);
  } catch {
    return false;
  }
}

/** Live (not zombie) processes whose command line mentions `marker`. */
function processesMentioning(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (cmdline.includes(marker) && stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z') pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

// Where the binary is installed, `npm start` opens the desktop window instead (not launchable here).
describe.skipIf(process.platform !== 'linux' || electronBinaryInstalled())("npm start without Electron's binary", () => {
  let dataDir: string;
  let npm: ChildProcess;
  let output = '';

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'fieldwise-npm-start-'));
    npm = spawn('npm', ['start', '--ignore-scripts', '--', '--data-dir', dataDir, '--port', '0'], {
      cwd: REPO_ROOT,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    npm.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    npm.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  });

  afterAll(async () => {
    for (const pid of processesMentioning(dataDir)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    if (npm.exitCode === null) npm.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('says why and starts serve mode on the URL it prints', async () => {
    await expect.poll(() => /Fieldwise is ready at (http:\/\/127\.0\.0\.1:\d+\/)\S*/.exec(output)?.[1] ?? null, PATIENCE).not.toBeNull();
    expect(output).toContain("Electron's binary is not installed");
    expect(output).toContain('Starting serve mode instead');
    const origin = /Fieldwise is ready at (http:\/\/127\.0\.0\.1:\d+)\//.exec(output)![1]!;
    expect(await answers(`${origin}/healthz`)).toBe(true);
    expect(processesMentioning(dataDir).length).toBeGreaterThan(0);
  });

  it('stops everything it started when npm gets SIGTERM', async () => {
    const origin = /Fieldwise is ready at (http:\/\/127\.0\.0\.1:\d+)\//.exec(output)![1]!;
    const exited = new Promise<void>((resolve) => (npm.exitCode !== null ? resolve() : npm.once('exit', () => resolve())));
    npm.kill('SIGTERM');
    await exited;
    await expect.poll(() => processesMentioning(dataDir), PATIENCE).toEqual([]);
    expect(await answers(`${origin}/healthz`)).toBe(false);
  });
});
