// Installed software: name, version, vendor and package URL.
import { Table, Text } from '@mantine/core';
import type { AssetDetail } from '../../../src-shared/api/inventory.js';

export function SoftwareTable({ software }: { software: AssetDetail['software'] }) {
  if (software.length === 0) return <Text size="sm" c="dimmed">No software reported.</Text>;
  return (
    <Table withTableBorder verticalSpacing={4} fz="sm" data-testid="software">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Name</Table.Th>
          <Table.Th>Version</Table.Th>
          <Table.Th>Vendor</Table.Th>
          <Table.Th>Package URL</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {software.map((item, index) => (
          <Table.Tr key={`${item.name}-${item.version ?? ''}-${index}`}>
            <Table.Td>{item.name}</Table.Td>
            <Table.Td className="fw-mono">{item.version ?? '—'}</Table.Td>
            <Table.Td>{item.vendor ?? '—'}</Table.Td>
            <Table.Td className="fw-mono">{item.purl ?? '—'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
