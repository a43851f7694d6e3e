// Counts by class, source and status. Every count is a door: clicking it filters the grid to it.
import { Group, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { useShallow } from 'zustand/react/shallow';
import type { AssetFilter } from '../../../src-shared/api/inventory.js';
import { ASSET_CLASS_LABELS, isAssetClass } from '../../../src-shared/model/asset-classes.js';
import { ASSET_STATUSES, type AssetStatus } from '../../../src-shared/model/lifecycle-stages.js';
import { formatCount } from '../../lib/format.js';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store.js';

const STATUS_LABELS: Record<AssetStatus, string> = { active: 'Active', stale: 'Stale', retired: 'Retired' };

interface Door {
  key: string;
  label: string;
  count: number;
  active: boolean;
  apply: Partial<AssetFilter>;
}

function DoorGroup({ title, doors, onOpen }: { title: string; doors: Door[]; onOpen(door: Door): void }) {
  if (doors.length === 0) return null;
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {title}
      </Text>
      <Group gap={4}>
        {doors.map((door) => (
          <UnstyledButton
            key={door.key}
            className="fw-door"
            data-active={door.active || undefined}
            aria-pressed={door.active}
            onClick={() => onOpen(door)}
            data-testid={`summary-${door.key}`}
            title={door.active ? `Showing only ${door.label}; click to show all` : `Show only ${door.label}`}
          >
            <Text span size="sm" fw={600}>
              {formatCount(door.count)}
            </Text>{' '}
            <Text span size="xs" c="dimmed">
              {door.label}
            </Text>
          </UnstyledButton>
        ))}
      </Group>
    </Stack>
  );
}

export function SummaryStrip() {
  const store = useAppStoreApi();
  const summary = useAppStore((s) => s.inventory.summary);
  const filter = useAppStore(useShallow((s) => s.inventory.query.filter));
  if (!summary || summary.total === 0) return null;

  const classDoors: Door[] = summary.byClass
    .filter((c) => isAssetClass(c.key))
    .map((c) => {
      const key = c.key as keyof typeof ASSET_CLASS_LABELS;
      const active = filter.classes?.length === 1 && filter.classes[0] === key;
      return { key: `class-${key}`, label: ASSET_CLASS_LABELS[key], count: c.count, active, apply: { classes: active ? [] : [key] } };
    });
  const sourceDoors: Door[] = summary.bySource.map((s) => {
    const active = filter.sourceId === s.key;
    return { key: `source-${s.key}`, label: s.label, count: s.count, active, apply: { sourceId: active ? undefined : s.key, sourceKind: undefined } };
  });
  const statusDoors: Door[] = summary.byStatus
    .filter((s): s is { key: AssetStatus; count: number } => (ASSET_STATUSES as readonly string[]).includes(s.key))
    .map((s) => {
      const active = filter.status === s.key;
      return { key: `status-${s.key}`, label: STATUS_LABELS[s.key], count: s.count, active, apply: { status: active ? undefined : s.key } };
    });

  const open = (door: Door) => store.getState().setInventoryFilter(door.apply);

  return (
    <Paper withBorder p="xs" data-testid="summary-strip">
      <Group gap="xl" align="flex-start">
        <Stack gap={2}>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase">
            Total
          </Text>
          <UnstyledButton className="fw-door" onClick={() => store.getState().replaceInventoryFilter({})} title="Show all assets" data-testid="summary-total">
            <Text span size="sm" fw={700}>
              {formatCount(summary.total)}
            </Text>{' '}
            <Text span size="xs" c="dimmed">
              assets
            </Text>
          </UnstyledButton>
        </Stack>
        <DoorGroup title="By class" doors={classDoors} onOpen={open} />
        <DoorGroup title="By source" doors={sourceDoors} onOpen={open} />
        <DoorGroup title="By status" doors={statusDoors} onOpen={open} />
      </Group>
    </Paper>
  );
}
