// Bulk changes through the real application core (dispatcher → bulk change service → real SQLite
// file, real import worker): the preview says exactly what will change, the change is one audited
// operation, and the undo restores exactly the previous values — tags a source reported, lifecycle
// rows that did not exist, statuses, a person's class — except where someone changed a value since.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, type AuditEvent, type Lifecycle, type Tag } from '../../../src-shared/api/index.js';
import { writeServersCacheFile } from '../../collectors/files/servers-cache-sample.js';
import { rejectionOf, startTestAppCore, TEST_ACTOR, type TestAppCore } from '../../test-support/test-app-core.js';

const RECORDS = 600;
// The generated records were last seen in May 2024: some are stale by this clock, most are not.
const NOW = new Date('2024-06-10T00:00:00.000Z');

describe('bulk changes', () => {
  let t: TestAppCore;

  const allIds = async (filter: Record<string, unknown> = {}) => {
    const ids: string[] = [];
    for (let offset = 0; ; offset += 1000) {
      const page = await t.call('assets.list', { filter, limit: 1000, offset, sort: { field: 'name', direction: 'asc' } });
      ids.push(...page.items.map((a) => a.id));
      if (page.items.length < 1000) return ids;
    }
  };
  const tagsOf = async (ids: string[]) => new Map(await Promise.all(ids.map(async (id) => [id, await t.call('assets.tags.get', { id })] as [string, Tag[]])));
  const lifecycleOf = async (ids: string[]) => new Map(await Promise.all(ids.map(async (id) => [id, await t.call('assets.lifecycle.get', { id })] as [string, Lifecycle])));
  const rawTags = () => t.core.db.prepare('SELECT a.uid, t.key, t.value, t.origin FROM tags t JOIN assets a ON a.id = t.asset_id ORDER BY a.uid, t.key').all();
  const rawLifecycle = () => t.core.db.prepare('SELECT a.uid, l.stage, l.owner, l.warranty_end, l.notes FROM lifecycle l JOIN assets a ON a.id = l.asset_id ORDER BY a.uid').all();
  const rawStatuses = () => t.core.db.prepare('SELECT uid, status, lifecycle_stage, owner, class FROM assets ORDER BY uid').all();
  const counts = () => t.core.db.prepare("SELECT value, count FROM asset_counts WHERE dimension = 'status' AND count <> 0 ORDER BY value").all();
  const eventsOf = (correlationId: string) =>
    (t.core.db.prepare('SELECT action, target_type, target_id, before_json, after_json FROM audit_events WHERE correlation_id = ? ORDER BY seq').all(correlationId) as {
      action: string;
      target_type: string;
      target_id: string | null;
      before_json: string | null;
      after_json: string | null;
    }[]);

  beforeAll(async () => {
    t = await startTestAppCore({ now: () => NOW });
    const file = t.dir.file('servers.json');
    await writeServersCacheFile(file, RECORDS, 'json', 42);
    const run = await t.importFile(file, { kind: 'servers_cache', sourceName: 'dc-cmdb' });
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    expect(run.counts.created).toBe(RECORDS);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('previews, applies and undoes a tag change over every asset matching a filter but those left out', async () => {
    const plantA = await allIds({ tag: 'site=plant-a' });
    expect(plantA.length).toBe(RECORDS / 4);
    const except = plantA.slice(0, 5);
    // A few already carry the tag, set by hand: they stay as they are.
    for (const id of plantA.slice(5, 8)) await t.call('assets.tags.replace', { id, tags: [...(await t.call('assets.tags.get', { id })), { key: 'patch-window', value: 'sunday' }] });
    const tagsBefore = rawTags();
    const target = { kind: 'filter' as const, filter: { tag: 'site=plant-a' }, exceptIds: except };
    const action = { kind: 'add_tags' as const, tags: [{ key: 'patch-window', value: 'sunday' }, { key: 'env', value: 'staging' }] };

    const preview = await t.call('assets.bulk.preview', { target, action });
    const envBefore = new Map<string, number>();
    for (const [id, tags] of await tagsOf(plantA.slice(5))) {
      const env = tags.find((tag) => tag.key === 'env')?.value ?? null;
      if (env !== 'staging') envBefore.set(String(env), (envBefore.get(String(env)) ?? 0) + 1);
      expect(id).toBeTruthy();
    }
    expect(preview).toMatchObject({ assets: plantA.length - 5, changing: plantA.length - 5, unchanged: 0, missing: 0 });
    expect(preview.fields).toEqual([
      { field: 'tag:patch-window', to: 'sunday', changing: plantA.length - 8, from: [{ value: null, count: plantA.length - 8 }], fromOther: 0, unchanged: 3 },
      {
        field: 'tag:env',
        to: 'staging',
        changing: plantA.length - 5,
        from: [...envBefore].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count),
        fromOther: 0,
        unchanged: 0,
      },
    ]);
    // A preview writes nothing.
    expect(rawTags()).toEqual(tagsBefore);

    const change = await t.call('assets.bulk.apply', { target, action, expectedAssets: preview.assets });
    expect(change).toMatchObject({ assets: plantA.length - 5, changed: plantA.length - 5, unchanged: 0, actor: TEST_ACTOR, undoneAt: null });
    const after = await tagsOf(plantA);
    for (const id of plantA.slice(5)) expect(after.get(id)).toEqual(expect.arrayContaining([{ key: 'patch-window', value: 'sunday' }, { key: 'env', value: 'staging' }]));
    for (const id of except) expect(after.get(id)?.some((tag) => tag.value === 'staging')).toBe(false);
    // The search index knows the new tags at once.
    expect((await t.call('assets.list', { filter: { tag: 'env=staging' } })).total).toBe(plantA.length - 5);

    // One audit event per changed asset, sharing the change's id, and one for the change.
    const events = eventsOf(change.id);
    expect(events).toHaveLength(plantA.length - 5 + 1);
    const perAsset = events.filter((e) => e.action === 'asset.bulk_changed');
    expect(new Set(perAsset.map((e) => e.target_id))).toEqual(new Set(plantA.slice(5)));
    const sample = perAsset.find((e) => e.target_id === plantA[10]);
    expect(JSON.parse(sample!.after_json!)).toEqual({ 'tag:patch-window': 'sunday', 'tag:env': 'staging' });
    expect(JSON.parse(sample!.before_json!)).toMatchObject({ 'tag:patch-window': null });
    expect(events.at(-1)).toMatchObject({ action: 'assets.bulk.applied', target_type: 'bulk_change', target_id: change.id });
    const history: AuditEvent[] = await t.call('assets.history', { id: plantA[10]! });
    expect(history[0]).toMatchObject({ action: 'asset.bulk_changed', correlationId: change.id });
    expect((await t.call('assets.bulk.list', {})).items[0]).toMatchObject({ id: change.id, changed: plantA.length - 5 });

    const undo = await t.call('assets.bulk.undo', { id: change.id });
    expect(undo).toMatchObject({ restored: plantA.length - 5, skippedCount: 0, skipped: [] });
    expect(undo.change).toMatchObject({ undoneBy: TEST_ACTOR, restored: plantA.length - 5, skipped: 0 });
    // Exactly as before: the source's env tags are back as the source's, the hand-set ones kept.
    expect(rawTags()).toEqual(tagsBefore);
    expect((await t.call('assets.list', { filter: { tag: 'env=staging' } })).total).toBe(0);
    expect(eventsOf(change.id).filter((e) => e.action === 'asset.bulk_undone')).toHaveLength(plantA.length - 5);
    expect((await t.call('audit.verify', {})).ok).toBe(true);

    const again = await rejectionOf(t.call('assets.bulk.undo', { id: change.id }));
    expect(again).toBeInstanceOf(ApiError);
    expect((again as ApiError).code).toBe('conflict');
  });

  it('sets the lifecycle stage and owner on selected assets and gives back exactly the rows they had', async () => {
    const ids = (await allIds({ tag: 'site=plant-b' })).slice(0, 40);
    // One has a full lifecycle record already (kept apart from the stage), two are in maintenance already.
    await t.call('assets.lifecycle.replace', { id: ids[0]!, lifecycle: { stage: 'deployed', owner: 'ot-team', warrantyEnd: '2027-03-31', endOfSale: null, endOfLife: null, notes: 'rack 4' } });
    for (const id of ids.slice(1, 3)) await t.call('assets.lifecycle.replace', { id, lifecycle: { stage: 'in_maintenance', owner: null, warrantyEnd: null, endOfSale: null, endOfLife: null, notes: null } });
    const lifecycleBefore = rawLifecycle();
    const statusesBefore = rawStatuses();
    const target = { kind: 'ids' as const, ids: [...ids, 'no-such-asset'] };
    const action = { kind: 'set_lifecycle_stage' as const, stage: 'in_maintenance' as const };

    const preview = await t.call('assets.bulk.preview', { target, action });
    expect(preview).toMatchObject({ assets: 40, changing: 38, unchanged: 2, missing: 1 });
    expect(preview.fields).toEqual([{ field: 'lifecycleStage', to: 'in_maintenance', changing: 38, from: [{ value: null, count: 37 }, { value: 'deployed', count: 1 }], fromOther: 0, unchanged: 2 }]);
    const change = await t.call('assets.bulk.apply', { target, action, expectedAssets: 40 });
    expect(change.changed).toBe(38);
    const lifecycles = await lifecycleOf(ids);
    expect(lifecycles.get(ids[0]!)).toEqual({ stage: 'in_maintenance', owner: 'ot-team', warrantyEnd: '2027-03-31', endOfSale: null, endOfLife: null, notes: 'rack 4' });
    expect(lifecycles.get(ids[5]!)?.stage).toBe('in_maintenance');
    expect((await t.call('assets.list', { filter: { lifecycleStage: 'in_maintenance' } })).total).toBe(40);

    const owner = await t.call('assets.bulk.apply', { target: { kind: 'ids', ids: ids.slice(0, 10) }, action: { kind: 'set_owner', owner: 'night-shift' }, expectedAssets: 10 });
    expect(owner.fields[0]).toMatchObject({ field: 'owner', to: 'night-shift', changing: 10, from: [{ value: null, count: 9 }, { value: 'ot-team', count: 1 }] });

    // Undo in reverse order: owners, then stages; rows the change created are gone again.
    expect((await t.call('assets.bulk.undo', { id: owner.id })).restored).toBe(10);
    expect((await t.call('assets.bulk.undo', { id: change.id })).restored).toBe(38);
    expect(rawLifecycle()).toEqual(lifecycleBefore);
    expect(rawStatuses()).toEqual(statusesBefore);
    expect((await t.call('assets.list', { filter: { lifecycleStage: 'in_maintenance' } })).total).toBe(2);
  });

  it('retires assets (status and stage), keeps them retired through a staleness sweep, and undoes it with the counts', async () => {
    const ids = (await allIds({ tag: 'site=dc1' })).slice(0, 30);
    const statusesBefore = rawStatuses();
    const countsBefore = counts();
    const summaryBefore = await t.call('assets.summary', {});
    const byStatus = new Map<string, number>();
    for (const id of ids) {
      const status = (await t.call('assets.get', { id })).summary.status;
      byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    }
    const preview = await t.call('assets.bulk.preview', { target: { kind: 'ids', ids }, action: { kind: 'retire' } });
    expect(preview.fields.map((f) => [f.field, f.to, f.changing])).toEqual([
      ['status', 'retired', 30],
      ['lifecycleStage', 'retired', 30],
    ]);
    expect(new Map(preview.fields[0]!.from.map((g) => [g.value, g.count]))).toEqual(byStatus);
    const change = await t.call('assets.bulk.apply', { target: { kind: 'ids', ids }, action: { kind: 'retire' }, expectedAssets: 30 });
    expect(change.changed).toBe(30);

    const retired = await t.call('assets.list', { filter: { status: 'retired' }, limit: 100 });
    expect(retired.total).toBe(30);
    expect(new Set(retired.items.map((a) => a.id))).toEqual(new Set(ids));
    expect(retired.items.every((a) => a.lifecycleStage === 'retired')).toBe(true);
    expect((await t.call('assets.summary', {})).byStatus.find((s) => s.key === 'retired')?.count).toBe(30);
    await t.core.staleness.sweep();
    expect((await t.call('assets.list', { filter: { status: 'retired' } })).total).toBe(30);
    // Retiring again changes nothing and says so.
    const again = await t.call('assets.bulk.preview', { target: { kind: 'ids', ids }, action: { kind: 'retire' } });
    expect(again).toMatchObject({ assets: 30, changing: 0, unchanged: 30 });

    expect((await t.call('assets.bulk.undo', { id: change.id })).restored).toBe(30);
    expect(rawStatuses()).toEqual(statusesBefore);
    expect(counts()).toEqual(countsBefore);
    expect(await t.call('assets.summary', {})).toEqual(summaryBefore);
  });

  it('sets a class as a manual value reconciliation honours, and the undo lets the sources decide again', async () => {
    const ids = (await allIds({ tag: 'site=dc2' })).slice(0, 12);
    const before = await Promise.all(ids.map((id) => t.call('assets.get', { id })));
    expect(before.every((a) => a.summary.class === 'server')).toBe(true);
    const change = await t.call('assets.bulk.apply', { target: { kind: 'ids', ids }, action: { kind: 'set_class', class: 'hmi' }, expectedAssets: 12 });
    expect(change.fields[0]).toMatchObject({ field: 'class', to: 'hmi', changing: 12, from: [{ value: 'server', count: 12 }] });
    for (const id of ids) {
      const asset = await t.call('assets.get', { id });
      // Same asset (its id comes from its first source record), now with a person's record in it.
      expect(asset.summary.class).toBe('hmi');
      expect(asset.sources.some((s) => s.sourceKind === 'manual')).toBe(true);
    }
    expect((await t.call('assets.list', { filter: { classes: ['hmi'] } })).total).toBe(12);

    expect((await t.call('assets.bulk.undo', { id: change.id })).restored).toBe(12);
    const after = await Promise.all(ids.map((id) => t.call('assets.get', { id })));
    expect(after.map((a) => a.summary.class)).toEqual(before.map((a) => a.summary.class));
    expect(after.map((a) => a.fields)).toEqual(before.map((a) => a.fields));
    expect((await t.call('assets.list', { filter: { classes: ['hmi'] } })).total).toBe(0);
    expect((await t.call('audit.verify', {})).ok).toBe(true);
  });

  it('leaves assets someone changed since the change, and says which', async () => {
    const ids = (await allIds({ tag: 'site=dc2' })).slice(20, 30);
    const change = await t.call('assets.bulk.apply', { target: { kind: 'ids', ids }, action: { kind: 'set_owner', owner: 'team-a' }, expectedAssets: 10 });
    const edited = ids[3]!;
    await t.call('assets.lifecycle.replace', { id: edited, lifecycle: { stage: null, owner: 'team-b', warrantyEnd: null, endOfSale: null, endOfLife: null, notes: null } });
    const undo = await t.call('assets.bulk.undo', { id: change.id });
    expect(undo.restored).toBe(9);
    expect(undo.skippedCount).toBe(1);
    expect(undo.skipped).toEqual([{ assetId: edited, name: expect.any(String), reason: 'changed_since' }]);
    expect((await t.call('assets.lifecycle.get', { id: edited })).owner).toBe('team-b');
    expect((await t.call('assets.lifecycle.get', { id: ids[0]! })).owner).toBeNull();
  });

  it('refuses a change when the selection no longer has the count the preview showed, and bad input by field', async () => {
    const ids = (await allIds({ tag: 'site=plant-a' })).slice(0, 3);
    const tagsBefore = rawTags();
    const stale = await rejectionOf(t.call('assets.bulk.apply', { target: { kind: 'ids', ids }, action: { kind: 'remove_tags', keys: ['env'] }, expectedAssets: 4 }));
    expect(stale).toBeInstanceOf(ApiError);
    expect((stale as ApiError).code).toBe('conflict');
    expect((stale as ApiError).message).toContain('4');
    expect(rawTags()).toEqual(tagsBefore);

    const bad = await rejectionOf(t.call('assets.bulk.preview', { target: { kind: 'ids', ids }, action: { kind: 'add_tags', tags: [{ key: ' ', value: 'x' }] } }));
    expect((bad as ApiError).code).toBe('bad_request');
    expect((bad as ApiError).details?.[0]?.path).toBe('action.tags.0.key');
    const unknown = await rejectionOf(t.call('assets.bulk.preview', { target: { kind: 'ids', ids }, action: { kind: 'set_lifecycle_stage', stage: 'scrapped' } as never }));
    expect((unknown as ApiError).details?.[0]?.path).toBe('action.stage');
  });

  it("removes a tag a source reported and the undo gives it back as the source's", async () => {
    const ids = (await allIds({ tag: 'site=plant-b' })).slice(50, 60);
    const tagsBefore = rawTags();
    const change = await t.call('assets.bulk.apply', { target: { kind: 'ids', ids }, action: { kind: 'remove_tags', keys: ['role'] }, expectedAssets: 10 });
    expect(change.fields[0]).toMatchObject({ field: 'tag:role', to: null, changing: 10, unchanged: 0 });
    for (const [, tags] of await tagsOf(ids)) expect(tags.some((tag) => tag.key === 'role')).toBe(false);
    await t.call('assets.bulk.undo', { id: change.id });
    expect(rawTags()).toEqual(tagsBefore);
  });
});
