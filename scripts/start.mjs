// `npm start`: runs the desktop app when Electron's binary is installed, and serve mode otherwise
// (air-gapped installs often set ELECTRON_SKIP_BINARY_DOWNLOAD=1). The build has already run as
// `prestart`. Arguments after `npm start --` are passed on, e.g. `npm start -- --data-dir /tmp/fw`.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
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

/** Runs a child with the terminal attached and exits with its code once it has shut down. */
function run(command, args, env) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
  // Ctrl+C reaches the child directly (same process group): wait for its orderly shutdown instead
  // of sending a second signal. A SIGTERM aimed at this script alone is passed on.
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('error', (error) => {
    console.error(`Could not start ${command}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
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
    "Electron's binary is not installed (air-gapped install with ELECTRON_SKIP_BINARY_DOWNLOAD=1?). " +
      'Starting serve mode instead — open the URL below in a browser.',
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
