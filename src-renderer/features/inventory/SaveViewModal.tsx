// Saves the grid as it is (filter, sort, columns) as a new named view.
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useAppStoreApi } from '../../store/use-app-store.js';
import type { ViewProblem } from '../../store/views-slice.js';
import { ViewProblemNotice } from './ViewProblemNotice.js';

export function SaveViewModal({ onClose }: { onClose(): void }) {
  const store = useAppStoreApi();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ViewProblem | null>(null);

  const save = async () => {
    setBusy(true);
    setProblem(null);
    const result = await store.getState().saveCurrentView(name);
    setBusy(false);
    if ('error' in result) setProblem(result);
    else onClose();
  };

  return (
    <Modal opened onClose={onClose} title="Save as a new view" data-testid="save-view-modal">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">
            The view keeps the current filters, the sort and the columns (which, in which order, how wide). Everyone using this database sees it.
          </Text>
          <TextInput
            label="Name"
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            data-autofocus
            data-testid="view-name"
            maxLength={100}
          />
          {problem && <ViewProblemNotice title="The view was not saved" problem={problem} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy} disabled={name.trim() === ''} data-testid="view-save">
              Save view
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
