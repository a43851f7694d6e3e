// The small global indicator of running jobs in the header: how many imports and discoveries are
// running and the first one's progress. A click opens that job (a discovery's run page, or Runs).
import { Badge, Group, Progress, Text, UnstyledButton } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useNavigate } from 'react-router-dom';
import { useShallow } from 'zustand/react/shallow';
import type { Run } from '../../src-shared/api/runs.js';
import { formatCount } from '../lib/format.js';
import { isRunActive } from '../store/runs-slice.js';
import { useAppStore } from '../store/use-app-store.js';

export function JobsIndicator() {
  const navigate = useNavigate();
  const active = useAppStore(
    useShallow((s) =>
      Object.values(s.runs.byId)
        .filter(isRunActive)
        .map((r) => r.id),
    ),
  );
  const first: Run | undefined = useAppStore((s) => (active[0] ? s.runs.byId[active[0]] : undefined));
  const importProgress = useAppStore((s) => (active[0] ? s.runs.progress[active[0]] : undefined));
  const discoveryProgress = useAppStore((s) => (active[0] ? s.discovery.progress[active[0]] : undefined));
  if (active.length === 0 || !first) {
    return (
      <Group gap={4} c="dimmed" data-testid="jobs-indicator" data-running="0">
        <IconCheck size={14} aria-hidden />
        <Text size="xs">No jobs running</Text>
      </Group>
    );
  }
  const isDiscovery = first.kind === 'discovery';
  const percent = isDiscovery
    ? discoveryProgress && discoveryProgress.total > 0
      ? (discoveryProgress.done / discoveryProgress.total) * 100
      : undefined
    : importProgress && importProgress.totalBytes > 0
      ? (importProgress.bytesRead / importProgress.totalBytes) * 100
      : undefined;
  const detail = isDiscovery
    ? discoveryProgress
      ? `${first.sourceName ?? 'Discovery'}: ${formatCount(discoveryProgress.done)}/${formatCount(discoveryProgress.total)} hosts`
      : `${first.sourceName ?? 'Discovery'} starting`
    : importProgress
      ? `${formatCount(importProgress.records)} records`
      : null;
  const target = isDiscovery && active.length === 1 ? `/discovery/runs/${first.id}` : '/runs';
  return (
    <UnstyledButton
      onClick={() => navigate(target)}
      aria-label={`${active.length} job(s) running — open ${isDiscovery && active.length === 1 ? 'the discovery run' : 'Runs'}`}
      data-testid="jobs-indicator"
      data-running={active.length}
    >
      <Group gap="xs" wrap="nowrap">
        <Badge size="sm" variant="light" color="teal" tt="none">
          {active.length} running
        </Badge>
        <Progress value={percent ?? 100} animated={percent === undefined} striped={percent === undefined} w={80} size="sm" aria-hidden />
        {detail && (
          <Text size="xs" c="dimmed" data-testid="jobs-detail">
            {detail}
          </Text>
        )}
      </Group>
    </UnstyledButton>
  );
}
