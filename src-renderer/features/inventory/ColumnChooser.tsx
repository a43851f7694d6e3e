// The column chooser: which columns the grid shows and in which order (the keyboard way to do what
// dragging a header does), and back to the default layout. Kept on this machine (local settings).
import { ActionIcon, Button, Checkbox, Group, Popover, Stack, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconColumns3 } from '@tabler/icons-react';
import { ALWAYS_VISIBLE_COLUMN, DEFAULT_COLUMN_LAYOUT } from '../../../src-shared/api/saved-views.js';
import { completeOrder, moveColumn, setColumnVisible } from '../../lib/column-layout.js';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store.js';
import { INVENTORY_COLUMNS_BY_ID } from './inventory-columns.js';

export function ColumnChooser() {
  const store = useAppStoreApi();
  const layout = useAppStore((s) => s.inventory.columns);
  const order = completeOrder(layout);
  const hidden = new Set(layout.hidden);
  const set = store.getState().setInventoryColumns;
  return (
    <Popover position="bottom-end" shadow="md" withinPortal trapFocus>
      <Popover.Target>
        <Button size="xs" variant="default" leftSection={<IconColumns3 size={14} aria-hidden />} data-testid="column-chooser">
          Columns
        </Button>
      </Popover.Target>
      <Popover.Dropdown data-testid="column-chooser-panel">
        <Stack gap={4} miw={240}>
          <Text size="xs" c="dimmed">
            Shown columns, in order. Drag a header or use the arrows to move one; drag a header's edge to resize.
          </Text>
          {order.map((id, index) => {
            const column = INVENTORY_COLUMNS_BY_ID.get(id);
            if (!column) return null;
            return (
              <Group key={id} gap={4} wrap="nowrap" justify="space-between" data-testid={`column-choice-${id}`}>
                <Checkbox
                  size="xs"
                  label={column.header}
                  checked={!hidden.has(id) || id === ALWAYS_VISIBLE_COLUMN}
                  disabled={id === ALWAYS_VISIBLE_COLUMN}
                  onChange={(event) => set(setColumnVisible(layout, id, event.currentTarget.checked))}
                />
                <Group gap={2} wrap="nowrap">
                  <ActionIcon
                    size="sm"
                    variant="subtle"
                    aria-label={`Move ${column.header} earlier`}
                    disabled={index === 0}
                    onClick={() => set(moveColumn(layout, id, index - 1))}
                  >
                    <IconArrowUp size={12} aria-hidden />
                  </ActionIcon>
                  <ActionIcon
                    size="sm"
                    variant="subtle"
                    aria-label={`Move ${column.header} later`}
                    disabled={index === order.length - 1}
                    onClick={() => set(moveColumn(layout, id, index + 1))}
                  >
                    <IconArrowDown size={12} aria-hidden />
                  </ActionIcon>
                </Group>
              </Group>
            );
          })}
          <Button size="compact-xs" variant="subtle" onClick={() => set(DEFAULT_COLUMN_LAYOUT)} data-testid="column-reset">
            Back to the default columns
          </Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
