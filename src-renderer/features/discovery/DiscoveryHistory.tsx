// Every discovery run, newest first: status, scope, how it was started, counts and duration; a row
// opens the run's report. Imports are under Runs.
import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import { useShallow } from 'zustand/react/shallow';
import type { Run } from '../../../src-shared/api/runs.js';
import { RunStatusBadge } from '../../components/RunStatusBadge.js';
import { formatCount, formatDuration, formatTime } from '../../lib/format.js';
import { useAppStore } from '../../store/use-app-store.js';

const TRIGGER_LABELS: Record<Run['trigger'], string> = { manual: 'By hand', scheduled: 'Schedule', cli: 'Command line' };

export function DiscoveryHistory() {
  const runs = useAppStore(
    useShallow((s) => (s.runs.listIds ?? []).map((id) => s.runs.byId[id]).filter((r): r is Run => r !== undefined && r.kind === 'discovery')),
  );
  const loaded = useAppStore((s) => s.runs.listIds !== null);
  if (loaded && runs.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="discovery-history-empty">
        No discovery has run yet. Start one with “Run now” on a scope.
      </Text>
    );
  }
  return (
    <Table withTableBorder highlightOnHover verticalSpacing={4} fz="sm" data-testid="discovery-history">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={130}>Status</Table.Th>
          <Table.Th>Scope</Table.Th>
          <Table.Th w={120}>Started by</Table.Th>
          <Table.Th w={140}>Started</Table.Th>
          <Table.Th ta="right">Probed</Table.Th>
          <Table.Th ta="right">Created</Table.Th>
          <Table.Th ta="right">Updated</Table.Th>
          <Table.Th ta="right">No device</Table.Th>
          <Table.Th ta="right">Duration</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {runs.map((run) => (
          <Table.Tr key={run.id} data-testid="discovery-history-row">
            <Table.Td>
              <RunStatusBadge status={run.status} />
            </Table.Td>
            <Table.Td>
              <Anchor component={Link} to={`/discovery/runs/${run.id}`} size="sm">
                {run.sourceName ?? run.scope}
              </Anchor>
            </Table.Td>
            <Table.Td>{TRIGGER_LABELS[run.trigger]}</Table.Td>
            <Table.Td className="fw-mono">{formatTime(run.startedAt)}</Table.Td>
            <Table.Td ta="right">{formatCount(run.counts.read)}</Table.Td>
            <Table.Td ta="right">{formatCount(run.counts.created)}</Table.Td>
            <Table.Td ta="right">{formatCount(run.counts.updated)}</Table.Td>
            <Table.Td ta="right">{formatCount(run.counts.rejected)}</Table.Td>
            <Table.Td ta="right">{formatDuration(run.durationMs)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
