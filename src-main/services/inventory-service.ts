// Inventory use cases: browse and inspect assets, and the edits a person makes by hand (manual
// fields, tags, lifecycle). Every edit commits together with its audit event, then publishes.
import { ApiError, type ApiParsedInput, type AssetDetail, type AssetPage, type AssetSummaryCounts, type Lifecycle, type Tag } from '../../src-shared/api/index.js';
import { isInternalTagKey, normaliseOtFieldValue, type AssetFieldName, type FieldValue, type ObservationInput } from '../../src-shared/model/index.js';
import { appendAuditEvent, listAuditEvents } from '../db/audit-log.js';
import type { Database } from '../db/database.js';
import { assetRowId, getAssetDetail, getAssetRow, getLifecycle, getTags, summariseAssets } from '../db/inventory-queries.js';
import { listAssets } from '../db/list-assets.js';
import type { QueryBuilder } from '../db/query-builder.js';
import type { RecordWriter } from '../db/record-writer.js';
import { refreshAssetSearch } from '../db/asset-search-text.js';
import { ensureSource } from '../db/sources-repository.js';
import { writeManualValues } from '../db/write-manual-values.js';
import type { EventPublisher } from './event-bus.js';
import type { WriteQueue } from './write-queue.js';

export interface InventoryServiceDeps {
  db: Database;
  qb: QueryBuilder;
  events: EventPublisher;
  writes: WriteQueue;
  writer: RecordWriter;
  now: () => Date;
  newId: () => string;
}

export interface Actor {
  actor: string;
  correlationId: string;
}

export interface InventoryService {
  list(input: ApiParsedInput<'assets.list'>): AssetPage;
  get(id: string): AssetDetail;
  summary(): AssetSummaryCounts;
  create(input: ApiParsedInput<'assets.create'>, by: Actor): Promise<AssetDetail>;
  update(input: ApiParsedInput<'assets.update'>, by: Actor): Promise<AssetDetail>;
  getTags(id: string): Tag[];
  replaceTags(id: string, tags: Tag[], by: Actor): Promise<Tag[]>;
  getLifecycle(id: string): Lifecycle;
  replaceLifecycle(id: string, lifecycle: Lifecycle, by: Actor): Promise<Lifecycle>;
  history(id: string, limit: number): ReturnType<typeof listAuditEvents>;
}

function cleanFields(fields: Partial<Record<AssetFieldName, FieldValue>>): ObservationInput['fields'] {
  const out: ObservationInput['fields'] = {};
  for (const [key, value] of Object.entries(fields) as [AssetFieldName, FieldValue | undefined][]) {
    if (value === undefined || value === null) continue;
    const trimmed = typeof value === 'string' ? value.trim() : value;
    // OT value lists (Purdue level, criticality) are stored in one spelling, whoever types them.
    const checked = trimmed === '' ? { value: trimmed } : normaliseOtFieldValue(key, trimmed);
    if ('problem' in checked) throw new ApiError('bad_request', `${key}: ${checked.problem}.`, [{ path: `fields.${key}`, message: checked.problem }]);
    out[key] = checked.value;
  }
  return out;
}

export function createInventoryService(deps: InventoryServiceDeps): InventoryService {
  const { db } = deps;
  const iso = () => deps.now().toISOString();

  function requireAsset(id: string): void {
    if (!getAssetRow(db, id)) throw new ApiError('not_found', `Asset ${id} does not exist (it may have been merged or removed).`);
  }

  function applyContext(by: Actor) {
    return { now: iso(), cause: { kind: 'manual' as const, id: null, correlationId: by.correlationId } };
  }

  function manualSourceSeq(): number {
    return ensureSource(db, 'manual', 'manual', { newId: deps.newId, now: iso }).seq;
  }

  function audit(by: Actor, action: string, targetId: string, before: unknown, after: unknown): void {
    appendAuditEvent(db, { id: deps.newId(), at: iso(), actor: by.actor, action, targetType: 'asset', targetId, before, after, correlationId: by.correlationId });
  }

  function changed(reason: string, assetIds: string[]): void {
    deps.events.publish('assets.changed', { reason, assetIds, count: assetIds.length });
  }

  /** Replaces an asset's tags with a person's (observed tags a person leaves out become theirs to remove). */
  function writeTags(uid: string, tags: Tag[]): void {
    const id = assetRowId(db, uid) as number;
    // Internal tags are not the person's to replace: they stay as they are.
    const internal = (db.prepare('SELECT key FROM tags WHERE asset_id = ?').pluck().all(id) as string[]).filter(isInternalTagKey);
    db.prepare(`DELETE FROM tags WHERE asset_id = ? AND key NOT IN (${internal.map(() => '?').join(', ')})`).run(id, ...internal);
    // Tags a person set are theirs ('person'): reconciliation keeps them and moves them with merges.
    const insert = db.prepare("INSERT INTO tags (asset_id, key, value, origin) VALUES (?, ?, ?, 'person')");
    for (const tag of tags) insert.run(id, tag.key, tag.value);
    refreshTagTokens(id);
  }

  /** Keeps the search index's tag tokens in step with the tags table. */
  function refreshTagTokens(id: number): void {
    refreshAssetSearch(db, id);
  }

  function uniqueTags(tags: Tag[]): Tag[] {
    const internal = tags.find((tag) => isInternalTagKey(tag.key));
    if (internal) throw new ApiError('bad_request', `The tag "${internal.key.trim()}" is kept by Fieldwise itself and cannot be set by hand; choose another key.`);
    const byKey = new Map<string, Tag>();
    for (const tag of tags) byKey.set(tag.key.trim(), { key: tag.key.trim(), value: tag.value.trim() });
    return [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
  }

  return {
    list: (input) => listAssets(db, deps.qb, input),
    summary: () => summariseAssets(db),
    get(id) {
      const detail = getAssetDetail(db, id);
      if (!detail) throw new ApiError('not_found', `Asset ${id} does not exist (it may have been merged or removed).`);
      return detail;
    },

    async create(input, by) {
      const fields = cleanFields(input.fields);
      if (Object.keys(fields).length === 0) throw new ApiError('bad_request', 'A new asset needs at least one field, for example a name or hostname.');
      const assetId = await deps.writes.run('asset.create', () => {
        const observation: ObservationInput = {
          nativeKey: `manual:${deps.newId()}`,
          observedAt: iso(),
          assetClass: input.class,
          fields,
          interfaces: [],
          software: [],
          tags: {},
          relations: [],
          raw: { fields: input.fields, class: input.class },
        };
        const written = deps.writer.write({ sourceSeq: manualSourceSeq(), runId: null, items: [{ observation }] }, applyContext(by));
        const id = written.records[0]?.assetId ?? '';
        writeTags(id, uniqueTags(input.tags));
        audit(by, 'asset.created', id, null, { class: input.class, fields, tags: input.tags });
        return id;
      });
      changed('manual', [assetId]);
      return getAssetDetail(db, assetId) as AssetDetail;
    },

    async update(input, by) {
      requireAsset(input.id);
      const fields = cleanFields(input.fields);
      // null (or an empty text) removes a value set by hand: the field falls back to what the sources say.
      const cleared = (Object.entries(input.fields) as [AssetFieldName, FieldValue | undefined][])
        .filter(([, value]) => value === null || (typeof value === 'string' && value.trim() === ''))
        .map(([name]) => name);
      for (const name of cleared) delete fields[name];
      if (Object.keys(fields).length === 0 && cleared.length === 0 && !input.class) throw new ApiError('bad_request', 'Nothing to change: give at least one field or a class.');
      const assetId = await deps.writes.run('asset.update', () => {
        requireAsset(input.id);
        const before = getAssetDetail(db, input.id) as AssetDetail;
        const result = writeManualValues(
          db,
          { assetId: input.id, set: fields, clear: cleared, assetClass: input.class ?? null },
          { manualSourceSeq: manualSourceSeq(), writer: deps.writer, apply: applyContext(by), newId: deps.newId, actor: by.actor },
        );
        const reverted = result.reverted;
        if (Object.keys(fields).length === 0 && !input.class) {
          const previous = Object.fromEntries(before.fields.filter((f) => reverted.includes(f.field)).map((f) => [f.field, f.value]));
          audit(by, 'asset.manual_values.removed', result.assetId, { fields: previous }, { removed: reverted });
          return result.assetId;
        }
        const previous = Object.fromEntries(before.fields.filter((f) => f.field in fields || reverted.includes(f.field)).map((f) => [f.field, f.value]));
        audit(by, 'asset.updated', result.assetId, { class: before.summary.class, fields: previous }, { class: input.class ?? before.summary.class, fields, removed: reverted });
        return result.assetId;
      });
      changed('manual', assetId === input.id ? [assetId] : [input.id, assetId]);
      return getAssetDetail(db, assetId) as AssetDetail;
    },

    getTags(id) {
      requireAsset(id);
      return getTags(db, id);
    },

    async replaceTags(id, tags, by) {
      requireAsset(id);
      const next = uniqueTags(tags);
      await deps.writes.run('asset.tags', () => {
        requireAsset(id);
        const before = getTags(db, id);
        writeTags(id, next);
        db.prepare('UPDATE assets SET updated_at = ? WHERE uid = ?').run(iso(), id);
        audit(by, 'asset.tags.replaced', id, { tags: before }, { tags: next });
      });
      changed('tags', [id]);
      return getTags(db, id);
    },

    getLifecycle(id) {
      requireAsset(id);
      return getLifecycle(db, id);
    },

    async replaceLifecycle(id, lifecycle, by) {
      requireAsset(id);
      for (const key of ['warrantyEnd', 'endOfSale', 'endOfLife'] as const) {
        const value = lifecycle[key];
        if (value !== null && !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
          throw new ApiError('bad_request', `Lifecycle ${key} must be a date as YYYY-MM-DD, got "${value}".`, [{ path: `lifecycle.${key}`, message: 'expected YYYY-MM-DD' }]);
        }
      }
      await deps.writes.run('asset.lifecycle', () => {
        requireAsset(id);
        const rowId = assetRowId(db, id) as number;
        const before = getLifecycle(db, id);
        db.prepare(
          `INSERT INTO lifecycle (asset_id, stage, owner, warranty_end, end_of_sale, end_of_life, notes, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (asset_id) DO UPDATE SET stage = excluded.stage, owner = excluded.owner, warranty_end = excluded.warranty_end,
             end_of_sale = excluded.end_of_sale, end_of_life = excluded.end_of_life, notes = excluded.notes, updated_at = excluded.updated_at`,
        ).run(rowId, lifecycle.stage, lifecycle.owner, lifecycle.warrantyEnd, lifecycle.endOfSale, lifecycle.endOfLife, lifecycle.notes, iso());
        db.prepare('UPDATE assets SET lifecycle_stage = ?, owner = ?, updated_at = ? WHERE id = ?').run(lifecycle.stage, lifecycle.owner, iso(), rowId);
        audit(by, 'asset.lifecycle.replaced', id, before, lifecycle);
      });
      changed('lifecycle', [id]);
      return getLifecycle(db, id);
    },

    history(id, limit) {
      requireAsset(id);
      return listAuditEvents(db, { targetType: 'asset', targetId: id, limit });
    },
  };
}
