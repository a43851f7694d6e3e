// One servers_cache import of N generated records run in-process (executeImport on a fresh SQLite
// file), reporting wall and CPU time, so that the write path can be profiled and compared on a
// smaller input than import-100k.ts.
// Run: npx tsx bench/import-servers-cache.ts [records=20000] [format=json]
// Profile: node --cpu-prof --import tsx bench/import-servers-cache.ts 20000
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { LOCAL_MIGRATIONS } from '../migrations/index.js';
import { writeServersCacheFile } from '../src-main/collectors/files/servers-cache-sample.js';
import { openDatabase } from '../src-main/db/database.js';
import { migrateDatabase } from '../src-main/db/migrate-database.js';
import { insertRun } from '../src-main/db/runs-repository.js';
import { ensureSource } from '../src-main/db/sources-repository.js';
import { executeImport } from '../src-main/services/imports/execute-import.js';
import { round, rssMiB, writeBenchResult } from './lib/bench-report.js';

const records = Number(process.argv[2] ?? 20_000);
const format = process.argv[3] === 'csv' ? 'csv' : 'json';
const SEED = 20240501;

const root = mkdtempSync(join(tmpdir(), 'fieldwise-import-servers-cache-'));
try {
  const path = join(root, `servers.${format}`);
  await writeServersCacheFile(path, records, format, SEED);
  const db = openDatabase(join(root, 'import.sqlite'));
  migrateDatabase(db, { migrations: LOCAL_MIGRATIONS, backupDir: null, now: () => new Date() });
  const iso = () => new Date().toISOString();
  const source = ensureSource(db, 'servers_cache', 'bench', { newId: uuidv7, now: iso });
  const runId = uuidv7();
  insertRun(db, { id: runId, kind: 'import', sourceId: source.id, trigger: 'manual', scope: 'bench', startedAt: iso(), correlationId: uuidv7() });
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  const outcome = await executeImport(
    { runId, sourceId: source.id, kind: 'servers_cache', path, displayName: basename(path), actor: 'bench', correlationId: uuidv7(), startedAtMs: Date.now() },
    { db, now: () => new Date(), newId: uuidv7, onProgress: () => {}, signal: new AbortController().signal },
  );
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  if (outcome.counts.created !== records) throw new Error(`import: ${JSON.stringify(outcome.counts)}`);
  db.close();
  writeBenchResult(`import-servers-cache-${records}`, {
    records,
    format,
    wallMs: Math.round(wallMs),
    cpuMs: Math.round(cpuMs),
    recordsPerSecond: Math.round(records / (wallMs / 1000)),
    recordsPerCpuSecond: Math.round(records / (cpuMs / 1000)),
    rssMiB: round(rssMiB(), 1),
  });
} finally {
  rmSync(root, { recursive: true, force: true });
}
