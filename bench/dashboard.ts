// The home dashboard on a 1,000,000-asset database: dashboard.get's queries (the service the API
// calls), first call after opening the database and then warm; beside anchors from the same run: a
// plain count of the assets table, the naive GROUP BY class scan the maintained counts replace, and
// the inventory's first page. Goal: < 300 ms for the dashboard's queries on the first render. Also
// times each door: the inventory page a figure opens (listAssets with the figure's filter), whose
// total must equal the figure; and how long migration 0007 takes on an existing 1M database.
//
// The database is the one bench/inventory-query.ts builds (bench/.cache/inventory-<N>-...sqlite,
// a schema migrated before 0007): a copy gets the missing migrations applied, as an upgraded
// installation would, and is cached as bench/.cache/dashboard-<N>-<checksum of all migrations>.sqlite.
// Run inventory-query first when no such database is there (--assets=N for a smaller one).
// The generated estate has no review items, runs or missing fields; those figures are still queried.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCAL_MIGRATIONS } from '../migrations/index.js';
import type { AssetDoor, DashboardSummary } from '../src-shared/api/dashboard.js';
import { dashboardAssetFigures } from '../src-main/db/dashboard-queries.js';
import { openDatabase, type Database } from '../src-main/db/database.js';
import { listAssets } from '../src-main/db/list-assets.js';
import { migrateDatabase } from '../src-main/db/migrate-database.js';
import { createQueryBuilder } from '../src-main/db/query-builder.js';
import { createDashboardService } from '../src-main/services/dashboard/dashboard-service.js';
import { createSoftwareService } from '../src-main/services/software/software-service.js';
import { round, rssMiB, summarise, writeBenchResult, type Figures } from './lib/bench-report.js';

const ASSETS = Number(/^--assets=(\d+)$/.exec(process.argv.find((a) => a.startsWith('--assets=')) ?? '')?.[1] ?? 1_000_000);
const CACHE_DIR = join(dirname(fileURLToPath(import.meta.url)), '.cache');
const GOAL_MS = 300;
const REPEATS = 15;
/** The clock the figures count back from: the generated estate was last seen from 2024-04-30 to 2024-06-29. */
const NOW = new Date('2024-06-30T00:00:00Z');

function dashboardPath(assets: number): string {
  const hash = createHash('sha256');
  for (const m of LOCAL_MIGRATIONS) hash.update(m.name).update(m.sql);
  return join(CACHE_DIR, `dashboard-${assets}-${hash.digest('hex').slice(0, 12)}.sqlite`);
}

/** The newest inventory-query database of this size whose migrations are a prefix of ours. */
function inventoryDatabase(assets: number): string | null {
  if (!existsSync(CACHE_DIR)) return null;
  const names = LOCAL_MIGRATIONS.map((m) => m.name);
  const candidates = readdirSync(CACHE_DIR)
    .filter((f) => f.startsWith(`inventory-${assets}-`) && f.endsWith('.sqlite'))
    .map((f) => join(CACHE_DIR, f))
    .filter((path) => {
      const db = openDatabase(path, { readonly: true });
      try {
        const applied = db.prepare('SELECT name FROM schema_migrations ORDER BY version').pluck().all() as string[];
        return applied.every((name, i) => names[i] === name);
      } finally {
        db.close();
      }
    })
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return candidates[0] ?? null;
}

/** Index definitions of a database (name and SQL). */
function indexSql(db: Database): { name: string; sql: string }[] {
  return db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL").all() as { name: string; sql: string }[];
}

/**
 * A copy of the inventory database with the migrations it lacks applied, as migrateDatabase does
 * (each in a transaction, recorded in schema_migrations); its indexes are then made those of a
 * freshly migrated database, as bench/inventory-query.ts does with its cached file (whose list
 * index block may be older than the migration's, so migrateDatabase's checksum check would refuse it).
 */
function buildDashboardDatabase(source: string, target: string): { copyS: number; migrateS: number; applied: string[]; indexes: string[] } {
  const temp = `${target}.tmp`;
  rmSync(temp, { force: true });
  let started = performance.now();
  copyFileSync(source, temp);
  const copyS = (performance.now() - started) / 1000;
  const fresh = openDatabase(':memory:');
  migrateDatabase(fresh, { migrations: LOCAL_MIGRATIONS, backupDir: null, now: () => new Date() });
  const wanted = indexSql(fresh);
  fresh.close();
  const db = openDatabase(temp);
  try {
    const applied = (db.prepare('SELECT count(*) FROM schema_migrations').pluck().get() as number) ?? 0;
    const pending = LOCAL_MIGRATIONS.slice(applied);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
    started = performance.now();
    for (const [offset, migration] of pending.entries()) {
      db.transaction(() => {
        db.exec(migration.sql);
        record.run(applied + offset + 1, migration.name, createHash('sha256').update(migration.sql).digest('hex'), new Date().toISOString());
      })();
    }
    const migrateS = (performance.now() - started) / 1000;
    const present = indexSql(db);
    const wantedSql = new Set(wanted.map((i) => i.sql));
    const presentSql = new Set(present.map((i) => i.sql));
    const indexes: string[] = [];
    for (const index of present.filter((i) => !wantedSql.has(i.sql))) {
      db.exec(`DROP INDEX ${index.name}`);
      indexes.push(`-${index.name}`);
    }
    for (const index of wanted.filter((i) => !presentSql.has(i.sql))) {
      db.exec(index.sql);
      indexes.push(`+${index.name}`);
    }
    db.exec('ANALYZE');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    renameSync(temp, target);
    return { copyS, migrateS, applied: pending.map((m) => m.name), indexes };
  } catch (error) {
    db.close();
    rmSync(temp, { force: true });
    throw error;
  }
}

function time<T>(run: () => T): { ms: number; value: T } {
  const started = performance.now();
  const value = run();
  return { ms: performance.now() - started, value };
}

function timeRepeated(run: () => unknown): ReturnType<typeof summarise> {
  const samples: number[] = [];
  for (let i = 0; i < REPEATS; i++) samples.push(time(run).ms);
  return summarise(samples);
}

function measure(db: Database): Figures {
  const figures: Figures = {};
  const qb = createQueryBuilder();
  const service = createDashboardService({ db, now: () => NOW });

  // First render: the first call after opening the database, statements not yet prepared.
  const first = time(() => service.summary({ recentRuns: 8 }));
  const summary: DashboardSummary = first.value;
  figures['first_call_ms'] = round(first.ms);
  const warm = timeRepeated(() => service.summary({ recentRuns: 8 }));
  figures['warm_p50_ms'] = warm.p50;
  figures['warm_p95_ms'] = warm.p95;
  figures['meets_first_call_300ms'] = first.ms < GOAL_MS;
  const assetFigures = timeRepeated(() => db.transaction(() => dashboardAssetFigures(db, NOW)).deferred());
  figures['asset_figures_p50_ms'] = assetFigures.p50;

  // Anchors, same run, same database.
  const countAll = timeRepeated(() => db.prepare('SELECT count(*) FROM assets').pluck().get());
  figures['anchor_count_star_p50_ms'] = countAll.p50;
  const groupByClass = timeRepeated(() => db.prepare('SELECT class, count(*) FROM assets GROUP BY class').all());
  figures['anchor_group_by_class_scan_p50_ms'] = groupByClass.p50;
  const firstPage = timeRepeated(() => listAssets(db, qb, { offset: 0, limit: 100, sort: { field: 'name', direction: 'asc' }, filter: {} }));
  figures['anchor_inventory_first_page_p50_ms'] = firstPage.p50;

  figures['total'] = summary.total;
  figures['classes'] = summary.byClass.length;
  figures['sites'] = summary.bySite.length;
  figures['sources'] = summary.bySource.length;
  figures['freshness'] = summary.freshness.map((d) => `${d.key} ${d.count}`).join(', ');

  // Each door: the inventory's first page with the figure's filter, and its total against the figure.
  const doors: [string, AssetDoor | undefined][] = [
    ['class (largest)', summary.byClass[0]],
    ['class (smallest)', summary.byClass.at(-1)],
    ['site (largest)', summary.bySite[0]],
    ['source (largest)', summary.bySource[0]],
    ['freshness day', summary.freshness.find((d) => d.key === 'day')],
    ['freshness older', summary.freshness.find((d) => d.key === 'older')],
    ['quality band 9', summary.quality.find((d) => d.key === '9')],
    ['quality band 5', summary.quality.find((d) => d.key === '5')],
  ];
  let mismatches = 0;
  for (const [label, door] of doors) {
    if (!door) continue;
    let page = listAssets(db, qb, { offset: 0, limit: 100, sort: { field: 'name', direction: 'asc' }, filter: door.filter });
    const door_ = timeRepeated(() => (page = listAssets(db, qb, { offset: 0, limit: 100, sort: { field: 'name', direction: 'asc' }, filter: door.filter })));
    const agrees = page.totalIsExact && page.total === door.count;
    if (!agrees) mismatches += 1;
    figures[`door ${label} (${door.count})`] = `p50 ${door_.p50} / p95 ${door_.p95} ms, list total ${page.total}${page.totalIsExact ? '' : '+'}`;
  }
  figures['doors_whose_list_total_differs'] = mismatches;

  // The software page on the same estate: its first page, a search, and the door of its largest product.
  const software = createSoftwareService({ db, now: () => NOW });
  const sort = { field: 'assets', direction: 'desc' } as const;
  const firstSoftware = time(() => software.list({ sort, offset: 0, limit: 100 }));
  figures['software_first_call_ms'] = round(firstSoftware.ms);
  figures['software_products'] = `${firstSoftware.value.total} (${firstSoftware.value.versionTotal} versions)`;
  const softwareWarm = timeRepeated(() => software.list({ sort, offset: 0, limit: 100 }));
  figures['software_list_p50_ms'] = `${softwareWarm.p50} (p95 ${softwareWarm.p95})`;
  const softwareSearch = timeRepeated(() => software.list({ search: 'sql', sort, offset: 0, limit: 100 }));
  figures['software_search_p50_ms'] = `${softwareSearch.p50} (p95 ${softwareSearch.p95})`;
  const top = firstSoftware.value.items[0];
  if (top) {
    const filter = { software: { name: top.name, vendor: top.vendor } };
    let page = listAssets(db, qb, { offset: 0, limit: 100, sort: { field: 'name', direction: 'asc' }, filter });
    const door = timeRepeated(() => (page = listAssets(db, qb, { offset: 0, limit: 100, sort: { field: 'name', direction: 'asc' }, filter })));
    figures[`software door ${top.name} (${top.assets})`] = `p50 ${door.p50} / p95 ${door.p95} ms, list total ${page.total}${page.totalIsExact ? '' : '+'}`;
  }
  return figures;
}

async function main(): Promise<void> {
  const figures: Figures = { assets: ASSETS };
  const path = dashboardPath(ASSETS);
  if (process.argv.includes('--rebuild') || !existsSync(path)) {
    const source = inventoryDatabase(ASSETS);
    if (!source) {
      console.error(`No ${ASSETS}-asset inventory database under ${CACHE_DIR}: run \`npm run bench -- inventory-query${ASSETS === 1_000_000 ? '' : ` --assets=${ASSETS}`}\` first.`);
      process.exitCode = 1;
      return;
    }
    console.log(`Copying ${source} and migrating the copy ...`);
    const built = buildDashboardDatabase(source, path);
    figures['copy_s'] = round(built.copyS, 1);
    figures['migrate_s'] = round(built.migrateS, 1);
    figures['migrations_applied'] = built.applied.join(' ');
    figures['indexes_synced'] = built.indexes.join(' ') || 'none';
  } else {
    figures['migrate_s'] = 'cached';
  }
  figures['database_mib'] = round(statSync(path).size / (1024 * 1024), 1);
  const db = openDatabase(path, { readonly: true });
  try {
    Object.assign(figures, measure(db));
  } finally {
    db.close();
  }
  figures['rss_mib_after'] = rssMiB();
  writeBenchResult('dashboard', figures);
}

await main();
