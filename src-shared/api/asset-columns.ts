// How each inventory column (src-shared/model/asset-columns.ts) is read from an AssetSummary: as
// the grid shows it (`text`: labels, the OS with its version) and as a machine reads it (`value`:
// stored codes, numbers, ISO-8601 UTC times). The grid, the CLI and exports all read through here.
import { ASSET_CLASS_LABELS } from '../model/asset-classes.js';
import { ASSET_COLUMN_LABELS, ASSET_STATUS_LABELS, type AssetColumnId, type AssetColumnKind } from '../model/asset-columns.js';
import { LIFECYCLE_STAGE_LABELS } from '../model/lifecycle-stages.js';
import type { AssetSortField, AssetSummary } from './inventory.js';

export { ASSET_COLUMN_IDS, ASSET_COLUMN_LABELS, ASSET_STATUS_LABELS, DEFAULT_ASSET_COLUMNS, isAssetColumnId } from '../model/asset-columns.js';
export type { AssetColumnId, AssetColumnKind } from '../model/asset-columns.js';

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

const orEmpty = (value: string | null): string => value ?? '';
const operatingSystem = (a: AssetSummary): string => [a.osName, a.osVersion].filter(Boolean).join(' ');

function column(id: AssetColumnId, kind: AssetColumnKind, sortField: AssetSortField | null, text: AssetColumn['text'], value: AssetColumn['value']): AssetColumn {
  return { id, label: ASSET_COLUMN_LABELS[id], kind, sortField, text, value };
}

function textColumn(id: AssetColumnId, read: (a: AssetSummary) => string | null, sortField: AssetSortField | null): AssetColumn {
  return column(id, 'text', sortField, (a) => orEmpty(read(a)), read);
}

export const ASSET_COLUMNS: Record<AssetColumnId, AssetColumn> = {
  name: textColumn('name', (a) => a.name, 'name'),
  class: column('class', 'text', 'class', (a) => ASSET_CLASS_LABELS[a.class], (a) => a.class),
  hostname: textColumn('hostname', (a) => a.hostname, 'hostname'),
  primaryIp: textColumn('primaryIp', (a) => a.primaryIp, 'primaryIp'),
  serial: textColumn('serial', (a) => a.serial, 'serial'),
  vendor: textColumn('vendor', (a) => a.vendor, 'vendor'),
  model: textColumn('model', (a) => a.model, 'model'),
  osName: column('osName', 'text', 'osName', operatingSystem, (a) => operatingSystem(a) || null),
  status: column('status', 'text', 'status', (a) => ASSET_STATUS_LABELS[a.status], (a) => a.status),
  lifecycleStage: column(
    'lifecycleStage',
    'text',
    'lifecycleStage',
    (a) => (a.lifecycleStage ? LIFECYCLE_STAGE_LABELS[a.lifecycleStage] : ''),
    (a) => a.lifecycleStage,
  ),
  sourceCount: column('sourceCount', 'number', 'sourceCount', (a) => String(a.sourceCount), (a) => a.sourceCount),
  lastSeen: column('lastSeen', 'time', 'lastSeen', (a) => a.lastSeen, (a) => a.lastSeen),
  firstSeen: column('firstSeen', 'time', 'firstSeen', (a) => a.firstSeen, (a) => a.firstSeen),
  qualityScore: column(
    'qualityScore',
    'number',
    'qualityScore',
    (a) => (a.qualityScore === null ? '' : String(Math.round(a.qualityScore * 100) / 100)),
    (a) => a.qualityScore,
  ),
  fqdn: textColumn('fqdn', (a) => a.fqdn, null),
  id: textColumn('id', (a) => a.id, null),
};
