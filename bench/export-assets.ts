// Export of 100,000 assets (the whole inventory, sorted by name, the 12 default export columns) to CSV and to
// XLSX through the export service (exports.start with a path, until the job has finished): time and
// peak memory. Beside them, anchors measured in the same run on the same database:
//   - list: the same rows read with listAssets page by page (same page size, keyset cursors) and
//     discarded: what reading costs, without encoding or writing;
//   - write: a plain fs write stream writing as many bytes as each export produced, 64 KiB at a time.
// Every part runs in its own process, so its peak memory (VmHWM) is its own; the peak is also reset
// (/proc/self/clear_refs) once the core is open, and reported beside the RSS at that moment. Three
// rounds of all parts, in the same order; times are medians, peaks the highest seen.
//
// The 100k-asset data dir is the one bench/serve-start.ts builds through the real importer and
// caches under bench/.cache/ (built here when missing; --rebuild builds it again).
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { v7 as uuidv7 } from 'uuid';
import { LOCAL_MIGRATIONS } from '../migrations/index.js';
import { DEFAULT_ASSET_COLUMNS } from '../src-shared/api/asset-columns.js';
import type { ExportJob } from '../src-shared/api/exports.js';
import { createAppCore, type FullAppCore } from '../src-main/app/create-app-core.js';
import { writeServersCacheFile } from '../src-main/collectors/files/servers-cache-sample.js';
import { listAssets } from '../src-main/db/list-assets.js';
import { createQueryBuilder } from '../src-main/db/query-builder.js';
import { EXPORT_PAGE_SIZE } from '../src-main/services/exports/export-assets.js';
import { round, writeBenchResult, type Figures } from './lib/bench-report.js';

const ASSETS = 100_000;
const HERE = fileURLToPath(import.meta.url);
const CACHE_DIR = join(dirname(HERE), '.cache');
const SCHEMA_TAG = LOCAL_MIGRATIONS.map((m) => m.name).join('+');
// The same folder as bench/serve-start.ts, so the two benchmarks share one build.
const DATA_100K = join(CACHE_DIR, `serve-${ASSETS}-${SCHEMA_TAG}`);
const SORT = { field: 'name', direction: 'asc' } as const;
const WRITE_CHUNK = 64 * 1024;
const ROUNDS = 3;
const quietLogger = { info: () => {}, warn: (m: string) => console.warn(m), error: (m: string, d?: Record<string, unknown>) => console.error(m, d) };

type Part = 'list' | 'csv' | 'xlsx' | 'write';

interface PartResult {
  ms: number;
  rows: number;
  bytes: number;
  /** RSS when the peak was reset (core open, nothing measured yet). */
  rssAtStartMiB: number;
  peakMiB: number;
}

async function build100k(): Promise<void> {
  const building = `${DATA_100K}.building`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  const file = join(building, 'servers.csv');
  await writeServersCacheFile(file, ASSETS, 'csv', 20240501);
  const core = await createAppCore({ dataDir: building, version: 'bench', logger: quietLogger, scheduler: false });
  try {
    const started = (await core.dispatcher.dispatch('imports.start', { kind: 'servers_cache', path: file }, { requestId: uuidv7(), actor: 'bench', transport: 'cli', access: 'write' })) as { id: string };
    const run = await core.imports.waitFor(started.id);
    if (run.status !== 'succeeded' || run.counts.created !== ASSETS) throw new Error(`built ${run.counts.created} assets (${run.status}), expected ${ASSETS}`);
    core.db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    await core.close();
  }
  rmSync(file);
  renameSync(building, DATA_100K);
}

function statusKiB(field: 'VmHWM' | 'VmRSS'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
  if (!match) throw new Error(`/proc/self/status has no ${field}`);
  return Number(match[1]);
}

/** Resets the peak (VmHWM) to the current RSS; returns that RSS in MiB. */
function resetPeak(): number {
  writeFileSync('/proc/self/clear_refs', '5');
  return round(statusKiB('VmRSS') / 1024, 1);
}

const peakMiB = (): number => round(statusKiB('VmHWM') / 1024, 1);

async function exportThroughService(core: FullAppCore, format: 'csv' | 'xlsx', path: string): Promise<ExportJob> {
  const started = (await core.dispatcher.dispatch(
    'exports.start',
    { format, path, sort: SORT, columns: [...DEFAULT_ASSET_COLUMNS] },
    { requestId: uuidv7(), actor: 'bench', transport: 'cli', access: 'read' },
  )) as ExportJob;
  const job = await core.exports.waitFor(started.id);
  if (job.status !== 'succeeded') throw new Error(`the ${format} export ${job.status}: ${job.error?.message ?? ''}`);
  return job;
}

function listAndDiscard(core: FullAppCore): number {
  const qb = createQueryBuilder();
  let rows = 0;
  let totalIsExact = false;
  let after: string | undefined;
  for (;;) {
    const page = listAssets(core.db, qb, { offset: rows, limit: EXPORT_PAGE_SIZE, sort: SORT, filter: {}, after }, totalIsExact ? { totalLookahead: 0 } : {});
    rows += page.items.length;
    totalIsExact ||= page.totalIsExact;
    if (page.items.length < EXPORT_PAGE_SIZE || page.endCursor === undefined) return rows;
    after = page.endCursor;
  }
}

/** Writes `bytes` bytes (the first 64 KiB of `sample`, over and over) with a plain fs write stream. */
async function plainWrite(sample: string, bytes: number, path: string): Promise<void> {
  const handle = await open(sample, 'r');
  const chunk = Buffer.alloc(WRITE_CHUNK);
  await handle.read(chunk, 0, WRITE_CHUNK, 0);
  await handle.close();
  const out = createWriteStream(path);
  for (let left = bytes; left > 0; left -= WRITE_CHUNK) {
    if (!out.write(left >= WRITE_CHUNK ? chunk : chunk.subarray(0, left))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function runPart(part: Part, dir: string, args: Map<string, string>): Promise<PartResult> {
  if (part === 'write') {
    const sample = args.get('sample') ?? '';
    const bytes = Number(args.get('bytes'));
    const rssAtStartMiB = resetPeak();
    const started = performance.now();
    await plainWrite(sample, bytes, join(dir, 'plain-write.bin'));
    const ms = performance.now() - started;
    return { ms, rows: 0, bytes: statSync(join(dir, 'plain-write.bin')).size, rssAtStartMiB, peakMiB: peakMiB() };
  }
  const core = await createAppCore({ dataDir: DATA_100K, version: 'bench', logger: quietLogger, scheduler: false });
  try {
    // A warm-up page, so every part starts with the same pages of the database cached.
    listAssets(core.db, createQueryBuilder(), { offset: 0, limit: 1, sort: SORT, filter: {} });
    const rssAtStartMiB = resetPeak();
    const started = performance.now();
    if (part === 'list') {
      const rows = listAndDiscard(core);
      return { ms: performance.now() - started, rows, bytes: 0, rssAtStartMiB, peakMiB: peakMiB() };
    }
    const path = join(dir, `assets.${part}`);
    const job = await exportThroughService(core, part, path);
    const ms = performance.now() - started;
    return { ms, rows: job.rows, bytes: job.bytes ?? 0, rssAtStartMiB, peakMiB: peakMiB() };
  } finally {
    await core.close();
  }
}

/** Runs one part in a fresh process and returns what it measured. */
function spawnPart(part: Part, dir: string, extra: string[] = []): PartResult {
  const result = spawnSync(process.execPath, ['--import', 'tsx', HERE, `--part=${part}`, `--dir=${dir}`, ...extra], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const line = result.stdout.split('\n').find((l) => l.startsWith('PART '));
  if (result.status !== 0 || !line) throw new Error(`part ${part} failed (exit ${result.status}): ${result.stdout}`);
  return JSON.parse(line.slice(5)) as PartResult;
}

function parseArgs(): Map<string, string> {
  const args = new Map<string, string>();
  for (const arg of process.argv.slice(2)) {
    const match = /^--([a-z]+)(?:=(.*))?$/.exec(arg);
    if (match?.[1]) args.set(match[1], match[2] ?? 'true');
  }
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs();
  const part = args.get('part') as Part | undefined;
  if (part) {
    const result = await runPart(part, args.get('dir') ?? tmpdir(), args);
    console.log(`PART ${JSON.stringify({ ...result, ms: round(result.ms, 1) })}`);
    return;
  }

  const figures: Figures = { assets: ASSETS, columns: DEFAULT_ASSET_COLUMNS.length, page_size: EXPORT_PAGE_SIZE };
  if (args.has('rebuild') || !existsSync(DATA_100K)) {
    console.log(`Building ${DATA_100K} through the importer ...`);
    const started = performance.now();
    await build100k();
    figures['build_100k_s'] = round((performance.now() - started) / 1000, 1);
  }
  const dir = mkdtempSync(join(tmpdir(), 'fieldwise-export-bench-'));
  try {
    // Every round runs every part once, in the same order, so cache effects fall on all of them;
    // times are the median of the rounds, peaks the highest.
    const samples = new Map<string, PartResult[]>();
    const add = (name: string, result: PartResult): void => void samples.set(name, [...(samples.get(name) ?? []), result]);
    for (let pass = 0; pass < ROUNDS; pass++) {
      const list = spawnPart('list', dir);
      if (list.rows !== ASSETS) throw new Error(`listAssets read ${list.rows} assets, expected ${ASSETS}`);
      add('anchor_list_discard', list);
      for (const format of ['csv', 'xlsx'] as const) {
        const exported = spawnPart(format, dir);
        if (exported.rows !== ASSETS) throw new Error(`the ${format} export wrote ${exported.rows} assets, expected ${ASSETS}`);
        add(`export_${format}`, exported);
        add(`anchor_plain_write_${format}`, spawnPart('write', dir, [`--sample=${join(dir, `assets.${format}`)}`, `--bytes=${exported.bytes}`]));
        rmSync(join(dir, `assets.${format}`), { force: true });
      }
    }
    const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
    for (const [name, results] of samples) {
      figures[`${name}_ms`] = round(median(results.map((r) => r.ms)), 1);
      figures[`${name}_ms_all`] = results.map((r) => r.ms).join(' / ');
      figures[`${name}_peak_mib`] = Math.max(...results.map((r) => r.peakMiB));
      figures[`${name}_rss_at_start_mib`] = Math.max(...results.map((r) => r.rssAtStartMiB));
      const bytes = results[0]?.bytes;
      if (bytes) figures[`${name}_bytes`] = bytes;
    }
    for (const format of ['csv', 'xlsx']) {
      figures[`export_${format}_vs_list`] = round(Number(figures[`export_${format}_ms`]) / Number(figures['anchor_list_discard_ms']), 2);
      figures[`export_${format}_vs_plain_write`] = round(Number(figures[`export_${format}_ms`]) / Number(figures[`anchor_plain_write_${format}_ms`]), 1);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  writeBenchResult('export-assets', figures);
}

await main();
