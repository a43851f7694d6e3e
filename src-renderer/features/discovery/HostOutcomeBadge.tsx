// A host's discovery outcome as an icon and a word. Colour only where a person must act: red for
// failures that need a fix (authentication, missing secret), amber for a device that misbehaved or
// hit a limit; "no response" is the normal answer of an empty address and stays grey.
import { Badge } from '@mantine/core';
import {
  IconAlertOctagon,
  IconAlertTriangle,
  IconBan,
  IconCircleCheck,
  IconCircleDashed,
  IconClockExclamation,
  IconKey,
  IconPlayerStop,
  IconWifiOff,
} from '@tabler/icons-react';
import { DISCOVERY_HOST_STATUS_LABELS, type DiscoveryHostStatus } from '../../../src-shared/api/discovery.js';
import { SEVERITY_COLOR, type Severity } from '../../lib/severity.js';

export const HOST_OUTCOME_SEVERITY: Record<DiscoveryHostStatus, Severity> = {
  found: 'neutral',
  no_response: 'neutral',
  auth_failure: 'critical',
  credential_missing: 'critical',
  timeout: 'warning',
  malformed: 'warning',
  limit: 'warning',
  network: 'warning',
  out_of_scope: 'neutral',
  refused: 'warning',
  cancelled: 'neutral',
};

const ICONS = {
  found: IconCircleCheck,
  no_response: IconCircleDashed,
  auth_failure: IconAlertOctagon,
  credential_missing: IconKey,
  timeout: IconClockExclamation,
  malformed: IconAlertTriangle,
  limit: IconAlertTriangle,
  network: IconWifiOff,
  out_of_scope: IconBan,
  refused: IconBan,
  cancelled: IconPlayerStop,
} as const satisfies Record<DiscoveryHostStatus, unknown>;

export function HostOutcomeIcon({ status, size = 14 }: { status: DiscoveryHostStatus; size?: number }) {
  const Icon = ICONS[status];
  const severity = HOST_OUTCOME_SEVERITY[status];
  return <Icon size={size} aria-hidden color={severity === 'neutral' ? 'currentColor' : `var(--mantine-color-${SEVERITY_COLOR[severity]}-filled)`} />;
}

export function HostOutcomeBadge({ status }: { status: DiscoveryHostStatus }) {
  const severity = HOST_OUTCOME_SEVERITY[status];
  const Icon = ICONS[status];
  return (
    <Badge
      size="sm"
      variant="light"
      color={SEVERITY_COLOR[severity]}
      leftSection={<Icon size={12} aria-hidden />}
      radius="sm"
      tt="none"
      data-testid="host-outcome"
      data-status={status}
    >
      {DISCOVERY_HOST_STATUS_LABELS[status]}
    </Badge>
  );
}
