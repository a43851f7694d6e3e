// The inventory's columns, one list for the grid, the CLI and exports: a stable id (the sort field
// where the column sorts), a label, what kind of value it holds, and how to read it from an
// AssetSummary — as the grid shows it (`text`: labels, the OS with its version) and as a machine
// reads it (`value`: stored codes, numbers, ISO-8601 UTC times).
import { ASSET_CLASS_LABELS } from '../model/asset-classes.js';
import { LIFECYCLE_STAGE_LABELS, type AssetStatus } from '../model/lifecycle-stages.js';
import type { AssetSortField, AssetSummary } from './inventory.js';

export const ASSET_COLUMN_IDS = [
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
  'firstSeen',
  'qualityScore',
  'fqdn',
  'id',
] as const;
export type AssetColumnId = (typeof ASSET_COLUMN_IDS)[number];

/** text: a string; number: a number; time: an ISO-8601 UTC time (a date cell in XLSX). */
export type AssetColumnKind = 'text' | 'number' | 'time';

export interface AssetColumn {
  id: AssetColumnId;
  label: string;
  kind: AssetColumnKind;
  /** The sort field of this column, when the inventory can sort by it. */
  sortField: AssetSortField | null;
  /** What the grid shows, as plain text ('' for no value). */
  text(asset: AssetSummary): string;
  /** The stored value: codes rather than labels, numbers as numbers, null for no value. */
  value(asset: AssetSummary): string | number | null;
}

export const ASSET_STATUS_LABELS: Record<AssetStatus, string> = {
  active: 'Active',
  stale: 'Stale',
  retired: 'Retired',
};

const orEmpty = (value: string | null): string => value ?? '';
const operatingSystem = (a: AssetSummary): string => [a.osName, a.osVersion].filter(Boolean).join(' ');

function textColumn(id: AssetColumnId, label: string, read: (a: AssetSummary) => string | null, sortField: AssetSortField | null): AssetColumn {
  return { id, label, kind: 'text', sortField, text: (a) => orEmpty(read(a)), value: read };
}

export const ASSET_COLUMNS: Record<AssetColumnId, AssetColumn> = {
  name: textColumn('name', 'Name', (a) => a.name, 'name'),
  class: { id: 'class', label: 'Class', kind: 'text', sortField: 'class', text: (a) => ASSET_CLASS_LABELS[a.class], value: (a) => a.class },
  hostname: textColumn('hostname', 'Hostname', (a) => a.hostname, 'hostname'),
  primaryIp: textColumn('primaryIp', 'Primary IP', (a) => a.primaryIp, 'primaryIp'),
  serial: textColumn('serial', 'Serial', (a) => a.serial, 'serial'),
  vendor: textColumn('vendor', 'Vendor', (a) => a.vendor, 'vendor'),
  model: textColumn('model', 'Model', (a) => a.model, 'model'),
  osName: { id: 'osName', label: 'Operating system', kind: 'text', sortField: 'osName', text: operatingSystem, value: (a) => operatingSystem(a) || null },
  status: { id: 'status', label: 'Status', kind: 'text', sortField: 'status', text: (a) => ASSET_STATUS_LABELS[a.status], value: (a) => a.status },
  lifecycleStage: {
    id: 'lifecycleStage',
    label: 'Lifecycle',
    kind: 'text',
    sortField: 'lifecycleStage',
    text: (a) => (a.lifecycleStage ? LIFECYCLE_STAGE_LABELS[a.lifecycleStage] : ''),
    value: (a) => a.lifecycleStage,
  },
  sourceCount: { id: 'sourceCount', label: 'Sources', kind: 'number', sortField: 'sourceCount', text: (a) => String(a.sourceCount), value: (a) => a.sourceCount },
  lastSeen: { id: 'lastSeen', label: 'Last seen', kind: 'time', sortField: 'lastSeen', text: (a) => a.lastSeen, value: (a) => a.lastSeen },
  firstSeen: { id: 'firstSeen', label: 'First seen', kind: 'time', sortField: 'firstSeen', text: (a) => a.firstSeen, value: (a) => a.firstSeen },
  qualityScore: {
    id: 'qualityScore',
    label: 'Quality',
    kind: 'number',
    sortField: 'qualityScore',
    text: (a) => (a.qualityScore === null ? '' : String(Math.round(a.qualityScore * 100) / 100)),
    value: (a) => a.qualityScore,
  },
  fqdn: textColumn('fqdn', 'FQDN', (a) => a.fqdn, null),
  id: textColumn('id', 'Asset id', (a) => a.id, null),
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

export function isAssetColumnId(value: string): value is AssetColumnId {
  return (ASSET_COLUMN_IDS as readonly string[]).includes(value);
}
