// The per-host results of a discovery run: target, outcome (icon and word), the credential set that
// worked, the asset written (a link) and how many devices were found behind the target (a gateway's
// DeviceSet, routed BACnet devices, Modbus unit ids), the message that names the reason and the fix,
// what only the operator can decide (an OPC UA server certificate to trust), requests and duration.
// Filtered by outcome on the server; pages of 500 with "Show more".
import { Anchor, Button, Group, Skeleton, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { DiscoveryHostStatus } from '../../../src-shared/api/discovery.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { formatCount, formatDuration } from '../../lib/format.js';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store.js';
import { HostOutcomeBadge } from './HostOutcomeBadge.js';

export function HostsTable({ runId, statuses }: { runId: string; statuses: DiscoveryHostStatus[] }) {
  const store = useAppStoreApi();
  const view = useAppStore((s) => s.discovery.hosts[runId]);
  if (!view || (view.loading && view.items.length === 0)) {
    return (
      <Stack gap={4} aria-busy>
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} h={22} />
        ))}
      </Stack>
    );
  }
  if (view.error && view.items.length === 0) {
    return (
      <ErrorNotice
        title="The hosts of this run could not be loaded"
        message={view.error}
        onRetry={() => void store.getState().loadDiscoveryHosts(runId, statuses)}
      />
    );
  }
  if (view.items.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="hosts-empty">
        {statuses.length > 0 ? 'No host of this run has that outcome.' : 'No host has finished yet.'}
      </Text>
    );
  }
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={900}>
        <Table withTableBorder highlightOnHover verticalSpacing={4} fz="sm" data-testid="hosts-table" data-total={view.total}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={170}>Target</Table.Th>
              <Table.Th w={170}>Outcome</Table.Th>
              <Table.Th w={150}>Credential</Table.Th>
              <Table.Th w={190}>Asset</Table.Th>
              <Table.Th>Message</Table.Th>
              <Table.Th w={80} ta="right">
                Requests
              </Table.Th>
              <Table.Th w={90} ta="right">
                Duration
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {view.items.map((host) => (
              <Table.Tr key={`${host.host}:${host.port}`} data-testid="host-row" data-status={host.status} style={{ verticalAlign: 'top' }}>
                <Table.Td className="fw-mono">
                  {host.host}:{host.port}
                </Table.Td>
                <Table.Td>
                  <HostOutcomeBadge status={host.status} />
                </Table.Td>
                <Table.Td>
                  {host.credentialSetName ?? (
                    <Text span c="dimmed" size="sm">
                      —
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {host.assetId ? (
                    <Anchor component={Link} to={`/assets/${host.assetId}`} size="sm" data-testid="host-asset-link">
                      {host.assetName ?? 'Open asset'}
                    </Anchor>
                  ) : (
                    <Text span c="dimmed" size="sm">
                      —
                    </Text>
                  )}
                  {host.observationCount > 1 && (
                    <Text size="xs" c="dimmed" data-testid="host-devices" data-count={host.observationCount}>
                      + {formatCount(host.observationCount - 1)} device{host.observationCount === 2 ? '' : 's'} behind it
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="xs" style={{ wordBreak: 'break-word' }}>
                    {host.message ?? ''}
                  </Text>
                  {host.decisions.map((d) => (
                    <Text key={d.thumbprint} size="xs" mt={2} data-testid="host-decision">
                      <b>Server certificate to review:</b> {d.subject}
                      {d.applicationUri ? ` (${d.applicationUri})` : ''}, thumbprint <span className="fw-mono">{d.thumbprint}</span>
                      {d.validTo ? `, valid until ${d.validTo}` : ''}. It is not trusted until you trust it.
                    </Text>
                  ))}
                </Table.Td>
                <Table.Td ta="right" className="fw-mono">
                  {formatCount(host.requestCount)}
                </Table.Td>
                <Table.Td ta="right" className="fw-mono">
                  {formatDuration(host.durationMs)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          Showing {formatCount(view.items.length)} of {formatCount(view.total)} host{view.total === 1 ? '' : 's'}
        </Text>
        {view.items.length < view.total && (
          <Button
            size="xs"
            variant="default"
            loading={view.loading}
            onClick={() => void store.getState().loadDiscoveryHosts(runId, statuses, { append: true })}
          >
            Show more
          </Button>
        )}
      </Group>
    </Stack>
  );
}
