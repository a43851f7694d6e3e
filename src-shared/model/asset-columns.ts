// The inventory's columns as a value list, one for the grid, the CLI and exports: a stable id (the
// sort field where the column sorts), a label and the kind of value it holds. How each column is
// read from an asset lives beside the contract (src-shared/api/asset-columns.ts).
import type { AssetStatus } from './lifecycle-stages.js';

/** Every column the inventory grid can show, in its default order (grid, saved views). */
export const GRID_COLUMN_IDS = [
  'name',
  'class',
  'hostname',
  'fqdn',
  'primaryIp',
  'serial',
  'vendor',
  'model',
  'osName',
  'status',
  'lifecycleStage',
  'sourceCount',
  'firstSeen',
  'lastSeen',
  'qualityScore',
] as const;

/** Every column a list or an export can have: the grid's, and the asset id. */
export const ASSET_COLUMN_IDS = [...GRID_COLUMN_IDS, 'id'] as const;
export type AssetColumnId = (typeof ASSET_COLUMN_IDS)[number];

/** text: a string; number: a number; time: an ISO-8601 UTC time (a date cell in XLSX). */
export type AssetColumnKind = 'text' | 'number' | 'time';

export const ASSET_COLUMN_LABELS: Record<AssetColumnId, string> = {
  name: 'Name',
  class: 'Class',
  hostname: 'Hostname',
  primaryIp: 'Primary IP',
  serial: 'Serial',
  vendor: 'Vendor',
  model: 'Model',
  osName: 'Operating system',
  status: 'Status',
  lifecycleStage: 'Lifecycle',
  sourceCount: 'Sources',
  lastSeen: 'Last seen',
  firstSeen: 'First seen',
  qualityScore: 'Quality',
  fqdn: 'FQDN',
  id: 'Asset id',
};

/** The columns the inventory grid shows by default, in order. */
export const DEFAULT_ASSET_COLUMNS: readonly AssetColumnId[] = [
  'name',
  'class',
  'hostname',
  'primaryIp',
  'serial',
  'vendor',
  'model',
  'osName',
  'status',
  'lifecycleStage',
  'sourceCount',
  'lastSeen',
];

export const ASSET_STATUS_LABELS: Record<AssetStatus, string> = {
  active: 'Active',
  stale: 'Stale',
  retired: 'Retired',
};

export function isAssetColumnId(value: string): value is AssetColumnId {
  return (ASSET_COLUMN_IDS as readonly string[]).includes(value);
}
