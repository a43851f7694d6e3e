// A small icon button for a table row (edit, delete, ...), with its tooltip and accessible name.
import { ActionIcon, Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';

export function RowAction({
  label,
  ariaLabel,
  onClick,
  testId,
  children,
}: {
  label: string;
  ariaLabel: string;
  onClick: () => void;
  testId: string;
  children: ReactNode;
}) {
  return (
    <Tooltip label={label}>
      <ActionIcon variant="subtle" color="gray" onClick={onClick} aria-label={ariaLabel} data-testid={testId}>
        {children}
      </ActionIcon>
    </Tooltip>
  );
}
