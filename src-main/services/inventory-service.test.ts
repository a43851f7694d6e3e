// The inventory use cases through the real application core (dispatcher → inventory service →
// queries on a real SQLite file), checked against an independent reading of the example files:
// paging, sorting, every filter, search, summary counts, and the edits a person makes by hand.
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, type AssetFilter, type AssetSummary } from '../../src-shared/api/index.js';
import { countRows, examplePath, rejectionOf, startTestAppCore, TEST_ACTOR, type TestAppCore } from '../test-support/test-app-core.js';

interface HostRecord {
  id?: string;
  hostname: string;
  class?: string;
  serial?: string;
  tags?: Record<string, string>;
  location?: string;
  os_version?: string;
  last_seen?: string;
}
interface CloudRecord {
  name: string;
  tags?: Record<string, string>;
}

const servers = JSON.parse(readFileSync(examplePath('servers.json'), 'utf8')) as HostRecord[];
const desktops = JSON.parse(readFileSync(examplePath('desktops.json'), 'utf8')) as HostRecord[];
const clouds = JSON.parse(readFileSync(examplePath('cloud-instances.json'), 'utf8')) as CloudRecord[];

/** What the files say, without going through the importer: name, class and tags of every asset. */
const expected = [
  ...servers.map((r) => ({ name: r.hostname, class: r.class ?? 'server', tags: r.tags ?? {} })),
  ...desktops.map((r) => ({ name: r.hostname, class: r.class ?? 'workstation', tags: r.tags ?? {} })),
  ...clouds.map((r) => ({ name: r.name, class: 'cloud_instance', tags: r.tags ?? {} })),
];
const byName = (a: string, b: string) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0);
const sortedNames = (names: string[]) => [...names].sort(byName);
const names = (items: AssetSummary[]) => items.map((a) => a.name);

describe('inventory queries', () => {
  let t: TestAppCore;
  const list = async (filter: AssetFilter, limit = 1000) => t.call('assets.list', { filter, limit });
  const idOf = async (name: string) => {
    const page = await list({ search: name });
    const found = page.items.find((a) => a.name === name);
    if (!found) throw new Error(`no asset named ${name}`);
    return found.id;
  };

  beforeAll(async () => {
    // The example files were exported in May 2024: the clock stands three days later, so what they describe is current.
    t = await startTestAppCore({ now: () => new Date('2024-05-05T00:00:00Z') });
    for (const [file, kind, sourceName] of [
      ['servers.json', 'servers_cache', 'servers'],
      ['desktops.json', 'desktop_cache', 'desktops'],
      ['cloud-instances.json', 'cloud_manual', 'cloud'],
    ] as const) {
      const run = await t.importFile(examplePath(file), { kind, sourceName });
      expect(run.status).toBe('succeeded');
    }
    await t.call('assets.lifecycle.replace', { id: await idOf('hist-01'), lifecycle: { stage: 'deployed', owner: 'ot-team', warrantyEnd: '2027-03-31', endOfSale: null, endOfLife: null, notes: null } });
    // Mark one asset stale by hand (the engine marks assets stale as time passes) to test the filter.
    t.core.db.prepare("UPDATE assets SET status = 'stale' WHERE name = 'lap-ot-02'").run();
    t.core.db.prepare("UPDATE asset_counts SET count = count + (CASE value WHEN 'stale' THEN 1 ELSE -1 END) WHERE dimension = 'status' AND value IN ('stale', 'active')").run();
    t.core.db.prepare("INSERT OR IGNORE INTO asset_counts (dimension, value, count) VALUES ('status', 'stale', 1)").run();
  });
  afterAll(async () => {
    await t.close();
  });

  it('pages through all assets with offset and limit', async () => {
    const all = await t.call('assets.list', { limit: 1000 });
    expect(all.total).toBe(expected.length);
    expect(all.items).toHaveLength(expected.length);
    const seen: string[] = [];
    for (let offset = 0; offset < expected.length; offset += 10) {
      const page = await t.call('assets.list', { offset, limit: 10 });
      expect(page.total).toBe(expected.length);
      expect(page.offset).toBe(offset);
      expect(page.items).toHaveLength(Math.min(10, expected.length - offset));
      seen.push(...page.items.map((a) => a.id));
    }
    expect(seen).toEqual(all.items.map((a) => a.id));
    expect(new Set(seen).size).toBe(expected.length);
    const beyond = await t.call('assets.list', { offset: 1000, limit: 10 });
    expect(beyond).toEqual({ items: [], total: expected.length, offset: 1000, totalIsExact: true });
  });

  it('sorts by name ascending and descending', async () => {
    const asc = await t.call('assets.list', { limit: 1000, sort: { field: 'name', direction: 'asc' } });
    expect(names(asc.items)).toEqual(sortedNames(expected.map((e) => e.name)));
    const desc = await t.call('assets.list', { limit: 1000, sort: { field: 'name', direction: 'desc' } });
    expect(names(desc.items)).toEqual(sortedNames(expected.map((e) => e.name)).reverse());
  });

  it('sorts by last seen', async () => {
    const asc = await t.call('assets.list', { limit: 1000, sort: { field: 'lastSeen', direction: 'asc' } });
    const times = asc.items.map((a) => a.lastSeen);
    expect(times).toEqual([...times].sort());
    // The oldest last_seen in the files.
    expect(asc.items[0]?.name).toBe('lap-ot-01');
    expect(asc.items[0]?.lastSeen).toBe('2024-04-29T14:10:00.000Z');
    const desc = await t.call('assets.list', { limit: 1000, sort: { field: 'lastSeen', direction: 'desc' } });
    expect(desc.items.map((a) => a.id)).toEqual(asc.items.map((a) => a.id).reverse());
  });

  it('filters by class', async () => {
    expect(names((await list({ classes: ['hmi'] })).items)).toEqual(['hmi-a-pack1']);
    const workstations = await list({ classes: ['workstation'] });
    expect(workstations.total).toBe(expected.filter((e) => e.class === 'workstation').length);
    const serversAndHmis = await list({ classes: ['server', 'hmi'] });
    expect(sortedNames(names(serversAndHmis.items))).toEqual(sortedNames(expected.filter((e) => e.class === 'server' || e.class === 'hmi').map((e) => e.name)));
    expect(serversAndHmis.total).toBe(serversAndHmis.items.length);
  });

  it('filters by source id and source kind', async () => {
    const sources = await t.call('sources.list', {});
    const desktopsSource = sources.find((s) => s.name === 'desktops');
    expect(desktopsSource?.kind).toBe('desktop_cache');
    expect(desktopsSource?.observationCount).toBe(desktops.length);
    const fromDesktops = await list({ sourceId: desktopsSource?.id as string });
    expect(sortedNames(names(fromDesktops.items))).toEqual(sortedNames(desktops.map((d) => d.hostname)));
    const cloud = await list({ sourceKind: 'cloud_manual' });
    expect(sortedNames(names(cloud.items))).toEqual(sortedNames(clouds.map((c) => c.name)));
    expect((await list({ sourceKind: 'snmp' })).total).toBe(0);
  });

  it('filters by tag key and by key=value', async () => {
    const withKey = (key: string) => sortedNames(expected.filter((e) => key in e.tags).map((e) => e.name));
    const withPair = (key: string, value: string) => sortedNames(expected.filter((e) => e.tags[key] === value).map((e) => e.name));
    expect(sortedNames(names((await list({ tag: 'cluster' })).items))).toEqual(withKey('cluster'));
    expect(sortedNames(names((await list({ tag: 'role=historian' })).items))).toEqual(withPair('role', 'historian'));
    expect(sortedNames(names((await list({ tag: 'env=prod' })).items))).toEqual(withPair('env', 'prod'));
    expect(withPair('env', 'prod').length).toBeGreaterThan(3);
    expect((await list({ tag: 'env=nope' })).total).toBe(0);
    // Filters combine.
    expect(sortedNames(names((await list({ tag: 'zone=L2', classes: ['hmi'] })).items))).toEqual(['hmi-a-pack1']);
  });

  it('filters by lifecycle stage and status', async () => {
    expect(names((await list({ lifecycleStage: 'deployed' })).items)).toEqual(['hist-01']);
    expect((await list({ lifecycleStage: 'retired' })).total).toBe(0);
    expect(names((await list({ status: 'stale' })).items)).toEqual(['lap-ot-02']);
    expect((await list({ status: 'active' })).total).toBe(expected.length - 1);
  });

  it('searches by hostname part, IP, MAC and serial, case-insensitively', async () => {
    const search = async (text: string) => sortedNames(names((await list({ search: text })).items));
    expect(await search('scada')).toEqual(['scada-01']);
    // Every word is a prefix: "hist" finds the historians and the cloud replica of one.
    expect(await search('hist')).toEqual(['hist-01', 'hist-02', 'historian-replica']);
    expect(await search('HIST-01')).toEqual(['hist-01']);
    expect(await search('plant-a')).toEqual(sortedNames(servers.concat(desktops).filter((r) => r.hostname && JSON.stringify(r).includes('.plant-a.')).map((r) => r.hostname)));
    expect(await search('10.10.30.6')).toEqual(['scada-01']);
    expect(await search('172.31.0.10')).toEqual(['bastion-prod']);
    expect(await search('94:40:c9:3e:10:a2')).toEqual(['scada-01']);
    expect(await search('7xk2qh3')).toEqual(['hist-01']);
    expect(await search('ews a')).toEqual(['ews-a-01', 'ews-a-02', 'ews-a-03']);
    expect(await search('no-such-thing')).toEqual([]);
    expect(await search('"; DROP TABLE assets; --')).toEqual([]);
    expect(countRows(t.core, 'assets')).toBe(expected.length);
  });

  it('summarises counts by class, status and source', async () => {
    const summary = await t.call('assets.summary', {});
    expect(summary.total).toBe(expected.length);
    const classCounts = new Map<string, number>();
    for (const e of expected) classCounts.set(e.class, (classCounts.get(e.class) ?? 0) + 1);
    expect(Object.fromEntries(summary.byClass.map((c) => [c.key, c.count]))).toEqual(Object.fromEntries(classCounts));
    expect(Object.fromEntries(summary.byStatus.map((c) => [c.key, c.count]))).toEqual({ active: expected.length - 1, stale: 1 });
    expect(summary.bySource.map((s) => [s.label, s.count]).sort()).toEqual(
      [
        ['cloud (Cloud instance file)', clouds.length],
        ['desktops (Desktop inventory file)', desktops.length],
        ['servers (Server inventory file)', servers.length],
      ].sort(),
    );
  });
});

describe('inventory edits', () => {
  let t: TestAppCore;
  beforeEach(async () => {
    // The example files were exported in May 2024: the clock stands three days later, so what they describe is current.
    t = await startTestAppCore({ now: () => new Date('2024-05-05T00:00:00Z') });
    await t.importFile(examplePath('servers.json'), { kind: 'servers_cache', sourceName: 'servers' });
  });
  afterEach(async () => {
    await t.close();
  });

  const idOf = async (name: string) => {
    const page = await t.call('assets.list', { filter: { search: name } });
    const found = page.items.find((a) => a.name === name);
    if (!found) throw new Error(`no asset named ${name}`);
    return found.id;
  };
  const field = async (id: string, name: string) => (await t.call('assets.get', { id })).fields.find((f) => f.field === name);

  it('creates an asset by hand with manual provenance, tags and an audit event', async () => {
    const created = await t.call('assets.create', { class: 'plc', fields: { name: ' PLC Line 7 ', vendor: 'Siemens', model: 'S7-1500', serial: 'S C-K7L12345' }, tags: [{ key: 'zone', value: 'L1' }] });
    expect(created.summary).toMatchObject({ name: 'PLC Line 7', class: 'plc', vendor: 'Siemens', sourceCount: 1 });
    expect(created.fields.find((f) => f.field === 'model')).toMatchObject({ value: 'S7-1500', sourceKind: 'manual', confidence: 1 });
    expect(created.tags).toEqual([{ key: 'zone', value: 'L1' }]);
    const history = await t.call('assets.history', { id: created.summary.id });
    expect(history.map((e) => e.action)).toEqual(['asset.created']);
    expect(history[0]?.actor).toBe(TEST_ACTOR);
    expect(t.eventsNamed('assets.changed').some((e) => e.reason === 'manual' && e.assetIds.includes(created.summary.id))).toBe(true);
    expect((await t.call('assets.list', { filter: { search: 'plc line' } })).items.map((a) => a.id)).toEqual([created.summary.id]);

    const empty = await rejectionOf(t.call('assets.create', { class: 'plc', fields: {} }));
    expect((empty as ApiError).code).toBe('bad_request');
  });

  it('keeps a manual value over a later import of a different value, while other fields still update', async () => {
    const id = await idOf('hist-01');
    const updated = await t.call('assets.update', { id, fields: { location: 'Cage 9', os_version: '10.0.20348' } });
    expect(updated.fields.find((f) => f.field === 'location')).toMatchObject({ value: 'Cage 9', sourceKind: 'manual' });

    const newer = servers.map((r) => (r.hostname === 'hist-01' ? { ...r, location: 'Rack 7', cpu: 'Intel Xeon Gold 6430', last_seen: '2024-06-01T00:00:00Z' } : r));
    const path = t.dir.file('servers-newer.json');
    await writeFile(path, JSON.stringify(newer));
    const run = await t.importFile(path, { kind: 'servers_cache', sourceName: 'servers' });
    expect(run.counts).toMatchObject({ updated: 1, unchanged: servers.length - 1 });
    expect(await field(id, 'location')).toMatchObject({ value: 'Cage 9', sourceKind: 'manual' });
    expect(await field(id, 'cpu')).toMatchObject({ value: 'Intel Xeon Gold 6430', sourceName: 'servers' });
    const history = await t.call('assets.history', { id });
    expect(history[0]).toMatchObject({ action: 'asset.updated', before: { fields: { location: 'Plant A / Server room / Rack 2 U12' } }, after: { fields: { location: 'Cage 9' } } });

    const nothing = await rejectionOf(t.call('assets.update', { id, fields: {} }));
    expect((nothing as ApiError).code).toBe('bad_request');
  });

  it('audits tag and lifecycle replacement with before and after, and the chain still verifies', async () => {
    const id = await idOf('hist-01');
    const tags = await t.call('assets.tags.replace', { id, tags: [{ key: 'owner', value: 'ot-team' }, { key: 'zone', value: 'L3.5' }] });
    expect(tags).toEqual([{ key: 'owner', value: 'ot-team' }, { key: 'zone', value: 'L3.5' }]);
    expect(await t.call('assets.tags.get', { id })).toEqual(tags);
    expect((await t.call('assets.list', { filter: { tag: 'role' } })).items.map((a) => a.id)).not.toContain(id);

    const lifecycle = { stage: 'in_maintenance' as const, owner: 'ot-team', warrantyEnd: '2027-03-31', endOfSale: null, endOfLife: '2030-12-31', notes: 'PSU swap' };
    expect(await t.call('assets.lifecycle.replace', { id, lifecycle })).toEqual(lifecycle);
    expect((await t.call('assets.get', { id })).summary.lifecycleStage).toBe('in_maintenance');

    const history = await t.call('assets.history', { id });
    expect(history.map((e) => e.action)).toEqual(['asset.lifecycle.replaced', 'asset.tags.replaced']);
    expect(history[1]?.before).toEqual({ tags: [{ key: 'criticality', value: 'high' }, { key: 'role', value: 'historian' }, { key: 'zone', value: 'L3' }] });
    expect(history[1]?.after).toEqual({ tags });
    expect(history[0]?.before).toEqual({ stage: null, owner: null, warrantyEnd: null, endOfSale: null, endOfLife: null, notes: null });
    expect(history[0]?.after).toEqual(lifecycle);
    const verify = await t.call('audit.verify', {});
    expect(verify.ok).toBe(true);
    // The import's own event plus the two edits.
    expect(verify.checked).toBe(3);
  });

  it('rejects a lifecycle date that is not YYYY-MM-DD and changes nothing', async () => {
    const id = await idOf('hist-01');
    const auditBefore = countRows(t.core, 'audit_events');
    const error = await rejectionOf(
      t.call('assets.lifecycle.replace', { id, lifecycle: { stage: 'deployed', owner: null, warrantyEnd: '31/12/2026', endOfSale: null, endOfLife: null, notes: null } }),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('bad_request');
    expect((error as ApiError).message).toContain('warrantyEnd');
    expect(await t.call('assets.lifecycle.get', { id })).toMatchObject({ stage: null, warrantyEnd: null });
    expect(countRows(t.core, 'audit_events')).toBe(auditBefore);
  });

  it('answers not_found for an unknown asset id on every call', async () => {
    const id = '0190a1b2-0000-7000-8000-000000000000';
    const lifecycle = { stage: null, owner: null, warrantyEnd: null, endOfSale: null, endOfLife: null, notes: null };
    for (const attempt of [
      t.call('assets.get', { id }),
      t.call('assets.update', { id, fields: { location: 'x' } }),
      t.call('assets.tags.get', { id }),
      t.call('assets.tags.replace', { id, tags: [] }),
      t.call('assets.lifecycle.get', { id }),
      t.call('assets.lifecycle.replace', { id, lifecycle }),
      t.call('assets.history', { id }),
    ]) {
      const error = await rejectionOf(attempt);
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).code).toBe('not_found');
    }
    expect(countRows(t.core, 'audit_events')).toBe(1);
  });
});
