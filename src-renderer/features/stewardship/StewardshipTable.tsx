// The queue as a dense table: one row per pair with its kind, score and both records (name, class,
// identifiers). Rows can be selected for bulk decisions; one row is focused and shown in detail.
import { Badge, Checkbox, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconQuestionMark } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import type { StewardshipItem, StewardshipSide } from '../../../src-shared/api/reconciliation.js';
import { ASSET_CLASS_LABELS } from '../../../src-shared/model/asset-classes.js';
import { formatScore, STEWARDSHIP_KIND_LABELS } from '../../lib/evidence.js';
import { formatTime } from '../../lib/format.js';
import { SEVERITY_COLOR } from '../../lib/severity.js';
import { extraIdentifiers, sideName } from '../../lib/stewardship-compare.js';

function SideCell({ side }: { side: StewardshipSide }) {
  return (
    <Stack gap={0}>
      <Text size="sm" fw={500} lineClamp={1}>
        {sideName(side)}
      </Text>
      <Text size="xs" c="dimmed" lineClamp={1}>
        {side.asset ? ASSET_CLASS_LABELS[side.asset.class] : 'record gone'} · {side.member.sourceName}
      </Text>
      <Text size="xs" c="dimmed" className="fw-mono" lineClamp={1}>
        {[...extraIdentifiers(side), `key ${side.member.nativeKey}`].join(' · ')}
      </Text>
    </Stack>
  );
}

export interface StewardshipTableProps {
  items: readonly StewardshipItem[];
  focusedId: string | null;
  selected: ReadonlySet<string>;
  onFocus: (id: string) => void;
  onToggle: (id: string) => void;
  onToggleAll: () => void;
}

export function StewardshipTable({ items, focusedId, selected, onFocus, onToggle, onToggleAll }: StewardshipTableProps) {
  const focusedRow = useRef<HTMLTableRowElement | null>(null);
  useEffect(() => {
    focusedRow.current?.scrollIntoView({ block: 'nearest' });
  }, [focusedId]);
  const all = items.length > 0 && items.every((i) => selected.has(i.id));
  const some = items.some((i) => selected.has(i.id));
  return (
    <Table highlightOnHover withTableBorder verticalSpacing={3} fz="sm" data-testid="review-table" aria-label="Stewardship queue">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={32}>
            <Checkbox size="xs" checked={all} indeterminate={some && !all} onChange={onToggleAll} aria-label="Select every item shown" data-testid="review-select-all" />
          </Table.Th>
          <Table.Th w={90}>Kind</Table.Th>
          <Table.Th w={56} ta="right">
            Score
          </Table.Th>
          <Table.Th>Record A</Table.Th>
          <Table.Th>Record B</Table.Th>
          <Table.Th w={120}>Opened</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((item) => {
          const focused = item.id === focusedId;
          return (
            <Table.Tr
              key={item.id}
              ref={focused ? focusedRow : undefined}
              onClick={() => onFocus(item.id)}
              aria-selected={focused}
              data-testid="review-row"
              data-id={item.id}
              data-kind={item.kind}
              data-focused={focused}
              style={{
                cursor: 'pointer',
                verticalAlign: 'top',
                background: focused ? 'var(--mantine-color-default-hover)' : undefined,
                boxShadow: focused ? 'inset 3px 0 0 var(--mantine-primary-color-filled)' : undefined,
              }}
            >
              <Table.Td onClick={(event) => event.stopPropagation()}>
                <Checkbox size="xs" checked={selected.has(item.id)} onChange={() => onToggle(item.id)} aria-label={`Select ${sideName(item.left)} and ${sideName(item.right)}`} data-testid="review-select" />
              </Table.Td>
              <Table.Td>
                {item.kind === 'conflict' ? (
                  <Badge size="xs" variant="light" color={SEVERITY_COLOR.warning} tt="none" leftSection={<IconAlertTriangle size={10} aria-hidden />}>
                    {STEWARDSHIP_KIND_LABELS.conflict}
                  </Badge>
                ) : (
                  <Badge size="xs" variant="outline" color="gray" tt="none" leftSection={<IconQuestionMark size={10} aria-hidden />}>
                    {STEWARDSHIP_KIND_LABELS.review}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td ta="right" className="fw-mono">
                {formatScore(item.score)}
              </Table.Td>
              <Table.Td>
                <SideCell side={item.left} />
              </Table.Td>
              <Table.Td>
                <SideCell side={item.right} />
              </Table.Td>
              <Table.Td className="fw-mono" style={{ whiteSpace: 'nowrap' }}>
                {formatTime(item.openedAt)}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
