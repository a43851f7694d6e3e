// Saved views of the inventory: a named filter, sort and column layout, stored in the database and
// shareable as a small JSON file (SavedViewFile). The same column ids name the grid's columns in the
// renderer's local layout and in a view.
import { z } from 'zod';
import { Id, IsoTime, SortDirection } from './common.js';
import { defineCall } from './define-contract.js';
import { GRID_COLUMN_IDS } from '../model/asset-columns.js';
import { ASSET_SORT_FIELDS, AssetFilter } from './inventory.js';

/** Every column the inventory grid can show, in its default order. */
export const INVENTORY_COLUMN_IDS = GRID_COLUMN_IDS;
export type InventoryColumnId = (typeof INVENTORY_COLUMN_IDS)[number];

/**
 * Columns hidden until someone shows them (the column chooser): with these out, the default columns
 * fit a 1440-pixel screen without sideways scrolling (the name usually is the host name).
 */
export const INVENTORY_COLUMNS_HIDDEN_BY_DEFAULT: readonly InventoryColumnId[] = ['hostname', 'fqdn', 'sourceCount', 'firstSeen', 'qualityScore'];

/** The column that opens the asset: always shown. */
export const ALWAYS_VISIBLE_COLUMN: InventoryColumnId = 'name';

export const COLUMN_WIDTH_LIMITS = { min: 40, max: 1200 } as const;

const ColumnId = z.enum(INVENTORY_COLUMN_IDS);

/**
 * Which columns show, in which order, and how wide. `order` may leave columns out (a layout saved
 * before a column existed): they follow in their default place. Widths not given use the default.
 */
export const ColumnLayout = z
  .strictObject({
    order: z.array(ColumnId).max(INVENTORY_COLUMN_IDS.length),
    hidden: z.array(ColumnId).max(INVENTORY_COLUMN_IDS.length),
    widths: z.partialRecord(ColumnId, z.number().int().min(COLUMN_WIDTH_LIMITS.min).max(COLUMN_WIDTH_LIMITS.max)),
  })
  .superRefine((layout, ctx) => {
    const seen = new Set<string>();
    layout.order.forEach((id, index) => {
      if (seen.has(id)) ctx.addIssue({ code: 'custom', path: ['order', index], message: `column "${id}" is listed twice` });
      seen.add(id);
    });
    const nameAt = layout.hidden.indexOf(ALWAYS_VISIBLE_COLUMN);
    if (nameAt >= 0) ctx.addIssue({ code: 'custom', path: ['hidden', nameAt], message: 'the Name column cannot be hidden (it opens the asset)' });
  });
export type ColumnLayout = z.infer<typeof ColumnLayout>;

export const DEFAULT_COLUMN_LAYOUT: ColumnLayout = { order: [...INVENTORY_COLUMN_IDS], hidden: [...INVENTORY_COLUMNS_HIDDEN_BY_DEFAULT], widths: {} };

export const ViewSort = z.strictObject({ field: z.enum(ASSET_SORT_FIELDS), direction: SortDirection });

/** What a view holds: the inventory's query and the grid's columns. */
export const SavedViewDefinition = z.strictObject({
  filter: AssetFilter.strict(),
  sort: ViewSort,
  columns: ColumnLayout,
});
export type SavedViewDefinition = z.infer<typeof SavedViewDefinition>;

export const ViewName = z.string().trim().min(1, 'a view needs a name').max(100, 'at most 100 characters');

export const SavedView = z.object({
  id: Id,
  name: z.string(),
  definition: SavedViewDefinition,
  createdAt: IsoTime,
  updatedAt: IsoTime,
  createdBy: z.string(),
});
export type SavedView = z.infer<typeof SavedView>;

export const SAVED_VIEW_FILE_KIND = 'fieldwise.saved-view';
export const SAVED_VIEW_FILE_VERSION = 1;
/** Largest view file accepted (a view is a few hundred bytes). */
export const SAVED_VIEW_FILE_MAX_CHARS = 64 * 1024;

/** A view as a file people pass around: the definition, its name and what the file is. */
export const SavedViewFile = z.strictObject({
  kind: z.literal(SAVED_VIEW_FILE_KIND),
  version: z.literal(SAVED_VIEW_FILE_VERSION),
  name: ViewName,
  exportedAt: IsoTime.optional(),
  filter: SavedViewDefinition.shape.filter,
  sort: ViewSort,
  columns: ColumnLayout,
});
export type SavedViewFile = z.infer<typeof SavedViewFile>;

export const savedViewCalls = {
  'views.list': defineCall({
    summary: 'Saved inventory views, by name.',
    access: 'read',
    input: z.object({}).default({}),
    output: z.array(SavedView),
  }),
  'views.save': defineCall({
    summary: 'Save a view: a new one (no id) or replace the name and definition of an existing one. Names are unique (case aside).',
    access: 'write',
    input: z.object({ id: Id.optional(), name: ViewName, definition: SavedViewDefinition }),
    output: SavedView,
  }),
  'views.rename': defineCall({
    summary: 'Rename a saved view.',
    access: 'write',
    input: z.object({ id: Id, name: ViewName }),
    output: SavedView,
  }),
  'views.delete': defineCall({
    summary: 'Delete a saved view.',
    access: 'write',
    input: z.object({ id: Id }),
    output: z.object({ id: Id }),
  }),
  'views.export': defineCall({
    summary: 'A saved view as a small JSON file (SavedViewFile) to share.',
    access: 'read',
    input: z.object({ id: Id }),
    output: z.object({ fileName: z.string(), content: z.string() }),
  }),
  'views.import': defineCall({
    summary:
      'Save a view from a view file; the file is checked field by field and errors name the field. A name already in use gets a suffix (said in warnings).',
    access: 'write',
    input: z.object({ content: z.string().max(SAVED_VIEW_FILE_MAX_CHARS, `a view file is at most ${SAVED_VIEW_FILE_MAX_CHARS / 1024} KB`), name: ViewName.optional() }),
    output: z.object({ view: SavedView, warnings: z.array(z.string()) }),
  }),
};
