// Reconciliation through the real application core (dispatcher → services → real SQLite file, real
// import worker threads): the matching traps, manual values and suggestions, unmerge, operator
// decisions, the stewardship queue, versions, person-owned data across merges, and quality.
import { writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AssetDetail } from '../../../src-shared/api/index.js';
import { startTestAppCore, type TestAppCore } from '../../test-support/test-app-core.js';

type Row = Record<string, unknown>;
const NOW = new Date('2024-06-01T00:00:00.000Z');

describe('reconciliation', () => {
  let t: TestAppCore;
  let n = 0;
  beforeEach(async () => {
    t = await startTestAppCore({ now: () => NOW });
  });
  afterEach(async () => {
    await t.close();
  });

  async function importRows(rows: Row[], sourceName: string, kind: 'servers_cache' | 'desktop_cache' = 'servers_cache') {
    const path = t.dir.file(`import-${++n}.json`);
    await writeFile(path, JSON.stringify(rows));
    const run = await t.importFile(path, { kind, sourceName });
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    return run;
  }
  const all = async () => (await t.call('assets.list', { limit: 1000 })).items;
  const field = (d: AssetDetail, name: string) => d.fields.find((f) => f.field === name);
  const assetOf = async (sourceName: string, nativeKey: string) => {
    const items = await all();
    for (const a of items) {
      const d = await t.call('assets.get', { id: a.id });
      if (d.sources.some((s) => s.sourceName === sourceName && s.nativeKey === nativeKey)) return d;
    }
    throw new Error(`no asset holds ${sourceName}/${nativeKey}`);
  };

  it('keeps two hosts apart when DHCP gave them the same IP, and merges vendor + serial across sources', async () => {
    await importRows(
      [
        { id: 'a', hostname: 'alpha', interfaces: [{ name: 'eth0', ips: ['10.0.0.5'] }], last_seen: '2024-05-01T00:00:00Z' },
        { id: 'b', hostname: 'bravo', interfaces: [{ name: 'eth0', ips: ['10.0.0.5'] }], last_seen: '2024-05-02T00:00:00Z' },
      ],
      'dhcp-cmdb',
    );
    expect((await all()).length).toBe(2);
    await importRows([{ id: 'x1', hostname: 'srv-x', serial: 'ABC123', vendor: 'Dell Inc.' }], 'cmdb');
    await importRows([{ id: 'agent-x', hostname: 'srv-x-renamed', serial: 'abc123', vendor: 'Dell' }], 'agent');
    const items = await all();
    expect(items.length).toBe(3);
    const merged = await assetOf('agent', 'agent-x');
    expect(merged.sources.map((s) => s.sourceName).sort()).toEqual(['agent', 'cmdb']);
    const why = await t.call('assets.explain', { id: merged.summary.id });
    expect(why.members).toHaveLength(2);
    expect(why.merges[0]?.reason).toBe('score');
    expect(why.merges[0]?.breakdown.some((e) => e.kind === 'serial')).toBe(true);
  });

  it('keeps cloned VMs apart and a renamed host with the same MAC together', async () => {
    await importRows(
      [
        { id: 'vm1', class: 'virtual_machine', hostname: 'web-1', serial: 'VMware-42 1a', vendor: 'VMware', interfaces: [{ name: 'eth0', mac: '00:50:56:aa:00:01' }] },
        { id: 'vm2', class: 'virtual_machine', hostname: 'web-2', serial: 'VMware-42 1a', vendor: 'VMware', interfaces: [{ name: 'eth0', mac: '00:50:56:aa:00:02' }] },
        { id: 'h1', hostname: 'old-name', serial: 'SN-777', vendor: 'HPE', interfaces: [{ name: 'eth0', mac: '24:6e:96:00:00:07' }] },
      ],
      'cmdb',
    );
    await importRows([{ id: 'h1-agent', hostname: 'new-name', interfaces: [{ name: 'eth0', mac: '24:6e:96:00:00:07' }] }], 'agent');
    const items = await all();
    expect(items.length).toBe(3);
    expect((await assetOf('agent', 'h1-agent')).sources.map((s) => s.nativeKey).sort()).toEqual(['h1', 'h1-agent']);
  });

  it('lets a manual value win and shows a later different import value as a suggestion', async () => {
    await importRows([{ id: 'p1', hostname: 'hmi-1', serial: 'S1', vendor: 'Siemens', location: 'Hall 1', last_seen: '2024-05-01T00:00:00Z' }], 'cmdb');
    const id = (await all())[0]!.id;
    await t.call('assets.update', { id, fields: { location: 'Hall 2' } });
    await importRows([{ id: 'p1', hostname: 'hmi-1', serial: 'S1', vendor: 'Siemens', location: 'Hall 3', last_seen: '2024-06-10T00:00:00Z' }], 'cmdb');
    const detail = await t.call('assets.get', { id });
    expect(field(detail, 'location')).toMatchObject({ value: 'Hall 2', sourceKind: 'manual' });
    expect(field(detail, 'location')?.suggestions?.map((s) => s.value)).toEqual(['Hall 3']);
    expect(detail.quality?.score).toBeGreaterThan(0);
    const versions = await t.call('assets.versions', { id });
    expect(versions.items.map((v) => v.change)).toContain('created');
    expect(versions.items[0]?.changes.some((c) => c.field === 'location' || c.field === 'name')).toBeDefined();
    expect(versions.total).toBeGreaterThanOrEqual(2);
  });

  it('unmerges a member into its own asset, keeps it apart on re-import, and honours force and never merge', async () => {
    await importRows([{ id: 'x1', hostname: 'srv-y', serial: 'Q1', vendor: 'Dell' }], 'cmdb');
    await importRows([{ id: 'y1', hostname: 'srv-y', serial: 'Q1', vendor: 'Dell', os_name: 'Linux' }], 'agent');
    const merged = await assetOf('agent', 'y1');
    await t.call('assets.tags.replace', { id: merged.summary.id, tags: [{ key: 'owner', value: 'ops' }] });
    const agentSource = merged.sources.find((s) => s.sourceName === 'agent')!;
    const split = await t.call('assets.unmerge', { id: merged.summary.id, member: { sourceId: agentSource.sourceId, nativeKey: 'y1' }, reason: 'different boxes' });
    expect(split.remainingAssetIds).toHaveLength(1);
    expect(split.memberAssetId).not.toBe(split.remainingAssetIds[0]);
    expect((await all()).length).toBe(2);
    // Re-importing changed content keeps the decision.
    await importRows([{ id: 'y1', hostname: 'srv-y', serial: 'Q1', vendor: 'Dell', os_name: 'Linux 6' }], 'agent');
    expect((await all()).length).toBe(2);
    const decisions = await t.call('decisions.list', {});
    expect(decisions.items.filter((d) => d.kind === 'never_merge')).toHaveLength(1);
    // The person's tag stayed with the asset that kept the first member.
    expect((await t.call('assets.tags.get', { id: split.remainingAssetIds[0]! })).map((x) => x.key)).toContain('owner');

    // Force-merge them again (revokes the never-merge), then a re-import keeps them together.
    const forced = await t.call('assets.forceMerge', { leftId: split.remainingAssetIds[0]!, rightId: split.memberAssetId, reason: 'same after all' });
    expect((await all()).length).toBe(1);
    await importRows([{ id: 'y1', hostname: 'srv-y', serial: 'Q1', vendor: 'Dell', os_name: 'Linux 7' }], 'agent');
    expect((await all()).map((a) => a.id)).toEqual([forced.assetId]);
    expect((await t.call('assets.tags.get', { id: forced.assetId })).map((x) => x.key)).toContain('owner');

    // Revoking the force-merge leaves the never-merge revoked too: the score merges them on its own.
    const again = await t.call('decisions.revoke', { id: forced.decisionId });
    expect(again.decision.revokedAt).not.toBeNull();
    expect((await all()).length).toBe(1);
    const audit = await t.call('audit.list', { limit: 50 });
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['asset.unmerged', 'asset.force_merged', 'match_decision.revoked']));
    expect(t.eventsNamed('assets.changed').some((e) => e.reason === 'reconciliation')).toBe(true);
  });

  it('queues review pairs and applies accept, reject and defer in bulk', async () => {
    // The same host name, but serial numbers one character apart: a typo or another device? A
    // near-duplicate never merges on its own; a person decides.
    const rows = (prefix: string) =>
      [1, 2, 3].map((i) => ({ id: `${prefix}${i}`, hostname: `rev-${i}`, class: 'server', serial: prefix === 'a' ? `CZJ10${i}0A7` : `CZJ10${i}OA7` }));
    await importRows(rows('a'), 'cmdb');
    await importRows(rows('b'), 'agent');
    const queue = await t.call('stewardship.list', {});
    expect(queue.total).toBe(3);
    expect(queue.items[0]!.left.fields.length).toBeGreaterThan(0);
    expect(queue.items[0]!.breakdown.some((e) => e.kind === 'hostname')).toBe(true);
    expect(queue.items[0]!.breakdown.some((e) => e.kind === 'serial_one_edit')).toBe(true);
    const [first, second, third] = queue.items.map((i) => i.id);
    const decided = await t.call('stewardship.decide', { ids: [first!, 'no-such-item'], decision: 'accept', note: 'same host' });
    expect(decided.results.map((r) => r.outcome)).toEqual(['ok', 'skipped']);
    await t.call('stewardship.decide', { ids: [second!], decision: 'reject' });
    await t.call('stewardship.decide', { ids: [third!], decision: 'defer' });
    expect((await t.call('stewardship.list', {})).total).toBe(0);
    expect(await t.call('stewardship.counts', {})).toMatchObject({ open: 0, accepted: 1, rejected: 1, deferred: 1 });
    expect((await all()).length).toBe(5);
    // A later import does not reopen decided pairs.
    await importRows(rows('b').map((r) => ({ ...r, os_name: 'Linux' })), 'agent');
    expect((await t.call('stewardship.list', {})).total).toBe(0);
    expect((await all()).length).toBe(5);
    const quality = await t.call('sources.quality', {});
    expect(quality.map((q) => q.sourceName).sort()).toEqual(['agent', 'cmdb']);
  });

  it('moves lifecycle and person tags to the surviving asset when two assets merge, and a rebuild changes nothing', async () => {
    // The agent's record was first seen earlier, so it names the merged asset: the cmdb asset merges into it.
    await importRows([{ id: 'unrelated', hostname: 'somewhere-else' }], 'agent');
    await importRows([{ id: 'm1', hostname: 'merge-me', serial: 'Z9', vendor: 'Cisco', last_seen: '2024-06-01T00:00:00Z' }], 'cmdb');
    const before = await assetOf('cmdb', 'm1');
    await t.call('assets.lifecycle.replace', { id: before.summary.id, lifecycle: { stage: 'deployed', owner: 'net', warrantyEnd: null, endOfSale: null, endOfLife: null, notes: null } });
    await t.call('assets.tags.replace', { id: before.summary.id, tags: [{ key: 'rack', value: 'R1' }] });
    await importRows([{ id: 'm2', hostname: 'merge-me', serial: 'Z9', vendor: 'Cisco Systems', last_seen: '2024-01-01T00:00:00Z' }], 'agent');
    const after = await assetOf('cmdb', 'm1');
    expect(after.summary.id).not.toBe(before.summary.id);
    expect(after.sources.map((s) => s.nativeKey).sort()).toEqual(['m1', 'm2']);
    expect(after.lifecycle.stage).toBe('deployed');
    expect(after.summary.lifecycleStage).toBe('deployed');
    expect(after.tags).toEqual([{ key: 'rack', value: 'R1' }]);
    const history = await t.call('assets.versions', { id: before.summary.id });
    expect(history.items[0]).toMatchObject({ change: 'merged', successorId: after.summary.id });
    const rebuilt = await t.call('reconcile.rebuild', {});
    expect(rebuilt).toMatchObject({ assets: 2, created: 0, updated: 0, removed: 0 });
  });
});
