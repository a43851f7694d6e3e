// Serve-mode start-up: time from calling createAppCore + startHttpServer (port 0) until GET /readyz
// answers 200, on an empty database and on one with 100k assets; and the process's RSS with the
// 100k-asset database open after a few assets.list calls over HTTP.
//
// The 100k-asset data dir is built once through the real import path (the core's imports.start) and
// cached under bench/.cache/; pass --rebuild to build it again.
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { v7 as uuidv7 } from 'uuid';
import { LOCAL_MIGRATIONS } from '../migrations/index.js';
import { startHttpServer } from '../src-main/api/http/http-server.js';
import { createAppCore } from '../src-main/app/create-app-core.js';
import { writeServersCacheFile } from '../src-main/collectors/files/servers-cache-sample.js';
import { round, rssMiB, summarise, writeBenchResult, type Figures } from './lib/bench-report.js';

const ASSETS = 100_000;
const RUNS = 5;
const CACHE_DIR = join(dirname(fileURLToPath(import.meta.url)), '.cache');
const SCHEMA_TAG = LOCAL_MIGRATIONS.map((m) => m.name).join('+');
const DATA_100K = join(CACHE_DIR, `serve-${ASSETS}-${SCHEMA_TAG}`);
const quietLogger = { info: () => {}, warn: (m: string) => console.warn(m), error: (m: string, d?: Record<string, unknown>) => console.error(m, d) };

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

async function waitReady(url: string): Promise<void> {
  for (;;) {
    const response = await fetch(`${url}/readyz`).catch(() => null);
    if (response?.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** One start: createAppCore + startHttpServer until /readyz is 200; then optional work; then close. */
async function startOnce(dataDir: string, afterReady?: (url: string, token: string) => Promise<void>): Promise<number> {
  const started = performance.now();
  const core = await createAppCore({ dataDir, version: 'bench', logger: quietLogger });
  const server = await startHttpServer(core, { host: '127.0.0.1', port: 0, rendererDir: null, rateLimit: { max: 100_000, windowMs: 60_000 } });
  try {
    await waitReady(server.url);
    const ms = performance.now() - started;
    if (afterReady) await afterReady(server.url, server.token);
    return ms;
  } finally {
    await server.close();
    await core.close();
  }
}

async function listOverHttp(url: string, token: string, body: unknown): Promise<number> {
  const response = await fetch(`${url}/api/call/assets.list`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  if (response.status !== 200) throw new Error(`assets.list answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { result: { total: number } }).result.total;
}

async function main(): Promise<void> {
  const figures: Figures = { runs: RUNS };
  if (process.argv.includes('--rebuild') || !existsSync(DATA_100K)) {
    console.log(`Building ${DATA_100K} through the importer ...`);
    const started = performance.now();
    await build100k();
    figures['build_100k_s'] = round((performance.now() - started) / 1000, 1);
  }

  const scratch = mkdtempSync(join(tmpdir(), 'fieldwise-serve-bench-'));
  try {
    // Empty database: the first start creates and migrates it, the later ones reopen it.
    const fresh: number[] = [];
    for (let i = 0; i < RUNS; i++) fresh.push(await startOnce(join(scratch, `fresh-${i}`)));
    const reopen: number[] = [];
    for (let i = 0; i < RUNS; i++) reopen.push(await startOnce(join(scratch, 'fresh-0')));
    const withAssets: number[] = [];
    for (let i = 0; i < RUNS; i++) withAssets.push(await startOnce(DATA_100K));
    figures['empty_new_db_ready_ms'] = JSON.stringify(summarise(fresh));
    figures['empty_existing_db_ready_ms'] = JSON.stringify(summarise(reopen));
    figures['assets_100k_ready_ms'] = JSON.stringify(summarise(withAssets));

    figures['rss_mib_before_100k_load'] = rssMiB();
    await startOnce(DATA_100K, async (url, token) => {
      let total = 0;
      total = await listOverHttp(url, token, { limit: 100 });
      await listOverHttp(url, token, { limit: 100, offset: 50_000, sort: { field: 'lastSeen', direction: 'desc' } });
      await listOverHttp(url, token, { limit: 1000, sort: { field: 'vendor', direction: 'asc' } });
      await listOverHttp(url, token, { limit: 100, filter: { search: 'plant-a' } });
      await listOverHttp(url, token, { limit: 100, filter: { tag: 'env=prod' } });
      if (total !== ASSETS) throw new Error(`the cached database holds ${total} assets, expected ${ASSETS}`);
      figures['rss_mib_100k_after_list_queries'] = rssMiB();
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  writeBenchResult('serve-start', figures);
}

await main();
