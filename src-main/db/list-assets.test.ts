import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_MIGRATIONS } from '../../migrations/index.js';
import { ASSET_SORT_FIELDS, type AssetFilter, type AssetPage, type AssetSortField } from '../../src-shared/api/inventory.js';
import { mulberry32 } from '../../src-shared/lib/mulberry32.js';
import { createTempDir, type TempDir } from '../test-support/temp-dir.js';
import { classesRequiring } from './door-filter-sets.js';
import type { AssetBody } from './asset-body.js';
import { assetSearchText } from './asset-search-text.js';
import { openDatabase, type Database } from './database.js';
import { ipSortKey } from './ip-sort-key.js';
import { listAssets, SORTS, type ListAssetsInput, type ListAssetsOptions } from './list-assets.js';
import { migrateDatabase } from './migrate-database.js';
import { createQueryBuilder } from './query-builder.js';
import { toSearchQuery } from './search-body.js';

/** What the oracle needs of each seeded asset. */
interface Seeded {
  id: number;
  uid: string;
  class: string;
  name: string;
  status: string;
  lifecycle_stage: string | null;
  hostname: string | null;
  ip_sort: Buffer | null;
  serial: string | null;
  vendor: string | null;
  model: string | null;
  os_name: string | null;
  source_count: number;
  quality: number | null;
  first_seen: string;
  last_seen: string;
  tags: Map<string, string>;
  sources: number[];
  /** Indexes into SOFTWARE (from 1). */
  software: number[];
  sites: string[];
}

const CLASSES = ['server', 'plc', 'workstation', 'hmi', 'network_device'] as const;
const SOFTWARE = [
  ['OpenSSL', '1.1.1k'],
  ['OpenSSL', '3.0.13'],
  ['Siemens TIA Portal', 'V18'],
  ['7-Zip', '23.01'],
] as const;

/** MACs known only from a record's identity keys (not in the golden record's interfaces), by asset id. */
const KEY_ONLY_MACS = new Map([
  [11, 'mac:00:1b:21:3a:4f:10'],
  [12, 'lmac:02:42:ac:11:00:02'],
]);

/**
 * Assets with ties and NULLs in every sort column, mixed-case names and tags, IPv4 and IPv6 addresses,
 * interfaces, installed software and records from two sources: rows as the write path leaves them
 * (assets, search rows from assetSearchText, tags, records, record_keys, software, asset_counts).
 */
function seed(db: Database, assets: number): Seeded[] {
  const random = mulberry32(42);
  const seeded: Seeded[] = [];
  db.prepare("INSERT INTO sources (id, kind, name, settings_json, created_at, seq) VALUES ('src-a', 'snmp', 'snmp', '{}', '2026-01-01T00:00:00Z', 1)").run();
  db.prepare("INSERT INTO sources (id, kind, name, settings_json, created_at, seq) VALUES ('src-b', 'servers_cache', 'cmdb', '{}', '2026-01-01T00:00:00Z', 2)").run();
  const insertSoftware = db.prepare('INSERT INTO software (name, version) VALUES (?, ?)');
  for (const [name, version] of SOFTWARE) insertSoftware.run(name, version);
  const insertAsset = db.prepare(
    `INSERT INTO assets (id, uid, class, name, status, hostname, fqdn, primary_ip, ip_sort, serial, vendor, model, os_name, os_version, lifecycle_stage,
      source_count, quality, first_seen, last_seen, created_at, updated_at, content_hash, body)
     VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, '', ?)`,
  );
  const insertSearch = db.prepare('INSERT INTO asset_search (rowid, body) VALUES (?, ?)');
  const insertTag = db.prepare("INSERT INTO tags (asset_id, key, value, origin) VALUES (?, ?, ?, 'observed')");
  const insertRecord = db.prepare("INSERT INTO records (id, source_seq, native_key, head_id, content_hash, first_seen, last_seen, asset_id) VALUES (?, ?, ?, 0, '', '', '', ?)");
  const insertKey = db.prepare('INSERT INTO record_keys (key, source_seq, record_id) VALUES (?, ?, ?)');
  const insertInstalled = db.prepare('INSERT INTO asset_software (asset_id, software_id) VALUES (?, ?)');
  const insertSite = db.prepare('INSERT INTO asset_sites (asset_id, site) VALUES (?, ?)');
  const counts = new Map<string, number>();
  const count = (dimension: string, value: string) => counts.set(`${dimension}/${value}`, (counts.get(`${dimension}/${value}`) ?? 0) + 1);
  const maybe = <T>(p: number, value: T): T | null => (random.next() < p ? null : value);
  let recordId = 0;
  db.transaction(() => {
    for (let id = 1; id <= assets; id++) {
      const cls = random.pick(CLASSES);
      // Few distinct names and dates, in mixed case: many ties, broken by id.
      const base = `${random.pick(['srv', 'plc', 'Plc', 'hmi', 'ALPHA', 'beta'])}-${String(random.int(0, 60)).padStart(3, '0')}`;
      const name = random.next() < 0.5 ? base : base.toUpperCase();
      const drawnIp = maybe(0.15, random.next() < 0.2 ? `fd00::${random.int(1, 40).toString(16)}` : `10.0.${random.int(0, 12)}.${random.int(0, 30)}`);
      // Two addresses whose text order is not their numeric order.
      const ip = id === 14 ? '10.0.0.9' : id === 15 ? '10.0.0.10' : drawnIp;
      const a: Seeded = {
        id,
        uid: `asset-${String(id).padStart(5, '0')}`,
        class: cls,
        name,
        status: random.pick(['active', 'active', 'active', 'stale', 'retired']),
        lifecycle_stage: maybe(0.5, random.pick(['deployed', 'in_stock', 'retired', 'planned'])),
        hostname: maybe(0.2, name.toLowerCase()),
        ip_sort: ipSortKey(ip),
        serial: maybe(0.3, random.pick(['SN-A', 'sn-a', 'SN-B', 'SN-C'])),
        vendor: maybe(0.2, random.pick(['Siemens', 'siemens', 'Cisco', 'HP'])),
        model: maybe(0.3, random.pick(['S7-1500', 'IE-3400', 'Z2'])),
        os_name: maybe(0.4, random.pick(['Windows 11', 'Linux'])),
        source_count: random.int(1, 3),
        quality: maybe(0.1, random.int(0, 10) / 10),
        first_seen: `2026-01-0${random.int(1, 5)}T00:00:00.000Z`,
        last_seen: `2026-02-0${random.int(1, 5)}T00:00:00.000Z`,
        tags: new Map(),
        sources: [],
        software: [],
        sites: [],
      };
      // One serial that reads as a MAC too.
      if (id === 13) a.serial = '0050568A1B2C';
      const envRoll = random.next();
      if (envRoll < 0.4) a.tags.set('env', 'prod');
      else if (envRoll < 0.6) a.tags.set('env', 'Test');
      if (random.next() < 0.05) a.tags.set('Rare', 'yes');
      const mac = `00:1b:1b:00:${(id >> 8).toString(16).padStart(2, '0')}:${(id & 0xff).toString(16).padStart(2, '0')}`;
      const installed = SOFTWARE.map((_, i) => i + 1).filter(() => random.next() < 0.25);
      a.software = installed;
      // Sites: the network of the interface's IP (asset-dimensions.ts), '' without one.
      const network = id % 3 === 0 ? 'plant-b' : 'plant-a';
      a.sites = ip ? [network] : [''];
      const body: AssetBody = {
        m: [],
        f: Object.fromEntries(
          Object.entries({ hostname: a.hostname, primary_ip: ip, serial: a.serial, vendor: a.vendor, model: a.model, os_name: a.os_name })
            .filter(([, v]) => v !== null)
            .map(([k, v]) => [k, [v, 0, 1, 1, [], []]]),
        ),
        n: [{ mac, macKind: 'universal', name: 'eth0', ips: ip ? [{ address: ip, network }] : [], vlan: null, speedMbps: null, operStatus: null, sourceIds: [] }],
        t: Object.fromEntries(a.tags),
        g: [],
        q: { score: a.quality ?? 0, completeness: 1, agreement: 1, missingFields: [], disputedFields: [] },
        x: {},
      };
      insertAsset.run(
        id, a.uid, cls, name, a.status, a.hostname, ip, a.ip_sort, a.serial, a.vendor, a.model, a.os_name, a.lifecycle_stage,
        a.source_count, a.quality, a.first_seen, a.last_seen, a.first_seen, a.last_seen, JSON.stringify(body),
      );
      insertSearch.run(id, assetSearchText(name, body, installed.map((s) => SOFTWARE[s - 1]?.[0] ?? ''), a.tags));
      for (const [k, v] of a.tags) insertTag.run(id, k, v);
      for (const s of installed) insertInstalled.run(id, s);
      for (const site of a.sites) insertSite.run(id, site);
      for (const seq of random.next() < 0.7 ? [1] : [1, 2]) {
        recordId += 1;
        insertRecord.run(recordId, seq, `r-${recordId}`, id);
        insertKey.run(KEY_ONLY_MACS.get(id) ?? `mac:${mac}`, seq, recordId);
        a.sources.push(seq);
      }
      count('total', '');
      count('class', cls);
      count('status', a.status);
      seeded.push(a);
    }
    const insertCount = db.prepare('INSERT INTO asset_counts (dimension, value, count) VALUES (?, ?, ?)');
    for (const [k, n] of counts) insertCount.run(k.split('/')[0], k.split('/')[1], n);
  })();
  return seeded;
}

// The oracle: the order SQLite's full scan gives (checked below), computed here from the rows.
const nocase = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
function compareValues(a: unknown, b: unknown, caseless: boolean): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  if (Buffer.isBuffer(a)) return Buffer.compare(a, b as Buffer);
  if (typeof a === 'number') return a - (b as number);
  const x = caseless ? nocase(a as string) : (a as string);
  const y = caseless ? nocase(b as string) : (b as string);
  return x < y ? -1 : x > y ? 1 : 0;
}

function oracle(rows: Seeded[], field: AssetSortField, direction: 'asc' | 'desc', filter: AssetFilter, searchIds: Set<number> | null): Seeded[] {
  const keep = rows.filter(
    (a) =>
      (!filter.classes || filter.classes.length === 0 || filter.classes.includes(a.class as (typeof filter.classes)[number])) &&
      (!filter.status || a.status === filter.status) &&
      (!filter.lifecycleStage || a.lifecycle_stage === filter.lifecycleStage) &&
      (!filter.tag || hasTag(a, filter.tag)) &&
      (!searchIds || searchIds.has(a.id)) &&
      (!filter.sourceId || a.sources.includes(filter.sourceId === 'src-a' ? 1 : 2)) &&
      (!filter.software || a.software.some((i) => isSoftware(i, filter.software!))) &&
      (filter.site === undefined || a.sites.includes(filter.site.toLowerCase())) &&
      (filter.lastSeenFrom === undefined || a.last_seen >= filter.lastSeenFrom) &&
      (filter.lastSeenBefore === undefined || a.last_seen < filter.lastSeenBefore) &&
      (filter.qualityFrom === undefined || (a.quality !== null && a.quality >= filter.qualityFrom)) &&
      (filter.qualityBelow === undefined || (a.quality !== null && a.quality < filter.qualityBelow)) &&
      (!filter.missingField || isMissing(a, filter.missingField)),
  );
  const sortKey = SORTS[field].key;
  const sign = direction === 'asc' ? 1 : -1;
  return keep.sort((a, b) => {
    for (const c of sortKey) {
      const d = compareValues(a[c.column as keyof Seeded], b[c.column as keyof Seeded], c.nocase);
      if (d !== 0) return sign * d;
    }
    return sign * (a.id - b.id);
  });
}

function isSoftware(installed: number, ref: NonNullable<AssetFilter['software']>): boolean {
  const [name, version] = SOFTWARE[installed - 1] ?? [];
  return name === ref.name && (ref.version === undefined || version === ref.version);
}

/** A required field without a value: the seeded columns, or (firmware) a field no seeded asset has. */
function isMissing(a: Seeded, field: NonNullable<AssetFilter['missingField']>): boolean {
  if (!classesRequiring(field).includes(a.class as (typeof CLASSES)[number])) return false;
  const column: Record<string, unknown> = { hostname: a.hostname, serial: a.serial, vendor: a.vendor, model: a.model, os_name: a.os_name, primary_ip: a.ip_sort };
  return field in column ? column[field] === null : true;
}

function hasTag(a: Seeded, tag: string): boolean {
  const [k = '', ...rest] = tag.split('=');
  const value = rest.length > 0 ? rest.join('=').trim().toLowerCase() : null;
  return [...a.tags].some(([key, v]) => key.toLowerCase() === k.trim().toLowerCase() && (value === null || v.toLowerCase() === value));
}

const uids = (page: AssetPage) => page.items.map((a) => a.id);

describe('listAssets', () => {
  let dir: TempDir;
  let db: Database;
  let rows: Seeded[];
  const qb = createQueryBuilder();
  const list = (input: Partial<ListAssetsInput> & Pick<ListAssetsInput, 'sort'>, options: ListAssetsOptions = {}) =>
    listAssets(db, qb, { offset: 0, limit: 50, filter: {}, ...input }, options);
  const searchIds = (text: string | undefined): Set<number> | null => {
    if (!text) return null;
    return new Set(db.prepare('SELECT rowid FROM asset_search WHERE asset_search MATCH ?').pluck().all(toSearchQuery(text)) as number[]);
  };

  beforeAll(async () => {
    dir = await createTempDir();
    db = openDatabase(dir.file('inventory.sqlite'));
    migrateDatabase(db, { migrations: LOCAL_MIGRATIONS, backupDir: null, now: () => new Date('2026-03-01T00:00:00Z') });
    rows = seed(db, 1200);
    db.exec('ANALYZE');
  });
  afterAll(async () => {
    db.close();
    await dir.remove();
  });

  it('the oracle orders rows as a full scan of the table does', () => {
    for (const field of ASSET_SORT_FIELDS) {
      for (const direction of ['asc', 'desc'] as const) {
        const sortKey = SORTS[field].key;
        const dir = direction.toUpperCase();
        const order = sortKey.map((c) => `${c.column}${c.nocase ? ' COLLATE NOCASE' : ''} ${dir}`).join(', ');
        const scanned = db.prepare(`SELECT id FROM assets NOT INDEXED ORDER BY ${order}, id ${dir}`).pluck().all();
        expect(scanned, `${field} ${direction}`).toEqual(oracle(rows, field, direction, {}, null).map((a) => a.id));
      }
    }
  });

  const FILTERS: AssetFilter[] = [
    {},
    { classes: ['plc'] },
    { classes: ['plc', 'hmi'] },
    { status: 'stale' },
    { lifecycleStage: 'deployed' },
    { classes: ['server'], status: 'active' },
    { tag: 'env=prod' },
    { tag: 'rare' },
    { search: 'srv' },
    { search: 'plc', status: 'active' },
    { sourceId: 'src-b' },
  ];
  // The filters figures elsewhere open (door-filter-sets.ts), with sorts that use their indexes and sorts that do not.
  const DOOR_FILTERS: AssetFilter[] = [
    { software: { name: 'OpenSSL' } },
    { software: { name: 'OpenSSL', version: '3.0.13' }, status: 'active' },
    { site: 'Plant-B' },
    { site: '' },
    { lastSeenFrom: '2026-02-02T00:00:00.000Z', lastSeenBefore: '2026-02-04T00:00:00.000Z' },
    { qualityFrom: 0.3, qualityBelow: 0.7, classes: ['plc', 'server'] },
    { qualityFrom: 0.9 },
    { missingField: 'serial' },
    { missingField: 'primary_ip', tag: 'env=prod' },
    { missingField: 'firmware' },
  ];
  const DOOR_SORTS: AssetSortField[] = ['name', 'lastSeen', 'qualityScore', 'serial', 'primaryIp'];
  const PLANS: ListAssetsOptions[] = [{}, { plan: 'walk', probe: 'row' }, { plan: 'walk', probe: 'set' }, { plan: 'drive' }];
  const SET_FILTERS = ['tag', 'search', 'sourceId', 'software', 'site', 'lastSeenFrom', 'lastSeenBefore', 'qualityFrom', 'qualityBelow', 'missingField'] as const;
  const plansFor = (filter: AssetFilter) => (SET_FILTERS.some((k) => filter[k] !== undefined) ? PLANS : [{}]);

  function checkPositions(filter: AssetFilter, field: AssetSortField): void {
    for (const direction of ['asc', 'desc'] as const) {
      const expected = oracle(rows, field, direction, filter, searchIds(filter.search)).map((a) => a.uid);
      for (const options of plansFor(filter)) {
        for (const offset of [0, 37, Math.floor(expected.length / 2), Math.max(0, expected.length - 20), expected.length + 5]) {
          const page = list({ offset, limit: 40, sort: { field, direction }, filter }, options);
          const label = `${JSON.stringify(filter)} ${field} ${direction} @${offset} ${JSON.stringify(options)}`;
          expect(uids(page), label).toEqual(expected.slice(offset, offset + 40));
          if (page.totalIsExact) expect(page.total, label).toBe(expected.length);
          else expect(page.total, label).toBeLessThan(expected.length);
        }
      }
    }
  }

  function checkKeyset(filter: AssetFilter, field: AssetSortField): void {
    for (const direction of ['asc', 'desc'] as const) {
      const expected = oracle(rows, field, direction, filter, searchIds(filter.search)).map((a) => a.uid);
      for (const options of plansFor(filter)) {
        const label = `${JSON.stringify(filter)} ${field} ${direction} ${JSON.stringify(options)}`;
        const forward: string[] = [];
        let page = list({ limit: 97, sort: { field, direction }, filter }, options);
        forward.push(...uids(page));
        while (page.endCursor && forward.length < expected.length + 97) {
          page = list({ offset: forward.length, limit: 97, sort: { field, direction }, filter, after: page.endCursor }, options);
          forward.push(...uids(page));
        }
        expect(forward, label).toEqual(expected);
        // Backwards from the last page, each page ending right before the one below it.
        const lastStart = Math.max(0, expected.length - 97);
        page = list({ offset: lastStart, limit: 97, sort: { field, direction }, filter }, options);
        const backward = uids(page);
        while (page.startCursor && backward.length < expected.length + 97) {
          page = list({ offset: 0, limit: 97, sort: { field, direction }, filter, before: page.startCursor }, options);
          if (page.items.length === 0) break;
          backward.unshift(...uids(page));
        }
        expect(backward, label).toEqual(expected);
      }
    }
  }

  it('pages by position exactly as OFFSET on the full ordering, for every sort, filter and plan', () => {
    for (const filter of FILTERS) for (const field of ASSET_SORT_FIELDS) checkPositions(filter, field);
  });

  it('keyset paging visits every row exactly once, forwards and backwards', () => {
    for (const filter of FILTERS) for (const field of ASSET_SORT_FIELDS) checkKeyset(filter, field);
  });

  for (const filter of DOOR_FILTERS) {
    it(`pages by position and by cursor with the filter ${JSON.stringify(filter)}, in every plan`, () => {
      for (const field of DOOR_SORTS) {
        checkPositions(filter, field);
        checkKeyset(filter, field);
      }
    });
  }

  it('walks indexes for class, status, lifecycle and tag filters with every sort: no temp B-tree, no table row per skipped row', () => {
    const statements: { text: string; params: unknown[] }[] = [];
    // Records every statement listAssets runs, with its parameters, to read its query plan.
    const record = <T extends object>(statement: T, text: string): T =>
      new Proxy(statement, {
        get(target, property) {
          const value = Reflect.get(target, property) as unknown;
          if (typeof value !== 'function') return value;
          if (property === 'all' || property === 'get') {
            return (...params: unknown[]) => {
              statements.push({ text, params });
              return (value as (...args: unknown[]) => unknown).apply(target, params);
            };
          }
          if (property === 'raw' || property === 'pluck') return (...args: unknown[]) => record((value as (...a: unknown[]) => object).apply(target, args), text);
          return (value as (...args: unknown[]) => unknown).bind(target);
        },
      });
    const spy = new Proxy(db, {
      get(target, property) {
        if (property === 'prepare') return (text: string) => record(target.prepare(text), text);
        const value = Reflect.get(target, property) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    for (const filter of [{}, { classes: ['plc'] }, { classes: ['plc', 'hmi'] }, { status: 'retired' }, { lifecycleStage: 'in_stock' }, { tag: 'env=prod' }] as AssetFilter[]) {
      for (const field of ASSET_SORT_FIELDS) {
        for (const direction of ['asc', 'desc'] as const) {
          const { total } = list({ limit: 1, sort: { field, direction }, filter });
          statements.length = 0;
          // A jump to a position (past the middle for exact totals: walked from the end), then the next page after its cursor.
          for (const offset of [Math.floor(total * 0.3), Math.floor(total * 0.7)]) {
            const jumped = listAssets(spy, qb, { offset, limit: 10, sort: { field, direction }, filter }, { plan: 'walk', probe: 'row' });
            listAssets(spy, qb, { offset: offset + 10, limit: 10, sort: { field, direction }, filter, after: jumped.endCursor }, { plan: 'walk', probe: 'row' });
          }
          const listQueries = statements.filter((s) => /ORDER BY/.test(s.text) && /INDEXED BY/.test(s.text));
          expect(listQueries.length, `${field} ${JSON.stringify(filter)}`).toBeGreaterThan(1);
          for (const { text, params } of listQueries) {
            const plan = (db.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
            const label = `${field} ${direction} ${JSON.stringify(filter)}: ${plan}`;
            expect(plan, label).not.toMatch(/TEMP B-TREE/);
            expect(plan, label).toMatch(/USING COVERING INDEX assets_/);
          }
        }
      }
    }
  });

  it('sorts IP addresses by number, IPv4 before IPv6', () => {
    const page = list({ limit: 1000, sort: { field: 'primaryIp', direction: 'asc' }, filter: {} });
    const ips = page.items.map((a) => a.primaryIp).filter((ip): ip is string => ip !== null);
    const v4 = ips.filter((ip) => !ip.includes(':'));
    expect(ips.slice(0, v4.length)).toEqual(v4);
    const numeric = (ip: string) => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
    for (let i = 1; i < v4.length; i++) expect(numeric(v4[i - 1] as string)).toBeLessThanOrEqual(numeric(v4[i] as string));
    const v6 = ips.slice(v4.length).map((ip) => parseInt(ip.split('::')[1] ?? '0', 16));
    expect(v6).toEqual([...v6].sort((a, b) => a - b));
    expect(ips.indexOf('10.0.0.9')).toBeLessThan(ips.indexOf('10.0.0.10'));
  });

  it('finds an asset by a MAC address in any notation, from its interfaces or only from its records', () => {
    const byInterface = (mac: string) => uids(list({ sort: { field: 'name', direction: 'asc' }, filter: { search: mac } }));
    for (const notation of ['00:1b:1b:00:00:07', '00-1B-1B-00-00-07', '001b1b000007', '001B.1B00.0007']) expect(byInterface(notation), notation).toEqual(['asset-00007']);
    for (const notation of ['00:1b:21:3a:4f:10', '00-1B-21-3A-4F-10', '001b.213a.4f10']) expect(byInterface(notation), notation).toEqual(['asset-00011']);
    expect(byInterface('02:42:AC:11:00:02')).toEqual(['asset-00012']);
    // Twelve hex digits that are no one's MAC still find what they are: here a serial.
    expect(byInterface('0050568a1b2c')).toEqual(['asset-00013']);
    expect(byInterface('plc 0050568A1B2C')).toEqual(rows.filter((a) => a.id === 13 && /plc/i.test(a.name)).map((a) => a.uid));
    // In any plan.
    for (const options of PLANS) expect(uids(list({ sort: { field: 'lastSeen', direction: 'desc' }, filter: { search: '001B.213A.4F10' } }, options))).toEqual(['asset-00011']);
  });

  it('finds installed software by name, and by name and version', () => {
    const installed = (name: string, version: string) =>
      new Set((db.prepare('SELECT a.asset_id FROM asset_software a JOIN software s ON s.id = a.software_id WHERE s.name = ? AND s.version LIKE ?').pluck().all(name, `${version}%`) as number[]).map((id) => `asset-${String(id).padStart(5, '0')}`));
    const found = (search: string) => new Set(uids(list({ limit: 1000, sort: { field: 'name', direction: 'asc' }, filter: { search } })));
    expect(found('openssl')).toEqual(new Set([...installed('OpenSSL', '1'), ...installed('OpenSSL', '3')]));
    expect(found('openssl 1.1.1')).toEqual(installed('OpenSSL', '1.1.1'));
    expect(found('OpenSSL 3.0')).toEqual(installed('OpenSSL', '3.0'));
    expect(found('tia portal v18')).toEqual(installed('Siemens TIA Portal', 'V18'));
    expect(found('7-zip 23')).toEqual(installed('7-Zip', '23'));
    expect(found('openssl 9.9').size).toBe(0);
  });

  it('gives exact totals from maintained counts or by counting, and flags totals it stopped counting', () => {
    const countWhere = (where: string) => db.prepare(`SELECT count(*) FROM assets WHERE ${where}`).pluck().get() as number;
    const sort = { field: 'vendor', direction: 'asc' } as const;
    expect(list({ sort })).toMatchObject({ total: 1200, totalIsExact: true });
    expect(list({ sort, filter: { classes: ['plc', 'hmi'] } })).toMatchObject({ total: countWhere("class IN ('plc', 'hmi')"), totalIsExact: true });
    expect(list({ sort, filter: { status: 'retired' } })).toMatchObject({ total: countWhere("status = 'retired'"), totalIsExact: true });
    expect(list({ sort, filter: { classes: ['plc'], status: 'stale' } })).toMatchObject({ total: countWhere("class = 'plc' AND status = 'stale'"), totalIsExact: true });
    expect(list({ sort, filter: { lifecycleStage: 'planned' } })).toMatchObject({ total: countWhere("lifecycle_stage = 'planned'"), totalIsExact: true });
    expect(list({ sort, filter: { tag: 'ENV = Test' } })).toMatchObject({ total: rows.filter((a) => a.tags.get('env') === 'Test').length, totalIsExact: true });
    const prodActive = rows.filter((a) => a.tags.get('env') === 'prod' && a.status === 'active').length;
    for (const offset of [0, 100, prodActive - 10]) {
      expect(list({ offset, sort, filter: { tag: 'env=prod', status: 'active' } }, { totalLookahead: 50 })).toMatchObject(
        offset + 50 + 50 < prodActive ? { total: offset + 50 + 50, totalIsExact: false } : { total: prodActive, totalIsExact: true },
      );
    }
  });

  it('ignores a cursor of another sort field and pages by position instead', () => {
    const byName = list({ offset: 100, limit: 10, sort: { field: 'name', direction: 'asc' } });
    const byVendor = list({ offset: 100, limit: 10, sort: { field: 'vendor', direction: 'asc' }, after: byName.endCursor });
    expect(uids(byVendor)).toEqual(uids(list({ offset: 100, limit: 10, sort: { field: 'vendor', direction: 'asc' } })));
    expect(uids(list({ offset: 100, limit: 10, sort: { field: 'vendor', direction: 'asc' }, after: 'not a cursor' }))).toEqual(uids(byVendor));
  });
});
