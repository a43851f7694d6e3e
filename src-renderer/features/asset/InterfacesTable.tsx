// Network interfaces: name, MAC, IPs with the network (site) each belongs to, VLAN, speed, state.
import { Stack, Table, Text } from '@mantine/core';
import type { AssetDetail } from '../../../src-shared/api/inventory.js';

export function InterfacesTable({ interfaces }: { interfaces: AssetDetail['interfaces'] }) {
  if (interfaces.length === 0) return <Text size="sm" c="dimmed">No network interfaces reported.</Text>;
  return (
    <Table withTableBorder verticalSpacing={4} fz="sm" data-testid="interfaces">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Name</Table.Th>
          <Table.Th>MAC</Table.Th>
          <Table.Th>IP addresses (network)</Table.Th>
          <Table.Th>VLAN</Table.Th>
          <Table.Th>Speed</Table.Th>
          <Table.Th>State</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {interfaces.map((nic, index) => (
          <Table.Tr key={`${nic.name ?? ''}-${nic.mac ?? ''}-${index}`}>
            <Table.Td>{nic.name ?? '—'}</Table.Td>
            <Table.Td className="fw-mono">{nic.mac ?? '—'}</Table.Td>
            <Table.Td>
              <Stack gap={0}>
                {nic.ips.length === 0 ? '—' : nic.ips.map((ip) => (
                  <Text key={ip.address} size="sm" className="fw-mono">
                    {ip.address}
                    {ip.network && <Text span c="dimmed" size="xs">{` (${ip.network})`}</Text>}
                  </Text>
                ))}
              </Stack>
            </Table.Td>
            <Table.Td>{nic.vlan ?? '—'}</Table.Td>
            <Table.Td>{nic.speedMbps !== null ? `${nic.speedMbps} Mb/s` : '—'}</Table.Td>
            <Table.Td>{nic.operStatus ?? '—'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
