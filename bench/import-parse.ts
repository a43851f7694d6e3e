// Parse throughput of the import readers: 100k generated servers_cache records from JSON, NDJSON
// and CSV, validated and mapped to observations (no database). The whole import (parse + SQLite
// write) must reach 50,000 records/s, so parsing alone should sit well above that.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readImportFile } from '../src-main/collectors/files/read-import-file.js';
import { writeServersCacheFile, type SampleFileFormat } from '../src-main/collectors/files/servers-cache-sample.js';
import { round, rssMiB, writeBenchResult, type Figures } from './lib/bench-report.js';

const RECORDS = 100_000;
const SEED = 20240501;
const RUNS = 3;

async function parseOnce(path: string): Promise<{ records: number; ms: number }> {
  const started = performance.now();
  let records = 0;
  for await (const _ of readImportFile({ path, kind: 'servers_cache', defaultObservedAt: '2024-06-01T00:00:00Z', network: 'plant-a' })) records++;
  return { records, ms: performance.now() - started };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'fieldwise-import-bench-'));
  const figures: Figures = { records: RECORDS, runs_per_format: RUNS };
  try {
    for (const format of ['json', 'ndjson', 'csv'] as const satisfies readonly SampleFileFormat[]) {
      const path = join(dir, `servers.${format}`);
      await writeServersCacheFile(path, RECORDS, format, SEED);
      figures[`${format}_file_mib`] = round(statSync(path).size / (1024 * 1024), 1);
      const rates: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const { records, ms } = await parseOnce(path);
        if (records !== RECORDS) throw new Error(`${format}: parsed ${records} records, expected ${RECORDS}`);
        rates.push(records / (ms / 1000));
      }
      rates.sort((a, b) => a - b);
      figures[`${format}_records_per_s_median`] = Math.round(rates[Math.floor(rates.length / 2)] ?? 0);
      figures[`${format}_records_per_s_best`] = Math.round(rates[rates.length - 1] ?? 0);
    }
    figures['rss_mib_after'] = rssMiB();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  writeBenchResult('import-parse', figures);
}

await main();
