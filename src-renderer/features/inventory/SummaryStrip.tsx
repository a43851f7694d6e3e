// Counts by class, source and status on one slim line (the home dashboard has the full picture;
// the grid keeps the screen). Every count is a door: clicking it filters the grid to it.
import { Group, Paper, Text, UnstyledButton } from '@mantine/core';
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
  /** Shown on hover where the label is shortened (a source's kind). */
  detail?: string;
  count: number;
  active: boolean;
  apply: Partial<AssetFilter>;
}

function DoorGroup({ title, doors, onOpen }: { title: string; doors: Door[]; onOpen(door: Door): void }) {
  if (doors.length === 0) return null;
  return (
    <Group gap={4} wrap="nowrap" role="group" aria-label={title}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ whiteSpace: 'nowrap' }}>
        {title}
      </Text>
      {doors.map((door) => (
        <UnstyledButton
          key={door.key}
          className="fw-door"
          style={{ whiteSpace: 'nowrap' }}
          data-active={door.active || undefined}
          aria-pressed={door.active}
          onClick={() => onOpen(door)}
          data-testid={`summary-${door.key}`}
          title={`${door.active ? `Showing only ${door.label}; click to show all` : `Show only ${door.label}`}${door.detail ? ` (${door.detail})` : ''}`}
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
    // The name on the line, the kind on hover.
    return { key: `source-${s.key}`, label: s.name, detail: s.kindLabel, count: s.count, active, apply: { sourceId: active ? undefined : s.key, sourceKind: undefined } };
  });
  const statusDoors: Door[] = summary.byStatus
    .filter((s): s is { key: AssetStatus; count: number } => (ASSET_STATUSES as readonly string[]).includes(s.key))
    .map((s) => {
      const active = filter.status === s.key;
      return { key: `status-${s.key}`, label: STATUS_LABELS[s.key], count: s.count, active, apply: { status: active ? undefined : s.key } };
    });

  const open = (door: Door) => store.getState().setInventoryFilter(door.apply);

  return (
    <Paper withBorder px="xs" py={4} data-testid="summary-strip" style={{ overflowX: 'auto' }}>
      <Group gap="lg" wrap="nowrap">
        <UnstyledButton className="fw-door" style={{ whiteSpace: 'nowrap' }} onClick={() => store.getState().replaceInventoryFilter({})} title="Show all assets" data-testid="summary-total">
          <Text span size="sm" fw={700}>
            {formatCount(summary.total)}
          </Text>{' '}
          <Text span size="xs" c="dimmed">
            assets
          </Text>
        </UnstyledButton>
        <DoorGroup title="Class" doors={classDoors} onOpen={open} />
        <DoorGroup title="Source" doors={sourceDoors} onOpen={open} />
        <DoorGroup title="Status" doors={statusDoors} onOpen={open} />
      </Group>
    </Paper>
  );
}
