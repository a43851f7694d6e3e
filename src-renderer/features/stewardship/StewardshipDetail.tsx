// One stewardship item side by side: both records' fields aligned row by row, each row saying in an
// icon and a word whether the two agree, the score breakdown, and the decision buttons.
import { Anchor, Badge, Button, Group, Kbd, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowBackUp, IconArrowMerge, IconArrowsDiff, IconBan, IconClockPause, IconEqual, IconMinus } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { StewardshipDecision, StewardshipItem, StewardshipSide } from '../../../src-shared/api/reconciliation.js';
import { SOURCE_KIND_LABELS } from '../../../src-shared/model/source-kinds.js';
import { ScoreBreakdown } from '../../components/ScoreBreakdown.js';
import { formatScore, STEWARDSHIP_KIND_LABELS, STEWARDSHIP_STATUS_LABELS } from '../../lib/evidence.js';
import { formatTime } from '../../lib/format.js';
import { compareSides, sideName, type ComparisonState } from '../../lib/stewardship-compare.js';

const STATE_LOOK: Record<ComparisonState, { label: string; Icon: typeof IconEqual }> = {
  same: { label: 'Same', Icon: IconEqual },
  different: { label: 'Differs', Icon: IconArrowsDiff },
  left_only: { label: 'Only A', Icon: IconMinus },
  right_only: { label: 'Only B', Icon: IconMinus },
};

function SideHeader({ letter, side }: { letter: string; side: StewardshipSide }) {
  return (
    <Stack gap={0}>
      <Text size="sm" fw={600}>
        {letter}: {sideName(side)}
      </Text>
      <Text size="xs" c="dimmed">
        {side.member.sourceName} · {SOURCE_KIND_LABELS[side.member.sourceKind]}
      </Text>
      <Text size="xs" c="dimmed" className="fw-mono" style={{ overflowWrap: 'anywhere' }}>
        key {side.member.nativeKey} · {formatTime(side.member.observedAt)}
      </Text>
      {side.asset ? (
        <Anchor component={Link} to={`/assets/${side.asset.id}`} size="xs" data-testid="review-side-asset">
          Open its asset
        </Anchor>
      ) : (
        <Text size="xs" c="dimmed">
          The record is no longer stored.
        </Text>
      )}
    </Stack>
  );
}

export interface StewardshipDetailProps {
  item: StewardshipItem;
  busy: boolean;
  onDecide: (decision: StewardshipDecision) => void;
  /** Takes the decision back: the item opens again and the assets are as they were. */
  onUndo: () => void;
}

export function StewardshipDetail({ item, busy, onDecide, onUndo }: StewardshipDetailProps) {
  const rows = compareSides(item.left, item.right);
  const decidable = item.status === 'open' || item.status === 'deferred';
  const button = (decision: StewardshipDecision, label: string, key: string, icon: ReactNode, primary = false) => (
    <Button
      size="xs"
      variant={primary ? 'filled' : 'default'}
      leftSection={icon}
      rightSection={<Kbd size="xs">{key}</Kbd>}
      disabled={!decidable || busy}
      onClick={() => onDecide(decision)}
      data-testid={`review-${decision}`}
    >
      {label}
    </Button>
  );
  return (
    <Stack gap="xs" data-testid="review-detail" data-id={item.id}>
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Title order={3} size="h5">
            {STEWARDSHIP_KIND_LABELS[item.kind]}: are these one asset?
          </Title>
          <Text size="xs" c="dimmed">
            Score {formatScore(item.score)} · opened {formatTime(item.openedAt)} · {STEWARDSHIP_STATUS_LABELS[item.status]}
            {item.decidedBy ? ` by ${item.decidedBy} ${formatTime(item.decidedAt)}` : ''}
            {item.deferredUntil ? ` · deferred until ${formatTime(item.deferredUntil)}` : ''}
          </Text>
        </Stack>
        <Group gap={6}>
          {button('accept', 'Accept (merge)', 'a', <IconArrowMerge size={14} aria-hidden />, true)}
          {button('reject', 'Reject (keep apart)', 'r', <IconBan size={14} aria-hidden />)}
          {button('defer', 'Defer', 'd', <IconClockPause size={14} aria-hidden />)}
          {(item.status === 'accepted' || item.status === 'rejected' || item.status === 'deferred') && (
            <Button size="xs" variant="default" leftSection={<IconArrowBackUp size={14} aria-hidden />} disabled={busy} onClick={onUndo} data-testid="review-undo-decision">
              Undo decision
            </Button>
          )}
        </Group>
      </Group>
      {item.kind === 'conflict' && item.conflicts.length > 0 && (
        <Text size="sm" data-testid="review-conflicts">
          The two disagree on a strong identifier: <b>{item.conflicts.join(', ')}</b>. Accepting merges them anyway.
        </Text>
      )}
      {item.note && (
        <Text size="xs" c="dimmed">
          Note: “{item.note}”
        </Text>
      )}
      <Table withTableBorder verticalSpacing={3} fz="sm" data-testid="review-comparison">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={130}>Field</Table.Th>
            <Table.Th>
              <SideHeader letter="A" side={item.left} />
            </Table.Th>
            <Table.Th>
              <SideHeader letter="B" side={item.right} />
            </Table.Th>
            <Table.Th w={90}>Compared</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            const look = STATE_LOOK[row.state];
            const stands = row.state !== 'same';
            return (
              <Table.Tr key={row.key} data-testid="comparison-row" data-field={row.key} data-state={row.state}>
                <Table.Td>
                  <Text size="xs" fw={500}>
                    {row.label}
                  </Text>
                </Table.Td>
                <Table.Td fw={stands ? 600 : undefined} style={{ overflowWrap: 'anywhere' }}>
                  {row.left ?? <Text span size="xs" c="dimmed">—</Text>}
                </Table.Td>
                <Table.Td fw={stands ? 600 : undefined} style={{ overflowWrap: 'anywhere' }}>
                  {row.right ?? <Text span size="xs" c="dimmed">—</Text>}
                </Table.Td>
                <Table.Td>
                  <Badge size="xs" variant={stands ? 'light' : 'transparent'} color="gray" tt="none" leftSection={<look.Icon size={10} aria-hidden />}>
                    {look.label}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Stack gap={2}>
        <Text size="xs" fw={600} c="dimmed" tt="uppercase">
          Why they were matched
        </Text>
        <ScoreBreakdown score={item.score} breakdown={item.breakdown} />
      </Stack>
      <Text size="xs" c="dimmed">
        Accept records a force-merge decision: the two records become one asset. Reject records a never-merge decision: they stay apart, even after
        later imports. Defer hides the question from the open list. Every decision is audited and can be undone: from the notice after it, or
        here (“Undo decision”) once the item is listed under Accepted, Rejected or Deferred; the item opens again and the assets are as they were.
      </Text>
    </Stack>
  );
}
