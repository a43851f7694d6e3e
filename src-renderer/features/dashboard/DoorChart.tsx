// One dashboard figure: a bar chart (recharts) of counts, and the same counts as buttons. Every bar
// and every button is a door: it opens the list behind its count (UX.md). The buttons keep the
// figure usable from the keyboard and readable by screen readers, which a chart alone is not.
import { Group, Paper, Stack, Text, UnstyledButton, useMantineTheme } from '@mantine/core';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AssetDoor } from '../../../src-shared/api/dashboard.js';
import { formatCount } from '../../lib/format.js';

export interface DoorChartProps {
  title: string;
  /** Prefix of the buttons' test ids: `door-<group>-<key>`. */
  group: string;
  doors: readonly AssetDoor[];
  /** Horizontal bars (labels on the left) for named categories; vertical bars for ordered bands. */
  layout: 'horizontal' | 'vertical';
  /** Bars drawn at most (the buttons list every door). */
  maxBars?: number;
  note?: string;
  /** Said when there is no door at all. */
  emptyText?: string;
  onOpen(door: AssetDoor): void;
}

const BAR_HEIGHT = 24;

export function DoorChart({ title, group, doors, layout, maxBars = 10, note, emptyText = 'Nothing to show yet.', onOpen }: DoorChartProps) {
  const theme = useMantineTheme();
  const color = theme.colors.teal[6];
  const shown = doors.slice(0, maxBars);
  const height = layout === 'horizontal' ? Math.max(80, shown.length * BAR_HEIGHT + 24) : 180;
  const open = (index: number) => {
    const door = shown[index];
    if (door) onOpen(door);
  };
  return (
    <Paper withBorder p="sm" data-testid={`figure-${group}`}>
      <Stack gap={6}>
        <Text size="sm" fw={600}>
          {title}
        </Text>
        {doors.length === 0 ? (
          <Text size="sm" c="dimmed">
            {emptyText}
          </Text>
        ) : (
          <div aria-hidden style={{ width: '100%', height }}>
            <ResponsiveContainer width="100%" height="100%">
              {layout === 'horizontal' ? (
                <BarChart data={shown} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 0 }}>
                  <CartesianGrid horizontal={false} strokeOpacity={0.3} />
                  <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11 }} />
                  <YAxis type="category" dataKey="label" width={150} tick={{ fontSize: 11 }} interval={0} />
                  <Tooltip cursor={{ fillOpacity: 0.1 }} formatter={(value) => [formatCount(Number(value)), 'assets']} />
                  <Bar dataKey="count" fill={color} cursor="pointer" isAnimationActive={false} onClick={(_entry, index) => open(index)} />
                </BarChart>
              ) : (
                <BarChart data={shown} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
                  <CartesianGrid vertical={false} strokeOpacity={0.3} />
                  <XAxis dataKey="label" tick={{ fontSize: 11 }} interval={0} />
                  <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={48} />
                  <Tooltip cursor={{ fillOpacity: 0.1 }} formatter={(value) => [formatCount(Number(value)), 'assets']} />
                  <Bar dataKey="count" fill={color} cursor="pointer" isAnimationActive={false} onClick={(_entry, index) => open(index)} />
                </BarChart>
              )}
            </ResponsiveContainer>
          </div>
        )}
        <Group gap={4}>
          {doors.map((door) => (
            <UnstyledButton
              key={door.key}
              className="fw-door"
              onClick={() => onOpen(door)}
              data-testid={`door-${group}-${door.key}`}
              data-count={door.count}
              title={`Show these ${formatCount(door.count)} assets in the inventory`}
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
        {note && (
          <Text size="xs" c="dimmed">
            {note}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
