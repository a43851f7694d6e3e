// The bulk changes made, newest first: who, when, what, and an Undo for each one not undone yet.
// Undo restores exactly the values the change replaced, on every asset nobody changed again since;
// the others are named and left as they are.
import { Badge, Button, List, Modal, Stack, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { BulkChange, BulkUndoResult } from '../../../src-shared/api/bulk-changes.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { assetsWord, describeAction, describeFieldChange } from '../../lib/bulk-describe.js';
import { formatCount, formatTime } from '../../lib/format.js';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store.js';

/** What an undo did, in a sentence. */
export function describeUndoResult(result: BulkUndoResult): string {
  const skipped =
    result.skippedCount > 0
      ? ` ${assetsWord(result.skippedCount)} left as they are (changed again since, or gone)${
          result.skipped.length > 0
            ? `: ${result.skipped
                .slice(0, 5)
                .map((s) => s.name)
                .join(', ')}${result.skippedCount > 5 ? ', …' : ''}`
            : ''
        }.`
      : '';
  return `Undone: ${assetsWord(result.restored)} back to their previous values.${skipped}`;
}

function ChangeRow({ change, onUndone }: { change: BulkChange; onUndone(message: string): void }) {
  const store = useAppStoreApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const undo = async () => {
    setBusy(true);
    const result = await store.getState().undoBulkChange(change.id);
    setBusy(false);
    if ('error' in result) setError(result.error);
    else onUndone(describeUndoResult(result.ok));
  };
  return (
    <Table.Tr data-testid="bulk-history-row" data-undone={change.undoneAt ? true : undefined}>
      <Table.Td>
        <Text size="sm" fw={500}>
          {describeAction(change.action)} · {assetsWord(change.changed)}
        </Text>
        <List size="xs" c="dimmed">
          {change.fields.map((field) => (
            <List.Item key={field.field}>{describeFieldChange(field)}</List.Item>
          ))}
        </List>
        <Text size="xs" c="dimmed">
          {change.actor} · {formatTime(change.at)}
        </Text>
        {error && <ErrorNotice title="Not undone" message={error} />}
      </Table.Td>
      <Table.Td w={150} ta="right">
        {change.undoneAt ? (
          <Badge variant="light" color="gray" tt="none" title={`by ${change.undoneBy ?? '?'} ${formatTime(change.undoneAt)}`}>
            Undone{change.restored !== null ? ` (${formatCount(change.restored)})` : ''}
          </Badge>
        ) : (
          <Button size="compact-xs" variant="default" loading={busy} onClick={() => void undo()} data-testid="bulk-history-undo">
            Undo
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

export function BulkHistoryModal({ onClose }: { onClose(): void }) {
  const store = useAppStoreApi();
  const { items, total, loaded, error } = useAppStore((s) => s.bulkChanges);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    void store.getState().loadBulkChanges();
  }, [store]);
  return (
    <Modal opened onClose={onClose} title="Bulk changes" size="xl" data-testid="bulk-history">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Every bulk change is in the audit log (one event per asset, sharing the change's id). Undo one to put back exactly the values it replaced.
        </Text>
        {message && (
          <Text size="sm" role="status" data-testid="bulk-history-message">
            {message}
          </Text>
        )}
        {error && <ErrorNotice title="The bulk changes could not be loaded" message={error} />}
        {loaded && items.length === 0 && !error && <Text size="sm">No bulk changes yet.</Text>}
        <Table verticalSpacing={6}>
          <Table.Tbody>
            {items.map((change) => (
              <ChangeRow key={change.id} change={change} onUndone={setMessage} />
            ))}
          </Table.Tbody>
        </Table>
        {total > items.length && (
          <Text size="xs" c="dimmed">
            The latest {formatCount(items.length)} of {formatCount(total)}; older ones are in the audit log.
          </Text>
        )}
      </Stack>
    </Modal>
  );
}
