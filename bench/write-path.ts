// The write path end to end, each figure beside the raw-SQLite anchor measured in the same run:
// - first import of N (default 100,000) generated servers_cache records through the real core
//   (dispatcher → import service → worker thread → one write queue → SQLite file): records/s wall
//   and per CPU-second, peak RSS;
// - the anchor: exactly the rows that import wrote (every table, the full-text index included),
//   inserted into a fresh database with prepared statements in one transaction;
// - re-import of the same file unchanged, and with 1 % of the records changed;
// - a manual edit issued while a long import commits: how long it waited, and that it succeeded;
// - BENCH_BIG_RECORDS (default 1,000,000; 0 skips) records imported into one database as ten files
//   of ten sources: total time and peak RSS; then one changed observation written into that
//   inventory through the record writer, p50/p95 over 200 samples.
// Run: npm run bench -- write-path   (BENCH_RECORDS / BENCH_BIG_RECORDS scale it down).
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { v7 as uuidv7 } from 'uuid';
import { LOCAL_MIGRATIONS } from '../migrations/index.js';
import type { ApiMethod, ApiOutput } from '../src-shared/api/index.js';
import { createAppCore, type FullAppCore } from '../src-main/app/create-app-core.js';
import { readImportFile } from '../src-main/collectors/files/read-import-file.js';
import { generateServersCacheRecords, writeServersCacheFile } from '../src-main/collectors/files/servers-cache-sample.js';
import { decodeAssetBody } from '../src-main/db/asset-body.js';
import { assetSearchText } from '../src-main/db/asset-search-text.js';
import { openDatabase, type Database } from '../src-main/db/database.js';
import { migrateDatabase } from '../src-main/db/migrate-database.js';
import { createRecordWriter } from '../src-main/db/record-writer.js';
import { DEFAULT_RECONCILE_CONFIG } from '../src-main/engine/reconcile/index.js';
import { round, summarise, writeBenchResult, type Figures } from './lib/bench-report.js';

const N = Number(process.env.BENCH_RECORDS ?? 100_000);
const BIG = Number(process.env.BENCH_BIG_RECORDS ?? 1_000_000);
const SEED = 20240501;
const quietLogger = { info: () => {}, warn: (m: string) => console.warn(m), error: (m: string, d?: Record<string, unknown>) => console.error(m, d) };

/** Peak resident memory since the last reset (Linux: /proc/self/status VmHWM), MiB. */
function peakRssMiB(): number {
  const line = readFileSync('/proc/self/status', 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
  return line ? round(Number(line.replace(/\D+/g, '')) / 1024, 1) : Number.NaN;
}
function resetPeakRss(): void {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // Not Linux, or not allowed: the peak then covers the process's whole life.
  }
}

async function call<M extends ApiMethod>(core: FullAppCore, method: M, input: unknown): Promise<ApiOutput<M>> {
  return (await core.dispatcher.dispatch(method, input, { requestId: uuidv7(), actor: 'bench', transport: 'cli', access: 'write' })) as ApiOutput<M>;
}

interface Measured {
  wallMs: number;
  cpuMs: number;
  peakRss: number;
  counts: { created: number; updated: number; unchanged: number; rejected: number };
}

async function importFile(core: FullAppCore, path: string, sourceName: string, during?: (runId: string) => Promise<void>): Promise<Measured> {
  resetPeakRss();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const run = await call(core, 'imports.start', { kind: 'servers_cache', path, sourceName });
  const extra = during ? during(run.id) : Promise.resolve();
  const done = await core.imports.waitFor(run.id);
  await extra;
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  if (done.status !== 'succeeded') throw new Error(`import of ${path} ${done.status}: ${done.error?.message ?? ''}`);
  return { wallMs, cpuMs: (used.user + used.system) / 1000, peakRss: peakRssMiB(), counts: done.counts };
}

const perSecond = (records: number, ms: number) => Math.round(records / (ms / 1000));

/** Every row the import wrote, read back (outside any timing) so the anchor can write exactly them. */
function rowsOf(db: Database): { table: string; columns: string[]; rows: unknown[][] }[] {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'asset_search%' AND name NOT IN ('schema_migrations', 'audit_events', 'runs')")
    .pluck()
    .all() as string[];
  const out: { table: string; columns: string[]; rows: unknown[][] }[] = [];
  for (const table of tables) {
    const stmt = db.prepare(`SELECT * FROM "${table}"`).raw(true);
    const rows = stmt.all() as unknown[][];
    if (rows.length === 0) continue;
    out.push({ table, columns: stmt.columns().map((c) => c.name), rows });
  }
  // The full-text index is contentless: rebuild each asset's indexed text the way the writer does.
  const software = new Map<number, string[]>();
  for (const r of db.prepare('SELECT a.asset_id, s.name FROM asset_software a JOIN software s ON s.id = a.software_id').raw(true).all() as [number, string][]) {
    software.set(r[0], [...(software.get(r[0]) ?? []), r[1]]);
  }
  const tags = new Map<number, Map<string, string>>();
  for (const r of db.prepare('SELECT asset_id, key, value FROM tags').raw(true).all() as [number, string, string][]) {
    const m = tags.get(r[0]) ?? new Map<string, string>();
    m.set(r[1], r[2]);
    tags.set(r[0], m);
  }
  const search = (db.prepare('SELECT id, name, body FROM assets').raw(true).all() as [number, string, string][]).map(([id, name, body]) => [
    id,
    assetSearchText(name, decodeAssetBody(body), software.get(id) ?? [], tags.get(id) ?? new Map()),
  ]);
  out.push({ table: 'asset_search', columns: ['rowid', 'body'], rows: search });
  return out;
}

function anchor(root: string, rows: ReturnType<typeof rowsOf>): { ms: number; cpuMs: number; rows: number } {
  const db = openDatabase(join(root, 'anchor.sqlite'));
  try {
    migrateDatabase(db, { migrations: LOCAL_MIGRATIONS, backupDir: null, now: () => new Date() });
    // The sources row the import created is part of the data; the fresh database has none yet.
    const cpu = process.cpuUsage();
    const started = performance.now();
    db.transaction(() => {
      for (const { table, columns, rows: list } of rows) {
        const insert = db.prepare(`INSERT OR REPLACE INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
        for (const row of list) insert.run(...(row as unknown[]));
      }
    })();
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    return { ms, cpuMs: (used.user + used.system) / 1000, rows: rows.reduce((n, t) => n + t.rows.length, 0) };
  } finally {
    db.close();
  }
}

/** The same file with every hundredth record's memory changed. */
async function changeOnePercent(from: string, to: string): Promise<number> {
  const out = createWriteStream(to);
  let changed = 0;
  let i = 0;
  for await (const line of createInterface({ input: createReadStream(from), crlfDelay: Infinity })) {
    if (!line) continue;
    let text = line;
    if (i % 100 === 0) {
      const record = JSON.parse(line) as { memory_mb: number };
      record.memory_mb += 1024;
      text = JSON.stringify(record);
      changed += 1;
    }
    i += 1;
    if (!out.write(text + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
  return changed;
}

/** Writes records [from, to) of the generated estate as one NDJSON file. */
async function writeSlice(path: string, total: number, from: number, to: number): Promise<void> {
  const out = createWriteStream(path);
  let i = 0;
  for (const record of generateServersCacheRecords(total, SEED)) {
    if (i >= to) break;
    if (i >= from && !out.write(JSON.stringify(record) + '\n')) await once(out, 'drain');
    i += 1;
  }
  out.end();
  await once(out, 'close');
}

/**
 * Each part runs in its own process, so that one part's memory (the anchor holds every row in memory)
 * never shows in another's peak RSS.
 */
async function runPart(part: 'small' | 'big'): Promise<Figures> {
  const root = mkdtempSync(join(tmpdir(), `fieldwise-bench-write-${part}-`));
  try {
    return part === 'small' ? await smallPart(root) : await bigPart(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

async function smallPart(root: string): Promise<Figures> {
  const figures: Figures = { records: N };
  const file = join(root, 'servers.ndjson');
  await writeServersCacheFile(file, N, 'ndjson', SEED);
  figures.fileMiB = round(statSync(file).size / 2 ** 20, 1);

  // 1. First import, through the whole core.
  const core = await createAppCore({ dataDir: join(root, 'data'), version: 'bench', logger: quietLogger, scheduler: false });
  let first: Measured;
  try {
    first = await importFile(core, file, 'cmdb');
    if (first.counts.created + first.counts.updated === 0) throw new Error('the first import created nothing');
    figures.firstImportRecordsPerSecWall = perSecond(N, first.wallMs);
    figures.firstImportRecordsPerCpuSec = perSecond(N, first.cpuMs);
    figures.firstImportPeakRssMiB = first.peakRss;
    figures.firstImportSeconds = round(first.wallMs / 1000, 1);

    // 2. The same file again: nothing changed.
    const again = await importFile(core, file, 'cmdb');
    figures.unchangedReimportRecordsPerSecWall = perSecond(N, again.wallMs);
    figures.unchangedReimportUnchanged = again.counts.unchanged;

    // 3. One record in a hundred changed.
    const changedFile = join(root, 'servers-1pc.ndjson');
    figures.onePercentChangedRecords = await changeOnePercent(file, changedFile);
    const onePercent = await importFile(core, changedFile, 'cmdb');
    figures.onePercentReimportRecordsPerSecWall = perSecond(N, onePercent.wallMs);
    figures.onePercentReimportUpdated = onePercent.counts.updated;

    // 4. A manual edit issued while another long import commits: it waits its turn and succeeds.
    // Another N servers (the next N of the same generated estate: different hosts, no overlap).
    const second = join(root, 'servers-b.ndjson');
    await writeSlice(second, 2 * N, N, 2 * N);
    const target = (await call(core, 'assets.list', { limit: 1 })).items[0];
    if (!target) throw new Error('no asset to edit');
    let waitedMs = Number.NaN;
    let editOk = false;
    await importFile(core, second, 'agent', async (runId) => {
      // Wait for the commit phase, then edit.
      await new Promise<void>((resolve) => {
        const off = core.events.subscribe((event, payload) => {
          if (event === 'run.progress' && (payload as { runId: string; phase: string }).runId === runId && (payload as { phase: string }).phase === 'committing') {
            off();
            resolve();
          }
        });
      });
      const asked = performance.now();
      const updated = await call(core, 'assets.update', { id: target.id, fields: { location: 'Bench room / rack 1' } });
      waitedMs = performance.now() - asked;
      editOk = updated.summary.id === target.id;
    });
    figures.editDuringImportWaitedMs = round(waitedMs, 0);
    figures.editDuringImportSucceeded = editOk;
  } finally {
    await core.close();
  }

  // 5. The anchor: the rows of the first import, written by SQLite alone.
  {
    const fresh = await createAppCore({ dataDir: join(root, 'anchor-source'), version: 'bench', logger: quietLogger, scheduler: false });
    try {
      await importFile(fresh, file, 'cmdb');
    } finally {
      await fresh.close();
    }
    const db = openDatabase(join(root, 'anchor-source', 'fieldwise.sqlite'));
    const rows = rowsOf(db);
    db.close();
    const a = anchor(root, rows);
    figures.rowsPerRecord = round(a.rows / N, 2);
    figures.anchorRecordsPerSecWall = perSecond(N, a.ms);
    figures.anchorRecordsPerCpuSec = perSecond(N, a.cpuMs);
    figures.firstImportVsAnchorWall = round(first.wallMs > 0 ? a.ms / first.wallMs : 0, 3);
    figures.firstImportVsAnchorCpu = round(first.cpuMs > 0 ? a.cpuMs / first.cpuMs : 0, 3);
  }
  return figures;
}

// 6. A million observations into one database, then single changes into that inventory.
async function bigPart(root: string): Promise<Figures> {
  const figures: Figures = {};
  {
    const files = 10;
    const per = Math.ceil(BIG / files);
    const big = await createAppCore({ dataDir: join(root, 'big'), version: 'bench', logger: quietLogger, scheduler: false });
    let totalMs = 0;
    let peak = 0;
    try {
      for (let f = 0; f < files; f++) {
        const slice = join(root, `slice-${f}.ndjson`);
        await writeSlice(slice, BIG, f * per, Math.min(BIG, (f + 1) * per));
        const m = await importFile(big, slice, `site-${f}`);
        totalMs += m.wallMs;
        peak = Math.max(peak, m.peakRss);
        rmSync(slice);
        console.log(`  big: ${Math.min(BIG, (f + 1) * per)} records, ${perSecond(per, m.wallMs)} records/s, peak ${m.peakRss} MiB`);
      }
      figures.bigRecords = BIG;
      figures.bigAssets = (await call(big, 'assets.summary', {})).total;
      figures.bigTotalSeconds = round(totalMs / 1000, 1);
      figures.bigRecordsPerSecWall = perSecond(BIG, totalMs);
      figures.bigPeakRssMiB = peak;
    } finally {
      await big.close();
    }
    figures.bigDatabaseMiB = round(statSync(join(root, 'big', 'fieldwise.sqlite')).size / 2 ** 20, 0);

    // One changed observation at a time, through the record writer the core uses.
    const db = openDatabase(join(root, 'big', 'fieldwise.sqlite'));
    try {
      const writer = createRecordWriter(db, DEFAULT_RECONCILE_CONFIG);
      const sample = join(root, 'sample.ndjson');
      await writeSlice(sample, BIG, 0, 200);
      const observations = [];
      for await (const item of readImportFile({ path: sample, kind: 'servers_cache', defaultObservedAt: new Date().toISOString() })) {
        if (item.type === 'record') observations.push(item.observation);
      }
      const seq = db.prepare("SELECT seq FROM sources WHERE name = 'site-0'").pluck().get() as number;
      const samples: number[] = [];
      for (const [i, o] of observations.entries()) {
        const changed = { ...o, fields: { ...o.fields, memory_mb: 999_000 + i } };
        const started = performance.now();
        db.transaction(() => writer.write({ sourceSeq: seq, runId: null, items: [{ observation: changed }] }, { now: new Date().toISOString(), cause: { kind: 'import', id: null, correlationId: null } }))();
        samples.push(performance.now() - started);
      }
      const s = summarise(samples);
      figures.singleChangeIn1MP50Ms = s.p50;
      figures.singleChangeIn1MP95Ms = s.p95;
    } finally {
      db.close();
    }
  }
  return figures;
}

const part = process.argv[2];
if (part === 'small' || part === 'big') {
  process.stdout.write(`\n@@figures ${JSON.stringify(await runPart(part))}\n`);
} else {
  const figures: Figures = {};
  for (const p of BIG > 0 ? (['small', 'big'] as const) : (['small'] as const)) {
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), p], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
    const line = child.stdout.split('\n').find((l) => l.startsWith('@@figures '));
    process.stdout.write(child.stdout.split('\n').filter((l) => !l.startsWith('@@figures ')).join('\n'));
    if (child.status !== 0 || !line) throw new Error(`the ${p} part failed (exit ${child.status})`);
    Object.assign(figures, JSON.parse(line.slice('@@figures '.length)) as Figures);
  }
  writeBenchResult('write-path', figures);
}
