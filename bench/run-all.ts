// `npm run bench`: runs every benchmark in bench/ one after another (each in its own process, so
// memory figures are its own) and lists the JSON files written to bench/results/.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run-all.ts' && !f.startsWith('.'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

let failures = 0;
for (const file of benches) {
  console.log(`\n=== ${file}`);
  // The million-observation reconciliation run needs about 10 GB of heap (Node's default is ~4 GB).
  const result = spawnSync(process.execPath, ['--max-old-space-size=16000', '--import', 'tsx', join(here, file)], { stdio: 'inherit' });
  if (result.status !== 0) {
    failures += 1;
    console.error(`${file} failed with exit code ${result.status}`);
  }
}
console.log(`\n${benches.length - failures} of ${benches.length} benchmarks finished; figures are in bench/results/*.json`);
process.exitCode = failures > 0 ? 1 : 0;
