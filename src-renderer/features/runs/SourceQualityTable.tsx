// Per source: how many assets it contributes to, how many field values it gave, and how often those
// disagree with the golden record where another source won (conflict rate). The asset count is a
// door to the inventory filtered to that source.
import { Anchor, Badge, Group, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useNavigate } from 'react-router-dom';
import { SOURCE_KIND_LABELS } from '../../../src-shared/model/source-kinds.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { formatCount } from '../../lib/format.js';
import { SEVERITY_COLOR } from '../../lib/severity.js';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store.js';

/** A source that disagrees this often deserves a look (amber, with the word "High"). */
const HIGH_CONFLICT_RATE = 0.2;

export function SourceQualityTable() {
  const store = useAppStoreApi();
  const navigate = useNavigate();
  const { data, error } = useAppStore((s) => s.sourceQuality);
  useEffect(() => {
    void store.getState().loadSourceQuality();
  }, [store]);

  if (error && !data) return <ErrorNotice title="Source quality could not be loaded" message={error} onRetry={() => void store.getState().loadSourceQuality()} />;
  if (!data) return <Text size="sm" c="dimmed">Loading source quality…</Text>;
  if (data.length === 0) return <Text size="sm" c="dimmed">No source has contributed yet. Import a file or run discovery.</Text>;
  return (
    <Stack gap={4}>
      <Table withTableBorder verticalSpacing={3} fz="sm" data-testid="source-quality">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Source</Table.Th>
            <Table.Th ta="right">Assets</Table.Th>
            <Table.Th ta="right">Field values</Table.Th>
            <Table.Th ta="right">Disagree</Table.Th>
            <Table.Th ta="right">Conflict rate</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.map((source) => (
            <Table.Tr key={source.sourceId} data-testid="source-quality-row" data-source={source.sourceName} data-rate={source.conflictRate}>
              <Table.Td>
                <Text size="sm">{source.sourceName}</Text>
                <Text size="xs" c="dimmed">
                  {SOURCE_KIND_LABELS[source.sourceKind]}
                </Text>
              </Table.Td>
              <Table.Td ta="right" className="fw-mono">
                <Anchor
                  component="button"
                  type="button"
                  size="sm"
                  onClick={() => {
                    store.getState().setInventoryFilter({ sourceId: source.sourceId, sourceKind: undefined });
                    navigate('/inventory');
                  }}
                >
                  {formatCount(source.assets)}
                </Anchor>
              </Table.Td>
              <Table.Td ta="right" className="fw-mono">
                {formatCount(source.fields)}
              </Table.Td>
              <Table.Td ta="right" className="fw-mono">
                {formatCount(source.conflicts)}
              </Table.Td>
              <Table.Td ta="right">
                <Group gap={6} justify="flex-end" wrap="nowrap">
                  {source.conflictRate >= HIGH_CONFLICT_RATE && (
                    <Badge size="xs" variant="light" color={SEVERITY_COLOR.warning} tt="none" leftSection={<IconAlertTriangle size={10} aria-hidden />}>
                      High
                    </Badge>
                  )}
                  <Text size="sm" className="fw-mono">
                    {(source.conflictRate * 100).toFixed(1)} %
                  </Text>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed">
        Disagree: values that differ from the golden value of a field another source won. A high rate means this source is often outranked on
        fields it reports — check its mapping or its freshness.
      </Text>
    </Stack>
  );
}
