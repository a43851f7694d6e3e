// A notice after a change that can be taken back: what happened and an Undo button. It stays a few
// seconds (longer while the pointer or the focus is on it), then goes; the change can still be
// undone from its history afterwards.
import { Alert, Button, Group, Text } from '@mantine/core';
import { IconArrowBackUp, IconInfoCircle } from '@tabler/icons-react';
import { useEffect, useState, type ReactNode } from 'react';

/** How long the notice stays when nobody touches it. */
export const UNDO_NOTICE_MS = 15_000;

export interface UndoNoticeProps {
  message: ReactNode;
  /** Undoes the change; resolves with an error message, or null when done. */
  onUndo(): Promise<string | null>;
  onClose(): void;
  testId: string;
  /** Where else the change can be undone (said once the notice is about to go). */
  laterHint?: string;
}

export function UndoNotice({ message, onUndo, onClose, testId, laterHint }: UndoNoticeProps) {
  const [held, setHeld] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (held || busy || error) return;
    const timer = setTimeout(onClose, UNDO_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [held, busy, error, onClose]);

  const undo = async () => {
    setBusy(true);
    const failure = await onUndo();
    setBusy(false);
    if (failure) setError(failure);
    else onClose();
  };

  return (
    <Alert
      color={error ? 'red' : 'gray'}
      variant="light"
      icon={<IconInfoCircle aria-hidden />}
      withCloseButton
      onClose={onClose}
      role="status"
      data-testid={testId}
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
    >
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Text size="sm">
          {message}
          {error && <> Undo failed: {error}</>}
          {laterHint && !error && (
            <Text span size="xs" c="dimmed">
              {' '}
              {laterHint}
            </Text>
          )}
        </Text>
        <Button size="compact-sm" variant="default" leftSection={<IconArrowBackUp size={14} aria-hidden />} loading={busy} onClick={() => void undo()} data-testid={`${testId}-undo`}>
          Undo
        </Button>
      </Group>
    </Alert>
  );
}
