// A notice after a change that can be taken back: what happened and an Undo button. The button stays
// a few seconds (longer while the pointer or the focus is on the notice), then gives way to where
// the change can still be undone (its history); the message stays until closed.
import { Alert, Button, Group, Text } from '@mantine/core';
import { IconArrowBackUp, IconInfoCircle } from '@tabler/icons-react';
import { useEffect, useState, type ReactNode } from 'react';

/** How long the Undo button stays when nobody touches the notice. */
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
  const [expired, setExpired] = useState(false);

  useEffect(() => {
    if (held || busy || error || expired) return;
    const timer = setTimeout(() => setExpired(true), UNDO_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [held, busy, error, expired]);

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
      data-expired={expired || undefined}
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
    >
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Text size="sm">
          {message}
          {error && <> Undo failed: {error}</>}
          {laterHint && !error && expired && (
            <Text span size="xs" c="dimmed">
              {' '}
              {laterHint}
            </Text>
          )}
        </Text>
        {!expired && (
          <Button
            size="compact-sm"
            variant="default"
            leftSection={<IconArrowBackUp size={14} aria-hidden />}
            loading={busy}
            onClick={() => void undo()}
            data-testid={`${testId}-undo`}
          >
            Undo
          </Button>
        )}
      </Group>
    </Alert>
  );
}
