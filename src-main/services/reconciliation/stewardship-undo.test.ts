// Undoing review-queue decisions through the real application core: an accepted, rejected or
// deferred item goes back to open, the decision it recorded is revoked (and audited), and the assets
// are exactly as they were before the decision — same ids, same members.
import { writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AssetSummary, StewardshipItem } from '../../../src-shared/api/index.js';
import { startTestAppCore, TEST_ACTOR, type TestAppCore } from '../../test-support/test-app-core.js';

const NOW = new Date('2024-06-01T00:00:00.000Z');
const SEEN = '2024-05-30T00:00:00Z';

// The same host name and different model codes: between the review and merge thresholds.
const SERVERS = ['02', '03', '04'].map((n) => ({ id: `SRV-${n}`, hostname: `scada-${n}`, model: 'SIMATIC IPC847E', os_name: 'Windows Server 2019 Standard', last_seen: SEEN }));
const AGENTS = ['02', '03', '04'].map((n) => ({ id: `agent-${n}`, hostname: `scada-${n}`, model: 'SIMATIC IPC647E', class: 'server', last_seen: SEEN }));

describe('undoing review decisions', () => {
  let t: TestAppCore;
  let items: StewardshipItem[];

  const assets = async () => (await t.call('assets.list', { limit: 100 })).items.map((a: AssetSummary) => a.id).sort();
  const members = async () => {
    const out: Record<string, string[]> = {};
    for (const id of await assets()) out[id] = (await t.call('assets.explain', { id })).members.map((m) => `${m.sourceId}/${m.nativeKey}`).sort();
    return out;
  };
  const itemFor = (host: string) => items.find((i) => i.left.fields.some((f) => f.value === host)) as StewardshipItem;
  const statusOf = async (id: string) => {
    for (const status of ['open', 'deferred', 'accepted', 'rejected', 'resolved'] as const) {
      if ((await t.call('stewardship.list', { status })).items.some((i) => i.id === id)) return status;
    }
    return null;
  };

  beforeEach(async () => {
    t = await startTestAppCore({ now: () => NOW });
    for (const [rows, kind, sourceName] of [
      [SERVERS, 'servers_cache', 'dc-cmdb'],
      [AGENTS, 'desktop_cache', 'plant-a-agents'],
    ] as const) {
      const path = t.dir.file(`${sourceName}.json`);
      await writeFile(path, JSON.stringify(rows));
      expect((await t.importFile(path, { kind, sourceName })).status).toBe('succeeded');
    }
    items = (await t.call('stewardship.list', { status: 'open' })).items;
    expect(items).toHaveLength(3);
  });
  afterEach(async () => {
    await t.close();
  });

  it('undoes an accept: the item is open again and the two assets are back, with their ids and members', async () => {
    const before = await members();
    expect(Object.keys(before)).toHaveLength(6);
    const item = itemFor('scada-02');
    const decided = await t.call('stewardship.decide', { ids: [item.id], decision: 'accept' });
    const decisionId = decided.results[0]!.decisionId!;
    expect(await assets()).toHaveLength(5);

    const undo = await t.call('stewardship.undo', { ids: [item.id], note: 'pressed a by mistake' });
    expect(undo.results).toEqual([{ id: item.id, outcome: 'ok', reason: null, revokedDecisionId: decisionId, status: 'open' }]);
    expect(await members()).toEqual(before);
    expect(await statusOf(item.id)).toBe('open');
    const reopened = (await t.call('stewardship.list', { status: 'open' })).items.find((i) => i.id === item.id)!;
    expect(reopened).toMatchObject({ decidedAt: null, decidedBy: null, note: null, score: item.score });
    const decision = (await t.call('decisions.list', { includeRevoked: true })).items.find((d) => d.id === decisionId);
    expect(decision).toMatchObject({ revokedBy: TEST_ACTOR, revokedAt: NOW.toISOString() });
    const audit = await t.call('audit.list', { targetType: 'stewardship', targetId: item.id });
    expect(audit[0]).toMatchObject({ action: 'stewardship.undo', after: { note: 'pressed a by mistake' } });
    expect(t.eventsNamed('assets.changed').at(-1)?.reason).toBe('reconciliation');
    // It can be decided again.
    await t.call('stewardship.decide', { ids: [item.id], decision: 'reject' });
    expect(await statusOf(item.id)).toBe('rejected');
  });

  it('undoes a reject and a defer together, and says what it could not undo', async () => {
    const before = await members();
    const rejected = itemFor('scada-03');
    const deferred = itemFor('scada-04');
    const open = itemFor('scada-02');
    await t.call('stewardship.decide', { ids: [rejected.id], decision: 'reject', note: 'two machines' });
    await t.call('stewardship.decide', { ids: [deferred.id], decision: 'defer' });
    expect((await t.call('decisions.list', {})).items.filter((d) => d.kind === 'never_merge')).toHaveLength(1);

    const undo = await t.call('stewardship.undo', { ids: [rejected.id, deferred.id, open.id, 'no-such-item'] });
    expect(undo.results.map((r) => [r.id, r.outcome, r.reason, r.status])).toEqual([
      [rejected.id, 'ok', null, 'open'],
      [deferred.id, 'ok', null, 'open'],
      [open.id, 'skipped', 'not_decided', 'open'],
      ['no-such-item', 'skipped', 'not_found', null],
    ]);
    expect(undo.results[0]!.revokedDecisionId).toBeTruthy();
    expect(undo.results[1]!.revokedDecisionId).toBeNull();
    expect((await t.call('decisions.list', {})).items.filter((d) => d.kind === 'never_merge')).toHaveLength(0);
    expect((await t.call('stewardship.list', { status: 'open' })).items.map((i) => i.id).sort()).toEqual(items.map((i) => i.id).sort());
    expect(await members()).toEqual(before);
    expect(await t.call('stewardship.counts', {})).toMatchObject({ open: 3, deferred: 0, rejected: 0, accepted: 0 });
    expect((await t.call('audit.verify', {})).ok).toBe(true);
  });
});
