// Process entry of the `fieldwise` command (bundled to dist/main/cli.mjs; commands load on demand).
import { readFileSync } from 'node:fs';
import { processIo } from './cli-io.js';
import { runCli } from './run-cli.js';

function packageVersion(): string {
  for (const candidate of ['../../package.json', '../package.json']) {
    try {
      return (JSON.parse(readFileSync(new URL(candidate, import.meta.url), 'utf8')) as { version: string }).version;
    } catch {
      // try the next layout (source tree or dist/main)
    }
  }
  return '0.0.0';
}

const waitForStop = () =>
  new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });

const code = await runCli(process.argv.slice(2), { io: processIo(), env: process.env, version: packageVersion(), waitForStop });
process.exitCode = code;
