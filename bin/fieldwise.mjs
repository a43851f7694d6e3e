#!/usr/bin/env node
// The installed `fieldwise` command: runs the built CLI bundle.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/main/cli.mjs', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  process.stderr.write('fieldwise: the app is not built yet. Run `npm run build` in the project folder first.\n');
  process.exit(1);
}
await import(bundle.href);
