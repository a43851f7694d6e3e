// The shape of the one renderer store. Each slice is a cache of something main owns, plus the
// little UI state that must survive navigation (the inventory query, the active row, running jobs).
import type { StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../../src-shared/api/api-client.js';
import type { LocalSettings } from '../lib/local-settings.js';
import type { BulkSlice } from './bulk-slice.js';
import type { ViewsSlice } from './views-slice.js';
import type { InventorySlice } from './inventory-slice.js';
import type { AssetSlice } from './asset-slice.js';
import type { DashboardSlice } from './dashboard-slice.js';
import type { DiscoverySlice } from './discovery-slice.js';
import type { ExportsSlice } from './exports-slice.js';
import type { OpcuaCertificatesSlice } from './opcua-certificates-slice.js';
import type { ReconciliationSlice } from './reconciliation-slice.js';
import type { RunsSlice } from './runs-slice.js';
import type { SoftwareSlice } from './software-slice.js';
import type { SystemSlice } from './system-slice.js';

export type AppState = InventorySlice & AssetSlice & RunsSlice & SystemSlice & DiscoverySlice & ReconciliationSlice & ExportsSlice & ViewsSlice & BulkSlice & DashboardSlice & SoftwareSlice & OpcuaCertificatesSlice;

type SetState = StoreApi<AppState>['setState'];
type GetState = StoreApi<AppState>['getState'];

/** What every slice creator receives: zustand's set/get, the API client and this machine's preferences. */
export interface SliceContext {
  set: SetState;
  get: GetState;
  client: ApiClient;
  settings: LocalSettings;
}

export type SliceCreator<T> = (context: SliceContext) => T;
