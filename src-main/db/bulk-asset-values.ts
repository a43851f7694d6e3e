// What a bulk change reads and writes on many assets: tags by key, the lifecycle stage and owner,
// the status (retired), and the asset's name and class for the preview. The manual class goes
// through write-manual-values.ts. Statements are prepared once per change; synchronous: callers hold
// the transaction.
import type { Database } from './database.js';

export type TagOrigin = 'person' | 'observed';

/** What one asset holds of the fields a bulk change touches. */
export interface AssetBulkState {
  id: number;
  uid: string;
  name: string;
  class: string;
  status: string;
  /** Whether the asset has a lifecycle row (an undo removes one the change created, once empty). */
  lifecycleRow: boolean;
  stage: string | null;
  owner: string | null;
  /** The asset's tags among the keys asked for. */
  tags: Map<string, { value: string; origin: TagOrigin }>;
}

const CHUNK = 5000;

/** The states of these assets (row ids), in the order given; ids with no asset are left out. */
export function readAssetBulkStates(db: Database, assetIds: readonly number[], tagKeys: readonly string[]): AssetBulkState[] {
  const rows = db.prepare(
    `SELECT a.id, a.uid, a.name, a.class, a.status, l.asset_id IS NOT NULL AS lifecycle_row, l.stage, l.owner
     FROM json_each(?) j JOIN assets a ON a.id = j.value LEFT JOIN lifecycle l ON l.asset_id = a.id ORDER BY j.key`,
  );
  const tags = db.prepare('SELECT t.asset_id, t.key, t.value, t.origin FROM json_each(?) j JOIN tags t ON t.asset_id = j.value WHERE t.key IN (SELECT value FROM json_each(?))');
  const out: AssetBulkState[] = [];
  const keys = JSON.stringify(tagKeys);
  for (let start = 0; start < assetIds.length; start += CHUNK) {
    const ids = JSON.stringify(assetIds.slice(start, start + CHUNK));
    const byId = new Map<number, AssetBulkState>();
    for (const r of rows.all(ids) as { id: number; uid: string; name: string; class: string; status: string; lifecycle_row: number; stage: string | null; owner: string | null }[]) {
      const state: AssetBulkState = { id: r.id, uid: r.uid, name: r.name, class: r.class, status: r.status, lifecycleRow: r.lifecycle_row === 1, stage: r.stage, owner: r.owner, tags: new Map() };
      byId.set(r.id, state);
      out.push(state);
    }
    if (tagKeys.length > 0) {
      for (const t of tags.all(ids, keys) as { asset_id: number; key: string; value: string; origin: TagOrigin }[]) byId.get(t.asset_id)?.tags.set(t.key, { value: t.value, origin: t.origin });
    }
  }
  return out;
}

/** Row ids of assets by their API ids, in the order given; unknown ids are left out. */
export function assetRowIdsOf(db: Database, uids: readonly string[]): number[] {
  const query = db.prepare('SELECT a.id FROM json_each(?) j JOIN assets a ON a.uid = j.value ORDER BY j.key').pluck();
  const out: number[] = [];
  for (let start = 0; start < uids.length; start += CHUNK) out.push(...(query.all(JSON.stringify(uids.slice(start, start + CHUNK))) as number[]));
  return out;
}

/** Writers of single fields, prepared once. */
export function createBulkAssetWriter(db: Database) {
  const q = {
    upsertTag: db.prepare('INSERT INTO tags (asset_id, key, value, origin) VALUES (?, ?, ?, ?) ON CONFLICT (asset_id, key) DO UPDATE SET value = excluded.value, origin = excluded.origin'),
    deleteTag: db.prepare('DELETE FROM tags WHERE asset_id = ? AND key = ?'),
    ensureLifecycle: db.prepare('INSERT INTO lifecycle (asset_id, updated_at) VALUES (?, ?) ON CONFLICT (asset_id) DO NOTHING'),
    setStage: db.prepare('UPDATE lifecycle SET stage = ?, updated_at = ? WHERE asset_id = ?'),
    setOwner: db.prepare('UPDATE lifecycle SET owner = ?, updated_at = ? WHERE asset_id = ?'),
    deleteEmptyLifecycle: db.prepare(
      'DELETE FROM lifecycle WHERE asset_id = ? AND stage IS NULL AND owner IS NULL AND warranty_end IS NULL AND end_of_sale IS NULL AND end_of_life IS NULL AND notes IS NULL',
    ),
    assetStage: db.prepare('UPDATE assets SET lifecycle_stage = ?, updated_at = ? WHERE id = ?'),
    assetOwner: db.prepare('UPDATE assets SET owner = ?, updated_at = ? WHERE id = ?'),
    status: db.prepare('UPDATE assets SET status = ?, updated_at = ? WHERE id = ?'),
    touch: db.prepare('UPDATE assets SET updated_at = ? WHERE id = ?'),
    addCount: db.prepare('INSERT INTO asset_counts (dimension, value, count) VALUES (?, ?, ?) ON CONFLICT (dimension, value) DO UPDATE SET count = count + excluded.count'),
  };
  return {
    /** A tag by key: set with its origin, or removed (null). */
    setTag(assetId: number, key: string, tag: { value: string; origin: TagOrigin } | null, now: string): void {
      if (tag) q.upsertTag.run(assetId, key, tag.value, tag.origin);
      else q.deleteTag.run(assetId, key);
      q.touch.run(now, assetId);
    },
    setLifecycleStage(assetId: number, stage: string | null, now: string): void {
      q.ensureLifecycle.run(assetId, now);
      q.setStage.run(stage, now, assetId);
      q.assetStage.run(stage, now, assetId);
    },
    setOwner(assetId: number, owner: string | null, now: string): void {
      q.ensureLifecycle.run(assetId, now);
      q.setOwner.run(owner, now, assetId);
      q.assetOwner.run(owner, now, assetId);
    },
    /** Removes a lifecycle row that holds nothing any more. */
    dropEmptyLifecycle(assetId: number): void {
      q.deleteEmptyLifecycle.run(assetId);
    },
    /** Moves an asset between statuses, keeping the maintained status counts. */
    setStatus(assetId: number, from: string, to: string, now: string): void {
      if (from === to) return;
      q.status.run(to, now, assetId);
      q.addCount.run('status', from, -1);
      q.addCount.run('status', to, 1);
    },
  };
}

export type BulkAssetWriter = ReturnType<typeof createBulkAssetWriter>;
