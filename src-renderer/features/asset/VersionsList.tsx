// "History of this record": every version of the golden record (asset_versions), newest first —
// the change (created, updated, merged, split, removed), its cause, the fields that changed
// (before → after) and the source records that joined or left.
import { Anchor, Badge, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { AssetVersion, AssetVersionCause, AssetVersionChange } from '../../../src-shared/api/reconciliation.js';
import { ASSET_FIELD_LABELS, isAssetFieldName } from '../../../src-shared/model/asset-fields.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { formatFieldValue, formatTime } from '../../lib/format.js';
import { memberLabel } from '../../lib/member-label.js';
import type { Loadable } from '../../store/reconciliation-slice.js';
import { useAppStore } from '../../store/use-app-store.js';
import { useMemo } from 'react';

const CHANGE_LABELS: Record<AssetVersionChange, string> = {
  created: 'Created',
  updated: 'Updated',
  merged: 'Merged away',
  split: 'Split',
  removed: 'Removed',
};
const CAUSE_LABELS: Record<AssetVersionCause, string> = {
  import: 'import',
  discovery: 'discovery',
  manual: 'manual edit',
  decision: 'operator decision',
  stewardship: 'review queue',
  rebuild: 'rebuild',
  network: 'network addressing change',
};

function fieldLabel(field: string): string {
  return isAssetFieldName(field) ? ASSET_FIELD_LABELS[field] : field;
}

export function VersionsList({ entry, onRetry }: { entry: Loadable<{ items: AssetVersion[]; total: number }> | undefined; onRetry: () => void }) {
  const sources = useAppStore((s) => s.system.sources);
  const names = useMemo(() => new Map(sources.map((s) => [s.id, s.name])), [sources]);
  if (entry?.error && !entry.data) return <ErrorNotice title="The record's versions could not be loaded" message={entry.error} onRetry={onRetry} />;
  if (!entry?.data) return <Text size="sm" c="dimmed">Loading versions…</Text>;
  const { items, total } = entry.data;
  if (items.length === 0) return <Text size="sm" c="dimmed">No versions recorded yet.</Text>;
  return (
    <Stack gap={4} data-testid="asset-versions">
      <Table verticalSpacing={3} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={44}>#</Table.Th>
            <Table.Th w={130}>When</Table.Th>
            <Table.Th w={170}>Change</Table.Th>
            <Table.Th data-testid="versions-what-changed">What changed</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((version) => (
            <Table.Tr key={version.id} data-testid="version-row" data-change={version.change} style={{ verticalAlign: 'top' }}>
              <Table.Td className="fw-mono">{version.version}</Table.Td>
              <Table.Td className="fw-mono" style={{ whiteSpace: 'nowrap' }}>
                {formatTime(version.at)}
              </Table.Td>
              <Table.Td>
                <Badge size="sm" variant="outline" color="gray" tt="none">
                  {CHANGE_LABELS[version.change]}
                </Badge>
                <Text size="xs" c="dimmed">
                  by {CAUSE_LABELS[version.cause]}
                </Text>
              </Table.Td>
              <Table.Td>
                <Stack gap={0}>
                  {version.successorId && (
                    <Text size="xs">
                      Its records are now in{' '}
                      <Anchor component={Link} to={`/assets/${version.successorId}`} size="xs">
                        this asset
                      </Anchor>
                    </Text>
                  )}
                  {version.membersAdded.map((ref) => (
                    <Text key={`+${ref.sourceId}${ref.nativeKey}`} size="xs" className="fw-mono">
                      + record {memberLabel(ref, names)}
                    </Text>
                  ))}
                  {version.membersRemoved.map((ref) => (
                    <Text key={`-${ref.sourceId}${ref.nativeKey}`} size="xs" className="fw-mono">
                      − record {memberLabel(ref, names)}
                    </Text>
                  ))}
                  {version.changes.slice(0, 12).map((change) => (
                    <Text key={change.field} size="xs" className="fw-mono" style={{ overflowWrap: 'anywhere' }}>
                      {fieldLabel(change.field)}: {formatFieldValue(change.before)} → {formatFieldValue(change.after)}
                    </Text>
                  ))}
                  {version.changes.length > 12 && (
                    <Text size="xs" c="dimmed">
                      and {version.changes.length - 12} more fields
                    </Text>
                  )}
                </Stack>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {total > items.length && (
        <Text size="xs" c="dimmed">
          Showing the newest {items.length} of {total} versions.
        </Text>
      )}
    </Stack>
  );
}
