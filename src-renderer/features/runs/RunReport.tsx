// What an import did: counts (read / created / updated / unchanged / rejected), duration, and the
// error with its line, record and field when it failed.
import { Alert, Anchor, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconAlertOctagon, IconAlertTriangle, IconCheck, IconPlayerStop } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import type { Run } from '../../../src-shared/api/runs.js';
import { RunStatusBadge } from '../../components/RunStatusBadge.js';
import { formatCount, formatDuration, formatTime } from '../../lib/format.js';

const COUNT_LABELS = [
  ['read', 'Read'],
  ['created', 'Created'],
  ['updated', 'Updated'],
  ['unchanged', 'Unchanged'],
  ['rejected', 'Rejected'],
] as const;

function errorWhere(error: NonNullable<Run['error']>): string {
  const parts = [
    error.line !== null ? `line ${error.line}` : null,
    error.recordNumber !== null ? `record ${error.recordNumber}` : null,
    error.field !== null ? `field “${error.field}”` : null,
  ].filter((p): p is string => p !== null);
  return parts.join(', ');
}

export function RunReport({ run }: { run: Run }) {
  const where = run.error ? errorWhere(run.error) : '';
  return (
    <Stack gap="xs" data-testid="run-report" data-status={run.status}>
      <Group gap="xs">
        <RunStatusBadge status={run.status} />
        <Text size="sm">{run.sourceName ?? run.scope}</Text>
        <Text size="xs" c="dimmed">
          started {formatTime(run.startedAt)} · took {formatDuration(run.durationMs)}
        </Text>
      </Group>
      <SimpleGrid cols={5} spacing="xs" maw={560}>
        {COUNT_LABELS.map(([key, label]) => (
          <Stack key={key} gap={0} data-testid={`count-${key}`}>
            <Text size="lg" fw={700}>
              {formatCount(run.counts[key])}
            </Text>
            <Group gap={4}>
              {key === 'rejected' && run.counts.rejected > 0 && <IconAlertTriangle size={12} color="var(--mantine-color-orange-filled)" aria-hidden />}
              <Text size="xs" c="dimmed">
                {label}
              </Text>
            </Group>
          </Stack>
        ))}
      </SimpleGrid>
      {run.kind === 'discovery' && (
        <Anchor component={Link} to={`/discovery/runs/${run.id}`} size="sm" data-testid="open-discovery-report">
          Open the discovery report (per-host results, learned addresses)
        </Anchor>
      )}
      {run.status === 'succeeded' && run.kind === 'import' && (
        <Group gap={4}>
          <IconCheck size={14} aria-hidden />
          <Text size="sm">
            Import finished: {formatCount(run.counts.created)} new, {formatCount(run.counts.updated)} updated
            {run.counts.rejected > 0 ? `, ${formatCount(run.counts.rejected)} records rejected` : ''}.
          </Text>
        </Group>
      )}
      {run.status === 'cancelled' && run.kind === 'import' && (
        <Group gap={4}>
          <IconPlayerStop size={14} aria-hidden />
          <Text size="sm">Cancelled: nothing from this import was committed.</Text>
        </Group>
      )}
      {run.error && run.status !== 'cancelled' && (
        <Alert
          color={run.status === 'interrupted' ? 'orange' : 'red'}
          variant="light"
          icon={run.status === 'interrupted' ? <IconAlertTriangle aria-hidden /> : <IconAlertOctagon aria-hidden />}
          title={
            run.kind === 'discovery'
              ? run.status === 'interrupted'
                ? 'Discovery interrupted'
                : 'Discovery failed'
              : where
                ? `Import failed at ${where}`
                : 'Import failed'
          }
          data-testid="run-error"
        >
          {run.error.message}
        </Alert>
      )}
    </Stack>
  );
}
