// Every field of the asset with its value and where it came from: source (name and kind), confidence
// and time. When several sources reported a field, the winning value comes first, the others below.
import { Stack, Table, Text } from '@mantine/core';
import type { FieldProvenance } from '../../../src-shared/api/inventory.js';
import { ASSET_FIELD_LABELS, ASSET_FIELD_NAMES } from '../../../src-shared/model/asset-fields.js';
import { SOURCE_KIND_LABELS } from '../../../src-shared/model/source-kinds.js';
import { formatConfidence, formatFieldValue, formatTime } from '../../lib/format.js';

function groupByField(fields: readonly FieldProvenance[]): FieldProvenance[][] {
  const groups = new Map<string, FieldProvenance[]>();
  for (const entry of fields) {
    const list = groups.get(entry.field) ?? [];
    list.push(entry);
    groups.set(entry.field, list);
  }
  const order = (field: string) => (ASSET_FIELD_NAMES as readonly string[]).indexOf(field);
  return [...groups.values()].sort((a, b) => order(a[0]!.field) - order(b[0]!.field));
}

function SourceCell({ entry }: { entry: FieldProvenance }) {
  return (
    <Stack gap={0}>
      <Text size="sm" data-testid="provenance-source">
        {entry.sourceName}
      </Text>
      <Text size="xs" c="dimmed" data-testid="provenance-kind">
        {SOURCE_KIND_LABELS[entry.sourceKind]}
      </Text>
    </Stack>
  );
}

export function FieldsTable({ fields }: { fields: readonly FieldProvenance[] }) {
  if (fields.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No field values recorded for this asset yet. Use “Edit fields” to enter them by hand.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table striped={false} highlightOnHover withTableBorder verticalSpacing={4} fz="sm" data-testid="fields-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={140}>Field</Table.Th>
            <Table.Th>Value</Table.Th>
            <Table.Th w={170}>Source</Table.Th>
            <Table.Th w={90} ta="right">
              Confidence
            </Table.Th>
            <Table.Th w={140}>Observed</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {groupByField(fields).map((group) => {
            const [winner, ...others] = group as [FieldProvenance, ...FieldProvenance[]];
            return (
              <Table.Tr key={winner.field} data-testid={`provenance-${winner.field}`} style={{ verticalAlign: "top" }}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {ASSET_FIELD_LABELS[winner.field]}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    <Text size="sm" style={{ wordBreak: 'break-word' }} data-testid="provenance-value">
                      {formatFieldValue(winner.value)}
                    </Text>
                    {others.map((other) => (
                      <Text key={`${other.sourceId}-${other.observedAt}`} size="xs" c="dimmed">
                        {other.sourceName} said: {formatFieldValue(other.value)}
                      </Text>
                    ))}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <SourceCell entry={winner} />
                </Table.Td>
                <Table.Td ta="right" className="fw-mono">
                  {formatConfidence(winner.confidence)}
                </Table.Td>
                <Table.Td className="fw-mono" style={{ whiteSpace: "nowrap" }}>{formatTime(winner.observedAt)}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
