// Asks before a high-impact action (merge, unmerge, revoke, bulk decisions) and says exactly what will
// change and how to undo it. An optional reason goes into the audit log. Main's refusal is shown in
// the dialog with its reason and fix.
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { ErrorNotice } from './ErrorNotice.js';

export interface ConfirmActionModalProps {
  opened: boolean;
  title: string;
  /** What will change, what will not, and how to undo it. */
  children: ReactNode;
  confirmLabel: string;
  confirmIcon?: ReactNode;
  /** Ask for a reason that is recorded with the decision. */
  withReason?: boolean;
  /** The confirm button is off until the dialog has what it needs (e.g. a chosen asset). */
  disabled?: boolean;
  /** Resolves with an error message, or null when it is done. */
  onConfirm: (reason: string) => Promise<string | null>;
  onClose: () => void;
  testId?: string;
}

export function ConfirmActionModal({ opened, title, children, confirmLabel, confirmIcon, withReason = false, disabled = false, onConfirm, onClose, testId }: ConfirmActionModalProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg" data-testid={testId ?? 'confirm-action'}>
      <Stack gap="sm">
        <Text size="sm" component="div">
          {children}
        </Text>
        {withReason && (
          <TextInput
            label="Reason (recorded in the audit log)"
            placeholder="e.g. two boxes in one rack share the host name"
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            maxLength={2000}
            data-testid="confirm-reason"
          />
        )}
        {error && <ErrorNotice title="Nothing was changed" message={error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            leftSection={confirmIcon}
            loading={busy}
            disabled={disabled}
            onClick={async () => {
              setBusy(true);
              const problem = await onConfirm(reason.trim());
              setBusy(false);
              if (problem) setError(problem);
              else onClose();
            }}
            data-testid="confirm-action-button"
          >
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
