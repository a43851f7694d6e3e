// A run's status: failures in red, interruptions in amber, everything else neutral, always worded.
import { Badge, Loader } from '@mantine/core';
import { IconAlertOctagon, IconAlertTriangle, IconCheck, IconEye, IconClock, IconPlayerStop } from '@tabler/icons-react';
import type { RunStatus } from '../../src-shared/api/runs.js';
import { SEVERITY_COLOR } from '../lib/severity.js';

const LABELS: Record<RunStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  previewed: 'Ready to commit',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
};

function look(status: RunStatus) {
  switch (status) {
    case 'failed':
      return { color: SEVERITY_COLOR.critical, icon: <IconAlertOctagon size={12} aria-hidden /> };
    case 'interrupted':
      return { color: SEVERITY_COLOR.warning, icon: <IconAlertTriangle size={12} aria-hidden /> };
    case 'running':
      return { color: 'teal', icon: <Loader size={10} color="teal" aria-hidden /> };
    case 'previewed':
      return { color: SEVERITY_COLOR.info, icon: <IconEye size={12} aria-hidden /> };
    case 'queued':
      return { color: SEVERITY_COLOR.neutral, icon: <IconClock size={12} aria-hidden /> };
    case 'cancelled':
      return { color: SEVERITY_COLOR.neutral, icon: <IconPlayerStop size={12} aria-hidden /> };
    case 'succeeded':
      return { color: SEVERITY_COLOR.neutral, icon: <IconCheck size={12} aria-hidden /> };
  }
}

export function RunStatusBadge({ status }: { status: RunStatus }) {
  const { color, icon } = look(status);
  return (
    <Badge size="sm" variant="light" color={color} leftSection={icon} radius="sm" tt="none" data-testid="run-status">
      {LABELS[status]}
    </Badge>
  );
}
