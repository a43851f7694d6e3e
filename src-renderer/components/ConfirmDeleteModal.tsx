// Asks before a destructive action and says exactly what will change (UX: "say exactly what will
// change"). The action's error, if main refuses, is shown in the dialog with its reason and fix.
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { ErrorNotice } from './ErrorNotice.js';

export interface ConfirmDeleteModalProps {
  opened: boolean;
  title: string;
  /** What will change, and what will not. */
  children: ReactNode;
  confirmLabel: string;
  /** Resolves with an error message, or null when it is done. */
  onConfirm: () => Promise<string | null>;
  onClose: () => void;
}

export function ConfirmDeleteModal({ opened, title, children, confirmLabel, onConfirm, onClose }: ConfirmDeleteModalProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="md" data-testid="confirm-delete">
      <Stack gap="sm">
        <Text size="sm" component="div">
          {children}
        </Text>
        {error && <ErrorNotice title="Not deleted" message={error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Keep it
          </Button>
          <Button
            color="red"
            leftSection={<IconTrash size={16} aria-hidden />}
            loading={busy}
            onClick={async () => {
              setBusy(true);
              const problem = await onConfirm();
              setBusy(false);
              if (problem) setError(problem);
              else onClose();
            }}
            data-testid="confirm-delete-button"
          >
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
