// The row above the inventory grid: the selection (how many, "select all N matching", clear, change
// them), saved views, the column chooser and the bulk change history; after a bulk change, a notice
// that says what changed with an Undo that stays a few seconds.
import { Button, Group, Text } from '@mantine/core';
import { IconHistory, IconPencilBolt } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import type { BulkChange, BulkTarget } from '../../../src-shared/api/bulk-changes.js';
import { UndoNotice } from '../../components/UndoNotice.js';
import { assetsWord, describeAction } from '../../lib/bulk-describe.js';
import { formatCount } from '../../lib/format.js';
import { selectedCount, selectionTarget } from '../../store/inventory-slice.js';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store.js';
import { BulkChangeDialog } from './BulkChangeDialog.js';
import { BulkHistoryModal, describeUndoResult } from './BulkHistoryModal.js';
import { ColumnChooser } from './ColumnChooser.js';
import { ViewsMenu } from './ViewsMenu.js';

export function TableToolbar() {
  const store = useAppStoreApi();
  const selection = useAppStore((s) => s.inventory.selection);
  const total = useAppStore((s) => s.inventory.total);
  const totalIsExact = useAppStore((s) => s.inventory.totalIsExact);
  const count = selectedCount(selection, total);
  const [dialog, setDialog] = useState<{ target: BulkTarget; selected: number } | null>(null);
  const [history, setHistory] = useState(false);
  const [applied, setApplied] = useState<BulkChange | null>(null);
  const [undone, setUndone] = useState<string | null>(null);
  const closeNotice = useCallback(() => setApplied(null), []);

  const openDialog = () => {
    const { inventory } = store.getState();
    setDialog({ target: selectionTarget(inventory.selection, inventory.query), selected: count });
  };
  const undo = async (change: BulkChange): Promise<string | null> => {
    const result = await store.getState().undoBulkChange(change.id);
    if ('error' in result) return result.error;
    setUndone(describeUndoResult(result.ok));
    return null;
  };

  return (
    <>
      <Group justify="space-between" gap="xs" wrap="wrap" data-testid="table-toolbar">
        <Group gap="xs" mih={30}>
          {count > 0 ? (
            <>
              <Text size="sm" data-testid="selection-count" data-count={count}>
                {selection.all ? `All ${formatCount(count)}${totalIsExact ? '' : '+'} matching selected` : `${formatCount(count)} selected`}
              </Text>
              {!selection.all && total !== null && total > count && (
                <Button size="compact-sm" variant="subtle" onClick={() => store.getState().selectAllInventoryMatching()} data-testid="select-all-matching">
                  Select all {formatCount(total)}
                  {totalIsExact ? '' : '+'} matching
                </Button>
              )}
              <Button size="compact-sm" variant="subtle" onClick={() => store.getState().clearInventorySelection()} data-testid="selection-clear">
                Clear
              </Button>
              <Button size="compact-sm" leftSection={<IconPencilBolt size={14} aria-hidden />} onClick={openDialog} data-testid="bulk-open">
                Change {assetsWord(count)}…
              </Button>
            </>
          ) : (
            <Text size="xs" c="dimmed">
              Tick rows to change many at once (Shift: a range).
            </Text>
          )}
        </Group>
        <Group gap="xs">
          <ViewsMenu />
          <ColumnChooser />
          <Button
            size="xs"
            variant="default"
            leftSection={<IconHistory size={14} aria-hidden />}
            onClick={() => setHistory(true)}
            data-testid="bulk-history-open"
          >
            Bulk changes
          </Button>
        </Group>
      </Group>
      {applied && (
        <UndoNotice
          key={applied.id}
          testId="bulk-notice"
          onClose={closeNotice}
          onUndo={() => undo(applied)}
          laterHint="Later: undo it from “Bulk changes”."
          message={`Done: ${describeAction(applied.action)} on ${assetsWord(applied.changed)}${applied.unchanged > 0 ? ` (${formatCount(applied.unchanged)} already so, unchanged)` : ''}.`}
        />
      )}
      {undone && !applied && (
        <Text size="sm" c="dimmed" role="status" data-testid="bulk-undone">
          {undone}
        </Text>
      )}
      {dialog && (
        <BulkChangeDialog
          target={dialog.target}
          selected={dialog.selected}
          onClose={() => setDialog(null)}
          onApplied={(change) => {
            setDialog(null);
            setUndone(null);
            setApplied(change);
          }}
        />
      )}
      {history && <BulkHistoryModal onClose={() => setHistory(false)} />}
    </>
  );
}
