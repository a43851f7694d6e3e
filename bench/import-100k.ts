// End-to-end import throughput: 100k generated servers_cache records (JSON and CSV) imported through
// the real application core (dispatcher → import service → worker thread → SQLite file) into a fresh
// data dir. Goal: ≥ 50,000 records/s. Also measured without the worker (executeImport in-process) and
// the asset writer alone on records parsed beforehand, to show where the time goes.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { LOCAL_MIGRATIONS } from '../migrations/index.js';
import type { ApiOutput } from '../src-shared/api/index.js';
import type { ObservationInput } from '../src-shared/model/index.js';
import { createAppCore } from '../src-main/app/create-app-core.js';
import { readImportFile } from '../src-main/collectors/files/read-import-file.js';
import { writeServersCacheFile } from '../src-main/collectors/files/servers-cache-sample.js';
import { createAssetWriter } from '../src-main/db/asset-writer.js';
import { openDatabase } from '../src-main/db/database.js';
import { migrateDatabase } from '../src-main/db/migrate-database.js';
import { insertRun } from '../src-main/db/runs-repository.js';
import { ensureSource } from '../src-main/db/sources-repository.js';
import { executeImport } from '../src-main/services/imports/execute-import.js';
import { round, rssMiB, writeBenchResult, type Figures } from './lib/bench-report.js';

const RECORDS = 100_000;
const SEED = 20240501;
const quietLogger = { info: () => {}, warn: (m: string) => console.warn(m), error: (m: string, d?: Record<string, unknown>) => console.error(m, d) };

async function throughCore(root: string, path: string, label: string): Promise<{ runMs: number; wallMs: number }> {
  const core = await createAppCore({ dataDir: join(root, `core-${label}`), version: 'bench', logger: quietLogger });
  try {
    const wallStart = performance.now();
    const started = (await core.dispatcher.dispatch('imports.start', { kind: 'servers_cache', path }, { requestId: uuidv7(), actor: 'bench', transport: 'cli', access: 'write' })) as ApiOutput<'imports.start'>;
    const run = await core.imports.waitFor(started.id);
    const wallMs = performance.now() - wallStart;
    if (run.status !== 'succeeded' || run.counts.created !== RECORDS) throw new Error(`${label}: import ${run.status}: ${JSON.stringify(run.counts)} ${run.error?.message ?? ''}`);
    return { runMs: run.durationMs ?? wallMs, wallMs };
  } finally {
    await core.close();
  }
}

function freshDatabase(path: string) {
  const db = openDatabase(path);
  migrateDatabase(db, { migrations: LOCAL_MIGRATIONS, backupDir: null, now: () => new Date() });
  const iso = () => new Date().toISOString();
  const source = ensureSource(db, 'servers_cache', 'bench', { newId: uuidv7, now: iso });
  return { db, sourceId: source.id };
}

async function inProcess(root: string, path: string): Promise<number> {
  const { db, sourceId } = freshDatabase(join(root, 'in-process.sqlite'));
  try {
    const runId = uuidv7();
    insertRun(db, { id: runId, kind: 'import', sourceId, trigger: 'manual', scope: 'bench', startedAt: new Date().toISOString(), correlationId: uuidv7() });
    const started = performance.now();
    const outcome = await executeImport(
      { runId, sourceId, kind: 'servers_cache', path, displayName: basename(path), actor: 'bench', correlationId: uuidv7(), startedAtMs: Date.now() },
      { db, now: () => new Date(), newId: uuidv7, onProgress: () => {}, signal: new AbortController().signal },
    );
    if (outcome.counts.created !== RECORDS) throw new Error(`in-process: ${JSON.stringify(outcome.counts)}`);
    return performance.now() - started;
  } finally {
    db.close();
  }
}

async function writerOnly(root: string, path: string): Promise<number> {
  const observations: ObservationInput[] = [];
  for await (const item of readImportFile({ path, kind: 'servers_cache', defaultObservedAt: '2024-06-01T00:00:00Z' })) {
    if (item.type === 'record') observations.push(item.observation);
  }
  const { db, sourceId } = freshDatabase(join(root, 'writer-only.sqlite'));
  try {
    const writer = createAssetWriter(db, { sourceId, sourceKind: 'servers_cache', runId: null, now: () => new Date().toISOString(), newId: uuidv7 });
    const started = performance.now();
    db.transaction(() => {
      for (const o of observations) writer.write(o);
    })();
    return performance.now() - started;
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'fieldwise-import-100k-'));
  const figures: Figures = { records: RECORDS };
  try {
    for (const format of ['json', 'csv'] as const) {
      const path = join(root, `servers-100k.${format}`);
      await writeServersCacheFile(path, RECORDS, format, SEED);
      figures[`${format}_file_mib`] = round(statSync(path).size / (1024 * 1024), 1);
      const { runMs, wallMs } = await throughCore(root, path, format);
      figures[`${format}_worker_run_ms`] = Math.round(runMs);
      figures[`${format}_worker_records_per_s`] = Math.round(RECORDS / (runMs / 1000));
      figures[`${format}_worker_wall_ms`] = Math.round(wallMs);
      figures[`${format}_meets_50k_per_s`] = RECORDS / (runMs / 1000) >= 50_000;
    }
    const jsonPath = join(root, 'servers-100k.json');
    const inProcessMs = await inProcess(root, jsonPath);
    figures['json_in_process_records_per_s'] = Math.round(RECORDS / (inProcessMs / 1000));
    const writerMs = await writerOnly(root, jsonPath);
    figures['writer_only_records_per_s'] = Math.round(RECORDS / (writerMs / 1000));
    figures['rss_mib_after'] = rssMiB();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  writeBenchResult('import-100k', figures);
}

await main();
