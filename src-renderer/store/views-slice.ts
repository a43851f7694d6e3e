// Saved views of the inventory: the list from main, and saving the grid as it is (filter, sort,
// columns), opening, renaming, deleting, exporting to a file and importing one. Every change goes to
// main first; the list is then read again.
import type { SavedView } from '../../src-shared/api/saved-views.js';
import { errorMessage } from '../lib/api-errors.js';
import { currentViewDefinition } from './inventory-slice.js';
import type { SliceCreator } from './store-types.js';

/** A refusal with the fields it names (a view file's problems). */
export interface ViewProblem {
  error: string;
  details: { path: string; message: string }[];
}

export interface ViewsSlice {
  views: { items: SavedView[]; loaded: boolean; error: string | null };
  loadViews(): Promise<void>;
  /** Saves the grid as it is: as a new view (no id) or over an existing one. */
  saveCurrentView(name: string, id?: string): Promise<{ ok: SavedView } | ViewProblem>;
  openView(id: string): void;
  renameView(id: string, name: string): Promise<{ ok: SavedView } | ViewProblem>;
  deleteView(id: string): Promise<string | null>;
  exportView(id: string): Promise<{ ok: { fileName: string; content: string } } | ViewProblem>;
  importView(content: string): Promise<{ ok: { view: SavedView; warnings: string[] } } | ViewProblem>;
}

function problem(error: unknown): ViewProblem {
  const details = (error as { details?: unknown } | null)?.details;
  return { error: errorMessage(error), details: Array.isArray(details) ? (details as ViewProblem['details']) : [] };
}

export const createViewsSlice: SliceCreator<ViewsSlice> = ({ set, get, client }) => ({
  views: { items: [], loaded: false, error: null },

  async loadViews() {
    try {
      const items = await client.call('views.list', {});
      set((s) => ({ views: { ...s.views, items, loaded: true, error: null } }));
    } catch (error) {
      set((s) => ({ views: { ...s.views, loaded: true, error: errorMessage(error) } }));
    }
  },

  async saveCurrentView(name, id) {
    try {
      const view = await client.call('views.save', { ...(id ? { id } : {}), name, definition: currentViewDefinition(get().inventory) });
      get().setActiveInventoryView(view.id);
      await get().loadViews();
      return { ok: view };
    } catch (error) {
      return problem(error);
    }
  },

  openView(id) {
    const view = get().views.items.find((v) => v.id === id);
    if (view) get().openInventoryView(view.id, view.definition);
  },

  async renameView(id, name) {
    try {
      const view = await client.call('views.rename', { id, name });
      await get().loadViews();
      return { ok: view };
    } catch (error) {
      return problem(error);
    }
  },

  async deleteView(id) {
    try {
      await client.call('views.delete', { id });
      if (get().inventory.activeViewId === id) get().setActiveInventoryView(null);
      await get().loadViews();
      return null;
    } catch (error) {
      return errorMessage(error);
    }
  },

  async exportView(id) {
    try {
      return { ok: await client.call('views.export', { id }) };
    } catch (error) {
      return problem(error);
    }
  },

  async importView(content) {
    try {
      const result = await client.call('views.import', { content });
      await get().loadViews();
      return { ok: result };
    } catch (error) {
      return problem(error);
    }
  },
});
