// Parse throughput of the import reader: 100k generated servers_cache records from JSON, NDJSON
// and CSV, read to observations (no database), first as a new file and then as an unchanged one
// (every raw hash known, so records are only split and hashed). Each format also has an anchor
// measured in the same run: parsing the same file with no validation at all (JSON.parse of the
// document / of each NDJSON line, csv-parse of the CSV). This machine is shared, so absolute
// figures move with its load; the ratios to the anchor are what compare between runs.
// Also: how a record with a 10 MB value is handled (time and memory to reject it).
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse';
import { readImportFile, type ReadImportFileOptions } from '../src-main/collectors/files/read-import-file.js';
import { writeServersCacheFile, type SampleFileFormat } from '../src-main/collectors/files/servers-cache-sample.js';
import { round, rssMiB, writeBenchResult, type Figures } from './lib/bench-report.js';

const RECORDS = 100_000;
const SEED = 20240501;
const RUNS = 5;

function options(path: string): ReadImportFileOptions {
  return { path, kind: 'servers_cache', defaultObservedAt: '2024-06-01T00:00:00Z', network: 'plant-a' };
}

async function timed(run: () => Promise<number>): Promise<number> {
  const started = performance.now();
  const records = await run();
  if (records !== RECORDS) throw new Error(`read ${records} records, expected ${RECORDS}`);
  return records / ((performance.now() - started) / 1000);
}

/** Reads the file through readImportFile; every item must be of `expected` type. */
async function readAll(path: string, expected: 'record' | 'unchanged', known?: ReadonlySet<string>): Promise<number> {
  let records = 0;
  const isKnownRaw = known === undefined ? undefined : (hash: string) => known.has(hash);
  for await (const item of readImportFile({ ...options(path), isKnownRaw })) {
    if (item.type !== expected) throw new Error(`record ${item.recordNumber}: ${item.type === 'rejected' ? item.problem : item.type}`);
    records++;
  }
  return records;
}

/** The same file parsed with no validation, mapping or hashing: the floor our reader stands on. */
async function anchor(path: string, format: SampleFileFormat): Promise<number> {
  if (format === 'csv') {
    let rows = 0;
    for await (const _ of createReadStream(path).pipe(parse({ columns: true, relax_column_count_less: true }))) rows++;
    return rows;
  }
  const text = readFileSync(path, 'utf8');
  if (format === 'json') return (JSON.parse(text) as unknown[]).length;
  let lines = 0;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    JSON.parse(line);
    lines++;
  }
  return lines;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function hugeValue(dir: string, figures: Figures): Promise<void> {
  const path = join(dir, 'huge-value.csv');
  writeFileSync(path, `hostname,serial\nok-1,S1\n${'h'.repeat(10 * 1024 * 1024)},S2\nok-2,S3\n`);
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const started = performance.now();
  const types: string[] = [];
  for await (const item of readImportFile(options(path))) {
    types.push(item.type);
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }
  if (types.join() !== 'record,rejected,record') throw new Error(`10 MB value: got ${types.join()}`);
  figures['huge_value_10mib_csv_ms'] = round(performance.now() - started, 1);
  figures['huge_value_10mib_csv_rss_growth_mib'] = round((rssPeak - rssBefore) / (1024 * 1024), 1);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'fieldwise-import-bench-'));
  const figures: Figures = { records: RECORDS, runs_per_format: RUNS, load_average_1m_at_start: round(loadavg()[0] ?? 0, 1) };
  try {
    for (const format of ['json', 'ndjson', 'csv'] as const satisfies readonly SampleFileFormat[]) {
      const path = join(dir, `servers.${format}`);
      await writeServersCacheFile(path, RECORDS, format, SEED);
      figures[`${format}_file_mib`] = round(statSync(path).size / (1024 * 1024), 1);
      const known = new Set<string>();
      for await (const item of readImportFile(options(path))) if (item.type === 'record') known.add(item.rawHash);
      const rates = { anchor: [] as number[], first: [] as number[], unchanged: [] as number[] };
      // Interleaved, so that a burst of load elsewhere hits all three alike.
      for (let run = 0; run < RUNS; run++) {
        rates.anchor.push(await timed(() => anchor(path, format)));
        rates.first.push(await timed(() => readAll(path, 'record')));
        rates.unchanged.push(await timed(() => readAll(path, 'unchanged', known)));
      }
      const anchorRate = median(rates.anchor);
      figures[`${format}_anchor_records_per_s`] = Math.round(anchorRate);
      for (const kind of ['first', 'unchanged'] as const) {
        const rate = median(rates[kind]);
        figures[`${format}_${kind}_records_per_s`] = Math.round(rate);
        figures[`${format}_${kind}_records_per_s_best`] = Math.round(Math.max(...rates[kind]));
        figures[`${format}_${kind}_vs_anchor`] = round(rate / anchorRate, 2);
      }
    }
    await hugeValue(dir, figures);
    figures['rss_mib_after'] = rssMiB();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  writeBenchResult('import-parse', figures);
}

await main();
