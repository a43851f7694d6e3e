// Bulk changes: preview and apply a change to the selected assets, undo one, and the history of
// changes. The target is fixed when the dialog opens (selectionTarget), so the preview and the
// change are about the same assets; main refuses the change if their number moved meanwhile.
import type { BulkAction, BulkChange, BulkPreview, BulkTarget, BulkUndoResult } from '../../src-shared/api/bulk-changes.js';
import { errorMessage } from '../lib/api-errors.js';
import type { SliceCreator } from './store-types.js';

export interface BulkSlice {
  bulkChanges: { items: BulkChange[]; total: number; loaded: boolean; error: string | null };
  previewBulkChange(target: BulkTarget, action: BulkAction): Promise<{ ok: BulkPreview } | { error: string }>;
  applyBulkChange(target: BulkTarget, action: BulkAction, expectedAssets: number): Promise<{ ok: BulkChange } | { error: string }>;
  undoBulkChange(id: string): Promise<{ ok: BulkUndoResult } | { error: string }>;
  loadBulkChanges(): Promise<void>;
  /** Called for `assets.changed`: the history is read again if it is shown. */
  onBulkChangesMayHaveChanged(): void;
}

const HISTORY_SIZE = 50;

export const createBulkSlice: SliceCreator<BulkSlice> = ({ set, get, client }) => ({
  bulkChanges: { items: [], total: 0, loaded: false, error: null },

  async previewBulkChange(target, action) {
    try {
      return { ok: await client.call('assets.bulk.preview', { target, action }) };
    } catch (error) {
      return { error: errorMessage(error) };
    }
  },

  async applyBulkChange(target, action, expectedAssets) {
    try {
      const change = await client.call('assets.bulk.apply', { target, action, expectedAssets });
      get().clearInventorySelection();
      get().invalidateInventory();
      void get().loadBulkChanges();
      return { ok: change };
    } catch (error) {
      return { error: errorMessage(error) };
    }
  },

  async undoBulkChange(id) {
    try {
      const result = await client.call('assets.bulk.undo', { id });
      get().invalidateInventory();
      void get().loadBulkChanges();
      return { ok: result };
    } catch (error) {
      return { error: errorMessage(error) };
    }
  },

  async loadBulkChanges() {
    try {
      const page = await client.call('assets.bulk.list', { limit: HISTORY_SIZE });
      set((s) => ({ bulkChanges: { ...s.bulkChanges, items: page.items, total: page.total, loaded: true, error: null } }));
    } catch (error) {
      set((s) => ({ bulkChanges: { ...s.bulkChanges, loaded: true, error: errorMessage(error) } }));
    }
  },

  onBulkChangesMayHaveChanged() {
    if (get().bulkChanges.loaded) void get().loadBulkChanges();
  },
});
