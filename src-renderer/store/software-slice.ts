// The software page: installed software across the estate, searched and sorted on the server
// (software.list), a page at a time; the query survives a trip to the inventory and back.
import type { SoftwareExportFile, SoftwarePage, SoftwareSortField } from '../../src-shared/api/software.js';
import { errorMessage } from '../lib/api-errors.js';
import type { SliceCreator } from './store-types.js';

export const SOFTWARE_PAGE_SIZE = 100;

export interface SoftwareQuery {
  search: string;
  sort: { field: SoftwareSortField; direction: 'asc' | 'desc' };
  offset: number;
}

export interface SoftwareSlice {
  software: {
    query: SoftwareQuery;
    page: SoftwarePage | null;
    loading: boolean;
    error: string | null;
  };
  setSoftwareQuery(patch: Partial<SoftwareQuery>): void;
  loadSoftware(): Promise<void>;
  /** The table as a CSV file, or an error message. */
  exportSoftware(): Promise<SoftwareExportFile | { error: string }>;
}

export const createSoftwareSlice: SliceCreator<SoftwareSlice> = ({ set, get, client }) => ({
  software: { query: { search: '', sort: { field: 'name', direction: 'asc' }, offset: 0 }, page: null, loading: false, error: null },
  setSoftwareQuery(patch) {
    const { software } = get();
    // A new search or sort starts from the first page.
    const offset = patch.offset ?? (patch.search !== undefined || patch.sort !== undefined ? 0 : software.query.offset);
    set({ software: { ...software, query: { ...software.query, ...patch, offset } } });
    void get().loadSoftware();
  },
  async loadSoftware() {
    const { query } = get().software;
    set({ software: { ...get().software, loading: true } });
    try {
      const page = await client.call('software.list', { search: query.search.trim() || undefined, sort: query.sort, offset: query.offset, limit: SOFTWARE_PAGE_SIZE });
      // An answer to a query since replaced is dropped.
      if (get().software.query !== query) return;
      set({ software: { ...get().software, page, loading: false, error: null } });
    } catch (error) {
      if (get().software.query !== query) return;
      set({ software: { ...get().software, loading: false, error: errorMessage(error) } });
    }
  },
  async exportSoftware() {
    const { query } = get().software;
    try {
      return await client.call('software.export', { search: query.search.trim() || undefined, sort: query.sort });
    } catch (error) {
      return { error: errorMessage(error) };
    }
  },
});
