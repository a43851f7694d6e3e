// Shared helpers for benchmarks: percentile maths, memory readings, and writing figures to
// bench/results/<name>.json so that numbers can be compared between runs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Figures = Record<string, number | string | boolean | null>;

export const BENCH_RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'results');

export function percentile(sortedAscending: readonly number[], p: number): number {
  if (sortedAscending.length === 0) return Number.NaN;
  const rank = Math.min(sortedAscending.length - 1, Math.max(0, Math.ceil((p / 100) * sortedAscending.length) - 1));
  return sortedAscending[rank] as number;
}

export function summarise(samplesMs: readonly number[]): { p50: number; p95: number; max: number; n: number } {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  return { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), max: round(sorted[sorted.length - 1] ?? NaN), n: sorted.length };
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function rssMiB(): number {
  return round(process.memoryUsage().rss / (1024 * 1024), 1);
}

/** Prints the figures and writes them to bench/results/<name>.json. */
export function writeBenchResult(name: string, figures: Figures): void {
  mkdirSync(BENCH_RESULTS_DIR, { recursive: true });
  const record = { name, measuredAt: new Date().toISOString(), node: process.version, figures };
  writeFileSync(join(BENCH_RESULTS_DIR, `${name}.json`), JSON.stringify(record, null, 2) + '\n');
  console.log(`\n[bench] ${name}`);
  for (const [key, value] of Object.entries(figures)) console.log(`  ${key.padEnd(40)} ${String(value)}`);
}
