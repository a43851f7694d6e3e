// The stewardship queue ("Review"): pairs of records the matcher could not settle on its own. A
// person works through them with the keyboard (j/k or arrows to move, a/r/d to decide the focused
// item, x to select) or selects many and decides in bulk. Each decision is audited by main, and can be
// undone: from the notice that follows it (or `u` while it shows), and later from the decided lists.
import { Anchor, Button, Grid, Group, Kbd, Paper, SegmentedControl, Select, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconArrowMerge, IconBan, IconClockPause } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { StewardshipDecision, StewardshipItem, StewardshipKind, StewardshipStatus } from '../../../src-shared/api/reconciliation.js';
import { ConfirmActionModal } from '../../components/ConfirmActionModal.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { UndoNotice } from '../../components/UndoNotice.js';
import { STEWARDSHIP_KIND_LABELS } from '../../lib/evidence.js';
import { formatCount } from '../../lib/format.js';
import { sideName } from '../../lib/stewardship-compare.js';
import { STEWARDSHIP_PAGE_SIZE } from '../../store/reconciliation-slice.js';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store.js';
import { StewardshipDetail } from './StewardshipDetail.js';
import { StewardshipTable } from './StewardshipTable.js';

const STATUS_TABS: { value: StewardshipStatus; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'deferred', label: 'Deferred' },
  { value: 'accepted', label: 'Accepted' },
  { value: 'rejected', label: 'Rejected' },
  { value: 'resolved', label: 'Resolved' },
];
const DECISION_WORDS: Record<StewardshipDecision, { done: string; verb: string }> = {
  accept: { done: 'Accepted (merged)', verb: 'Accept' },
  reject: { done: 'Rejected (kept apart)', verb: 'Reject' },
  defer: { done: 'Deferred', verb: 'Defer' },
};

interface Outcome {
  message: string;
  assetId: string | null;
  /** The items decided (what Undo takes back). */
  ids: string[];
}

function describeOutcome(decision: StewardshipDecision, items: StewardshipItem[], ids: string[], skipped: number, assetIds: string[]): Outcome {
  const okCount = ids.length;
  const pair = items.length === 1 ? `${sideName(items[0]!.left)} and ${sideName(items[0]!.right)}` : `${okCount} pair${okCount === 1 ? '' : 's'}`;
  const what = decision === 'accept' ? `${pair}: merged into one asset.` : decision === 'reject' ? `${pair}: kept apart for good.` : `${pair}: deferred.`;
  const skip = skipped > 0 ? ` ${skipped} skipped (already decided or the record is gone).` : '';
  return { message: `${DECISION_WORDS[decision].done} — ${what}${skip}`, assetId: decision === 'accept' && items.length === 1 ? (assetIds[0] ?? null) : null, ids };
}

function describeUndo(count: number, skipped: string[]): string {
  const done = `Undone: ${count} item${count === 1 ? ' is' : 's are'} open again and the assets are as they were.`;
  return skipped.length > 0 ? `${done} ${skipped.length} could not be undone (${skipped.join(', ')}).` : done;
}

export function StewardshipPage() {
  const store = useAppStoreApi();
  const { filter, items, total, loaded, loading, error, counts } = useAppStore((s) => s.stewardship);
  const [params, setParams] = useSearchParams();
  const [focusedId, setFocusedId] = useState<string | null>(params.get('item'));
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [decideError, setDecideError] = useState<string | null>(null);
  const [bulk, setBulk] = useState<StewardshipDecision | null>(null);
  const [undone, setUndone] = useState<string | null>(null);

  useEffect(() => {
    void store.getState().loadStewardship();
    void store.getState().loadStewardshipCounts();
  }, [store]);

  // Keep a focus: the requested item, else the one at the same place after a decision removed it.
  const [lastIndex, setLastIndex] = useState(0);
  useEffect(() => {
    if (items.length === 0) return;
    const index = items.findIndex((i) => i.id === focusedId);
    if (index >= 0) setLastIndex(index);
    else setFocusedId(items[Math.min(lastIndex, items.length - 1)]!.id);
  }, [items, focusedId, lastIndex]);
  // Selections of items no longer listed are dropped.
  useEffect(() => {
    setSelected((current) => {
      const listed = new Set(items.map((i) => i.id));
      const kept = [...current].filter((id) => listed.has(id));
      return kept.length === current.size ? current : new Set(kept);
    });
  }, [items]);

  const focused = useMemo(() => items.find((i) => i.id === focusedId) ?? null, [items, focusedId]);

  const focusAt = (index: number) => {
    const item = items[Math.max(0, Math.min(items.length - 1, index))];
    if (!item) return;
    setFocusedId(item.id);
    if (params.has('item')) setParams({}, { replace: true });
  };
  const move = (delta: number) => focusAt(items.findIndex((i) => i.id === focusedId) + delta);

  const decide = async (ids: string[], decision: StewardshipDecision, note?: string): Promise<string | null> => {
    const decided = items.filter((i) => ids.includes(i.id));
    setBusy(true);
    setDecideError(null);
    setUndone(null);
    const result = await store.getState().decideStewardship(ids, decision, note);
    setBusy(false);
    if ('error' in result) {
      setDecideError(result.error);
      return result.error;
    }
    const okIds = result.ok.results.filter((r) => r.outcome === 'ok').map((r) => r.id);
    setOutcome(okIds.length > 0 ? describeOutcome(decision, decided, okIds, ids.length - okIds.length, result.ok.assetIds) : null);
    setSelected(new Set());
    return null;
  };
  const undo = async (ids: string[]): Promise<string | null> => {
    setDecideError(null);
    const result = await store.getState().undoStewardshipDecisions(ids);
    if ('error' in result) return result.error;
    const ok = result.ok.results.filter((r) => r.outcome === 'ok').length;
    const skipped = result.ok.results.filter((r) => r.outcome === 'skipped').map((r) => (r.reason ?? 'skipped').replaceAll('_', ' '));
    setUndone(describeUndo(ok, skipped));
    return null;
  };
  const closeOutcome = useCallback(() => setOutcome(null), []);
  const decideFocused = (decision: StewardshipDecision) => {
    if (!focused || busy || (focused.status !== 'open' && focused.status !== 'deferred')) return;
    void decide([focused.id], decision);
  };
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  // Off while the bulk dialog is open, so its keys stay its own.
  const whenFree = (action: () => void) => () => {
    if (bulk === null) action();
  };
  useHotkeys([
    ['j', whenFree(() => move(1))],
    ['ArrowDown', whenFree(() => move(1))],
    ['k', whenFree(() => move(-1))],
    ['ArrowUp', whenFree(() => move(-1))],
    ['a', whenFree(() => decideFocused('accept'))],
    ['r', whenFree(() => decideFocused('reject'))],
    ['d', whenFree(() => decideFocused('defer'))],
    ['x', whenFree(() => focusedId && toggle(focusedId))],
    [
      'u',
      whenFree(() => {
        if (!outcome || busy) return;
        const ids = outcome.ids;
        setOutcome(null);
        void undo(ids).then((error) => error && setDecideError(error));
      }),
    ],
  ]);

  const countOf = (status: StewardshipStatus) => (counts ? counts[status] : null);
  const selectedIds = items.filter((i) => selected.has(i.id)).map((i) => i.id);
  const decidable = filter.status === 'open' || filter.status === 'deferred';

  return (
    <Stack gap="sm" data-testid="review-page">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={2} size="h3">
            Review
          </Title>
          <Text size="sm" c="dimmed">
            Pairs of records that might be one asset. Keys: <Kbd size="xs">j</Kbd>/<Kbd size="xs">k</Kbd> move, <Kbd size="xs">a</Kbd> accept,{' '}
            <Kbd size="xs">r</Kbd> reject, <Kbd size="xs">d</Kbd> defer, <Kbd size="xs">x</Kbd> select, <Kbd size="xs">u</Kbd> undo the last decision.
          </Text>
        </Stack>
        <Group gap="xs">
          <SegmentedControl
            size="xs"
            value={filter.status}
            onChange={(value) => store.getState().setStewardshipFilter({ status: value as StewardshipStatus })}
            data={STATUS_TABS.map((tab) => ({ value: tab.value, label: countOf(tab.value) === null ? tab.label : `${tab.label} ${formatCount(countOf(tab.value)!)}` }))}
            data-testid="review-filter-status"
          />
          <Select
            size="xs"
            w={130}
            aria-label="Kind"
            value={filter.kind ?? 'all'}
            onChange={(value) => store.getState().setStewardshipFilter({ kind: value && value !== 'all' ? (value as StewardshipKind) : null })}
            data={[
              { value: 'all', label: 'All kinds' },
              { value: 'review', label: STEWARDSHIP_KIND_LABELS.review },
              { value: 'conflict', label: STEWARDSHIP_KIND_LABELS.conflict },
            ]}
            allowDeselect={false}
            data-testid="review-filter-kind"
          />
        </Group>
      </Group>

      {outcome && (
        <UndoNotice
          key={outcome.ids.join()}
          testId="review-outcome"
          onClose={closeOutcome}
          onUndo={() => undo(outcome.ids)}
          laterHint="Later: undo it from the item under Accepted, Rejected or Deferred."
          message={
            <>
              {outcome.message}{' '}
              {outcome.assetId && (
                <Anchor component={Link} to={`/assets/${outcome.assetId}`} size="sm" data-testid="review-outcome-asset">
                  Open the asset
                </Anchor>
              )}
            </>
          }
        />
      )}
      {undone && !outcome && (
        <Text size="sm" c="dimmed" role="status" data-testid="review-undone">
          {undone}
        </Text>
      )}
      {decideError && <ErrorNotice title="The decision was not recorded" message={decideError} />}
      {error && <ErrorNotice title="The review queue could not be loaded" message={error} onRetry={() => void store.getState().loadStewardship()} />}

      {!loaded || (loading && items.length === 0 && !error) ? (
        <Stack gap={4} aria-busy>
          <Skeleton h={32} />
          <Skeleton h={32} />
          <Skeleton h={32} />
        </Stack>
      ) : items.length === 0 && !error ? (
        <Paper withBorder p="md" data-testid="review-empty">
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {filter.status === 'open' ? 'Nothing to review.' : `No ${filter.status} items.`}
            </Text>
            <Text size="sm" c="dimmed" maw={720}>
              When records from different sources might describe the same machine but the evidence is not strong enough to merge them on its own (a
              score between 35 and 55, e.g. the same host name and nothing else), or when a strong identifier such as a serial number disagrees inside
              a group of matched records, the pair waits here for a person. Accept merges the pair, reject keeps it apart for good, defer hides it for
              now. Import more sources or run discovery to fill the queue; the asset page shows why each merged asset is one.
            </Text>
          </Stack>
        </Paper>
      ) : (
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, xl: 6 }}>
            <Stack gap={6}>
              <Group justify="space-between" gap="xs" mih={30}>
                <Text size="xs" c="dimmed" data-testid="review-count" data-total={total}>
                  {formatCount(total)} item{total === 1 ? '' : 's'}
                  {total > items.length ? ` (showing the first ${formatCount(STEWARDSHIP_PAGE_SIZE)})` : ''}
                  {selectedIds.length > 0 ? ` · ${selectedIds.length} selected` : ''}
                </Text>
                {decidable && selectedIds.length > 0 && (
                  <Group gap={6}>
                    <Button size="compact-sm" leftSection={<IconArrowMerge size={14} aria-hidden />} onClick={() => setBulk('accept')} data-testid="review-bulk-accept">
                      Accept {selectedIds.length}
                    </Button>
                    <Button size="compact-sm" variant="default" leftSection={<IconBan size={14} aria-hidden />} onClick={() => setBulk('reject')} data-testid="review-bulk-reject">
                      Reject {selectedIds.length}
                    </Button>
                    <Button size="compact-sm" variant="default" leftSection={<IconClockPause size={14} aria-hidden />} onClick={() => setBulk('defer')} data-testid="review-bulk-defer">
                      Defer {selectedIds.length}
                    </Button>
                  </Group>
                )}
              </Group>
              <StewardshipTable
                items={items}
                focusedId={focusedId}
                selected={selected}
                onFocus={(id) => focusAt(items.findIndex((i) => i.id === id))}
                onToggle={toggle}
                onToggleAll={() => setSelected((current) => (items.every((i) => current.has(i.id)) ? new Set() : new Set(items.map((i) => i.id))))}
              />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, xl: 6 }}>
            <Paper withBorder p="sm">
              {focused ? (
                <StewardshipDetail item={focused} busy={busy} onDecide={decideFocused} onUndo={() => void undo([focused.id]).then((e) => e && setDecideError(e))} />
              ) : (
                <Text size="sm" c="dimmed">
                  Pick an item to compare its two records.
                </Text>
              )}
            </Paper>
          </Grid.Col>
        </Grid>
      )}

      {bulk && (
        <ConfirmActionModal
          opened
          title={`${DECISION_WORDS[bulk].verb} ${selectedIds.length} item${selectedIds.length === 1 ? '' : 's'}?`}
          confirmLabel={`${DECISION_WORDS[bulk].verb} ${selectedIds.length}`}
          withReason={bulk !== 'defer'}
          testId="review-bulk-modal"
          onClose={() => setBulk(null)}
          onConfirm={(note) => decide(selectedIds, bulk, note || undefined)}
        >
          {bulk === 'accept' &&
            `Each selected pair becomes one asset: ${selectedIds.length} force-merge decision${selectedIds.length === 1 ? ' is' : 's are'} recorded, and later imports keep the records together. `}
          {bulk === 'reject' &&
            `Each selected pair stays apart for good: ${selectedIds.length} never-merge decision${selectedIds.length === 1 ? ' is' : 's are'} recorded, and later imports will not merge them. `}
          {bulk === 'defer' && 'The selected items leave the open list and wait under “Deferred” until someone decides them. '}
          {'Undo them from the notice that follows, or one by one from the decided lists. '}
          Every decision is recorded in the audit log.
        </ConfirmActionModal>
      )}
    </Stack>
  );
}
