// The text alternative of the topology graph: one row per link (the two directed claims of one cable
// merged), with the port at each end, confidence, whether both ends reported it, source and time.
import { Anchor, Group, Table, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import { ASSET_CLASS_LABELS } from '../../../src-shared/model/asset-classes.js';
import { AssetClassIcon } from '../../components/AssetClassIcon.js';
import { formatConfidence, formatTime } from '../../lib/format.js';
import type { TopologyLink, TopologyNode } from '../../lib/topology-links.js';

function End({ node, id }: { node: TopologyNode | undefined; id: string }) {
  return (
    <Group gap={6} wrap="nowrap">
      {node && <AssetClassIcon assetClass={node.class} size={14} />}
      <Anchor component={Link} to={`/assets/${id}`} size="sm" title={node ? ASSET_CLASS_LABELS[node.class] : undefined}>
        {node?.name ?? id}
      </Anchor>
    </Group>
  );
}

export function TopologyTable({ nodes, links }: { nodes: readonly TopologyNode[]; links: readonly TopologyLink[] }) {
  const byId = new Map(nodes.map((n) => [n.assetId, n]));
  const rows = [...links].sort((x, y) => {
    const name = (id: string) => byId.get(id)?.name ?? id;
    return name(x.aId).localeCompare(name(y.aId)) || name(x.bId).localeCompare(name(y.bId));
  });
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table withTableBorder highlightOnHover verticalSpacing={4} fz="sm" data-testid="topology-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Asset</Table.Th>
            <Table.Th>Port</Table.Th>
            <Table.Th>Connected to</Table.Th>
            <Table.Th>Port</Table.Th>
            <Table.Th ta="right">Confidence</Table.Th>
            <Table.Th>Reported by</Table.Th>
            <Table.Th>Source</Table.Th>
            <Table.Th>Last seen</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((link) => (
            <Table.Tr key={link.id} data-testid="topology-row" data-a={byId.get(link.aId)?.name} data-b={byId.get(link.bId)?.name}>
              <Table.Td>
                <End node={byId.get(link.aId)} id={link.aId} />
              </Table.Td>
              <Table.Td className="fw-mono">{link.aPort ?? '—'}</Table.Td>
              <Table.Td>
                <End node={byId.get(link.bId)} id={link.bId} />
              </Table.Td>
              <Table.Td className="fw-mono">{link.bPort ?? '—'}</Table.Td>
              <Table.Td ta="right" className="fw-mono">
                {formatConfidence(link.confidence)}
              </Table.Td>
              <Table.Td>
                <Text size="xs">{link.bothSides ? 'Both ends' : `${byId.get(link.claims[0]?.fromAssetId ?? '')?.name ?? 'One end'} only`}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="xs">{link.sourceNames.join(', ') || '—'}</Text>
              </Table.Td>
              <Table.Td className="fw-mono">{formatTime(link.lastSeen)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
