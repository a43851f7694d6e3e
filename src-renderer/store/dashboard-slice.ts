// The home dashboard's figures (one API call, dashboard.get). Refetched when the page opens and when
// assets change while it is shown; the figures carry the inventory filters their doors open.
import type { DashboardSummary } from '../../src-shared/api/dashboard.js';
import { errorMessage } from '../lib/api-errors.js';
import type { SliceCreator } from './store-types.js';

export interface DashboardSlice {
  dashboard: {
    summary: DashboardSummary | null;
    loading: boolean;
    error: string | null;
  };
  loadDashboard(): Promise<void>;
}

export const createDashboardSlice: SliceCreator<DashboardSlice> = ({ set, get, client }) => ({
  dashboard: { summary: null, loading: false, error: null },
  async loadDashboard() {
    set({ dashboard: { ...get().dashboard, loading: true } });
    try {
      const summary = await client.call('dashboard.get', { recentRuns: 6 });
      set({ dashboard: { summary, loading: false, error: null } });
    } catch (error) {
      set({ dashboard: { ...get().dashboard, loading: false, error: errorMessage(error) } });
    }
  },
});
