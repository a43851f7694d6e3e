// Every saved view with its actions: open, rename (in place), export to a JSON file to share, delete
// (asked first). Deleting a view removes only the view, never an asset.
import { ActionIcon, Button, Group, Modal, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { IconCheck, IconDownload, IconEdit, IconTrash, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import type { SavedView } from '../../../src-shared/api/saved-views.js';
import { formatTime } from '../../lib/format.js';
import { saveTextFile } from '../../lib/save-file.js';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store.js';
import type { ViewProblem } from '../../store/views-slice.js';
import { ViewProblemNotice } from './ViewProblemNotice.js';

function ViewRow({ view, onProblem }: { view: SavedView; onProblem(problem: ViewProblem | null): void }) {
  const store = useAppStoreApi();
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);

  const rename = async () => {
    if (editing === null) return;
    const result = await store.getState().renameView(view.id, editing);
    if ('error' in result) onProblem(result);
    else {
      onProblem(null);
      setEditing(null);
    }
  };
  const exportFile = async () => {
    const result = await store.getState().exportView(view.id);
    if ('error' in result) onProblem(result);
    else saveTextFile(result.ok.fileName, 'application/json', result.ok.content);
  };
  const remove = async () => {
    const error = await store.getState().deleteView(view.id);
    onProblem(error ? { error, details: [] } : null);
    setDeleting(false);
  };

  return (
    <Table.Tr data-testid="manage-view-row" data-name={view.name}>
      <Table.Td>
        {editing === null ? (
          <Text size="sm">{view.name}</Text>
        ) : (
          <TextInput
            size="xs"
            aria-label="New name"
            value={editing}
            onChange={(event) => setEditing(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') void rename();
              if (event.key === 'Escape') setEditing(null);
            }}
            data-testid="view-rename-input"
            data-autofocus
          />
        )}
      </Table.Td>
      <Table.Td>
        <Text size="xs" c="dimmed">
          {view.createdBy} · {formatTime(view.updatedAt)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap" justify="flex-end">
          {editing !== null ? (
            <>
              <ActionIcon size="sm" variant="subtle" aria-label="Save the name" onClick={() => void rename()} data-testid="view-rename-save">
                <IconCheck size={14} aria-hidden />
              </ActionIcon>
              <ActionIcon size="sm" variant="subtle" aria-label="Cancel" onClick={() => setEditing(null)}>
                <IconX size={14} aria-hidden />
              </ActionIcon>
            </>
          ) : deleting ? (
            <>
              <Text size="xs">Delete this view?</Text>
              <Button size="compact-xs" color="red" onClick={() => void remove()} data-testid="view-delete-confirm">
                Delete
              </Button>
              <Button size="compact-xs" variant="default" onClick={() => setDeleting(false)}>
                Keep
              </Button>
            </>
          ) : (
            <>
              <Button size="compact-xs" variant="subtle" onClick={() => store.getState().openView(view.id)} data-testid="view-open">
                Open
              </Button>
              <Tooltip label="Rename">
                <ActionIcon size="sm" variant="subtle" aria-label={`Rename ${view.name}`} onClick={() => setEditing(view.name)} data-testid="view-rename">
                  <IconEdit size={14} aria-hidden />
                </ActionIcon>
              </Tooltip>
              <Tooltip label="Export to a file">
                <ActionIcon size="sm" variant="subtle" aria-label={`Export ${view.name} to a file`} onClick={() => void exportFile()} data-testid="view-export">
                  <IconDownload size={14} aria-hidden />
                </ActionIcon>
              </Tooltip>
              <Tooltip label="Delete">
                <ActionIcon
                  size="sm"
                  variant="subtle"
                  color="red"
                  aria-label={`Delete ${view.name}`}
                  onClick={() => setDeleting(true)}
                  data-testid="view-delete"
                >
                  <IconTrash size={14} aria-hidden />
                </ActionIcon>
              </Tooltip>
            </>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

export function ManageViewsModal({ onClose }: { onClose(): void }) {
  const items = useAppStore((s) => s.views.items);
  const [problem, setProblem] = useState<ViewProblem | null>(null);
  return (
    <Modal opened onClose={onClose} title="Saved views" size="lg" data-testid="manage-views-modal">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          A view is a filter, a sort and columns. Export one to a small JSON file to share it; import it from the Views menu.
        </Text>
        <Table verticalSpacing={4}>
          <Table.Tbody>
            {items.map((view) => (
              <ViewRow key={view.id} view={view} onProblem={setProblem} />
            ))}
          </Table.Tbody>
        </Table>
        {problem && <ViewProblemNotice title="That did not work" problem={problem} />}
      </Stack>
    </Modal>
  );
}
