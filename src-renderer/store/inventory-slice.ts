// The inventory grid's cache: the current query, pages of rows fetched as the user scrolls, the
// total, and the summary counts. The page under the user's eyes is fetched by position (the server
// walks its index to it); the pages around it continue from its first or last row (keyset cursors),
// which costs the server one page of walk however deep the list is. Pages of an older query are
// dropped; pages made stale by `assets.changed` stay visible until their refetch lands, so the grid
// never flashes empty.
import type { AssetFilter, AssetSortField, AssetSummary, AssetSummaryCounts } from '../../src-shared/api/inventory.js';
import { errorMessage } from '../lib/api-errors.js';
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

export const createInventorySlice: SliceCreator<InventorySlice> = ({ set, get, client }) => {
  function resetForQuery(query: InventoryQuery): void {
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
      },
    }));
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
  };
};

/** The row at an absolute index, if its page is cached (possibly stale). */
export function rowAt(pages: InventoryState['pages'], index: number): AssetSummary | undefined {
  const page = pages[Math.floor(index / INVENTORY_PAGE_SIZE)];
  return page?.rows[index % INVENTORY_PAGE_SIZE];
}
