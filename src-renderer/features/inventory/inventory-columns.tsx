// The inventory grid's columns: id (the server sort field, where the list sorts by it), header,
// default width and cell renderer. Which show, in which order and how wide is the layout's business
// (lib/column-layout.ts); every id of INVENTORY_COLUMN_IDS has exactly one column here.
import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { ReactNode } from 'react';
import { ASSET_SORT_FIELDS, type AssetSortField, type AssetSummary } from '../../../src-shared/api/inventory.js';
import type { InventoryColumnId } from '../../../src-shared/api/saved-views.js';
import { ASSET_CLASS_LABELS } from '../../../src-shared/model/asset-classes.js';
import { LIFECYCLE_STAGE_LABELS } from '../../../src-shared/model/lifecycle-stages.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { formatConfidence, formatTime } from '../../lib/format.js';

export interface InventoryColumn {
  id: InventoryColumnId;
  header: string;
  /** The server sort field, or null where the list cannot sort by this column. */
  sortField: AssetSortField | null;
  size: number;
  /** Kept at its width when the grid narrows columns to fit (times, addresses, the class, the status badge). */
  fixed?: boolean;
  align?: 'right';
  render(asset: AssetSummary): ReactNode;
  /** Plain text of the cell (title tooltip, copy). */
  text(asset: AssetSummary): string;
}

const plain = (value: string | null): string => value ?? '';
const muted = (value: string | null): ReactNode =>
  value ?? (
    <Text span c="dimmed">
      —
    </Text>
  );

const COLUMNS: readonly Omit<InventoryColumn, 'sortField'>[] = [
  {
    id: 'name',
    header: 'Name',
    size: 220,
    text: (a) => a.name,
    render: (a) => (
      <Anchor component={Link} to={`/assets/${encodeURIComponent(a.id)}`} tabIndex={-1} size="sm" fw={500} data-testid="asset-link">
        {a.name}
      </Anchor>
    ),
  },
  { id: 'class', header: 'Class', size: 130, fixed: true, text: (a) => ASSET_CLASS_LABELS[a.class], render: (a) => ASSET_CLASS_LABELS[a.class] },
  { id: 'hostname', header: 'Hostname', size: 160, text: (a) => plain(a.hostname), render: (a) => muted(a.hostname) },
  { id: 'fqdn', header: 'FQDN', size: 220, text: (a) => plain(a.fqdn), render: (a) => muted(a.fqdn) },
  { id: 'primaryIp', header: 'Primary IP', size: 130, fixed: true, text: (a) => plain(a.primaryIp), render: (a) => muted(a.primaryIp) },
  { id: 'serial', header: 'Serial', size: 140, text: (a) => plain(a.serial), render: (a) => muted(a.serial) },
  { id: 'vendor', header: 'Vendor', size: 120, text: (a) => plain(a.vendor), render: (a) => muted(a.vendor) },
  { id: 'model', header: 'Model', size: 150, text: (a) => plain(a.model), render: (a) => muted(a.model) },
  {
    id: 'osName',
    header: 'Operating system',
    size: 190,
    text: (a) => [a.osName, a.osVersion].filter(Boolean).join(' '),
    render: (a) => (a.osName ? [a.osName, a.osVersion].filter(Boolean).join(' ') : muted(null)),
  },
  { id: 'status', header: 'Status', size: 90, fixed: true, text: (a) => a.status, render: (a) => <StatusBadge status={a.status} size="xs" /> },
  {
    id: 'lifecycleStage',
    header: 'Lifecycle',
    size: 120,
    text: (a) => (a.lifecycleStage ? LIFECYCLE_STAGE_LABELS[a.lifecycleStage] : ''),
    render: (a) => muted(a.lifecycleStage ? LIFECYCLE_STAGE_LABELS[a.lifecycleStage] : null),
  },
  { id: 'sourceCount', header: 'Sources', size: 80, align: 'right', text: (a) => String(a.sourceCount), render: (a) => a.sourceCount },
  { id: 'firstSeen', header: 'First seen', size: 140, fixed: true, text: (a) => formatTime(a.firstSeen), render: (a) => formatTime(a.firstSeen) },
  { id: 'lastSeen', header: 'Last seen', size: 140, fixed: true, text: (a) => formatTime(a.lastSeen), render: (a) => formatTime(a.lastSeen) },
  {
    id: 'qualityScore',
    header: 'Quality',
    size: 90,
    align: 'right',
    text: (a) => (a.qualityScore === null ? '' : formatConfidence(a.qualityScore)),
    render: (a) => (a.qualityScore === null ? muted(null) : formatConfidence(a.qualityScore)),
  },
];

const sortable = new Set<string>(ASSET_SORT_FIELDS);

export const INVENTORY_COLUMNS: readonly InventoryColumn[] = COLUMNS.map((column) => ({
  ...column,
  sortField: sortable.has(column.id) ? (column.id as AssetSortField) : null,
}));

export const INVENTORY_COLUMNS_BY_ID: ReadonlyMap<InventoryColumnId, InventoryColumn> = new Map(INVENTORY_COLUMNS.map((c) => [c.id, c]));
