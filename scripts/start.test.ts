// `npm start` stops everything it started. A real process tree, shaped like npm's: `sh -c` runs
// the start script's supervisor, which runs an app that starts a helper of its own (as Electron
// starts its core process, or serve mode its workers). The tests stop it the ways people do and
// check that no process of the tree is left. They assert outcomes, never durations.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempDir, type TempDir } from '../src-main/test-support/temp-dir.js';

const START_SCRIPT = pathToFileURL(fileURLToPath(new URL('./start.mjs', import.meta.url))).href;
const PATIENCE_MS = 90_000;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}

async function waitFor(condition: () => boolean, what: string, context: () => string = () => ''): Promise<void> {
  const deadline = Date.now() + PATIENCE_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what}.\n${context()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

interface Tree {
  shell: ChildProcess;
  pids: { supervisor: number; app: number; helper: number };
  output: () => string;
  marker: (name: string) => boolean;
}

describe.skipIf(process.platform === 'win32')('npm start stops everything it started', { timeout: 4 * PATIENCE_MS }, () => {
  let dir: TempDir;
  let trees: Tree[] = [];

  beforeEach(async () => {
    dir = await createTempDir('fieldwise-start-');
    trees = [];
  });

  afterEach(async () => {
    // Whatever a failed test left behind goes now, so one failure does not leak into the next.
    for (const tree of trees) {
      for (const pid of Object.values(tree.pids)) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
      if (tree.shell.pid !== undefined && isRunning(tree.shell.pid)) tree.shell.kill('SIGKILL');
    }
    await dir.remove();
  });

  /** The app: records that it was asked to stop; ignores SIGTERM when told to (a hung shutdown). */
  async function startTree(options: { appIgnoresSigterm?: boolean; stopTimeoutMs?: number } = {}): Promise<Tree> {
    const helper = dir.file('helper.mjs');
    writeFileSync(helper, `setInterval(() => {}, 1000);\n`);
    const app = dir.file('app.mjs');
    writeFileSync(
      app,
      `import { spawn } from 'node:child_process';
       import { renameSync, writeFileSync } from 'node:fs';
       const helper = spawn(process.execPath, [${JSON.stringify(helper)}], { stdio: 'ignore' });
       process.on('SIGTERM', () => {
         writeFileSync(${JSON.stringify(dir.file('app-stopping'))}, '');
         // Like Electron main after closing its core: exit, here without waiting for the helper.
         if (!${Boolean(options.appIgnoresSigterm)}) process.exit(0);
       });
       // Written whole, then renamed: the test never reads a half-written file.
       writeFileSync(${JSON.stringify(dir.file('pids.json.tmp'))}, JSON.stringify({ supervisor: process.ppid, app: process.pid, helper: helper.pid }));
       renameSync(${JSON.stringify(dir.file('pids.json.tmp'))}, ${JSON.stringify(dir.file('pids.json'))});
       setInterval(() => {}, 1000);
      `,
    );
    const harness = dir.file('harness.mjs');
    writeFileSync(
      harness,
      `import { superviseChild } from ${JSON.stringify(START_SCRIPT)};
       const { done } = superviseChild(process.execPath, [${JSON.stringify(app)}], { stopTimeoutMs: ${options.stopTimeoutMs ?? PATIENCE_MS} });
       done.then((code) => process.exit(code));
      `,
    );
    // What npm does: `sh -c "<script>"`, the shell being the process npm signals.
    const shell = spawn('sh', ['-c', `"${process.execPath}" "${harness}"`], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    shell.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    shell.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    await waitFor(() => existsSync(dir.file('pids.json')) || shell.exitCode !== null, 'the app to start', () => output);
    const pids = JSON.parse(readFileSync(dir.file('pids.json'), 'utf8')) as Tree['pids'];
    const tree: Tree = { shell, pids, output: () => output, marker: (name) => existsSync(dir.file(name)) };
    trees.push(tree);
    for (const pid of Object.values(pids)) expect(isRunning(pid)).toBe(true);
    return tree;
  }

  async function expectAllGone(tree: Tree): Promise<void> {
    for (const [name, pid] of Object.entries(tree.pids)) await waitFor(() => !isRunning(pid), `the ${name} (${pid}) to end`, tree.output);
  }

  it("SIGTERM to npm's shell (the orphan case): the app is asked to stop, and its helper goes too", async () => {
    const tree = await startTree();
    tree.shell.kill('SIGTERM');
    await expectAllGone(tree);
    expect(tree.marker('app-stopping')).toBe(true);
    expect(tree.output()).toContain('Stopping Fieldwise (parent gone)');
  });

  it('SIGTERM to the start script itself', async () => {
    const tree = await startTree();
    process.kill(tree.pids.supervisor, 'SIGTERM');
    await expectAllGone(tree);
    expect(tree.marker('app-stopping')).toBe(true);
  });

  it('SIGINT (Ctrl+C) to the whole foreground group: npm, the shell and the start script', async () => {
    const tree = await startTree();
    process.kill(-tree.shell.pid!, 'SIGINT');
    await expectAllGone(tree);
  });

  it('an app that does not stop within the bound is ended with everything it started', async () => {
    const tree = await startTree({ appIgnoresSigterm: true, stopTimeoutMs: 1_000 });
    process.kill(tree.pids.supervisor, 'SIGTERM');
    await expectAllGone(tree);
    expect(tree.marker('app-stopping')).toBe(true);
    expect(tree.output()).toContain('Ending Fieldwise and everything it started');
  });
});
