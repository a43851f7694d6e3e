// The small global indicator of running jobs in the header: a count and the current import's progress.
import { Badge, Group, Progress, Text, UnstyledButton } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useNavigate } from 'react-router-dom';
import { useShallow } from 'zustand/react/shallow';
import { isRunActive } from '../store/runs-slice.js';
import { useAppStore } from '../store/use-app-store.js';
import { formatCount } from '../lib/format.js';

export function JobsIndicator() {
  const navigate = useNavigate();
  const active = useAppStore(useShallow((s) => Object.values(s.runs.byId).filter(isRunActive).map((r) => r.id)));
  const firstProgress = useAppStore((s) => (active[0] ? s.runs.progress[active[0]] : undefined));
  if (active.length === 0) {
    return (
      <Group gap={4} c="dimmed" data-testid="jobs-indicator" data-running="0">
        <IconCheck size={14} aria-hidden />
        <Text size="xs">No jobs running</Text>
      </Group>
    );
  }
  const percent = firstProgress && firstProgress.totalBytes > 0 ? (firstProgress.bytesRead / firstProgress.totalBytes) * 100 : undefined;
  return (
    <UnstyledButton onClick={() => navigate('/runs')} aria-label={`${active.length} job(s) running — open Runs`} data-testid="jobs-indicator" data-running={active.length}>
      <Group gap="xs" wrap="nowrap">
        <Badge size="sm" variant="light" color="teal" tt="none">
          {active.length} running
        </Badge>
        <Progress value={percent ?? 100} animated={percent === undefined} striped={percent === undefined} w={80} size="sm" aria-hidden />
        {firstProgress && <Text size="xs" c="dimmed">{formatCount(firstProgress.records)} records</Text>}
      </Group>
    </UnstyledButton>
  );
}
