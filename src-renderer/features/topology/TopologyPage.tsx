// Topology: how discovered devices are cabled together (connected_to relations from LLDP, CDP, FDB
// and ARP), as a graph or, one click (or "T") away, as a table. The view, scope and confidence
// threshold live in the address, so Back and links return to the same picture.
import { Code, EmptyState, Group, SegmentedControl, Select, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconTopologyStar3 } from '@tabler/icons-react';
import { useEffect, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { formatCount } from '../../lib/format.js';
import { mergeLinks } from '../../lib/topology-links.js';
import { topologyKey } from '../../store/discovery-slice.js';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store.js';
import { TopologyGraph } from './TopologyGraph.js';
import { TopologyTable } from './TopologyTable.js';

const CONFIDENCE_OPTIONS = [
  { value: '0', label: 'All evidence' },
  { value: '0.5', label: '≥ 50 % (MAC tables and better)' },
  { value: '0.85', label: '≥ 85 % (LLDP / CDP)' },
];

export function TopologyPage() {
  const store = useAppStoreApi();
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'table' ? 'table' : 'graph';
  const scopeId = params.get('scope');
  const minConfidence = CONFIDENCE_OPTIONS.some((o) => o.value === params.get('min')) ? Number(params.get('min')) : 0.5;
  const query = useMemo(() => ({ scopeId, minConfidence }), [scopeId, minConfidence]);
  const entry = useAppStore((s) => s.discovery.topologies[topologyKey(query)]);
  const scopes = useAppStore((s) => s.discovery.scopes);

  function update(key: string, value: string | null) {
    const next = new URLSearchParams(params);
    if (value === null) next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: true });
  }
  useHotkeys([['t', () => update('view', view === 'graph' ? 'table' : null)]]);

  useEffect(() => {
    void store.getState().loadTopology(query);
  }, [store, query]);
  useEffect(() => {
    if (store.getState().discovery.scopes === null) void store.getState().loadScopes();
  }, [store]);

  const topology = entry?.data ?? null;
  const links = useMemo(() => (topology ? mergeLinks(topology.edges) : []), [topology]);
  const claims = topology?.edges.filter((e) => e.type === 'connected_to').length ?? 0;

  return (
    <Stack gap="sm" data-testid="topology-page">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={2} size="h3">
            Topology
          </Title>
          <Text size="xs" c="dimmed" data-testid="topology-summary">
            {topology
              ? `${formatCount(topology.nodes.length)} assets · ${formatCount(links.length)} links (${formatCount(claims)} reports from both ends merged)${topology.truncated ? ' · truncated: raise the confidence threshold or pick a scope' : ''}`
              : 'Loading…'}
          </Text>
        </Stack>
        <Group gap="sm" align="flex-end">
          <Select
            label="Scope"
            size="xs"
            w={200}
            data={[{ value: '', label: 'All sources' }, ...(scopes ?? []).map((s) => ({ value: s.id, label: s.name }))]}
            value={scopeId ?? ''}
            onChange={(v) => update('scope', v ? v : null)}
            allowDeselect={false}
            data-testid="topology-scope"
          />
          <Stack gap={2}>
            <Text size="xs" fw={500}>
              Minimum confidence
            </Text>
            <SegmentedControl
              size="xs"
              data={CONFIDENCE_OPTIONS}
              value={String(minConfidence)}
              onChange={(v) => update('min', v)}
              data-testid="topology-confidence"
            />
          </Stack>
          <Stack gap={2}>
            <Text size="xs" fw={500}>
              View{' '}
              <Text span size="xs" c="dimmed">
                (T)
              </Text>
            </Text>
            <SegmentedControl
              size="xs"
              data={[
                { value: 'graph', label: 'Graph' },
                { value: 'table', label: 'Table' },
              ]}
              value={view}
              onChange={(v) => update('view', v === 'table' ? 'table' : null)}
              data-testid="topology-view"
            />
          </Stack>
        </Group>
      </Group>
      {entry?.error && <ErrorNotice title="The topology could not be loaded" message={entry.error} onRetry={() => void store.getState().loadTopology(query)} />}
      {!topology && !entry?.error && <Skeleton h={420} />}
      {topology && links.length === 0 && topology.nodes.length === 0 && (
        <EmptyState
          icon={<IconTopologyStar3 size={32} />}
          withIndicatorBackground
          title="No links known yet"
          description={
            <Text size="sm">
              Links come from discovery: switches and routers report their LLDP/CDP neighbours, MAC tables and ARP caches. Run a scope under Discovery (or try{' '}
              <Code>fieldwise demo --serve</Code>), or lower the confidence threshold.
            </Text>
          }
          data-testid="topology-empty"
        />
      )}
      {topology && (links.length > 0 || topology.nodes.length > 0) && (
        <>
          {view === 'graph' ? <TopologyGraph nodes={topology.nodes} links={links} /> : <TopologyTable nodes={topology.nodes} links={links} />}
          {view === 'graph' && (
            <Group gap="lg">
              <Group gap={6}>
                <svg width="28" height="6" aria-hidden>
                  <line x1="0" y1="3" x2="28" y2="3" stroke="var(--mantine-color-dimmed)" strokeWidth="2" />
                </svg>
                <Text size="xs">LLDP / CDP (≥ 85 %)</Text>
              </Group>
              <Group gap={6}>
                <svg width="28" height="6" aria-hidden>
                  <line x1="0" y1="3" x2="28" y2="3" stroke="var(--mantine-color-dimmed)" strokeWidth="1.2" />
                </svg>
                <Text size="xs">MAC table, only MAC on the port (50 %)</Text>
              </Group>
              <Group gap={6}>
                <svg width="28" height="6" aria-hidden>
                  <line x1="0" y1="3" x2="28" y2="3" stroke="var(--mantine-color-dimmed)" strokeWidth="1.2" strokeDasharray="5 4" />
                </svg>
                <Text size="xs">Weaker: ARP, shared port (&lt; 50 %)</Text>
              </Group>
              <Text size="xs" c="dimmed">
                Each port is written next to its device. Click a device (or focus it and press Enter) to open it.
              </Text>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}
