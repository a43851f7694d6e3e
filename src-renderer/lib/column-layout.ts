// The inventory grid's column layout (which columns, in which order, how wide): pure helpers over
// the shared ColumnLayout, and reading and writing it as a local preference. A stored layout that is
// not valid any more (a column renamed in a later version) falls back to the default, never fails.
import { ALWAYS_VISIBLE_COLUMN, ColumnLayout, DEFAULT_COLUMN_LAYOUT, INVENTORY_COLUMN_IDS, type InventoryColumnId } from '../../src-shared/api/saved-views.js';
import type { LocalSettings } from './local-settings.js';

export const COLUMN_LAYOUT_SETTING = 'fieldwise.inventory.columns.v1';

/** Every column exactly once: the layout's order, then any column it does not list, in default order. */
export function completeOrder(layout: ColumnLayout): InventoryColumnId[] {
  const listed = [...new Set(layout.order)];
  return [...listed, ...INVENTORY_COLUMN_IDS.filter((id) => !listed.includes(id))];
}

export function visibleColumns(layout: ColumnLayout): InventoryColumnId[] {
  const hidden = new Set(layout.hidden);
  return completeOrder(layout).filter((id) => id === ALWAYS_VISIBLE_COLUMN || !hidden.has(id));
}

export function setColumnVisible(layout: ColumnLayout, id: InventoryColumnId, visible: boolean): ColumnLayout {
  if (id === ALWAYS_VISIBLE_COLUMN) return layout;
  const hidden = layout.hidden.filter((h) => h !== id);
  return { ...layout, hidden: visible ? hidden : [...hidden, id] };
}

/** Moves a column to `index` of the complete order (clamped). */
export function moveColumn(layout: ColumnLayout, id: InventoryColumnId, index: number): ColumnLayout {
  const order = completeOrder(layout).filter((c) => c !== id);
  order.splice(Math.max(0, Math.min(index, order.length)), 0, id);
  return { ...layout, order };
}

/** Moves a column one place among the visible columns (-1 earlier, +1 later). */
export function shiftColumn(layout: ColumnLayout, id: InventoryColumnId, delta: -1 | 1): ColumnLayout {
  const visible = visibleColumns(layout);
  const at = visible.indexOf(id);
  const neighbour = visible[at + delta];
  if (at < 0 || neighbour === undefined) return layout;
  const order = completeOrder(layout);
  return moveColumn(layout, id, order.indexOf(neighbour));
}

export function setColumnWidths(layout: ColumnLayout, widths: Partial<Record<InventoryColumnId, number>>): ColumnLayout {
  return { ...layout, widths: { ...widths } };
}

export function sameLayout(a: ColumnLayout, b: ColumnLayout): boolean {
  const widths = (l: ColumnLayout) => JSON.stringify(Object.entries(l.widths).sort(([x], [y]) => (x < y ? -1 : 1)));
  return (
    completeOrder(a).join() === completeOrder(b).join() &&
    [...new Set(a.hidden)].sort().join() === [...new Set(b.hidden)].sort().join() &&
    widths(a) === widths(b)
  );
}

export function loadColumnLayout(settings: LocalSettings): ColumnLayout {
  const text = settings.read(COLUMN_LAYOUT_SETTING);
  if (!text) return DEFAULT_COLUMN_LAYOUT;
  try {
    const parsed = ColumnLayout.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : DEFAULT_COLUMN_LAYOUT;
  } catch {
    return DEFAULT_COLUMN_LAYOUT;
  }
}

export function saveColumnLayout(settings: LocalSettings, layout: ColumnLayout): void {
  settings.write(COLUMN_LAYOUT_SETTING, JSON.stringify(layout));
}

/** A shown column as fitting sees it: its default width, and whether it may be narrowed to fit. */
export interface FitColumn {
  id: string;
  size: number;
  /** Never narrowed (times, addresses: cut short they stop being readable). */
  fixed?: boolean;
}

/** How far a column may be narrowed below its default width to avoid sideways scrolling. */
export const MIN_FIT_FACTOR = 0.7;

/**
 * Widths for the columns nobody sized by hand, so that the shown columns fit `available` pixels:
 * the flexible ones are narrowed in proportion, to no less than MIN_FIT_FACTOR of their default
 * (and the global minimum); past that the grid scrolls sideways. Widths set by hand (`explicit`)
 * are kept as they are and take their room first. Nothing is ever widened beyond its default.
 */
export function fitColumnWidths(columns: readonly FitColumn[], explicit: Readonly<Record<string, number>>, available: number, minWidth: number): Record<string, number> {
  const free = columns.filter((c) => explicit[c.id] === undefined);
  const taken = columns.reduce((sum, c) => sum + (explicit[c.id] ?? (c.fixed ? c.size : 0)), 0);
  const flexible = free.filter((c) => !c.fixed);
  const wanted = flexible.reduce((sum, c) => sum + c.size, 0);
  const factor = wanted === 0 || !(available > 0) ? 1 : Math.min(1, Math.max(MIN_FIT_FACTOR, (available - taken) / wanted));
  return Object.fromEntries(free.map((c) => [c.id, c.fixed ? c.size : Math.max(minWidth, Math.floor(c.size * factor))]));
}
