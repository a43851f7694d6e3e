// `npm start`: runs the desktop app when Electron's binary is installed, and serve mode otherwise
// (air-gapped installs often set ELECTRON_SKIP_BINARY_DOWNLOAD=1). The build has already run as
// `prestart`. Arguments after `npm start --` are passed on, e.g. `npm start -- --data-dir /tmp/fw`.
// Stopping it (Ctrl+C, SIGTERM to npm or to this script) stops everything it started.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { clearInterval, clearTimeout, setInterval, setTimeout } from 'node:timers';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The Electron executable, or the reason there is none. */
export function findElectronBinary(require = createRequire(path.join(root, 'package.json'))) {
  let binary;
  try {
    // The electron package's main resolves to the executable's path, and throws
    // "Electron failed to install correctly" when the binary was never downloaded.
    binary = require('electron');
  } catch (error) {
    return { binary: null, reason: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  }
  if (typeof binary !== 'string' || !existsSync(binary)) {
    return { binary: null, reason: `the electron package points at ${String(binary)}, which does not exist` };
  }
  return { binary, reason: null };
}

const isWindows = process.platform === 'win32';

/** True while any process of the group is alive (POSIX process groups only). */
function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
  } catch {
    // The group is already gone.
  }
}

/**
 * Runs the app (Electron, or serve mode) and makes sure that stopping this script stops everything
 * it started, not only the process it spawned.
 *
 * - The child runs in a process group of its own (POSIX), so the whole tree it starts (Electron's
 *   helpers and its core process, or the server's workers) can be found and ended.
 * - SIGINT, SIGTERM or SIGHUP here, or the death of this script's parent (npm's `sh -c`, which
 *   dies on npm's SIGTERM without passing it on), ask the child to stop in order: SIGTERM, which
 *   Electron main and serve mode both handle by closing the core. A second signal, or the child
 *   still running after stopTimeoutMs, ends the whole group with SIGKILL.
 * - When the child has exited, whatever is left of its group is ended too, then this script exits
 *   with the child's code.
 */
export function superviseChild(command, args, options = {}) {
  const { env = process.env, cwd = root, stopTimeoutMs = 60_000, parentCheckMs = 500, log = (line) => console.error(line) } = options;
  // stdin is not passed on: a child in a process group of its own must not read the terminal.
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'], detached: !isWindows });
  const pgid = child.pid;
  let stopping = false;
  let forceTimer = null;

  const forceStop = (why) => {
    if (pgid === undefined) return;
    log(`Ending Fieldwise and everything it started (${why}).`);
    if (isWindows) spawn('taskkill', ['/pid', String(pgid), '/T', '/F'], { stdio: 'ignore' });
    else signalGroup(pgid, 'SIGKILL');
  };
  const stop = (why, signal = 'SIGTERM') => {
    if (stopping) {
      if (why !== 'parent gone') forceStop(`${why} again`);
      return;
    }
    stopping = true;
    log(`Stopping Fieldwise (${why})…`);
    if (!child.kill(signal)) forceStop('it did not accept the signal');
    forceTimer = setTimeout(() => forceStop(`still running after ${stopTimeoutMs / 1000} s`), stopTimeoutMs);
  };

  process.on('SIGINT', () => stop('SIGINT', 'SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  if (!isWindows) process.on('SIGHUP', () => stop('SIGHUP'));
  // npm runs this script through `sh -c`; a SIGTERM to npm kills that shell, which does not pass it
  // on. The parent changing (we were re-parented) is the only sign of it.
  const parentPid = process.ppid;
  const parentCheck = setInterval(() => {
    if (process.ppid !== parentPid) stop('parent gone');
  }, parentCheckMs);

  const done = new Promise((resolve) => {
    child.on('error', (error) => {
      clearInterval(parentCheck);
      log(`Could not start ${command}: ${error.message}`);
      resolve(1);
    });
    child.on('exit', async (code, signal) => {
      clearInterval(parentCheck);
      if (forceTimer) clearTimeout(forceTimer);
      if (!isWindows && pgid !== undefined && groupAlive(pgid)) {
        signalGroup(pgid, 'SIGTERM');
        for (let waited = 0; waited < 5_000 && groupAlive(pgid); waited += 100) await delay(100);
        if (groupAlive(pgid)) signalGroup(pgid, 'SIGKILL');
      }
      resolve(code ?? (signal ? 1 : 0));
    });
  });
  return { child, done };
}

/** Runs a child until it has shut down (and everything it started with it), then exits with its code. */
function run(command, args, env) {
  superviseChild(command, args, { env }).done.then((code) => process.exit(code));
}

function main() {
  const args = process.argv.slice(2);
  const { binary, reason } = findElectronBinary();
  if (binary) {
    // ELECTRON_RUN_AS_NODE (set by some tools) would make Electron behave as plain Node.
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE;
    // '.' makes Electron read package.json: its "main" (dist/main/electron-main.mjs), name and version.
    run(binary, ['.', ...args], env);
    return;
  }
  console.log(
    "Electron's binary is not installed (it could not be downloaded at install time, or ELECTRON_SKIP_BINARY_DOWNLOAD was set; " +
      '`npm run install-electron` fetches it where the internet is reachable). Starting serve mode instead — open the URL below in a browser.',
  );
  console.log(`(Electron said: ${reason})`);
  const cli = path.join(root, 'dist', 'main', 'cli.mjs');
  if (!existsSync(cli)) {
    console.error(`${path.relative(root, cli)} is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
  run(process.execPath, [cli, 'serve', ...args], process.env);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
