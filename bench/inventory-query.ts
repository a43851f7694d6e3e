// Inventory list queries on a 1,000,000-asset database: every sort field both ways; class, tag,
// status and lifecycle filters with several sorts; positions 0, 1,000 and 50,000 and a jump to the
// middle of the result; broad and narrow searches, MAC and software searches. Goal: p95 < 50 ms per
// call of listAssets (page + total), each kind timed three times after a warm-up pass, and the next
// page by cursor after every deep one. Also measures what the list indexes cost the write path, on
// copies with and without the migration's list index block (the table keeps its primary key and
// its uid key): 100,000 new asset rows with their search rows, and 100,000 re-seen assets.
//
// The database is built directly with the real migrations (not through the importer, which would
// take far longer): assets rows with compact bodies, search rows from the real assetSearchText, tags,
// records and their identity keys, software. It is cached under bench/.cache/, keyed by the
// migration names and by a checksum of their SQL outside the inventory list index block; when only
// that block changed, the cached file's indexes are brought in line with a freshly migrated schema.
// --rebuild builds it anew; --assets=N builds a smaller one (for trying the bench quickly);
// --no-write-cost skips the write measurements (they copy the 3 GB file twice).
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCAL_MIGRATIONS } from '../migrations/index.js';
import type { AssetFilter, AssetSortField } from '../src-shared/api/index.js';
import { ASSET_SORT_FIELDS } from '../src-shared/api/inventory.js';
import { mulberry32, type Prng } from '../src-shared/lib/mulberry32.js';
import type { AssetBody, StoredField } from '../src-main/db/asset-body.js';
import { assetSearchText } from '../src-main/db/asset-search-text.js';
import { createBatchInsert } from '../src-main/db/batch-insert.js';
import { openDatabase, type Database } from '../src-main/db/database.js';
import { ipSortKey } from '../src-main/db/ip-sort-key.js';
import { listAssets, type ListAssetsInput } from '../src-main/db/list-assets.js';
import { migrateDatabase } from '../src-main/db/migrate-database.js';
import { createQueryBuilder } from '../src-main/db/query-builder.js';
import { round, rssMiB, summarise, writeBenchResult, type Figures } from './lib/bench-report.js';

const ASSETS = Number(/^--assets=(\d+)$/.exec(process.argv.find((a) => a.startsWith('--assets=')) ?? '')?.[1] ?? 1_000_000);
const CACHE_DIR = join(dirname(fileURLToPath(import.meta.url)), '.cache');
const INDEX_BLOCK = /-- Inventory list indexes[\s\S]*?-- End of inventory list indexes\./;

/** The cached file's name: migration names, and a checksum of their SQL outside the list index block. */
function cachePath(assets: number): string {
  const names = LOCAL_MIGRATIONS.map((m) => m.name.slice(0, 4)).join('-');
  const hash = createHash('sha256');
  for (const m of LOCAL_MIGRATIONS) hash.update(m.name).update(m.sql.replace(INDEX_BLOCK, ''));
  return join(CACHE_DIR, `inventory-${assets}-${names}-${hash.digest('hex').slice(0, 12)}.sqlite`);
}

interface ClassProfile {
  cls: string;
  weight: number;
  prefixes: readonly string[];
  vendors: readonly { vendor: string; models: readonly string[]; oui: string }[];
  os: readonly (readonly [string, string] | null)[];
  kind: 'servers_cache' | 'desktop_cache' | 'cloud_manual' | 'snmp';
  /** Software packages installed, [min, max]. */
  software: readonly [number, number];
}

const WINDOWS_SERVER = [['Windows Server 2019 Standard', '10.0.17763'], ['Windows Server 2022 Standard', '10.0.20348']] as const;
const LINUX = [['Red Hat Enterprise Linux', '9.4'], ['Ubuntu Server', '22.04.4 LTS']] as const;
const PROFILES: readonly ClassProfile[] = [
  { cls: 'workstation', weight: 34, prefixes: ['ews', 'ops', 'lap', 'adm', 'eng'], vendors: [{ vendor: 'HP', models: ['Z2 Tower G9', 'EliteBook 840 G10'], oui: '3c:52:82' }, { vendor: 'Dell Inc.', models: ['Precision 3660', 'Latitude 5440'], oui: 'b0:7b:25' }, { vendor: 'Lenovo', models: ['ThinkPad T14 Gen 4'], oui: '8c:16:45' }], os: [['Windows 10 Enterprise LTSC 2021', '21H2'], ['Windows 11 Enterprise', '23H2']], kind: 'desktop_cache', software: [4, 10] },
  { cls: 'server', weight: 18, prefixes: ['hist', 'scada', 'mes', 'db', 'app', 'web', 'dc', 'backup', 'esx', 'file', 'srv'], vendors: [{ vendor: 'Dell Inc.', models: ['PowerEdge R650', 'PowerEdge R750'], oui: 'b0:7b:25' }, { vendor: 'HPE', models: ['ProLiant DL380 Gen10 Plus', 'ProLiant DL360 Gen11'], oui: '94:40:c9' }], os: [...WINDOWS_SERVER, ...LINUX], kind: 'servers_cache', software: [3, 8] },
  { cls: 'virtual_machine', weight: 12, prefixes: ['vm', 'app', 'web', 'ci', 'srv'], vendors: [{ vendor: 'VMware, Inc.', models: ['VMware Virtual Platform'], oui: '00:50:56' }], os: [...WINDOWS_SERVER, ...LINUX], kind: 'servers_cache', software: [3, 8] },
  { cls: 'cloud_instance', weight: 10, prefixes: ['api', 'worker', 'edge', 'iot-ingest', 'bastion'], vendors: [{ vendor: 'Amazon EC2', models: ['m6i.xlarge', 't3.small'], oui: '02:1a:2b' }, { vendor: 'Microsoft Azure', models: ['Standard_D4s_v5'], oui: '02:3c:4d' }, { vendor: 'Google', models: ['e2-standard-4'], oui: '02:5e:6f' }], os: [...LINUX, null], kind: 'cloud_manual', software: [2, 6] },
  { cls: 'network_device', weight: 10, prefixes: ['sw', 'rtr', 'ap'], vendors: [{ vendor: 'Cisco', models: ['Catalyst 9300', 'IE-3400'], oui: '00:1b:54' }, { vendor: 'Hirschmann', models: ['RSP35'], oui: '00:80:63' }, { vendor: 'Siemens', models: ['SCALANCE XC208'], oui: '00:1b:1b' }], os: [['IOS XE', '17.9'], ['HiOS', '09.1'], null], kind: 'snmp', software: [0, 0] },
  { cls: 'plc', weight: 6, prefixes: ['plc'], vendors: [{ vendor: 'Siemens', models: ['S7-1500', 'S7-1200'], oui: '00:1b:1b' }, { vendor: 'Rockwell Automation', models: ['ControlLogix 5580'], oui: '00:00:bc' }, { vendor: 'Schneider Electric', models: ['Modicon M580'], oui: '00:80:f4' }], os: [null], kind: 'snmp', software: [0, 0] },
  { cls: 'hmi', weight: 3, prefixes: ['hmi'], vendors: [{ vendor: 'Siemens', models: ['TP1500 Comfort'], oui: '00:1b:1b' }, { vendor: 'Rockwell Automation', models: ['PanelView 5510'], oui: '00:00:bc' }], os: [null], kind: 'snmp', software: [0, 0] },
  { cls: 'drive', weight: 3, prefixes: ['vfd'], vendors: [{ vendor: 'ABB', models: ['ACS880'], oui: '00:0d:ab' }, { vendor: 'Danfoss', models: ['FC 302'], oui: '00:1f:44' }], os: [null], kind: 'snmp', software: [0, 0] },
  { cls: 'building_controller', weight: 2, prefixes: ['bms'], vendors: [{ vendor: 'Johnson Controls', models: ['Metasys NAE55'], oui: '00:10:7e' }, { vendor: 'Siemens', models: ['PXC5'], oui: '00:1b:1b' }], os: [null], kind: 'snmp', software: [0, 0] },
  { cls: 'printer', weight: 1, prefixes: ['prn'], vendors: [{ vendor: 'HP', models: ['LaserJet M507'], oui: '3c:52:82' }], os: [null], kind: 'snmp', software: [0, 0] },
  { cls: 'ups', weight: 1, prefixes: ['ups'], vendors: [{ vendor: 'APC', models: ['Smart-UPS SRT 5000'], oui: '00:c0:b7' }], os: [null], kind: 'snmp', software: [0, 0] },
];
const SITES = ['plant-a', 'plant-b', 'plant-c', 'dc1', 'dc2', 'hq'] as const;
const SOURCE_KINDS = ['servers_cache', 'desktop_cache', 'cloud_manual', 'snmp', 'manual'] as const;
/** Installed software: product names and the versions seen in an estate. */
const SOFTWARE: readonly { name: string; vendor: string; versions: readonly string[] }[] = [
  { name: 'OpenSSL', vendor: 'OpenSSL Project', versions: ['1.0.2u', '1.1.1k', '1.1.1w', '3.0.13', '3.0.2'] },
  { name: 'Google Chrome', vendor: 'Google', versions: ['120.0.6099.130', '122.0.6261.95', '124.0.6367.61'] },
  { name: 'Mozilla Firefox', vendor: 'Mozilla', versions: ['115.9.1esr', '124.0.2'] },
  { name: '7-Zip', vendor: 'Igor Pavlov', versions: ['19.00', '23.01'] },
  { name: 'Notepad++', vendor: 'Notepad++ Team', versions: ['8.5.8', '8.6.4'] },
  { name: 'Microsoft SQL Server 2019', vendor: 'Microsoft', versions: ['15.0.4345.5', '15.0.2000.5'] },
  { name: 'Microsoft Office Professional Plus 2019', vendor: 'Microsoft', versions: ['16.0.10405.20015'] },
  { name: 'Java Runtime Environment', vendor: 'Oracle', versions: ['8u381', '8u401', '17.0.10'] },
  { name: 'Apache Tomcat', vendor: 'Apache', versions: ['9.0.85', '10.1.19'] },
  { name: 'nginx', vendor: 'F5', versions: ['1.18.0', '1.24.0'] },
  { name: 'PostgreSQL', vendor: 'PostgreSQL Global Development Group', versions: ['13.14', '15.6', '16.2'] },
  { name: 'OpenSSH', vendor: 'OpenBSD', versions: ['8.9p1', '9.6p1'] },
  { name: 'Siemens TIA Portal', vendor: 'Siemens', versions: ['V17', 'V18', 'V19'] },
  { name: 'SIMATIC WinCC', vendor: 'Siemens', versions: ['7.5 SP2', '8.0'] },
  { name: 'Rockwell FactoryTalk View SE', vendor: 'Rockwell Automation', versions: ['12.00', '13.00'] },
  { name: 'AVEVA Historian', vendor: 'AVEVA', versions: ['2020 R2', '2023'] },
  { name: 'Wonderware InTouch', vendor: 'AVEVA', versions: ['2017 Update 3', '2020'] },
  { name: 'VMware Tools', vendor: 'VMware', versions: ['12.3.5', '12.1.0'] },
  { name: 'CrowdStrike Falcon Sensor', vendor: 'CrowdStrike', versions: ['7.10.18110', '7.11.18203'] },
  { name: 'Veeam Agent', vendor: 'Veeam', versions: ['6.0.2', '6.1.0'] },
  { name: 'Python', vendor: 'Python Software Foundation', versions: ['3.9.18', '3.11.8', '3.12.2'] },
  { name: 'Microsoft Edge', vendor: 'Microsoft', versions: ['122.0.2365.92', '123.0.2420.65'] },
  { name: 'Adobe Acrobat Reader DC', vendor: 'Adobe', versions: ['23.008.20470', '24.001.20604'] },
  { name: 'Zabbix Agent', vendor: 'Zabbix', versions: ['6.0.25', '6.4.12'] },
];

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

function hexByte(n: number): string {
  return (n & 0xff).toString(16).padStart(2, '0');
}

function field(value: string | number | null): StoredField | undefined {
  return value === null ? undefined : [value, 0, 0.9, 1, [], []];
}

/** One asset of the estate, with what its rows in every table need. */
interface GeneratedAsset {
  row: unknown[];
  search: string;
  tags: [string, string][];
  records: { nativeKey: string; sourceSeq: number; keys: string[] }[];
  softwareIds: number[];
}

function generateAsset(i: number, random: Prng, softwareIdOf: (product: number, version: number) => number, recordIdBase: number): GeneratedAsset {
  const base = Date.UTC(2024, 0, 1);
  const p = pickProfile(random.next());
  const site = random.pick(SITES);
  const siteIndex = SITES.indexOf(site);
  const hw = random.pick(p.vendors);
  const model = random.pick(hw.models);
  const os = random.pick(p.os);
  const hostname = `${random.pick(p.prefixes)}-${site}-${pad(i + 1, 7)}`;
  const fqdn = p.cls === 'cloud_instance' ? null : `${hostname}.${site}.example`;
  // A few in a hundred sites number their hosts in IPv6 only.
  const ip = random.next() < 0.03 ? `fd00:${siteIndex + 1}::${(i & 0xffff).toString(16)}:${((i >> 16) & 0xffff).toString(16)}` : `10.${siteIndex * 32 + ((i >> 16) & 0x1f)}.${(i >> 8) & 0xff}.${i & 0xff}`;
  const serial = p.cls === 'virtual_machine' || p.cls === 'cloud_instance' ? null : `${hw.vendor.slice(0, 2).toUpperCase()}${(i * 7919 + 104729).toString(36).toUpperCase()}`;
  const firstSeen = new Date(base + random.int(0, 120) * 86_400_000).toISOString();
  const lastSeen = new Date(base + (120 + random.int(0, 60)) * 86_400_000 + random.int(0, 86_399) * 1000).toISOString();
  const statusRoll = random.next();
  const status = statusRoll < 0.9 ? 'active' : statusRoll < 0.98 ? 'stale' : 'retired';
  const lifecycle = random.next() < 0.3 ? random.pick(['deployed', 'in_maintenance', 'retired', 'in_stock'] as const) : null;
  const owner = lifecycle ? random.pick(['OT team', 'IT operations', 'Plant engineering', 'Facilities'] as const) : null;
  const quality = random.next() < 0.05 ? null : round(0.4 + 0.6 * random.next(), 3);
  const uid = `0190b${pad(i % 1000, 3)}-${pad(Math.floor(i / 1000) % 10000, 4)}-7000-8000-${pad(i, 12)}`;
  // A MAC per interface: the vendor's OUI (VMware's for VMs, locally administered for cloud NICs).
  const nicCount = p.cls === 'network_device' ? 2 : 1;
  const macs = Array.from({ length: nicCount }, (_, n) => `${hw.oui}:${hexByte(i >> 16)}:${hexByte(i >> 8)}:${hexByte(i + n * 0x80)}`);
  const macKind = hw.oui.startsWith('02') ? 'locally_administered' : hw.oui === '00:50:56' ? 'virtual' : 'universal';
  const sourceCount = random.next() < 0.35 ? 2 : 1;
  const kinds = sourceCount === 2 ? [p.kind, p.kind === 'snmp' ? 'manual' : 'snmp'] : [p.kind];
  const records = kinds.map((kind) => {
    const keys = [`host:${hostname}`, `ip:${site}/${ip}`, ...macs.map((m) => `${macKind === 'locally_administered' ? 'lmac' : 'mac'}:${m}`)];
    if (serial) keys.push(`serial:${serial.toLowerCase()}`);
    if (fqdn) keys.push(`fqdn:${fqdn}`);
    return { nativeKey: `${kind}:${pad(i + 1, 7)}`, sourceSeq: SOURCE_KINDS.indexOf(kind as (typeof SOURCE_KINDS)[number]) + 1, keys };
  });
  const tags: [string, string][] = [['site', site]];
  const envRoll = random.next();
  if (envRoll < 0.6) tags.push(['env', envRoll < 0.45 ? 'prod' : 'test']);
  if (random.next() < 0.25) tags.push(['zone', random.pick(['L1', 'L2', 'L3', 'L3.5', 'L4'] as const)]);
  if (random.next() < 0.02) tags.push(['criticality', 'high']);
  const software = new Map<number, number>();
  const installed = random.int(p.software[0], p.software[1]);
  for (let s = 0; s < installed; s++) {
    const product = random.int(0, SOFTWARE.length - 1);
    software.set(product, random.int(0, (SOFTWARE[product] as (typeof SOFTWARE)[number]).versions.length - 1));
  }
  const f: AssetBody['f'] = {};
  const values: Record<string, string | null> = { hostname, fqdn, primary_ip: ip, serial, vendor: hw.vendor, model, os_name: os?.[0] ?? null, os_version: os?.[1] ?? null };
  for (const [name, value] of Object.entries(values)) {
    const stored = field(value);
    if (stored) f[name as keyof AssetBody['f']] = stored;
  }
  const body: AssetBody = {
    m: records.map((_, n) => recordIdBase + n),
    f,
    n: macs.map((mac, n) => ({ mac, macKind, name: `eth${n}`, ips: n === 0 ? [{ address: ip, network: site }] : [], vlan: null, speedMbps: 1000, operStatus: 'up', sourceIds: [] })),
    t: Object.fromEntries(tags),
    g: [],
    q: { score: quality ?? 0, completeness: 0.9, agreement: 1, missingFields: [], disputedFields: [] },
    x: {},
  };
  const bodyText = JSON.stringify(body);
  const softwareNames = [...software.keys()].map((product) => (SOFTWARE[product] as (typeof SOFTWARE)[number]).name);
  const row = [
    i + 1, uid, p.cls, hostname, status, hostname, fqdn, ip, ipSortKey(ip), serial, hw.vendor, model, os?.[0] ?? null, os?.[1] ?? null, lifecycle, owner,
    sourceCount, quality, firstSeen, lastSeen, firstSeen, 'import', lastSeen, createHash('sha1').update(bodyText).digest('hex').slice(0, 16), bodyText,
  ];
  return {
    row,
    search: assetSearchText(hostname, body, softwareNames, new Map(tags)),
    tags,
    records,
    softwareIds: [...software].map(([product, version]) => softwareIdOf(product, version)),
  };
}

const ASSET_COLUMNS = `id, uid, class, name, status, hostname, fqdn, primary_ip, ip_sort, serial, vendor, model, os_name, os_version, lifecycle_stage, owner,
  source_count, quality, first_seen, last_seen, created_at, created_cause, updated_at, content_hash, body`;
const ASSET_PLACEHOLDERS = `(${Array.from({ length: 25 }, () => '?').join(', ')})`;

/** Secondary indexes of the tables the builder fills (dropped while loading, created afterwards). */
function secondaryIndexes(db: Database): { name: string; sql: string }[] {
  return db
    .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('assets', 'records', 'asset_software', 'tags')")
    .all() as { name: string; sql: string }[];
}

function buildDatabase(path: string, assets: number): void {
  mkdirSync(dirname(path), { recursive: true });
  const building = `${path}.building`;
  rmSync(building, { force: true });
  const db = openDatabase(building);
  try {
    migrateDatabase(db, { migrations: LOCAL_MIGRATIONS, backupDir: null, now: () => new Date() });
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    // Bulk load without secondary indexes, then create them: a sort per index instead of millions of
    // random B-tree inserts. The final schema is exactly the migrated one.
    const indexes = secondaryIndexes(db);
    for (const index of indexes) db.exec(`DROP INDEX ${index.name}`);
    const createdAt = '2024-06-01T00:00:00.000Z';
    SOURCE_KINDS.forEach((kind, n) => {
      db.prepare("INSERT INTO sources (id, kind, name, settings_json, created_at, seq) VALUES (?, ?, ?, '{}', ?, ?)").run(`0190a000-0000-7000-8000-${pad(n + 1, 12)}`, kind, `${kind} bench`, createdAt, n + 1);
    });
    const softwareIds = new Map<string, number>();
    const insertSoftware = db.prepare('INSERT INTO software (name, version, vendor) VALUES (?, ?, ?)');
    SOFTWARE.forEach((product, p) => product.versions.forEach((version, v) => softwareIds.set(`${p}/${v}`, Number(insertSoftware.run(product.name, version, product.vendor).lastInsertRowid))));
    const softwareIdOf = (p: number, v: number): number => softwareIds.get(`${p}/${v}`) as number;
    // Identity keys go to a staging table first and into record_keys in key order at the end.
    db.exec('CREATE TEMP TABLE staged_keys (key TEXT NOT NULL, source_seq INTEGER NOT NULL, record_id INTEGER NOT NULL)');
    const batch = {
      assets: createBatchInsert(db, `INSERT INTO assets (${ASSET_COLUMNS})`, ASSET_PLACEHOLDERS),
      search: createBatchInsert(db, 'INSERT INTO asset_search (rowid, body)', '(?, ?)'),
      tags: createBatchInsert(db, 'INSERT INTO tags (asset_id, key, value, origin)', "(?, ?, ?, 'observed')"),
      records: createBatchInsert(db, 'INSERT INTO records (id, source_seq, native_key, head_id, content_hash, first_seen, last_seen, asset_id, solo)', "(?, ?, ?, 0, '', ?, ?, ?, 1)"),
      keys: createBatchInsert(db, 'INSERT INTO staged_keys (key, source_seq, record_id)', '(?, ?, ?)'),
      software: createBatchInsert(db, 'INSERT INTO asset_software (asset_id, software_id)', '(?, ?)'),
    };
    const counts = new Map<string, number>();
    const count = (dimension: string, value: string) => counts.set(`${dimension}\u0000${value}`, (counts.get(`${dimension}\u0000${value}`) ?? 0) + 1);
    const random = mulberry32(1_000_003);
    let nextRecordId = 1;
    const BATCH = 20_000;
    for (let start = 0; start < assets; start += BATCH) {
      const rows = { assets: [] as unknown[][], search: [] as unknown[][], tags: [] as unknown[][], records: [] as unknown[][], keys: [] as unknown[][], software: [] as unknown[][] };
      for (let i = start; i < Math.min(assets, start + BATCH); i++) {
        const a = generateAsset(i, random, softwareIdOf, nextRecordId);
        const id = i + 1;
        rows.assets.push(a.row);
        rows.search.push([id, a.search]);
        for (const [k, v] of a.tags) rows.tags.push([id, k, v]);
        for (const r of a.records) {
          const recordId = nextRecordId++;
          rows.records.push([recordId, r.sourceSeq, r.nativeKey, a.row[18], a.row[19], id]);
          for (const key of r.keys) rows.keys.push([key, r.sourceSeq, recordId]);
        }
        for (const softwareId of a.softwareIds) rows.software.push([id, softwareId]);
        count('total', '');
        count('class', a.row[2] as string);
        count('status', a.row[4] as string);
      }
      db.transaction(() => {
        batch.assets.run(rows.assets);
        batch.search.run(rows.search);
        batch.tags.run(rows.tags);
        batch.records.run(rows.records);
        batch.keys.run(rows.keys);
        batch.software.run(rows.software);
      })();
      process.stdout.write(`\r  built ${Math.min(assets, start + BATCH).toLocaleString('en')} assets`);
    }
    process.stdout.write('\n');
    db.exec('INSERT INTO record_keys (key, source_seq, record_id) SELECT key, source_seq, record_id FROM staged_keys ORDER BY key, source_seq, record_id; DROP TABLE staged_keys');
    const insertCount = db.prepare('INSERT INTO asset_counts (dimension, value, count) VALUES (?, ?, ?)');
    for (const [key, n] of counts) {
      const [dimension, value] = key.split('\u0000') as [string, string];
      insertCount.run(dimension, value, n);
    }
    for (const index of indexes) db.exec(index.sql);
    db.exec("INSERT INTO asset_search (asset_search) VALUES ('optimize')");
    db.exec('ANALYZE');
  } finally {
    db.close();
  }
  renameSync(building, path);
}

/** Makes the cached file's indexes those of a freshly migrated database (when only the list index block changed). */
function syncIndexes(path: string): string[] {
  const indexSql = (db: Database) => db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL").all() as { name: string; sql: string }[];
  const fresh = openDatabase(':memory:');
  migrateDatabase(fresh, { migrations: LOCAL_MIGRATIONS, backupDir: null, now: () => new Date() });
  const wanted = indexSql(fresh);
  fresh.close();
  const db = openDatabase(path);
  const changed: string[] = [];
  try {
    const present = indexSql(db);
    const wantedSql = new Set(wanted.map((i) => i.sql));
    const presentSql = new Set(present.map((i) => i.sql));
    for (const index of present.filter((i) => !wantedSql.has(i.sql))) {
      db.exec(`DROP INDEX ${index.name}`);
      changed.push(`-${index.name}`);
    }
    for (const index of wanted.filter((i) => !presentSql.has(i.sql))) {
      db.exec(index.sql);
      changed.push(`+${index.name}`);
    }
    if (changed.length > 0) db.exec('ANALYZE');
  } finally {
    db.close();
  }
  return changed;
}

interface QueryKind {
  name: string;
  input: ListAssetsInput;
  /** Also time the page after this one, continued from its cursor. */
  thenNext?: boolean;
}

const PAGE = 100;

/** Every query kind the grid sends, at the positions it reaches them. */
function queryKinds(db: Database, qb: ReturnType<typeof createQueryBuilder>): QueryKind[] {
  const kinds: QueryKind[] = [];
  /** Matching assets, counted to the end (once, untimed), to place "the middle of the result". */
  const totalOf = (filter: AssetFilter): number => listAssets(db, qb, { offset: 0, limit: 1, sort: { field: 'name', direction: 'asc' }, filter }, { totalLookahead: 10_000_000 }).total;
  const at = (label: string, filter: AssetFilter, field: AssetSortField, direction: 'asc' | 'desc', positions: readonly ('0' | '1000' | '50000' | 'mid')[]) => {
    const total = positions.includes('mid') || positions.includes('50000') ? totalOf(filter) : Infinity;
    for (const p of positions) {
      const offset = p === 'mid' ? Math.floor(total / 2) : Number(p);
      if (offset >= total) continue;
      kinds.push({ name: `${label} ${field} ${direction} @${p === 'mid' ? '50%' : p}`, input: { offset, limit: PAGE, sort: { field, direction }, filter }, thenNext: p !== '0' });
    }
  };
  for (const field of ASSET_SORT_FIELDS) {
    at('all', {}, field, 'asc', ['0', '1000', '50000', 'mid']);
    at('all', {}, field, 'desc', ['0', '50000']);
  }
  const filters: [string, AssetFilter][] = [
    ['class plc', { classes: ['plc'] }],
    ['class server+vm', { classes: ['server', 'virtual_machine'] }],
    ['status stale', { status: 'stale' }],
    ['lifecycle deployed', { lifecycleStage: 'deployed' }],
    ['tag env=prod', { tag: 'env=prod' }],
    ['tag criticality', { tag: 'criticality' }],
    ['class plc + status active', { classes: ['plc'], status: 'active' }],
  ];
  for (const [label, filter] of filters) {
    at(label, filter, 'name', 'asc', ['0', '1000', '50000', 'mid']);
    at(label, filter, 'lastSeen', 'desc', ['0', '1000', '50000', 'mid']);
    at(label, filter, 'primaryIp', 'asc', ['0', 'mid']);
    at(label, filter, 'vendor', 'desc', ['0', 'mid']);
    at(label, filter, 'qualityScore', 'asc', ['0']);
  }
  const mac = (db.prepare("SELECT key FROM record_keys WHERE key >= 'mac:00:1b:1b:0a' LIMIT 1").pluck().get() as string).slice(4);
  const hex = mac.replace(/:/g, '');
  const searches: [string, string][] = [
    ['broad', 'srv'],
    ['broad', '10.40'],
    ['broad', 'plant-b'],
    ['broad', 'siemens s7'],
    ['broad', 'plan'],
    ['broad', '10'],
    ['narrow', 'hist-plant-a-0000123'],
    ['narrow', 'plc-plant-c'],
    ['narrow', '10.40.1.5'],
    ['mac', mac],
    ['mac', hex.toUpperCase().replace(/(....)(....)(....)/, '$1.$2.$3')],
    ['mac', mac.toUpperCase().replace(/:/g, '-')],
    ['software', 'openssl'],
    ['software', 'openssl 1.1.1'],
    ['software', 'tia portal v18'],
    ['software', 'wonderware intouch 2020'],
  ];
  for (const [label, text] of searches) {
    at(`search ${label} "${text}"`, { search: text }, 'name', 'asc', ['0', '1000']);
    at(`search ${label} "${text}"`, { search: text }, 'lastSeen', 'desc', ['0']);
  }
  at('search "plant-a" + class plc', { search: 'plant-a', classes: ['plc'] }, 'lastSeen', 'desc', ['0', '1000']);
  at('tag env=prod + class plc', { tag: 'env=prod', classes: ['plc'] }, 'name', 'asc', ['0', '1000']);
  return kinds;
}

function timeQueries(db: Database): Figures {
  const qb = createQueryBuilder();
  const kinds = queryKinds(db, qb);
  const repeats = 3;
  const samples: number[] = [];
  const perKind = new Map<string, { ms: number[]; total: string }>();
  const record = (name: string, ms: number, total: string) => {
    samples.push(ms);
    const entry = perKind.get(name) ?? { ms: [], total };
    entry.ms.push(ms);
    perKind.set(name, entry);
  };
  const run = (k: QueryKind, timed: boolean) => {
    let started = performance.now();
    const page = listAssets(db, qb, k.input);
    if (timed) record(k.name, performance.now() - started, `${page.total}${page.totalIsExact ? '' : '+'}`);
    if (k.thenNext && page.endCursor) {
      started = performance.now();
      const next = listAssets(db, qb, { ...k.input, offset: k.input.offset + PAGE, after: page.endCursor });
      if (timed) record(`${k.name} → next page by cursor`, performance.now() - started, `${next.total}${next.totalIsExact ? '' : '+'}`);
    }
  };
  // One warm-up pass, as the app has run a first page query already; then the timed passes.
  for (const k of kinds) run(k, false);
  for (let r = 0; r < repeats; r++) for (const k of kinds) run(k, true);
  const overall = summarise(samples);
  const figures: Figures = { queries: overall.n, query_kinds: perKind.size, p50_ms: overall.p50, p95_ms: overall.p95, max_ms: overall.max, meets_p95_50ms: overall.p95 < 50 };
  const byP95 = [...perKind].map(([name, e]) => ({ name, total: e.total, ...summarise(e.ms) })).sort((a, b) => b.p95 - a.p95);
  figures['kinds_with_p95_under_50ms'] = `${byP95.filter((k) => k.p95 < 50).length} of ${byP95.length}`;
  figures['worst_kinds'] = byP95.slice(0, 12).map((k) => `${k.name} ${k.p95} ms`).join('; ');
  for (const k of [...perKind.keys()].map((name) => byP95.find((b) => b.name === name) as (typeof byP95)[number])) {
    figures[`${k.name} (total ${k.total})`] = `p50 ${k.p50} / p95 ${k.p95} ms`;
  }
  return figures;
}

/**
 * What the list indexes cost the write path, on copies of the database: 100,000 new assets (row and
 * search row, in transactions of 1,000 like the write path's batches), with every index of the
 * schema against with the list indexes dropped; and 100,000 re-seen assets (last/first seen as
 * record-writer.ts bumps them; status too, as golden-record-store.ts touches them; and that touch
 * without status).
 */
function measureWriteCost(path: string, assets: number): Figures {
  const ADDED = 100_000;
  const listIndexes = listIndexNames();
  const random = mulberry32(7);
  const generated: { row: unknown[]; search: string }[] = [];
  for (let i = assets; i < assets + ADDED; i++) {
    const a = generateAsset(i, random, () => 1, 0);
    generated.push({ row: a.row, search: a.search });
  }
  const touched = Array.from({ length: ADDED }, () => 1 + Math.floor(random.next() * assets));
  const time = (copy: string, dropIndexes: boolean) => {
    copyFileSync(path, copy);
    const db = openDatabase(copy);
    try {
      if (dropIndexes) for (const name of listIndexes) db.exec(`DROP INDEX ${name}`);
      const insertAsset = createBatchInsert(db, `INSERT INTO assets (${ASSET_COLUMNS})`, ASSET_PLACEHOLDERS);
      const insertSearch = createBatchInsert(db, 'INSERT INTO asset_search (rowid, body)', '(?, ?)');
      let started = performance.now();
      for (let start = 0; start < ADDED; start += 1000) {
        const batch = generated.slice(start, start + 1000);
        db.transaction(() => {
          insertAsset.run(batch.map((g) => g.row));
          insertSearch.run(batch.map((g) => [g.row[0], g.search]));
        })();
      }
      const insertMs = performance.now() - started;
      const bump = db.prepare('UPDATE assets SET last_seen = ?, first_seen = min(first_seen, ?) WHERE id = ?');
      started = performance.now();
      for (let start = 0; start < ADDED; start += 1000) db.transaction(() => touched.slice(start, start + 1000).forEach((id) => bump.run('2024-08-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z', id)))();
      const bumpMs = performance.now() - started;
      const touch = db.prepare("UPDATE assets SET status = CASE WHEN status = 'retired' THEN status ELSE ? END, first_seen = ?, last_seen = ?, source_count = ? WHERE id = ?");
      started = performance.now();
      for (let start = 0; start < ADDED; start += 1000) db.transaction(() => touched.slice(start, start + 1000).forEach((id) => touch.run('active', '2024-01-01T00:00:00.000Z', '2024-08-02T00:00:00.000Z', 1, id)))();
      const touchMs = performance.now() - started;
      // The same touch leaving status out of the SET list (SQLite rewrites an index when a column of it is set, changed or not).
      const touchDates = db.prepare('UPDATE assets SET first_seen = ?, last_seen = ?, source_count = ? WHERE id = ?');
      started = performance.now();
      for (let start = 0; start < ADDED; start += 1000) db.transaction(() => touched.slice(start, start + 1000).forEach((id) => touchDates.run('2024-01-01T00:00:00.000Z', '2024-08-03T00:00:00.000Z', 1, id)))();
      return { insertMs, bumpMs, touchMs, touchDatesMs: performance.now() - started };
    } finally {
      db.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${copy}${suffix}`, { force: true });
    }
  };
  const bare = time(`${path}.write-bare`, true);
  const indexed = time(`${path}.write-indexed`, false);
  const perSecond = (ms: number) => Math.round(ADDED / (ms / 1000));
  return {
    write_list_indexes: listIndexes.length,
    write_insert_100k_with_search_rows_bare_ms: round(bare.insertMs),
    write_insert_100k_with_search_rows_indexed_ms: round(indexed.insertMs),
    write_insert_cost_ratio: round(indexed.insertMs / bare.insertMs),
    write_insert_assets_per_s_indexed: perSecond(indexed.insertMs),
    write_bump_seen_100k_ratio: round(indexed.bumpMs / bare.bumpMs),
    write_bump_seen_per_s_indexed: perSecond(indexed.bumpMs),
    write_touch_status_100k_ratio: round(indexed.touchMs / bare.touchMs),
    write_touch_status_per_s_indexed: perSecond(indexed.touchMs),
    write_touch_without_status_100k_ratio: round(indexed.touchDatesMs / bare.touchDatesMs),
    write_touch_without_status_per_s_indexed: perSecond(indexed.touchDatesMs),
  };
}

/** Names of the indexes of the migrations' inventory list index block. */
function listIndexNames(): string[] {
  const block = LOCAL_MIGRATIONS.map((m) => INDEX_BLOCK.exec(m.sql)?.[0] ?? '').join('\n');
  return [...block.matchAll(/CREATE INDEX (\w+)/g)].map((m) => m[1] as string);
}

async function main(): Promise<void> {
  const path = cachePath(ASSETS);
  const figures: Figures = { assets: ASSETS };
  if (process.argv.includes('--rebuild') || !existsSync(path)) {
    console.log(`Building ${path} ...`);
    const started = performance.now();
    buildDatabase(path, ASSETS);
    figures['build_s'] = round((performance.now() - started) / 1000, 1);
  } else {
    const changed = syncIndexes(path);
    figures['build_s'] = changed.length > 0 ? `cached, indexes ${changed.join(' ')}` : 'cached';
  }
  figures['database_mib'] = round(statSync(path).size / (1024 * 1024), 1);
  const db = openDatabase(path, { readonly: true });
  try {
    Object.assign(figures, timeQueries(db));
  } finally {
    db.close();
  }
  if (!process.argv.includes('--no-write-cost')) Object.assign(figures, measureWriteCost(path, ASSETS));
  figures['rss_mib_after'] = rssMiB();
  writeBenchResult('inventory-query', figures);
}

await main();
