// Bulk changes to many assets at once: add or remove tags, set the lifecycle stage, the owner or the
// class, retire. A change is previewed first (how many assets, which fields, from what to what),
// applied as one audited operation through the write queue, and can be undone: the undo restores
// exactly the values the change replaced, on every asset nobody changed again since.
import { z } from 'zod';
import { ASSET_CLASSES } from '../model/asset-classes.js';
import { LIFECYCLE_STAGES } from '../model/lifecycle-stages.js';
import { Id, IsoTime } from './common.js';
import { defineCall } from './define-contract.js';
import { AssetFilter, Tag } from './inventory.js';

/** Assets named one by one in one request (a selection by hand); more go by filter. */
export const BULK_MAX_IDS = 20_000;
/** Assets one bulk change may touch; narrow the filter beyond that. */
export const BULK_MAX_ASSETS = 100_000;

/** Which assets: the ones selected by hand, or every asset matching a filter except some. */
export const BulkTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ids'), ids: z.array(Id).min(1, 'select at least one asset').max(BULK_MAX_IDS) }),
  z.object({ kind: z.literal('filter'), filter: AssetFilter, exceptIds: z.array(Id).max(BULK_MAX_IDS).default([]) }),
]);
export type BulkTarget = z.input<typeof BulkTarget>;

const TagKey = z.string().trim().min(1).max(100);

export const BULK_ACTION_KINDS = ['add_tags', 'remove_tags', 'set_lifecycle_stage', 'set_owner', 'set_class', 'retire'] as const;
export type BulkActionKind = (typeof BULK_ACTION_KINDS)[number];

export const BulkAction = z.discriminatedUnion('kind', [
  /** Adds each tag, or gives an existing tag of that key this value (one value per key). */
  z.object({ kind: z.literal('add_tags'), tags: z.array(Tag).min(1).max(20) }),
  /** Removes the tags with these keys, whatever their value. */
  z.object({ kind: z.literal('remove_tags'), keys: z.array(TagKey).min(1).max(20) }),
  z.object({ kind: z.literal('set_lifecycle_stage'), stage: z.enum(LIFECYCLE_STAGES).nullable() }),
  z.object({ kind: z.literal('set_owner'), owner: z.string().trim().max(200).nullable() }),
  /** A person's class (a manual value: it wins over what sources say). */
  z.object({ kind: z.literal('set_class'), class: z.enum(ASSET_CLASSES) }),
  /** Status retired and lifecycle stage retired: kept in the inventory, left out of staleness. */
  z.object({ kind: z.literal('retire') }),
]);
export type BulkAction = z.infer<typeof BulkAction>;

/**
 * One field a bulk change touches: `tag:<key>`, `lifecycleStage`, `owner`, `class` or `status`.
 * Values are as stored (stage and class ids); null is "none".
 */
export const BulkFieldChange = z.object({
  field: z.string(),
  /** The value every changing asset gets (null: removed / none). */
  to: z.string().nullable(),
  /** How many assets change this field. */
  changing: z.number().int(),
  /** The changing assets grouped by their current value, most common first (at most 20 groups). */
  from: z.array(z.object({ value: z.string().nullable(), count: z.number().int() })),
  /** Changing assets in groups beyond those listed. */
  fromOther: z.number().int(),
  /** Assets that already have the value: left as they are. */
  unchanged: z.number().int(),
});
export type BulkFieldChange = z.infer<typeof BulkFieldChange>;

export const BulkPreview = z.object({
  /** Assets the target names that exist now. */
  assets: z.number().int(),
  /** Of those, how many change (at least one field). */
  changing: z.number().int(),
  /** And how many already have every value (nothing happens to them). */
  unchanged: z.number().int(),
  /** Assets named by id that no longer exist (merged or removed since they were selected). */
  missing: z.number().int(),
  fields: z.array(BulkFieldChange),
  /** A few of the assets that change, by name. */
  sample: z.array(z.object({ id: Id, name: z.string() })).max(10),
});
export type BulkPreview = z.infer<typeof BulkPreview>;

export const BulkChange = z.object({
  id: Id,
  action: BulkAction,
  actor: z.string(),
  at: IsoTime,
  /** Assets targeted (that existed), changed and left unchanged when it was applied. */
  assets: z.number().int(),
  changed: z.number().int(),
  unchanged: z.number().int(),
  fields: z.array(BulkFieldChange),
  undoneAt: IsoTime.nullable(),
  undoneBy: z.string().nullable(),
  /** Assets the undo restored, and those it left because they changed again or are gone. */
  restored: z.number().int().nullable(),
  skipped: z.number().int().nullable(),
});
export type BulkChange = z.infer<typeof BulkChange>;

export const BULK_UNDO_SKIP_REASONS = ['changed_since', 'asset_gone'] as const;
export type BulkUndoSkipReason = (typeof BULK_UNDO_SKIP_REASONS)[number];

export const BulkUndoResult = z.object({
  change: BulkChange,
  restored: z.number().int(),
  skippedCount: z.number().int(),
  /** The first assets left as they are, with why. */
  skipped: z.array(z.object({ assetId: Id, name: z.string(), reason: z.enum(BULK_UNDO_SKIP_REASONS) })).max(100),
});
export type BulkUndoResult = z.infer<typeof BulkUndoResult>;

export const bulkChangeCalls = {
  'assets.bulk.preview': defineCall({
    summary: 'What a bulk change would do: how many assets, which fields, from what to what, and how many are already so. Changes nothing.',
    access: 'read',
    input: z.object({ target: BulkTarget, action: BulkAction }),
    output: BulkPreview,
  }),
  'assets.bulk.apply': defineCall({
    summary:
      'Apply a bulk change as one audited operation (one audit event per asset, sharing the change id as correlation id). Refused when the target no longer has the number of assets the preview showed.',
    access: 'write',
    input: z.object({ target: BulkTarget, action: BulkAction, expectedAssets: z.number().int().min(0) }),
    output: BulkChange,
  }),
  'assets.bulk.undo': defineCall({
    summary: 'Undo a bulk change: every asset still holding the values it set gets back exactly the values it had before; the others are listed and left.',
    access: 'write',
    input: z.object({ id: Id }),
    output: BulkUndoResult,
  }),
  'assets.bulk.list': defineCall({
    summary: 'Bulk changes, newest first.',
    access: 'read',
    input: z.object({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(200).default(50) }),
    output: z.object({ items: z.array(BulkChange), total: z.number().int(), offset: z.number().int() }),
  }),
};
