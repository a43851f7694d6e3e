// CLI start-up: wall time of `node bin/fieldwise.mjs --help` against `node -e 0` (Node's own start
// on this machine, the anchor), run alternately so that both see the same machine load. Needs the
// built bundle (`npm run build`). Options: --runs <n> (default 20), --warmup <n> (default 2).
//
// Quote the ratio: absolute times move with the machine, the ratio to a bare Node start does not
// (much). The per-pair ratio (each run of A over the B run next to it) is the steadier of the two.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { percentile, round, writeBenchResult, type Figures } from './lib/bench-report.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'fieldwise.mjs');

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} takes a whole number`);
  return value;
}

/** Wall milliseconds of one run, output thrown away; a failing command stops the benchmark. */
function timeOnce(args: readonly string[]): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'ignore' });
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${String(result.status ?? result.signal)}`);
  return elapsedMs;
}

function stats(samples: readonly number[], digits: number): { min: number; median: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { min: round(sorted[0] ?? NaN, digits), median: round(percentile(sorted, 50), digits), max: round(sorted[sorted.length - 1] ?? NaN, digits) };
}

function main(): void {
  if (!existsSync(join(root, 'dist', 'main', 'cli.mjs'))) {
    console.error('bench/cli-start: dist/main/cli.mjs is missing; run `npm run build` first.');
    process.exitCode = 1;
    return;
  }
  const runs = Math.max(1, option('--runs', 20));
  const warmup = option('--warmup', 2);
  const help = [bin, '--help'];
  const anchor = ['-e', '0'];
  for (let i = 0; i < warmup; i++) {
    timeOnce(help);
    timeOnce(anchor);
  }
  const helpMs: number[] = [];
  const anchorMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    helpMs.push(timeOnce(help));
    anchorMs.push(timeOnce(anchor));
  }
  const pairRatios = helpMs.map((ms, i) => ms / (anchorMs[i] as number));
  const h = stats(helpMs, 1);
  const a = stats(anchorMs, 1);
  const r = stats(pairRatios, 2);
  const figures: Figures = {
    runs,
    help_ms_min: h.min,
    help_ms_median: h.median,
    help_ms_max: h.max,
    node_e0_ms_min: a.min,
    node_e0_ms_median: a.median,
    node_e0_ms_max: a.max,
    ratio_of_medians: round(h.median / a.median, 2),
    ratio_per_pair_median: r.median,
    ratio_per_pair_min: r.min,
    ratio_per_pair_max: r.max,
  };
  writeBenchResult('cli-start', figures);
}

main();
