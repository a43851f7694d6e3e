// The one renderer store, built from slices around an API client. Created once per window; never
// persisted — everything in it can be fetched again from main.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../../src-shared/api/api-client.js';
import { isUnauthorized } from '../lib/api-errors.js';
import { browserSettings, type LocalSettings } from '../lib/local-settings.js';
import { createAssetSlice } from './asset-slice.js';
import { createBulkSlice } from './bulk-slice.js';
import { createDashboardSlice } from './dashboard-slice.js';
import { createDiscoverySlice } from './discovery-slice.js';
import { createExportsSlice } from './exports-slice.js';
import { createInventorySlice } from './inventory-slice.js';
import { createReconciliationSlice } from './reconciliation-slice.js';
import { createRunsSlice } from './runs-slice.js';
import { createSoftwareSlice } from './software-slice.js';
import type { AppState } from './store-types.js';
import { createSystemSlice } from './system-slice.js';
import { createViewsSlice } from './views-slice.js';

export type AppStore = StoreApi<AppState>;

/** Wraps the client so that any `unauthorized` answer flips the store into the signed-out screen. */
function watchSignIn(client: ApiClient, onUnauthorized: () => void): ApiClient {
  const watch = <T>(promise: Promise<T>): Promise<T> =>
    promise.catch((error: unknown) => {
      if (isUnauthorized(error)) onUnauthorized();
      throw error;
    });
  return {
    call: (method, input) => watch(client.call(method, input)),
    on: (event, listener) => client.on(event, listener),
    upload: (fileName, data) => watch(client.upload(fileName, data)),
    download: (exportId, fileName) => watch(client.download(exportId, fileName)),
  };
}

export function createAppStore(rawClient: ApiClient, options: { settings?: LocalSettings } = {}): AppStore {
  const settings = options.settings ?? browserSettings();
  return createStore<AppState>()((set, get) => {
    const client = watchSignIn(rawClient, () => get().markSignedOut());
    const context = { set, get, client, settings };
    return {
      ...createSystemSlice(context),
      ...createInventorySlice(context),
      ...createAssetSlice(context),
      ...createRunsSlice(context),
      ...createDiscoverySlice(context),
      ...createReconciliationSlice(context),
      ...createExportsSlice(context),
      ...createViewsSlice(context),
      ...createBulkSlice(context),
      ...createDashboardSlice(context),
      ...createSoftwareSlice(context),
    };
  });
}

/** Subscribes the store to main's events once at start-up; returns the unsubscribe function. */
export function connectStoreToEvents(store: AppStore, client: ApiClient): () => void {
  const offs = [
    client.on('run.progress', (event) => store.getState().onRunProgress(event)),
    client.on('run.finished', (run) => {
      store.getState().onRunFinished(run);
      if (run.kind === 'discovery') store.getState().onDiscoveryRunFinished(run);
      void store.getState().loadSources();
      // The dashboard, once shown, follows the runs that change its figures.
      if (store.getState().dashboard.summary) void store.getState().loadDashboard();
    }),
    client.on('discovery.progress', (event) => store.getState().onDiscoveryProgress(event)),
    client.on('export.progress', (event) => store.getState().onExportProgress(event)),
    client.on('export.finished', (job) => store.getState().onExportFinished(job)),
    client.on('discovery.schedule.skipped', (event) => store.getState().onDiscoveryScheduleSkipped(event)),
    client.on('assets.changed', (event) => {
      const state = store.getState();
      state.invalidateInventory();
      const changed = event.count > event.assetIds.length ? 'all' : event.assetIds;
      state.refreshCachedAssets(changed);
      state.onReconciliationChanged(changed);
      state.refreshTopologies();
      state.onBulkChangesMayHaveChanged();
    }),
  ];
  return () => {
    for (const off of offs) off();
  };
}

/** The first loads a window needs; each slice reports its own failures. */
export function loadInitialData(store: AppStore): void {
  const state = store.getState();
  void state.loadSystemInfo();
  void state.loadSources();
  void state.loadInventorySummary();
  void state.loadRuns();
  void state.loadStewardshipCounts();
}
