// The home dashboard through the real application core: every figure equals what the inventory
// lists for the filter it carries, the groups add up, and the counts the writer maintains (sites,
// missing fields) stay equal to a fresh computation from the stored records through imports, merges
// and unmerges — and to what migration 0007 computes from the same records.
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_DIMENSIONS_BACKFILL } from '../../../migrations/0007_dashboard_dimensions.js';
import type { AssetDoor, DashboardSummary } from '../../../src-shared/api/index.js';
import { decodeAssetBody } from '../../db/asset-body.js';
import { examplePath, startTestAppCore, type TestAppCore } from '../../test-support/test-app-core.js';

const NOW = new Date('2024-05-05T00:00:00Z');

/** The maintained dimension rows, and the same computed from every stored body. */
function dimensions(t: TestAppCore) {
  const db = t.core.db;
  const maintained = (dimension: string) =>
    Object.fromEntries((db.prepare('SELECT value, count FROM asset_counts WHERE dimension = ? AND count <> 0 ORDER BY value').all(dimension) as { value: string; count: number }[]).map((r) => [r.value, r.count]));
  const sites = db.prepare('SELECT asset_id, site FROM asset_sites ORDER BY asset_id, site').all() as { asset_id: number; site: string }[];
  const expectedSites: { asset_id: number; site: string }[] = [];
  const siteCounts: Record<string, number> = {};
  const missingCounts: Record<string, number> = {};
  for (const row of db.prepare('SELECT id, body FROM assets ORDER BY id').all() as { id: number; body: string }[]) {
    const body = decodeAssetBody(row.body);
    const own = new Set<string>();
    for (const nic of body.n) for (const ip of nic.ips) if (!['?', 'public', ''].includes(ip.network)) own.add(ip.network);
    if (own.size === 0) own.add('');
    for (const site of [...own].sort()) {
      expectedSites.push({ asset_id: row.id, site });
      siteCounts[site] = (siteCounts[site] ?? 0) + 1;
    }
    for (const field of body.q.missingFields) missingCounts[field] = (missingCounts[field] ?? 0) + 1;
  }
  // Assets running any version of each product, counted from the installations themselves.
  const productCounts: Record<string, number> = {};
  for (const p of db.prepare('SELECT s.name, s.vendor, count(DISTINCT a.asset_id) AS n FROM asset_software a JOIN software s ON s.id = a.software_id GROUP BY s.name, s.vendor').all() as { name: string; vendor: string; n: number }[]) {
    productCounts[`${p.name}\u0000${p.vendor}`] = p.n;
  }
  return {
    sites,
    expectedSites,
    site: maintained('site'),
    expectedSite: siteCounts,
    missing: maintained('missing'),
    expectedMissing: missingCounts,
    product: maintained('product'),
    expectedProduct: productCounts,
  };
}

function expectDimensionsInStep(t: TestAppCore): void {
  const d = dimensions(t);
  expect(d.sites).toEqual(d.expectedSites);
  expect(d.site).toEqual(d.expectedSite);
  expect(d.missing).toEqual(d.expectedMissing);
  expect(Object.keys(d.expectedProduct).length).toBeGreaterThan(0);
  expect(d.product).toEqual(d.expectedProduct);
}

const doorsOf = (s: DashboardSummary): [string, AssetDoor][] =>
  (['byClass', 'bySite', 'bySource', 'byStatus', 'freshness', 'quality', 'missingFields'] as const).flatMap((group) => s[group].map((d): [string, AssetDoor] => [`${group}/${d.key}`, d]));

describe('dashboard', () => {
  let t: TestAppCore;
  let summary: DashboardSummary;

  beforeAll(async () => {
    t = await startTestAppCore({ now: () => NOW });
    for (const [file, kind, sourceName, network] of [
      ['servers.json', 'servers_cache', 'servers', 'plant-a'],
      ['desktops.json', 'desktop_cache', 'desktops', 'plant-a'],
      ['cloud-instances.json', 'cloud_manual', 'cloud', 'aws-prod'],
    ] as const) {
      expect((await t.importFile(examplePath(file), { kind, sourceName, network })).status).toBe('succeeded');
    }
    // A record with no network and one with a missing serial, seen long ago, to fill more buckets.
    const extra = t.dir.file('extra.json');
    await writeFile(
      extra,
      JSON.stringify([
        { id: 'x-1', hostname: 'old-plc-01', class: 'plc', vendor: 'Siemens', model: 'S7-300', ips: ['192.168.0.10'], last_seen: '2024-02-01T00:00:00Z' },
        { id: 'x-2', hostname: 'lab-srv-01', vendor: 'Dell Inc.', model: 'PowerEdge R240', ips: ['10.99.0.5'], software: [{ name: 'Lab Agent', version: '1.0', vendor: 'Acme' }], last_seen: '2024-05-04T18:00:00Z' },
      ]),
    );
    expect((await t.importFile(extra, { kind: 'servers_cache', sourceName: 'lab' })).status).toBe('succeeded');
    summary = await t.call('dashboard.get', {});
  });
  afterAll(async () => {
    await t?.close();
  });

  it('counts every figure as the inventory lists its filter', async () => {
    const doors = doorsOf(summary);
    expect(doors.length).toBeGreaterThan(15);
    for (const [label, door] of doors) {
      const page = await t.call('assets.list', { filter: door.filter, limit: 1000 });
      expect({ label, total: page.total, exact: page.totalIsExact, listed: page.items.length }).toEqual({ label, total: door.count, exact: true, listed: door.count });
    }
  });

  it('adds up: classes, statuses, freshness and quality each cover every asset once', async () => {
    const all = await t.call('assets.list', { limit: 1 });
    const sum = (doors: AssetDoor[]) => doors.reduce((n, d) => n + d.count, 0);
    expect(summary.total).toBe(all.total);
    expect(sum(summary.byClass)).toBe(summary.total);
    expect(sum(summary.byStatus)).toBe(summary.total);
    expect(sum(summary.freshness)).toBe(summary.total);
    expect(sum(summary.quality) + summary.unscored).toBe(summary.total);
    // An asset on two sites would count in both; these examples put each asset on one.
    expect(sum(summary.bySite)).toBe(summary.total);
    expect(summary.freshness.map((b) => b.key)).toEqual(['day', 'week', 'month', 'older']);
    expect(summary.generatedAt).toBe(NOW.toISOString());
  });

  it('names sites after the networks the imports declared, and lists assets without one apart', async () => {
    const sites = Object.fromEntries(summary.bySite.map((d) => [d.key, d.count]));
    expect(Object.keys(sites).sort()).toEqual(['', 'aws-prod', 'plant-a']);
    expect(summary.bySite.find((d) => d.key === '')?.label).toBe('No named network');
    // The two lab records came without a network.
    expect(sites['']).toBe(2);
    const onPlantA = await t.call('assets.list', { filter: { site: 'Plant-A' }, limit: 1000 });
    for (const asset of onPlantA.items) {
      const detail = await t.call('assets.get', { id: asset.id });
      expect(detail.interfaces.flatMap((n) => n.ips.map((ip) => ip.network))).toContain('plant-a');
    }
  });

  it('puts last-seen times in the right buckets, counted back from its clock', async () => {
    const bucket = Object.fromEntries(summary.freshness.map((d) => [d.key, d.count]));
    // Counted here from every asset's last-seen time: lab-srv-01 was seen 6 hours before the clock,
    // old-plc-01 in February, the examples 3-6 days before (records without a time, at the import).
    const ages = (await t.call('assets.list', { limit: 1000 })).items.map((a) => (NOW.getTime() - Date.parse(a.lastSeen)) / 86_400_000);
    expect(bucket).toEqual({
      day: ages.filter((d) => d <= 1).length,
      week: ages.filter((d) => d > 1 && d <= 7).length,
      month: ages.filter((d) => d > 7 && d <= 30).length,
      older: ages.filter((d) => d > 30).length,
    });
    expect(bucket.older).toBe(1);
    expect(bucket.week).toBeGreaterThan(20);
    expect(summary.freshness.find((d) => d.key === 'week')?.filter).toEqual({ lastSeenFrom: '2024-04-28T00:00:00.000Z', lastSeenBefore: '2024-05-04T00:00:00.000Z' });
    const older = await t.call('assets.list', { filter: summary.freshness.find((d) => d.key === 'older')!.filter });
    expect(older.items.map((a) => a.name)).toEqual(['old-plc-01']);
  });

  it('lists the fields most often missing, each opening the assets that lack it', async () => {
    expect(summary.missingFields.length).toBeGreaterThan(0);
    const counts = summary.missingFields.map((d) => d.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    // old-plc-01 has no serial and no firmware (a PLC requires both); lab-srv-01 has no serial and no OS.
    const serial = summary.missingFields.find((d) => d.key === 'serial');
    const withoutSerial = await t.call('assets.list', { filter: { missingField: 'serial' }, limit: 1000 });
    expect(withoutSerial.items.map((a) => a.name)).toEqual(expect.arrayContaining(['lab-srv-01', 'old-plc-01']));
    expect(withoutSerial.total).toBe(serial?.count);
    const firmware = await t.call('assets.list', { filter: { missingField: 'firmware', classes: ['plc'] } });
    expect(firmware.items.map((a) => a.name)).toEqual(['old-plc-01']);
    for (const item of withoutSerial.items) expect((await t.call('assets.get', { id: item.id })).quality?.missingFields).toContain('serial');
  });

  it('shows open review items and recent runs with their outcomes', async () => {
    const counts = await t.call('stewardship.counts', {});
    expect(summary.review).toEqual({ open: counts.open, deferred: counts.deferred });
    const runs = await t.call('runs.list', { limit: 8 });
    expect(summary.runs.recent.map((r) => r.id)).toEqual(runs.map((r) => r.id));
    expect(summary.runs.byStatus).toEqual([{ status: 'succeeded', count: 4 }]);
    const fewer = await t.call('dashboard.get', { recentRuns: 2 });
    expect(fewer.runs.recent).toHaveLength(2);
  });

  it('keeps the maintained sites, missing-field and product counts equal to the stored records through merges and unmerges, as migration 0007 computes them', async () => {
    expectDimensionsInStep(t);
    // A second source sees lab-srv-01 with a serial and an IP on another network: one asset, updated.
    const more = t.dir.file('more.json');
    await writeFile(more, JSON.stringify([{ id: 'm-1', hostname: 'lab-srv-01', serial: 'LAB0001', vendor: 'Dell Inc.', ips: ['10.50.0.5'], software: [{ name: 'Lab Agent', version: '1.1', vendor: 'Acme' }], last_seen: '2024-05-04T20:00:00Z' }]));
    expect((await t.importFile(more, { kind: 'desktop_cache', sourceName: 'agents', network: 'plant-b' })).status).toBe('succeeded');
    expectDimensionsInStep(t);
    const lab = (await t.call('assets.list', { filter: { search: 'lab-srv-01' } })).items[0]!;
    const detail = await t.call('assets.get', { id: lab.id });
    expect(detail.sources).toHaveLength(2);
    expect((await t.call('assets.list', { filter: { site: 'plant-b' } })).items.map((a) => a.id)).toEqual([lab.id]);
    // Two versions of one product on one asset: the product counts it once.
    const labAgent = (await t.call('software.list', { search: 'lab agent' })).items;
    expect(labAgent.map((p) => [p.name, p.assets, p.versions.length])).toEqual([['Lab Agent', 1, 2]]);
    const agents = detail.sources.find((s) => s.sourceName === 'agents')!;
    const split = await t.call('assets.unmerge', { id: lab.id, member: { sourceId: agents.sourceId, nativeKey: agents.nativeKey }, reason: 'test' });
    expectDimensionsInStep(t);
    expect((await t.call('software.list', { search: 'lab agent' })).items[0]?.assets).toBe(2);
    await t.call('assets.forceMerge', { leftId: split.remainingAssetIds[0]!, rightId: split.memberAssetId, reason: 'test' });
    expectDimensionsInStep(t);
    expect((await t.call('software.list', { search: 'lab agent' })).items[0]?.assets).toBe(1);

    // The migration's statements, run over the same records, give the same rows (rolled back after).
    const db = t.core.db;
    const snapshot = () => ({
      sites: db.prepare('SELECT asset_id, site FROM asset_sites ORDER BY 1, 2').all(),
      counts: db.prepare("SELECT dimension, value, count FROM asset_counts WHERE dimension IN ('site', 'missing', 'product') AND count <> 0 ORDER BY 1, 2").all(),
    });
    const maintained = snapshot();
    db.exec('SAVEPOINT backfill');
    try {
      db.exec(DASHBOARD_DIMENSIONS_BACKFILL);
      expect(snapshot()).toEqual(maintained);
    } finally {
      db.exec('ROLLBACK TO backfill; RELEASE backfill');
    }

    const after = await t.call('dashboard.get', {});
    for (const [label, door] of doorsOf(after)) expect({ label, total: (await t.call('assets.list', { filter: door.filter })).total }).toEqual({ label, total: door.count });
  });
});
