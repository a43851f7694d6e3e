// The inventory grid's cache: the current query, pages of rows fetched as the user scrolls, the
// total, and the summary counts. The page under the user's eyes is fetched by position (the server
// walks its index to it); the pages around it continue from its first or last row (keyset cursors),
// which costs the server one page of walk however deep the list is. Pages of an older query are
// dropped; pages made stale by `assets.changed` stay visible until their refetch lands, so the grid
// never flashes empty. Also the grid's column layout (a local preference), the saved view it was
// opened from, and the rows selected for a bulk change: by hand (ids) or every matching row but some.
import type { BulkTarget } from '../../src-shared/api/bulk-changes.js';
import type { AssetFilter, AssetSortField, AssetSummary, AssetSummaryCounts } from '../../src-shared/api/inventory.js';
import { BULK_MAX_IDS } from '../../src-shared/api/bulk-changes.js';
import type { ColumnLayout, SavedViewDefinition } from '../../src-shared/api/saved-views.js';
import { errorMessage } from '../lib/api-errors.js';
import { loadColumnLayout, saveColumnLayout } from '../lib/column-layout.js';
import { INVENTORY_PAGE_SIZE, pagesForRows, pagesToEvict } from '../lib/page-window.js';
import type { SliceCreator } from './store-types.js';

export type SortDirection = 'asc' | 'desc';

export interface InventoryQuery {
  sort: { field: AssetSortField; direction: SortDirection };
  filter: AssetFilter;
}

export interface CachedPage {
  rows: AssetSummary[];
  /** The data generation the rows were fetched in; older ones are shown but refetched. */
  generation: number;
  /** Cursors of the first and last row: the pages above and below continue from them. */
  startCursor: string | undefined;
  endCursor: string | undefined;
}

/** Rows the grid asked for, and the one in view: kept so that a landed page lets its neighbours follow. */
export interface WantedRows {
  first: number;
  last: number;
  focus: number;
}

/** Rows selected for a bulk change. */
export interface InventorySelection {
  /** true: every asset matching the query except `ids`; false: exactly `ids`. */
  all: boolean;
  ids: ReadonlySet<string>;
}

export const NO_SELECTION: InventorySelection = { all: false, ids: new Set() };

export interface InventoryState {
  query: InventoryQuery;
  /** Bumps when the query changes or the data changed in main. */
  generation: number;
  pages: Record<number, CachedPage>;
  /** page → generation of the request in flight. */
  inFlight: Record<number, number>;
  total: number | null;
  /** False when more assets match than the server counted (the total grows as the grid scrolls). */
  totalIsExact: boolean;
  error: string | null;
  activeIndex: number;
  summary: AssetSummaryCounts | null;
  wanted: WantedRows | null;
  /** Which columns show, in which order, how wide (remembered on this machine). */
  columns: ColumnLayout;
  /** The saved view last opened (its name shows; "changed" when the grid no longer matches it). */
  activeViewId: string | null;
  selection: InventorySelection;
  /** Where a shift-click range starts: the row last clicked. */
  selectionAnchor: number | null;
}

export interface InventorySlice {
  inventory: InventoryState;
  setInventoryFilter(patch: Partial<AssetFilter>): void;
  replaceInventoryFilter(filter: AssetFilter): void;
  toggleInventorySort(field: AssetSortField): void;
  /**
   * Makes sure rows [first, last] are cached or being fetched, the page holding `focus` (the row in
   * view; `first` unless given) first.
   */
  ensureInventoryRows(first: number, last: number, focus?: number): void;
  invalidateInventory(): void;
  setInventoryActiveIndex(index: number): void;
  loadInventorySummary(): Promise<void>;
  setInventoryColumns(layout: ColumnLayout): void;
  /** Shows a saved view: its filter, sort and columns. */
  openInventoryView(id: string, definition: SavedViewDefinition): void;
  setActiveInventoryView(id: string | null): void;
  /** Selects or unselects one row; it becomes the anchor of the next range. */
  toggleInventoryRow(index: number, id: string): void;
  /** Selects every row from the anchor to `index` (rows not loaded yet are fetched); resolves with an error message or null. */
  selectInventoryRange(index: number): Promise<string | null>;
  selectAllInventoryMatching(): void;
  clearInventorySelection(): void;
}

export const DEFAULT_INVENTORY_QUERY: InventoryQuery = { sort: { field: 'name', direction: 'asc' }, filter: {} };

/** Drops empty values so the request (and the "filters active" check) only carries real filters. */
export function compactFilter(filter: AssetFilter): AssetFilter {
  const result: AssetFilter = {};
  if (filter.classes && filter.classes.length > 0) result.classes = filter.classes;
  if (filter.sourceId) result.sourceId = filter.sourceId;
  if (filter.sourceKind) result.sourceKind = filter.sourceKind;
  if (filter.tag && filter.tag.trim()) result.tag = filter.tag.trim();
  if (filter.lifecycleStage) result.lifecycleStage = filter.lifecycleStage;
  if (filter.status) result.status = filter.status;
  if (filter.search && filter.search.trim()) result.search = filter.search.trim();
  // The filters figures elsewhere open (dashboard, software page): kept as given.
  if (filter.software) result.software = filter.software;
  if (filter.site !== undefined) result.site = filter.site;
  if (filter.lastSeenFrom) result.lastSeenFrom = filter.lastSeenFrom;
  if (filter.lastSeenBefore) result.lastSeenBefore = filter.lastSeenBefore;
  if (filter.qualityFrom !== undefined) result.qualityFrom = filter.qualityFrom;
  if (filter.qualityBelow !== undefined) result.qualityBelow = filter.qualityBelow;
  if (filter.missingField) result.missingField = filter.missingField;
  return result;
}

/** Whether two queries ask for the same list: the same filters (empty ones aside) and sort. */
export function sameQuery(a: InventoryQuery, b: InventoryQuery): boolean {
  return (
    a.sort.field === b.sort.field &&
    a.sort.direction === b.sort.direction &&
    JSON.stringify(compactFilter(a.filter)) === JSON.stringify(compactFilter(b.filter))
  );
}

/** Whether a row is in the selection. */
export function isRowSelected(selection: InventorySelection, id: string): boolean {
  return selection.all ? !selection.ids.has(id) : selection.ids.has(id);
}

/** How many rows are selected (with every matching row, out of the list's total). */
export function selectedCount(selection: InventorySelection, total: number | null): number {
  return selection.all ? Math.max(0, (total ?? 0) - selection.ids.size) : selection.ids.size;
}

/** The bulk change target of a selection over this query. */
export function selectionTarget(selection: InventorySelection, query: InventoryQuery): BulkTarget {
  return selection.all ? { kind: 'filter', filter: compactFilter(query.filter), exceptIds: [...selection.ids] } : { kind: 'ids', ids: [...selection.ids] };
}

/** What a saved view of the grid as it is would hold. */
export function currentViewDefinition(inventory: InventoryState): SavedViewDefinition {
  return { filter: compactFilter(inventory.query.filter), sort: inventory.query.sort, columns: inventory.columns };
}

export const createInventorySlice: SliceCreator<InventorySlice> = ({ set, get, client, settings }) => {
  function resetForQuery(query: InventoryQuery): void {
    // The same list asked for again (a search box settling on what it already had, a filter cleared
    // that was not set) keeps its rows and its selection.
    if (sameQuery(get().inventory.query, query)) return;
    set((s) => ({
      inventory: {
        ...s.inventory,
        query,
        generation: s.inventory.generation + 1,
        pages: {},
        inFlight: {},
        error: null,
        activeIndex: 0,
        wanted: null,
        // A selection belongs to the list it was made in.
        selection: NO_SELECTION,
        selectionAnchor: null,
      },
    }));
  }

  function withSelection(change: (selection: InventorySelection) => InventorySelection, anchor?: number | null): void {
    set((s) => ({ inventory: { ...s.inventory, selection: change(s.inventory.selection), ...(anchor === undefined ? {} : { selectionAnchor: anchor }) } }));
  }

  /** Ids of rows [first, last] of the current list: from the cached pages, the rest fetched. */
  async function idsOfRows(first: number, last: number): Promise<string[]> {
    const inv = get().inventory;
    const ids: (string | undefined)[] = [];
    for (let index = first; index <= last; index++) ids.push(rowAt(inv.pages, index)?.id);
    const CHUNK = 1000;
    for (let start = 0; start < ids.length; start += CHUNK) {
      if (ids.slice(start, start + CHUNK).every((id) => id !== undefined)) continue;
      const page = await client.call('assets.list', {
        offset: first + start,
        limit: Math.min(CHUNK, ids.length - start),
        sort: inv.query.sort,
        filter: compactFilter(inv.query.filter),
      });
      page.items.forEach((item, k) => {
        if (ids[start + k] === undefined) ids[start + k] = item.id;
      });
    }
    return ids.filter((id): id is string => id !== undefined);
  }

  async function fetchPage(page: number, generation: number, cursor: { after: string } | { before: string } | null): Promise<void> {
    const { query } = get().inventory;
    try {
      const result = await client.call('assets.list', {
        offset: page * INVENTORY_PAGE_SIZE,
        limit: INVENTORY_PAGE_SIZE,
        sort: query.sort,
        filter: compactFilter(query.filter),
        ...cursor,
      });
      let landed = false;
      set((s) => {
        const inv = s.inventory;
        if (inv.generation !== generation) return {};
        landed = true;
        const pages = { ...inv.pages, [page]: { rows: result.items, generation, startCursor: result.startCursor, endCursor: result.endCursor } };
        for (const evicted of pagesToEvict(Object.keys(pages).map(Number), page)) delete pages[evicted];
        const inFlight = { ...inv.inFlight };
        delete inFlight[page];
        const total = result.total;
        return { inventory: { ...inv, pages, inFlight, total, totalIsExact: result.totalIsExact, error: null, activeIndex: Math.min(inv.activeIndex, Math.max(0, total - 1)) } };
      });
      // Neighbours that waited for this page's cursors can follow now.
      const { wanted } = get().inventory;
      if (landed && wanted) get().ensureInventoryRows(wanted.first, wanted.last, wanted.focus);
    } catch (error) {
      set((s) => {
        const inv = s.inventory;
        if (inv.generation !== generation) return {};
        const inFlight = { ...inv.inFlight };
        delete inFlight[page];
        return { inventory: { ...inv, inFlight, error: errorMessage(error) } };
      });
    }
  }

  return {
    inventory: {
      query: DEFAULT_INVENTORY_QUERY,
      generation: 0,
      pages: {},
      inFlight: {},
      total: null,
      totalIsExact: true,
      error: null,
      activeIndex: 0,
      summary: null,
      wanted: null,
      columns: loadColumnLayout(settings),
      activeViewId: null,
      selection: NO_SELECTION,
      selectionAnchor: null,
    },
    setInventoryFilter(patch) {
      const { query } = get().inventory;
      resetForQuery({ ...query, filter: { ...query.filter, ...patch } });
    },
    replaceInventoryFilter(filter) {
      resetForQuery({ ...get().inventory.query, filter });
    },
    toggleInventorySort(field) {
      const { query } = get().inventory;
      const direction: SortDirection = query.sort.field === field && query.sort.direction === 'asc' ? 'desc' : 'asc';
      resetForQuery({ ...query, sort: { field, direction } });
    },
    ensureInventoryRows(first, last, focus = first) {
      const inv = get().inventory;
      if (inv.error !== null && Object.keys(inv.inFlight).length === 0 && inv.total === null) {
        // A failed first load is retried only by an explicit action (filter change, invalidate, retry).
        return;
      }
      set((s) => ({ inventory: { ...s.inventory, wanted: { first, last, focus } } }));
      const generation = inv.generation;
      const current = (page: number) => {
        const cached = inv.pages[page];
        return cached && cached.generation === generation ? cached : undefined;
      };
      const started = new Set<number>();
      const waiting = new Set<number>();
      const busy = (page: number) => inv.inFlight[page] === generation || started.has(page) || waiting.has(page);
      const focusPage = Math.floor(focus / INVENTORY_PAGE_SIZE);
      const pages = pagesForRows(first, last, inv.total).sort((a, b) => Math.abs(a - focusPage) - Math.abs(b - focusPage));
      for (const page of pages) {
        if (current(page) || busy(page)) continue;
        const above = current(page - 1);
        const below = current(page + 1);
        let cursor: { after: string } | { before: string } | null = null;
        if (above?.endCursor && above.rows.length === INVENTORY_PAGE_SIZE) cursor = { after: above.endCursor };
        else if (below?.startCursor) cursor = { before: below.startCursor };
        else if (busy(page - 1) || busy(page + 1)) {
          // A neighbour is on its way: continue from its cursor when it lands.
          waiting.add(page);
          continue;
        }
        started.add(page);
        set((s) => ({ inventory: { ...s.inventory, inFlight: { ...s.inventory.inFlight, [page]: generation } } }));
        void fetchPage(page, generation, cursor);
      }
    },
    invalidateInventory() {
      set((s) => ({ inventory: { ...s.inventory, generation: s.inventory.generation + 1, inFlight: {}, error: null } }));
      void get().loadInventorySummary();
    },
    setInventoryActiveIndex(index) {
      const { total, activeIndex } = get().inventory;
      const clamped = Math.max(0, Math.min(index, Math.max(0, (total ?? 0) - 1)));
      if (clamped !== activeIndex) set((s) => ({ inventory: { ...s.inventory, activeIndex: clamped } }));
    },
    async loadInventorySummary() {
      try {
        const summary = await client.call('assets.summary', {});
        set((s) => ({ inventory: { ...s.inventory, summary } }));
      } catch {
        // The strip simply stays as it was; the grid reports load failures.
      }
    },
    setInventoryColumns(layout) {
      saveColumnLayout(settings, layout);
      set((s) => ({ inventory: { ...s.inventory, columns: layout } }));
    },
    openInventoryView(id, definition) {
      get().setInventoryColumns(definition.columns);
      resetForQuery({ sort: definition.sort, filter: definition.filter });
      set((s) => ({ inventory: { ...s.inventory, activeViewId: id } }));
    },
    setActiveInventoryView(id) {
      set((s) => ({ inventory: { ...s.inventory, activeViewId: id } }));
    },
    toggleInventoryRow(index, id) {
      withSelection((selection) => {
        const ids = new Set(selection.ids);
        if (ids.has(id)) ids.delete(id);
        else ids.add(id);
        return { all: selection.all, ids };
      }, index);
    },
    async selectInventoryRange(index) {
      const { selectionAnchor, generation, total } = get().inventory;
      const anchor = selectionAnchor ?? index;
      const first = Math.max(0, Math.min(anchor, index));
      const last = Math.min(Math.max(anchor, index), Math.max(0, (total ?? 0) - 1));
      if (last - first + 1 > BULK_MAX_IDS) {
        return `A range can hold at most ${BULK_MAX_IDS.toLocaleString('en-US')} rows picked by hand; use “Select all matching” for more.`;
      }
      let ids: string[];
      try {
        ids = await idsOfRows(first, last);
      } catch (error) {
        return errorMessage(error);
      }
      // The list changed while the rows were fetched: that range means something else now.
      if (get().inventory.generation !== generation) return null;
      withSelection((selection) => {
        const next = new Set(selection.ids);
        for (const id of ids) {
          if (selection.all) next.delete(id);
          else next.add(id);
        }
        return { all: selection.all, ids: next };
      }, index);
      return null;
    },
    selectAllInventoryMatching() {
      withSelection(() => ({ all: true, ids: new Set() }), null);
    },
    clearInventorySelection() {
      withSelection(() => NO_SELECTION, null);
    },
  };
};

/** The row at an absolute index, if its page is cached (possibly stale). */
export function rowAt(pages: InventoryState['pages'], index: number): AssetSummary | undefined {
  const page = pages[Math.floor(index / INVENTORY_PAGE_SIZE)];
  return page?.rows[index % INVENTORY_PAGE_SIZE];
}
