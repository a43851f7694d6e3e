// An asset's status as a word, an icon and (only when it needs attention) a severity colour.
import { Badge } from '@mantine/core';
import { IconAlertTriangle, IconArchive, IconCircleCheck } from '@tabler/icons-react';
import type { AssetStatus } from '../../src-shared/model/lifecycle-stages.js';
import { SEVERITY_COLOR } from '../lib/severity.js';

const STATUS_LOOK = {
  active: { label: 'Active', color: SEVERITY_COLOR.neutral, Icon: IconCircleCheck },
  stale: { label: 'Stale', color: SEVERITY_COLOR.warning, Icon: IconAlertTriangle },
  retired: { label: 'Retired', color: SEVERITY_COLOR.neutral, Icon: IconArchive },
} as const;

export function StatusBadge({ status, size = 'sm' }: { status: AssetStatus; size?: 'xs' | 'sm' | 'md' }) {
  const look = STATUS_LOOK[status];
  return (
    <Badge size={size} variant="light" color={look.color} leftSection={<look.Icon size={12} aria-hidden />} radius="sm" tt="none">
      {look.label}
    </Badge>
  );
}
