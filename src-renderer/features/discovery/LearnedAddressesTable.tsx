// Addresses the agents reported during a run (ARP, LLDP, CDP, FDB), with the device that reported
// them and whether they fall inside the scope. Recorded, never probed unless they are targets.
import { Anchor, Group, SegmentedControl, Skeleton, Stack, Table, Text } from '@mantine/core';
import { IconCircleCheck, IconCircleMinus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { formatCount } from '../../lib/format.js';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store.js';

const VIA_LABELS = { arp: 'ARP', lldp: 'LLDP', cdp: 'CDP', fdb: 'FDB (MAC table)' } as const;

export function LearnedAddressesTable({ runId }: { runId: string }) {
  const store = useAppStoreApi();
  const learned = useAppStore((s) => s.discovery.learned[runId]);
  const [filter, setFilter] = useState<'all' | 'in' | 'out'>('all');
  if (!learned || (learned.loading && !learned.data)) return <Skeleton h={80} />;
  if (learned.error && !learned.data) {
    return (
      <ErrorNotice
        title="The learned addresses could not be loaded"
        message={learned.error}
        onRetry={() => void store.getState().loadLearnedAddresses(runId)}
      />
    );
  }
  const items = learned.data?.items ?? [];
  if (items.length === 0)
    return (
      <Text size="sm" c="dimmed">
        The agents reported no neighbouring addresses in this run.
      </Text>
    );
  const shown = items.filter((a) => filter === 'all' || (filter === 'in') === a.inScope);
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          Addresses outside the scope are recorded and never contacted. To discover them, add them to a scope's targets.
        </Text>
        <SegmentedControl
          size="xs"
          value={filter}
          onChange={(v) => setFilter(v === 'in' ? 'in' : v === 'out' ? 'out' : 'all')}
          data={[
            { value: 'all', label: `All (${formatCount(items.length)})` },
            { value: 'in', label: `In scope (${formatCount(items.filter((a) => a.inScope).length)})` },
            { value: 'out', label: `Outside (${formatCount(items.filter((a) => !a.inScope).length)})` },
          ]}
        />
      </Group>
      <Table withTableBorder verticalSpacing={3} fz="sm" data-testid="learned-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>IP address</Table.Th>
            <Table.Th>MAC</Table.Th>
            <Table.Th>Learned via</Table.Th>
            <Table.Th>Reported by</Table.Th>
            <Table.Th>In scope</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((address, index) => (
            <Table.Tr key={`${address.ip ?? ''}-${address.mac ?? ''}-${address.via}-${index}`} data-testid="learned-row" data-in-scope={address.inScope}>
              <Table.Td className="fw-mono">{address.ip ?? '—'}</Table.Td>
              <Table.Td className="fw-mono">{address.mac ?? '—'}</Table.Td>
              <Table.Td>{VIA_LABELS[address.via]}</Table.Td>
              <Table.Td>
                {address.learnedFromAssetId ? (
                  <Anchor component={Link} to={`/assets/${address.learnedFromAssetId}`} size="sm">
                    {address.learnedFromAssetName ?? 'asset'}
                  </Anchor>
                ) : (
                  '—'
                )}
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  {address.inScope ? <IconCircleCheck size={14} aria-hidden /> : <IconCircleMinus size={14} aria-hidden />}
                  <Text size="sm">{address.inScope ? 'In scope (probed as a target)' : 'Outside: not contacted'}</Text>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {learned.data && learned.data.total > items.length && (
        <Text size="xs" c="dimmed">
          Showing the first {formatCount(items.length)} of {formatCount(learned.data.total)}.
        </Text>
      )}
    </Stack>
  );
}
