// An error the user must read: red, with an icon and a title, the API's message (thing, reason, fix).
import { Alert, Button, Group } from '@mantine/core';
import { IconAlertOctagon } from '@tabler/icons-react';
import type { ReactNode } from 'react';

export function ErrorNotice({ title, message, onRetry, children }: { title: string; message: string; onRetry?: () => void; children?: ReactNode }) {
  return (
    <Alert color="red" variant="light" icon={<IconAlertOctagon aria-hidden />} title={title} role="alert">
      {message}
      {children}
      {onRetry && (
        <Group mt="xs">
          <Button size="xs" variant="default" onClick={onRetry}>
            Try again
          </Button>
        </Group>
      )}
    </Alert>
  );
}
