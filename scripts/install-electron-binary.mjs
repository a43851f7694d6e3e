// `npm install`'s postinstall: fetches Electron's binary where it can, and never fails the install
// where it cannot (an air-gapped plant laptop, a machine that reaches only the npm registry).
//
// Electron's own postinstall downloads the binary from the internet and fails the whole install
// when it cannot. So package.json keeps electron in optionalDependencies (a failed optional
// package does not fail `npm install`; npm leaves it out) and, for npm versions that read it,
// denies electron's own install script in `allowScripts`; this script then runs the same download
// and turns a failure into a note. Without the binary, `npm start` starts serve mode instead
// (scripts/start.mjs). Retry later with `npm run install-electron`.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './start.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SERVE_INSTEAD = '`npm start` will start serve mode (the app in your browser) instead of the desktop window.';

/** Where electron's install.js is, or null when the electron package is not installed. */
function electronInstaller() {
  try {
    return createRequire(path.join(root, 'package.json')).resolve('electron/install.js');
  } catch {
    return null;
  }
}

/** The first line of the download's error worth showing, e.g. "RequestError: getaddrinfo ENOTFOUND github.com". */
export function downloadFailureReason(stderr) {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('at '));
  return lines.find((line) => /error/i.test(line)) ?? lines[0] ?? 'no reason given';
}

function main() {
  const say = (line) => console.log(`fieldwise: ${line}`);
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    if (!findElectronBinary().binary) say(`Electron's binary was not downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD is set); ${SERVE_INSTEAD}`);
    return;
  }
  if (findElectronBinary().binary) return;
  const installer = electronInstaller();
  if (!installer) {
    say(`Electron is not installed (its download failed, or optional packages were left out); ${SERVE_INSTEAD}`);
    return;
  }
  say("Downloading Electron's binary for the desktop window…");
  const result = spawnSync(process.execPath, [installer], { cwd: path.dirname(installer), encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'] });
  if (result.status === 0 && findElectronBinary().binary) {
    say("Electron's binary is installed: `npm start` opens the desktop window.");
    return;
  }
  const reason = result.error ? result.error.message : downloadFailureReason(result.stderr ?? '');
  say(`Could not download Electron's binary (${reason}). That is expected without internet access; ${SERVE_INSTEAD}`);
  say('To get the window later: `npm run install-electron` where the internet (or an Electron mirror set in ELECTRON_MIRROR) is reachable.');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
