// A running discovery: a bar with hosts done of total, found, errors and in flight, the current step,
// the last hosts that finished, and Cancel. Fed by `discovery.progress` events through the store, so
// it shows the same numbers wherever it is mounted (scope list, run report) and after navigation.
import { Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { IconPlayerStop } from '@tabler/icons-react';
import { useState } from 'react';
import { DISCOVERY_HOST_STATUS_LABELS } from '../../../src-shared/api/discovery.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { formatCount } from '../../lib/format.js';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store.js';
import { HostOutcomeIcon } from './HostOutcomeBadge.js';

const PHASE_LABELS = { sweeping: 'Probing hosts', linking: 'Linking the topology', done: 'Finishing' } as const;

export function DiscoveryProgress({ runId, showRecent = true }: { runId: string; showRecent?: boolean }) {
  const store = useAppStoreApi();
  const progress = useAppStore((s) => s.discovery.progress[runId]);
  const recent = useAppStore((s) => s.discovery.recent[runId]);
  const [cancelling, setCancelling] = useState(false);
  const [cancelError, setCancelError] = useState<string | null>(null);
  const percent = progress && progress.total > 0 ? Math.min(100, (progress.done / progress.total) * 100) : 0;

  return (
    <Paper withBorder p="sm" data-testid="discovery-progress" data-done={progress?.done ?? 0} data-total={progress?.total ?? 0}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm" fw={500} data-testid="discovery-phase">
            {progress ? PHASE_LABELS[progress.phase] : 'Starting'}…
          </Text>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconPlayerStop size={14} aria-hidden />}
            loading={cancelling}
            onClick={async () => {
              setCancelling(true);
              setCancelError(await store.getState().cancelDiscovery(runId));
              setCancelling(false);
            }}
            data-testid="discovery-cancel"
          >
            Cancel run
          </Button>
        </Group>
        <Progress
          value={percent}
          size="lg"
          animated={progress?.phase !== 'sweeping'}
          striped
          aria-label="Discovery progress"
          aria-valuenow={Math.round(percent)}
        />
        <Text size="xs" data-testid="discovery-progress-text">
          {progress ? (
            <>
              <b>{formatCount(progress.done)}</b> of {formatCount(progress.total)} hosts ({Math.round(percent)} %) · {formatCount(progress.found)} found ·{' '}
              {formatCount(progress.errors)} without a device · {formatCount(progress.inFlight)} in flight
            </>
          ) : (
            'Waiting for the first progress report…'
          )}
        </Text>
        {showRecent && recent && recent.length > 0 && (
          <Group gap="md" data-testid="discovery-recent">
            <Text size="xs" c="dimmed">
              Just finished:
            </Text>
            {recent.slice(0, 6).map((host) => (
              <Group key={`${host.host}:${host.port}`} gap={4} wrap="nowrap">
                <HostOutcomeIcon status={host.status} size={12} />
                <Text size="xs" className="fw-mono">
                  {host.host}:{host.port}
                </Text>
                <Text size="xs" c="dimmed">
                  {DISCOVERY_HOST_STATUS_LABELS[host.status]}
                </Text>
              </Group>
            ))}
          </Group>
        )}
        {cancelError && <ErrorNotice title="The run could not be cancelled" message={cancelError} />}
      </Stack>
    </Paper>
  );
}
