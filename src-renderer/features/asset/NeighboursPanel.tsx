// The devices this asset is cabled to (connected_to relations from LLDP, CDP, FDB and ARP), seen
// from this asset's side: its port, the neighbour and the neighbour's port, confidence, which end
// reported the link, the source and when. Only this asset's relations are fetched.
import { Anchor, Group, Skeleton, Table, Text } from '@mantine/core';
import { useEffect, useMemo } from 'react';
import { Link } from 'react-router-dom';
import { AssetClassIcon } from '../../components/AssetClassIcon.js';
import { formatConfidence, formatTime } from '../../lib/format.js';
import { neighboursOf } from '../../lib/topology-links.js';
import { topologyKey, type TopologyQuery } from '../../store/discovery-slice.js';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store.js';

const REPORTED_BY = { both: 'Both ends', this: 'This asset', neighbour: 'The neighbour' } as const;

export function NeighboursPanel({ assetId }: { assetId: string }) {
  const store = useAppStoreApi();
  const query = useMemo<TopologyQuery>(() => ({ scopeId: null, minConfidence: 0, assetId }), [assetId]);
  const entry = useAppStore((s) => s.discovery.topologies[topologyKey(query)]);
  useEffect(() => {
    void store.getState().loadTopology(query);
  }, [store, query]);
  const topology = entry?.data ?? null;
  const neighbours = useMemo(() => (topology ? neighboursOf(assetId, topology) : []), [assetId, topology]);

  if (!topology) {
    if (entry?.error) return <Text size="sm">The neighbours could not be loaded: {entry.error}</Text>;
    return <Skeleton h={60} />;
  }
  if (neighbours.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="neighbours-empty">
        No known links. Links come from discovery of switches and routers (LLDP/CDP neighbours, MAC tables, ARP caches).
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table withTableBorder highlightOnHover verticalSpacing={4} fz="sm" data-testid="neighbours">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Local port</Table.Th>
            <Table.Th>Neighbour</Table.Th>
            <Table.Th>Remote port</Table.Th>
            <Table.Th ta="right">Confidence</Table.Th>
            <Table.Th>Reported by</Table.Th>
            <Table.Th>Source</Table.Th>
            <Table.Th>Last seen</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {neighbours.map((n) => (
            <Table.Tr key={n.linkId} data-testid="neighbour-row" data-name={n.name}>
              <Table.Td className="fw-mono">{n.localPort ?? '—'}</Table.Td>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  {n.class && <AssetClassIcon assetClass={n.class} size={14} />}
                  <Anchor component={Link} to={`/assets/${n.assetId}`} size="sm">
                    {n.name}
                  </Anchor>
                </Group>
              </Table.Td>
              <Table.Td className="fw-mono">{n.remotePort ?? '—'}</Table.Td>
              <Table.Td ta="right" className="fw-mono">
                {formatConfidence(n.confidence)}
              </Table.Td>
              <Table.Td>
                <Text size="xs">{REPORTED_BY[n.reportedBy]}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="xs">{n.sourceNames.join(', ') || '—'}</Text>
              </Table.Td>
              <Table.Td className="fw-mono">{formatTime(n.lastSeen)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
