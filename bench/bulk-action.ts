// A bulk change over 10,000 assets and its undo, through the application core's dispatcher (the
// path the UI takes: validation, the write queue, one transaction, audit events): add a tag, set
// the lifecycle stage, retire, set the class; preview, apply, undo each. The anchor, measured in
// the same run on the same database: the same number of rows written with one plain prepared
// statement in one transaction (a tag upsert; a lifecycle-stage update).
//
// The 10k-asset data dir is built once through the real import path and cached under bench/.cache/
// (keyed by the migrations); every part starts from a fresh copy of it. --rebuild builds it again.
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { v7 as uuidv7 } from 'uuid';
import { LOCAL_MIGRATIONS } from '../migrations/index.js';
import type { ApiInput, ApiMethod, ApiOutput, BulkAction } from '../src-shared/api/index.js';
import { createAppCore, type FullAppCore } from '../src-main/app/create-app-core.js';
import { writeServersCacheFile } from '../src-main/collectors/files/servers-cache-sample.js';
import { round, writeBenchResult, type Figures } from './lib/bench-report.js';

const ASSETS = 10_000;
const CACHE_DIR = join(dirname(fileURLToPath(import.meta.url)), '.cache');
const SCHEMA_TAG = LOCAL_MIGRATIONS.map((m) => m.name).join('+');
const DATA = join(CACHE_DIR, `bulk-${ASSETS}-${SCHEMA_TAG}`);
const quietLogger = { info: () => {}, warn: (m: string) => console.warn(m), error: (m: string, d?: Record<string, unknown>) => console.error(m, d) };
// The generated records were seen in May 2024: a clock shortly after keeps most of them active.
const now = () => new Date('2024-06-10T00:00:00.000Z');

async function call<M extends ApiMethod>(core: FullAppCore, method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
  return (await core.dispatcher.dispatch(method, input, { requestId: uuidv7(), actor: 'bench', transport: 'cli', access: 'write' })) as ApiOutput<M>;
}

async function build(): Promise<void> {
  const building = `${DATA}.building`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  const file = join(building, 'servers.csv');
  await writeServersCacheFile(file, ASSETS, 'csv', 20240501);
  const core = await createAppCore({ dataDir: building, version: 'bench', logger: quietLogger, scheduler: false, now });
  try {
    const started = await call(core, 'imports.start', { kind: 'servers_cache', path: file });
    const run = await core.imports.waitFor(started.id);
    if (run.status !== 'succeeded' || run.counts.created !== ASSETS) throw new Error(`built ${run.counts.created} assets (${run.status}), expected ${ASSETS}`);
    core.db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    await core.close();
  }
  rmSync(file);
  renameSync(building, DATA);
}

/** A fresh copy of the cached database for one part. */
async function withFreshCore<T>(scratch: string, name: string, fn: (core: FullAppCore) => Promise<T>): Promise<T> {
  const dir = join(scratch, name);
  cpSync(DATA, dir, { recursive: true });
  const core = await createAppCore({ dataDir: dir, version: 'bench', logger: quietLogger, scheduler: false, now });
  try {
    return await fn(core);
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: round(performance.now() - started, 1), value };
}

interface Part {
  name: string;
  action: BulkAction;
}

const PARTS: Part[] = [
  { name: 'tag', action: { kind: 'add_tags', tags: [{ key: 'patch-window', value: 'sunday' }] } },
  { name: 'lifecycle_stage', action: { kind: 'set_lifecycle_stage', stage: 'in_maintenance' } },
  { name: 'retire', action: { kind: 'retire' } },
  { name: 'class', action: { kind: 'set_class', class: 'hmi' } },
];

async function main(): Promise<void> {
  const figures: Figures = { assets: ASSETS };
  if (process.argv.includes('--rebuild') || !existsSync(DATA)) {
    console.log(`Building ${DATA} through the importer ...`);
    const { ms } = await timed(build);
    figures['build_s'] = round(ms / 1000, 1);
  }
  const scratch = mkdtempSync(join(tmpdir(), 'fieldwise-bulk-bench-'));
  try {
    const target = { kind: 'filter' as const, filter: {} };
    for (const part of PARTS) {
      await withFreshCore(scratch, part.name, async (core) => {
        const preview = await timed(() => call(core, 'assets.bulk.preview', { target, action: part.action }));
        if (preview.value.assets !== ASSETS) throw new Error(`the target holds ${preview.value.assets} assets, expected ${ASSETS}`);
        const apply = await timed(() => call(core, 'assets.bulk.apply', { target, action: part.action, expectedAssets: preview.value.assets }));
        const undo = await timed(() => call(core, 'assets.bulk.undo', { id: apply.value.id }));
        if (undo.value.restored !== apply.value.changed) throw new Error(`undo restored ${undo.value.restored} of ${apply.value.changed}`);
        figures[`${part.name}_changed`] = apply.value.changed;
        figures[`${part.name}_preview_ms`] = preview.ms;
        figures[`${part.name}_apply_ms`] = apply.ms;
        figures[`${part.name}_undo_ms`] = undo.ms;
        figures[`${part.name}_apply_assets_per_s`] = Math.round(apply.value.changed / (apply.ms / 1000));
      });
    }

    // Anchor: the same rows written by one plain prepared statement each, in one transaction.
    await withFreshCore(scratch, 'anchor', async (core) => {
      const ids = core.db.prepare('SELECT id FROM assets ORDER BY id').pluck().all() as number[];
      const upsertTag = core.db.prepare("INSERT INTO tags (asset_id, key, value, origin) VALUES (?, 'patch-window', 'sunday', 'person') ON CONFLICT (asset_id, key) DO UPDATE SET value = excluded.value");
      const tag = await timed(() => core.db.transaction(() => ids.forEach((id) => upsertTag.run(id)))());
      const setStage = core.db.prepare("UPDATE assets SET lifecycle_stage = 'in_maintenance' WHERE id = ?");
      const stage = await timed(() => core.db.transaction(() => ids.forEach((id) => setStage.run(id)))());
      figures['anchor_tag_upsert_ms'] = tag.ms;
      figures['anchor_stage_update_ms'] = stage.ms;
    });
    figures['tag_apply_ratio_to_anchor'] = round(Number(figures['tag_apply_ms']) / Number(figures['anchor_tag_upsert_ms']), 1);
    figures['tag_undo_ratio_to_anchor'] = round(Number(figures['tag_undo_ms']) / Number(figures['anchor_tag_upsert_ms']), 1);
    figures['lifecycle_stage_apply_ratio_to_anchor'] = round(Number(figures['lifecycle_stage_apply_ms']) / Number(figures['anchor_stage_update_ms']), 1);
    figures['lifecycle_stage_undo_ratio_to_anchor'] = round(Number(figures['lifecycle_stage_undo_ms']) / Number(figures['anchor_stage_update_ms']), 1);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  writeBenchResult('bulk-action', figures);
}

await main();
