// Bulk changes: preview, apply and undo a change to many assets (tags, lifecycle stage, owner,
// class, retire). One change is one write through the queue: the values are written (tags and
// lifecycle as people's edits; the class as a manual value reconciliation honours, like a manual
// edit), the values each asset had are kept beside the change, and every changed asset gets an
// audit event carrying the change's id as correlation id (plus one event for the change itself).
// An undo puts back exactly those values on every asset that still holds what the change set, and
// lists the others (changed again since, or merged away) instead of overwriting them.
import {
  ApiError,
  BULK_MAX_ASSETS,
  type ApiParsedInput,
  type BulkAction,
  type BulkChange,
  type BulkPreview,
  type BulkUndoResult,
} from '../../../src-shared/api/index.js';
import type { AssetClass } from '../../../src-shared/model/asset-classes.js';
import { appendAuditEvents, type NewAuditEvent } from '../../db/audit-log.js';
import { refreshAssetSearchMany } from '../../db/asset-search-text.js';
import { assetRowIdsOf, createBulkAssetWriter, readAssetBulkStates, type AssetBulkState } from '../../db/bulk-asset-values.js';
import { bulkChangeItems, getBulkChange, insertBulkChange, listBulkChanges, markBulkChangeUndone, type BulkChangeItemRow } from '../../db/bulk-changes-repository.js';
import type { Database } from '../../db/database.js';
import { matchingAssetIds } from '../../db/list-assets.js';
import type { QueryBuilder } from '../../db/query-builder.js';
import type { RecordWriter } from '../../db/record-writer.js';
import { ensureSource } from '../../db/sources-repository.js';
import { manualClassesOf, writeManualValuesMany, type ManualEdit } from '../../db/write-manual-values.js';
import type { EventPublisher } from '../event-bus.js';
import type { WriteQueue } from '../write-queue.js';
import {
  CLASS_FIELD,
  OWNER_FIELD,
  STAGE_FIELD,
  STATUS_FIELD,
  TAG_FIELD_PREFIX,
  currentValueOf,
  planBulkChange,
  sameValue,
  tagKeysOf,
  targetValuesOf,
  type FieldSnapshot,
  type FieldValues,
} from './plan-bulk-change.js';

export interface BulkChangeServiceDeps {
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

export interface BulkChangeService {
  preview(input: ApiParsedInput<'assets.bulk.preview'>): BulkPreview;
  apply(input: ApiParsedInput<'assets.bulk.apply'>, by: Actor): Promise<BulkChange>;
  undo(id: string, by: Actor): Promise<BulkUndoResult>;
  list(input: ApiParsedInput<'assets.bulk.list'>): { items: BulkChange[]; total: number; offset: number };
}

/** What is kept per changed asset: the values before (with what an exact undo needs) and after. */
interface StoredBefore {
  f: FieldValues;
  /** The asset had a lifecycle row (an undo removes one the change created, once it is empty again). */
  lr: boolean;
  /** The person's class before a class change (null: none, the sources' class held). */
  mc?: AssetClass | null;
}
interface StoredAfter {
  f: FieldValues;
}

const MAX_SKIPPED_LISTED = 100;

export function createBulkChangeService(deps: BulkChangeServiceDeps): BulkChangeService {
  const { db } = deps;
  const iso = () => deps.now().toISOString();

  function manualSourceSeq(): number {
    return ensureSource(db, 'manual', 'manual', { newId: deps.newId, now: iso }).seq;
  }

  /** The target's assets as row ids (each once), and how many named ids no longer exist. */
  function resolveTarget(target: ApiParsedInput<'assets.bulk.preview'>['target']): { rowIds: number[]; missing: number } {
    if (target.kind === 'ids') {
      const uids = [...new Set(target.ids)];
      const rowIds = assetRowIdsOf(db, uids);
      return { rowIds, missing: uids.length - rowIds.length };
    }
    const matched = matchingAssetIds(db, deps.qb, target.filter, BULK_MAX_ASSETS);
    if (matched.more) {
      throw new ApiError(
        'bad_request',
        `More than ${BULK_MAX_ASSETS.toLocaleString('en-US')} assets match this filter; one bulk change can touch at most that many. Narrow the filter (for example by class or source) and apply the change in parts.`,
      );
    }
    if (target.exceptIds.length === 0) return { rowIds: matched.ids, missing: 0 };
    const except = new Set(assetRowIdsOf(db, target.exceptIds));
    return { rowIds: matched.ids.filter((id) => !except.has(id)), missing: 0 };
  }

  function statesOf(rowIds: readonly number[], action: BulkAction): AssetBulkState[] {
    return readAssetBulkStates(db, rowIds, tagKeysOf(targetValuesOf(action).map(([field]) => field)));
  }

  function publish(assetIds: readonly string[]): void {
    if (assetIds.length === 0) return;
    deps.events.publish('assets.changed', { reason: 'bulk', assetIds: assetIds.slice(0, 100), count: assetIds.length });
  }

  /**
   * Writes field values onto assets (the new ones on apply, the old ones on undo). Tags and
   * lifecycle are written directly; classes as the assets' manual class. Returns each asset's id
   * after the write (a class write goes through reconciliation).
   */
  function writeValues(changes: readonly { state: AssetBulkState; values: FieldValues; lifecycleRow: boolean | null; manualClass?: AssetClass | null }[], by: Actor): Map<number, string> {
    const at = iso();
    const writer = createBulkAssetWriter(db);
    const tagged: number[] = [];
    const classEdits: { rowId: number; edit: ManualEdit }[] = [];
    for (const { state, values, lifecycleRow, manualClass } of changes) {
      let touchedTags = false;
      for (const [field, value] of Object.entries(values)) {
        if (field.startsWith(TAG_FIELD_PREFIX)) {
          const tag = value !== null && typeof value === 'object' ? { value: value.v, origin: value.o } : null;
          writer.setTag(state.id, field.slice(TAG_FIELD_PREFIX.length), tag, at);
          touchedTags = true;
        } else if (field === STAGE_FIELD) {
          writer.setLifecycleStage(state.id, value as string | null, at);
        } else if (field === OWNER_FIELD) {
          writer.setOwner(state.id, value as string | null, at);
        } else if (field === STATUS_FIELD) {
          writer.setStatus(state.id, state.status, value as string, at);
        } else if (field === CLASS_FIELD) {
          // Undo gives back the person's class as it was (none: the sources' class holds again).
          const edit: ManualEdit =
            manualClass === undefined
              ? { assetId: state.uid, set: {}, clear: [], assetClass: value as AssetClass }
              : { assetId: state.uid, set: {}, clear: [], assetClass: manualClass, clearClass: manualClass === null };
          classEdits.push({ rowId: state.id, edit });
        }
      }
      if (lifecycleRow === false && (STAGE_FIELD in values || OWNER_FIELD in values)) writer.dropEmptyLifecycle(state.id);
      if (touchedTags) tagged.push(state.id);
    }
    refreshAssetSearchMany(db, tagged);
    const uids = new Map(changes.map((c) => [c.state.id, c.state.uid] as const));
    if (classEdits.length > 0) {
      const results = writeManualValuesMany(
        db,
        classEdits.map((c) => c.edit),
        { manualSourceSeq: manualSourceSeq(), writer: deps.writer, apply: { now: at, cause: { kind: 'manual', id: null, correlationId: by.correlationId } }, newId: deps.newId, actor: by.actor },
      );
      classEdits.forEach((c, i) => uids.set(c.rowId, results[i]?.assetId ?? c.edit.assetId));
    }
    return uids;
  }

  function auditEvent(by: Actor, action: string, targetType: string, targetId: string | null, before: unknown, after: unknown, correlationId: string): NewAuditEvent {
    return { id: deps.newId(), at: iso(), actor: by.actor, action, targetType, targetId, before, after, correlationId };
  }

  /** Values as people read them in the audit trail: a tag is its value. */
  function plain(values: FieldValues): Record<string, string | null> {
    return Object.fromEntries(Object.entries(values).map(([field, value]) => [field, value !== null && typeof value === 'object' ? value.v : value]));
  }

  return {
    preview(input) {
      const { rowIds, missing } = resolveTarget(input.target);
      const { summary } = planBulkChange(statesOf(rowIds, input.action), input.action);
      return { ...summary, missing };
    },

    async apply(input, by) {
      const changeId = deps.newId();
      const result = await deps.writes.run('assets.bulk.apply', () => {
        const { rowIds } = resolveTarget(input.target);
        if (rowIds.length === 0) throw new ApiError('bad_request', 'None of the selected assets exists any more (merged or removed); nothing was changed.');
        if (rowIds.length !== input.expectedAssets) {
          throw new ApiError(
            'conflict',
            `The selection changed since it was checked: the check counted ${input.expectedAssets.toLocaleString('en-US')} assets, ${rowIds.length.toLocaleString('en-US')} match now. Nothing was changed; check the change again.`,
          );
        }
        const { plans, summary } = planBulkChange(statesOf(rowIds, input.action), input.action);
        const classChange = input.action.kind === 'set_class';
        const manualBefore = classChange ? manualClassesOf(db, plans.map((p) => p.state.uid), manualSourceSeq()) : null;
        const uids = writeValues(
          plans.map((p) => ({ state: p.state, values: p.after, lifecycleRow: null })),
          by,
        );
        const at = iso();
        const change: BulkChange = {
          id: changeId,
          action: input.action,
          actor: by.actor,
          at,
          assets: summary.assets,
          changed: summary.changing,
          unchanged: summary.unchanged,
          fields: summary.fields,
          undoneAt: null,
          undoneBy: null,
          restored: null,
          skipped: null,
        };
        const items: BulkChangeItemRow[] = plans.map((p) => {
          const before: StoredBefore = { f: p.before, lr: p.state.lifecycleRow };
          if (manualBefore) before.mc = (manualBefore.get(p.state.uid) ?? null) as AssetClass | null;
          const after: StoredAfter = { f: p.after };
          return { asset_uid: uids.get(p.state.id) ?? p.state.uid, before: JSON.stringify(before), after: JSON.stringify(after) };
        });
        insertBulkChange(db, change, items);
        appendAuditEvents(db, [
          ...plans.map((p) => auditEvent(by, 'asset.bulk_changed', 'asset', uids.get(p.state.id) ?? p.state.uid, plain(p.before), plain(p.after), changeId)),
          auditEvent(by, 'assets.bulk.applied', 'bulk_change', changeId, null, { action: input.action, assets: change.assets, changed: change.changed, unchanged: change.unchanged, fields: change.fields }, changeId),
        ]);
        return { change, assetIds: items.map((i) => i.asset_uid) };
      });
      publish(result.assetIds);
      return result.change;
    },

    async undo(id, by) {
      const first = getBulkChange(db, id);
      if (!first) throw new ApiError('not_found', `Bulk change ${id} does not exist.`);
      if (first.undoneAt) throw new ApiError('conflict', `This bulk change was already undone at ${first.undoneAt} by ${first.undoneBy ?? 'someone'}.`);
      const result = await deps.writes.run('assets.bulk.undo', () => {
        const change = getBulkChange(db, id) as BulkChange;
        if (change.undoneAt) throw new ApiError('conflict', `This bulk change was already undone at ${change.undoneAt} by ${change.undoneBy ?? 'someone'}.`);
        const items = bulkChangeItems(db, id).map((row) => ({ uid: row.asset_uid, before: JSON.parse(row.before) as StoredBefore, after: JSON.parse(row.after) as StoredAfter }));
        const fields = new Set(items.flatMap((i) => Object.keys(i.after.f)));
        const rowIds = assetRowIdsOf(db, items.map((i) => i.uid));
        const states = new Map(readAssetBulkStates(db, rowIds, tagKeysOf(fields)).map((s) => [s.uid, s] as const));
        const manualNow = fields.has(CLASS_FIELD) ? manualClassesOf(db, [...states.keys()], manualSourceSeq()) : null;
        const skipped: BulkUndoResult['skipped'] = [];
        let skippedCount = 0;
        const skip = (uid: string, name: string, reason: BulkUndoResult['skipped'][number]['reason']) => {
          skippedCount += 1;
          if (skipped.length < MAX_SKIPPED_LISTED) skipped.push({ assetId: uid, name, reason });
        };
        const restoring: { state: AssetBulkState; item: (typeof items)[number] }[] = [];
        for (const item of items) {
          const state = states.get(item.uid);
          if (!state) {
            skip(item.uid, item.uid, 'asset_gone');
            continue;
          }
          // Only values the change left are given back: a value someone set since stays theirs.
          const untouched = Object.entries(item.after.f).every(([field, value]: [string, FieldSnapshot]) =>
            field === CLASS_FIELD ? manualNow?.get(state.uid) === value : sameValue(currentValueOf(state, field), value),
          );
          if (untouched) restoring.push({ state, item });
          else skip(state.uid, state.name, 'changed_since');
        }
        const uids = writeValues(
          restoring.map(({ state, item }) => ({ state, values: item.before.f, lifecycleRow: item.before.lr, ...(CLASS_FIELD in item.before.f ? { manualClass: item.before.mc ?? null } : {}) })),
          by,
        );
        const at = iso();
        markBulkChangeUndone(db, id, { at, by: by.actor, restored: restoring.length, skipped: skippedCount });
        appendAuditEvents(db, [
          ...restoring.map(({ state, item }) => auditEvent(by, 'asset.bulk_undone', 'asset', uids.get(state.id) ?? state.uid, plain(item.after.f), plain(item.before.f), id)),
          auditEvent(by, 'assets.bulk.undone', 'bulk_change', id, { action: change.action }, { restored: restoring.length, skipped: skippedCount }, id),
        ]);
        return {
          out: { change: getBulkChange(db, id) as BulkChange, restored: restoring.length, skippedCount, skipped },
          assetIds: restoring.map(({ state }) => uids.get(state.id) ?? state.uid),
        };
      });
      publish(result.assetIds);
      return result.out;
    },

    list: (input) => listBulkChanges(db, input.offset, input.limit),
  };
}
