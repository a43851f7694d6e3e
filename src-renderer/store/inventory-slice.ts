// The inventory grid's cache: the current query, pages of rows fetched by offset as the user
// scrolls, the total, and the summary counts. Pages of an older query are dropped; pages made stale
// by `assets.changed` stay visible until their refetch lands, so the grid never flashes empty.
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
}

export interface InventorySlice {
  inventory: InventoryState;
  setInventoryFilter(patch: Partial<AssetFilter>): void;
  replaceInventoryFilter(filter: AssetFilter): void;
  toggleInventorySort(field: AssetSortField): void;
  /** Makes sure rows [first, last] are cached or being fetched. */
  ensureInventoryRows(first: number, last: number): void;
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
      },
    }));
  }

  async function fetchPage(page: number, generation: number): Promise<void> {
    const { query } = get().inventory;
    try {
      const result = await client.call('assets.list', {
        offset: page * INVENTORY_PAGE_SIZE,
        limit: INVENTORY_PAGE_SIZE,
        sort: query.sort,
        filter: compactFilter(query.filter),
      });
      set((s) => {
        const inv = s.inventory;
        if (inv.generation !== generation) return {};
        const pages = { ...inv.pages, [page]: { rows: result.items, generation } };
        for (const evicted of pagesToEvict(Object.keys(pages).map(Number), page)) delete pages[evicted];
        const inFlight = { ...inv.inFlight };
        delete inFlight[page];
        const total = result.total;
        return { inventory: { ...inv, pages, inFlight, total, totalIsExact: result.totalIsExact, error: null, activeIndex: Math.min(inv.activeIndex, Math.max(0, total - 1)) } };
      });
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
    ensureInventoryRows(first, last) {
      const inv = get().inventory;
      if (inv.error !== null && Object.keys(inv.inFlight).length === 0 && inv.total === null) {
        // A failed first load is retried only by an explicit action (filter change, invalidate, retry).
        return;
      }
      for (const page of pagesForRows(first, last, inv.total)) {
        const cached = inv.pages[page];
        if (cached && cached.generation === inv.generation) continue;
        if (inv.inFlight[page] === inv.generation) continue;
        set((s) => ({ inventory: { ...s.inventory, inFlight: { ...s.inventory.inFlight, [page]: inv.generation } } }));
        void fetchPage(page, inv.generation);
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
