// Whether a credential's secret can be read from the OS keychain: a word and an icon; red when it
// is missing (runs will fail), amber when the keychain itself cannot be read.
import { Badge, Loader } from '@mantine/core';
import { IconAlertOctagon, IconAlertTriangle, IconLock } from '@tabler/icons-react';
import type { SecretStatus } from '../../../src-shared/api/discovery.js';
import { SEVERITY_COLOR } from '../../lib/severity.js';

const LOOK = {
  stored: { label: 'In keychain', color: SEVERITY_COLOR.neutral, Icon: IconLock },
  missing: { label: 'Secret missing', color: SEVERITY_COLOR.critical, Icon: IconAlertOctagon },
  unavailable: { label: 'Keychain unavailable', color: SEVERITY_COLOR.warning, Icon: IconAlertTriangle },
} as const satisfies Record<SecretStatus, unknown>;

export function SecretStatusBadge({ status }: { status: SecretStatus | 'checking' }) {
  if (status === 'checking') {
    return (
      <Badge size="sm" variant="light" color="gray" leftSection={<Loader size={8} color="gray" aria-hidden />} radius="sm" tt="none">
        Checking
      </Badge>
    );
  }
  const look = LOOK[status];
  return (
    <Badge
      size="sm"
      variant="light"
      color={look.color}
      leftSection={<look.Icon size={12} aria-hidden />}
      radius="sm"
      tt="none"
      data-testid="secret-status"
      data-status={status}
    >
      {look.label}
    </Badge>
  );
}
