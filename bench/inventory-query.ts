// Inventory page queries on a 1,000,000-asset database: ~200 calls of listAssets (the query behind
// assets.list, page + total) sorted by name / last seen / vendor, filtered by class, tag and search
// text, at offsets 0, 1,000 and 50,000. Goal: p95 < 50 ms.
//
// The database is built directly (not through the importer, which would take far longer) with the
// real migrations, realistic distributions of class, vendor, OS and name, the search index filled by
// the real buildSearchBody, tags and asset_sources. It is cached under bench/.cache/ and reused when
// it exists; delete the file (or pass --rebuild) to build it again.
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCAL_MIGRATIONS } from '../migrations/index.js';
import type { AssetFilter, AssetSortField } from '../src-shared/api/index.js';
import { mulberry32 } from '../src-shared/lib/mulberry32.js';
import { openDatabase, type Database } from '../src-main/db/database.js';
import { listAssets } from '../src-main/db/list-assets.js';
import { migrateDatabase } from '../src-main/db/migrate-database.js';
import { createQueryBuilder } from '../src-main/db/query-builder.js';
import { buildSearchBody } from '../src-main/db/search-body.js';
import { round, rssMiB, summarise, writeBenchResult, type Figures } from './lib/bench-report.js';

const ASSETS = 1_000_000;
const CACHE_DIR = join(dirname(fileURLToPath(import.meta.url)), '.cache');
// The migrations' checksum in the name: a schema change builds a new file instead of reusing a stale one.
const SCHEMA_TAG = LOCAL_MIGRATIONS.map((m) => m.name).join('+');
const DB_PATH = join(CACHE_DIR, `inventory-${ASSETS}-${SCHEMA_TAG}.sqlite`);

interface ClassProfile {
  cls: string;
  weight: number;
  prefixes: readonly string[];
  vendors: readonly { vendor: string; models: readonly string[] }[];
  os: readonly (readonly [string, string] | null)[];
  kind: 'servers_cache' | 'desktop_cache' | 'cloud_manual' | 'snmp';
}

const WINDOWS_SERVER = [['Windows Server 2019 Standard', '10.0.17763'], ['Windows Server 2022 Standard', '10.0.20348']] as const;
const LINUX = [['Red Hat Enterprise Linux', '9.4'], ['Ubuntu Server', '22.04.4 LTS']] as const;
const PROFILES: readonly ClassProfile[] = [
  { cls: 'workstation', weight: 34, prefixes: ['ews', 'ops', 'lap', 'adm', 'eng'], vendors: [{ vendor: 'HP', models: ['Z2 Tower G9', 'EliteBook 840 G10'] }, { vendor: 'Dell Inc.', models: ['Precision 3660', 'Latitude 5440'] }, { vendor: 'Lenovo', models: ['ThinkPad T14 Gen 4'] }], os: [['Windows 10 Enterprise LTSC 2021', '21H2'], ['Windows 11 Enterprise', '23H2']], kind: 'desktop_cache' },
  { cls: 'server', weight: 18, prefixes: ['hist', 'scada', 'mes', 'db', 'app', 'web', 'dc', 'backup', 'esx', 'file'], vendors: [{ vendor: 'Dell Inc.', models: ['PowerEdge R650', 'PowerEdge R750'] }, { vendor: 'HPE', models: ['ProLiant DL380 Gen10 Plus', 'ProLiant DL360 Gen11'] }], os: [...WINDOWS_SERVER, ...LINUX], kind: 'servers_cache' },
  { cls: 'virtual_machine', weight: 12, prefixes: ['vm', 'app', 'web', 'ci'], vendors: [{ vendor: 'VMware, Inc.', models: ['VMware Virtual Platform'] }], os: [...WINDOWS_SERVER, ...LINUX], kind: 'servers_cache' },
  { cls: 'cloud_instance', weight: 10, prefixes: ['api', 'worker', 'edge', 'iot-ingest', 'bastion'], vendors: [{ vendor: 'Amazon EC2', models: ['m6i.xlarge', 't3.small'] }, { vendor: 'Microsoft Azure', models: ['Standard_D4s_v5'] }, { vendor: 'Google', models: ['e2-standard-4'] }], os: [...LINUX, null], kind: 'cloud_manual' },
  { cls: 'network_device', weight: 10, prefixes: ['sw', 'rtr', 'ap'], vendors: [{ vendor: 'Cisco', models: ['Catalyst 9300', 'IE-3400'] }, { vendor: 'Hirschmann', models: ['RSP35'] }, { vendor: 'Siemens', models: ['SCALANCE XC208'] }], os: [['IOS XE', '17.9'], ['HiOS', '09.1'], null], kind: 'snmp' },
  { cls: 'plc', weight: 6, prefixes: ['plc'], vendors: [{ vendor: 'Siemens', models: ['S7-1500', 'S7-1200'] }, { vendor: 'Rockwell Automation', models: ['ControlLogix 5580'] }, { vendor: 'Schneider Electric', models: ['Modicon M580'] }], os: [null], kind: 'snmp' },
  { cls: 'hmi', weight: 3, prefixes: ['hmi'], vendors: [{ vendor: 'Siemens', models: ['TP1500 Comfort'] }, { vendor: 'Rockwell Automation', models: ['PanelView 5510'] }], os: [null], kind: 'snmp' },
  { cls: 'drive', weight: 3, prefixes: ['vfd'], vendors: [{ vendor: 'ABB', models: ['ACS880'] }, { vendor: 'Danfoss', models: ['FC 302'] }], os: [null], kind: 'snmp' },
  { cls: 'building_controller', weight: 2, prefixes: ['bms'], vendors: [{ vendor: 'Johnson Controls', models: ['Metasys NAE55'] }, { vendor: 'Siemens', models: ['PXC5'] }], os: [null], kind: 'snmp' },
  { cls: 'printer', weight: 1, prefixes: ['prn'], vendors: [{ vendor: 'HP', models: ['LaserJet M507'] }], os: [null], kind: 'snmp' },
  { cls: 'ups', weight: 1, prefixes: ['ups'], vendors: [{ vendor: 'APC', models: ['Smart-UPS SRT 5000'] }], os: [null], kind: 'snmp' },
];
const SITES = ['plant-a', 'plant-b', 'plant-c', 'dc1', 'dc2', 'hq'] as const;
const SOURCE_KINDS = ['servers_cache', 'desktop_cache', 'cloud_manual', 'snmp'] as const;

function pickProfile(roll: number): ClassProfile {
  const total = PROFILES.reduce((sum, p) => sum + p.weight, 0);
  let at = roll * total;
  for (const p of PROFILES) {
    at -= p.weight;
    if (at < 0) return p;
  }
  return PROFILES[0] as ClassProfile;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function buildDatabase(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const building = `${path}.building`;
  rmSync(building, { force: true });
  const db = openDatabase(building);
  try {
    migrateDatabase(db, { migrations: LOCAL_MIGRATIONS, backupDir: null, now: () => new Date() });
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    // Bulk load without the secondary indexes, then create them (a sort per index instead of a million
    // random B-tree inserts); the final schema is exactly the migrated one.
    const indexes = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('assets', 'asset_sources', 'tags')").all() as { name: string; sql: string }[];
    for (const index of indexes) db.exec(`DROP INDEX ${index.name}`);

    const createdAt = '2024-06-01T00:00:00.000Z';
    const sourceIds = new Map<string, string>();
    SOURCE_KINDS.forEach((kind, i) => {
      const id = `0190a000-0000-7000-8000-${pad(i + 1, 12)}`;
      sourceIds.set(kind, id);
      db.prepare("INSERT INTO sources (id, kind, name, settings_json, created_at) VALUES (?, ?, ?, '{}', ?)").run(id, kind, `${kind} bench`, createdAt);
    });
    const insertAsset = db.prepare(
      `INSERT INTO assets (rowid, id, class, name, status, hostname, fqdn, primary_ip, serial, vendor, model, os_name, os_version, lifecycle_stage,
        source_count, quality_score, first_seen, last_seen, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)`,
    );
    const insertSearch = db.prepare('INSERT INTO asset_search (rowid, body) VALUES (?, ?)');
    const insertSource = db.prepare('INSERT INTO asset_sources (source_id, native_key, asset_id, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)');
    const insertTag = db.prepare('INSERT INTO tags (asset_id, key, value) VALUES (?, ?, ?)');
    const random = mulberry32(1_000_003);
    const base = Date.UTC(2024, 0, 1);
    const BATCH = 50_000;
    for (let start = 0; start < ASSETS; start += BATCH) {
      db.transaction(() => {
        for (let i = start; i < Math.min(ASSETS, start + BATCH); i++) {
          const p = pickProfile(random.next());
          const site = random.pick(SITES);
          const siteIndex = SITES.indexOf(site);
          const hw = random.pick(p.vendors);
          const model = random.pick(hw.models);
          const os = random.pick(p.os);
          const hostname = `${random.pick(p.prefixes)}-${site}-${pad(i + 1, 7)}`;
          const fqdn = p.cls === 'cloud_instance' ? null : `${hostname}.${site}.example`;
          const ip = `10.${siteIndex * 32 + ((i >> 16) & 0x1f)}.${(i >> 8) & 0xff}.${i & 0xff}`;
          const serial = p.cls === 'virtual_machine' || p.cls === 'cloud_instance' ? null : `${hw.vendor.slice(0, 2).toUpperCase()}${(i * 7919 + 104729).toString(36).toUpperCase()}`;
          const firstSeen = new Date(base + random.int(0, 120) * 86_400_000).toISOString();
          const lastSeen = new Date(base + (120 + random.int(0, 60)) * 86_400_000 + random.int(0, 86_399) * 1000).toISOString();
          const statusRoll = random.next();
          const status = statusRoll < 0.9 ? 'active' : statusRoll < 0.98 ? 'stale' : 'retired';
          const lifecycle = random.next() < 0.3 ? random.pick(['deployed', 'in_maintenance', 'retired', 'in_stock'] as const) : null;
          const id = `0190b${pad(i, 3).slice(-3)}-${pad(Math.floor(i / 1000), 4).slice(-4)}-7000-8000-${pad(i, 12)}`;
          const rowid = i + 1;
          insertAsset.run(rowid, id, p.cls, hostname, status, hostname, fqdn, ip, serial, hw.vendor, model, os?.[0] ?? null, os?.[1] ?? null, lifecycle, round(random.next(), 2), firstSeen, lastSeen, createdAt, createdAt);
          insertSearch.run(rowid, buildSearchBody([hostname, hostname, fqdn, ip, serial, hw.vendor, model, os?.[0] ?? null, os?.[1] ?? null]));
          insertSource.run(sourceIds.get(p.kind), `${p.kind}:${pad(i + 1, 7)}`, id, firstSeen, lastSeen);
          insertTag.run(id, 'site', site);
          const envRoll = random.next();
          if (envRoll < 0.6) insertTag.run(id, 'env', envRoll < 0.45 ? 'prod' : 'test');
          if (random.next() < 0.25) insertTag.run(id, 'zone', random.pick(['L1', 'L2', 'L3', 'L3.5', 'L4'] as const));
          if (random.next() < 0.02) insertTag.run(id, 'criticality', 'high');
        }
      })();
      process.stdout.write(`\r  built ${Math.min(ASSETS, start + BATCH).toLocaleString('en')} assets`);
    }
    process.stdout.write('\n');
    for (const index of indexes) db.exec(index.sql);
    db.exec("INSERT INTO asset_search (asset_search) VALUES ('optimize')");
    db.exec('ANALYZE');
  } finally {
    db.close();
  }
  renameSync(building, path);
}

interface QueryKind {
  name: string;
  sort: { field: AssetSortField; direction: 'asc' | 'desc' };
  filter: AssetFilter;
  offset: number;
}

function queryKinds(): QueryKind[] {
  const kinds: QueryKind[] = [];
  for (const offset of [0, 1000, 50_000]) {
    for (const field of ['name', 'lastSeen', 'vendor'] as const) {
      for (const direction of ['asc', 'desc'] as const) kinds.push({ name: `sort ${field} ${direction} @${offset}`, sort: { field, direction }, filter: {}, offset });
    }
    kinds.push({ name: `class plc by name @${offset}`, sort: { field: 'name', direction: 'asc' }, filter: { classes: ['plc'] }, offset });
    kinds.push({ name: `class server+vm by lastSeen desc @${offset}`, sort: { field: 'lastSeen', direction: 'desc' }, filter: { classes: ['server', 'virtual_machine'] }, offset });
    kinds.push({ name: `tag env=prod by name @${offset}`, sort: { field: 'name', direction: 'asc' }, filter: { tag: 'env=prod' }, offset });
    kinds.push({ name: `tag criticality by name @${offset}`, sort: { field: 'name', direction: 'asc' }, filter: { tag: 'criticality' }, offset });
  }
  for (const offset of [0, 1000]) {
    kinds.push({ name: `search "plant-b" @${offset}`, sort: { field: 'name', direction: 'asc' }, filter: { search: 'plant-b' }, offset });
    kinds.push({ name: `search "siemens s7" @${offset}`, sort: { field: 'name', direction: 'asc' }, filter: { search: 'siemens s7' }, offset });
    kinds.push({ name: `search ip "10.40.1" @${offset}`, sort: { field: 'name', direction: 'asc' }, filter: { search: '10.40.1' }, offset });
  }
  kinds.push({ name: 'search hostname "hist-plant-a-00012" @0', sort: { field: 'name', direction: 'asc' }, filter: { search: 'hist-plant-a-00012' }, offset: 0 });
  kinds.push({ name: 'search + class "plant-a" plc @0', sort: { field: 'lastSeen', direction: 'desc' }, filter: { search: 'plant-a', classes: ['plc'] }, offset: 0 });
  return kinds;
}

function timeQueries(db: Database): Figures {
  const qb = createQueryBuilder();
  const kinds = queryKinds();
  const repeats = Math.ceil(200 / kinds.length);
  const samples: number[] = [];
  const perKind = new Map<string, number[]>();
  const totals = new Map<string, number>();
  // One warm-up pass, as the app would have run a first page query already.
  for (const k of kinds) listAssets(db, qb, { offset: k.offset, limit: 100, sort: k.sort, filter: k.filter });
  for (let r = 0; r < repeats; r++) {
    for (const k of kinds) {
      const started = performance.now();
      const page = listAssets(db, qb, { offset: k.offset, limit: 100, sort: k.sort, filter: k.filter });
      const ms = performance.now() - started;
      samples.push(ms);
      perKind.set(k.name, [...(perKind.get(k.name) ?? []), ms]);
      totals.set(k.name, page.total);
    }
  }
  const overall = summarise(samples);
  const figures: Figures = { queries: overall.n, query_kinds: kinds.length, p50_ms: overall.p50, p95_ms: overall.p95, max_ms: overall.max, meets_p95_50ms: overall.p95 < 50 };
  const countStarted = performance.now();
  db.prepare('SELECT count(*) FROM assets').pluck().get();
  figures['count_all_assets_ms'] = round(performance.now() - countStarted);
  for (const [name, values] of perKind) {
    const s = summarise(values);
    figures[`${name} (total ${totals.get(name)})`] = `p50 ${s.p50} / p95 ${s.p95} ms`;
  }
  return figures;
}

async function main(): Promise<void> {
  const rebuild = process.argv.includes('--rebuild');
  const figures: Figures = { assets: ASSETS };
  if (rebuild || !existsSync(DB_PATH)) {
    console.log(`Building ${DB_PATH} ...`);
    const started = performance.now();
    buildDatabase(DB_PATH);
    figures['build_s'] = round((performance.now() - started) / 1000, 1);
  } else {
    figures['build_s'] = 'cached';
  }
  figures['database_mib'] = round(statSync(DB_PATH).size / (1024 * 1024), 1);
  const db = openDatabase(DB_PATH, { readonly: true });
  try {
    Object.assign(figures, timeQueries(db));
  } finally {
    db.close();
  }
  figures['rss_mib_after'] = rssMiB();
  writeBenchResult('inventory-query', figures);
}

await main();
