// Saved views of the inventory: open one, save the grid as it is (new, or over the view it came
// from), and — in "Manage views" — rename, delete, export to a file; import a view file someone
// shared. The button names the open view and says when the grid no longer matches it.
import { Button, FileButton, Group, Menu, Modal, Stack, Text } from '@mantine/core';
import { IconChevronDown, IconDeviceFloppy, IconFileImport, IconSettings, IconStack2 } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { SavedView } from '../../../src-shared/api/saved-views.js';
import { sameLayout } from '../../lib/column-layout.js';
import { currentViewDefinition, type InventoryState } from '../../store/inventory-slice.js';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store.js';
import type { ViewProblem } from '../../store/views-slice.js';
import { ManageViewsModal } from './ManageViewsModal.js';
import { SaveViewModal } from './SaveViewModal.js';
import { ViewProblemNotice } from './ViewProblemNotice.js';

/** Whether the grid still shows exactly what the view holds. */
export function matchesView(inventory: InventoryState, view: SavedView): boolean {
  const current = currentViewDefinition(inventory);
  return (
    JSON.stringify(current.filter) === JSON.stringify(view.definition.filter) &&
    current.sort.field === view.definition.sort.field &&
    current.sort.direction === view.definition.sort.direction &&
    sameLayout(current.columns, view.definition.columns)
  );
}

export function ViewsMenu() {
  const store = useAppStoreApi();
  const views = useAppStore((s) => s.views);
  const inventory = useAppStore((s) => s.inventory);
  const [saving, setSaving] = useState(false);
  const [managing, setManaging] = useState(false);
  const [imported, setImported] = useState<string | null>(null);
  const [importProblem, setImportProblem] = useState<ViewProblem | null>(null);

  useEffect(() => {
    if (!views.loaded) void store.getState().loadViews();
  }, [store, views.loaded]);

  const active = views.items.find((v) => v.id === inventory.activeViewId) ?? null;
  const changed = active !== null && !matchesView(inventory, active);

  const closeOutcome = () => {
    setImported(null);
    setImportProblem(null);
  };
  const importFile = async (file: File | null) => {
    if (!file) return;
    setImported(null);
    setImportProblem(null);
    const result = await store.getState().importView(await file.text());
    if ('error' in result) setImportProblem(result);
    else {
      store.getState().openView(result.ok.view.id);
      setImported([`Imported the view “${result.ok.view.name}” from ${file.name} and opened it.`, ...result.ok.warnings].join(' '));
    }
  };

  return (
    <>
      <Menu position="bottom-end" shadow="md" withinPortal>
        <Menu.Target>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconStack2 size={14} aria-hidden />}
            rightSection={<IconChevronDown size={12} aria-hidden />}
            data-testid="views-menu"
            data-view={active?.name}
            data-changed={changed || undefined}
          >
            {active ? `View: ${active.name}${changed ? ' (changed)' : ''}` : 'Views'}
          </Button>
        </Menu.Target>
        <Menu.Dropdown data-testid="views-menu-dropdown">
          <Menu.Label>Saved views</Menu.Label>
          {views.items.length === 0 && (
            <Menu.Item disabled>
              <Text size="xs">None yet: set filters, sort and columns, then save them as a view.</Text>
            </Menu.Item>
          )}
          {views.items.map((view) => (
            <Menu.Item key={view.id} onClick={() => store.getState().openView(view.id)} data-testid="view-item" data-name={view.name}>
              {view.name}
            </Menu.Item>
          ))}
          {views.error && (
            <Menu.Item disabled>
              <Text size="xs" c="red">
                {views.error}
              </Text>
            </Menu.Item>
          )}
          <Menu.Divider />
          {active && changed && (
            <Menu.Item
              leftSection={<IconDeviceFloppy size={14} aria-hidden />}
              onClick={() => void store.getState().saveCurrentView(active.name, active.id)}
              data-testid="view-save-changes"
            >
              Save changes to “{active.name}”
            </Menu.Item>
          )}
          <Menu.Item leftSection={<IconDeviceFloppy size={14} aria-hidden />} onClick={() => setSaving(true)} data-testid="view-save-as">
            Save as a new view…
          </Menu.Item>
          <FileButton onChange={(file) => void importFile(file)} accept="application/json,.json">
            {(props) => (
              <Menu.Item leftSection={<IconFileImport size={14} aria-hidden />} closeMenuOnClick={false} {...props} data-testid="view-import">
                Import a view file…
              </Menu.Item>
            )}
          </FileButton>
          <Menu.Item
            leftSection={<IconSettings size={14} aria-hidden />}
            onClick={() => setManaging(true)}
            disabled={views.items.length === 0}
            data-testid="view-manage"
          >
            Manage views (rename, delete, export)…
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {(imported !== null || importProblem !== null) && (
        <Modal opened onClose={closeOutcome} title="Import a view file" data-testid="view-import-outcome">
          <Stack gap="sm">
            {importProblem && <ViewProblemNotice title="The view file was not imported" problem={importProblem} />}
            {imported && (
              <Text size="sm" role="status" data-testid="view-imported">
                {imported}
              </Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={closeOutcome} data-testid="view-import-close">
                Close
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
      {saving && <SaveViewModal onClose={() => setSaving(false)} />}
      {managing && <ManageViewsModal onClose={() => setManaging(false)} />}
    </>
  );
}
