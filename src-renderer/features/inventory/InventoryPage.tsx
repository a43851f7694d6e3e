// Inventory: summary counts (each one filters), the filter bar and the virtualized asset grid.
import { Button, Code, EmptyState, Group, Stack, Text, Title } from '@mantine/core';
import { IconDatabaseOff, IconFileImport, IconFilterOff, IconPlugConnected, IconPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useShallow } from 'zustand/react/shallow';
import { EXAMPLE_IMPORT_COMMAND } from '../../../src-shared/model/example-import.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { visibleColumns } from '../../lib/column-layout.js';
import { formatCount } from '../../lib/format.js';
import { compactFilter } from '../../store/inventory-slice.js';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store.js';
import { AssetGrid } from './AssetGrid.js';
import { ExportMenu } from './ExportMenu.js';
import { FilterBar } from './FilterBar.js';
import { AddOtAssetModal } from '../asset/AddOtAssetModal.js';
import { NewAssetModal } from './NewAssetModal.js';
import { SummaryStrip } from './SummaryStrip.js';
import { TableToolbar } from './TableToolbar.js';

function NoAssetsYet({ onNew }: { onNew(): void }) {
  return (
    <EmptyState
      icon={<IconDatabaseOff size={32} />}
      withIndicatorBackground
      title="No assets yet"
      data-testid="inventory-empty"
      description={
        <Stack gap={4} align="center">
          <Text size="sm">
            Import an inventory file — a server or desktop inventory (CSV or JSON) or a cloud instance list. The repository's{' '}
            <Code>examples/</Code> folder has files to try, such as <Code>examples/servers.csv</Code>.
          </Text>
          <Text size="sm" c="dimmed">
            From a terminal: <Code>{EXAMPLE_IMPORT_COMMAND}</Code> (in the repository's folder). Or enter an asset by hand.
          </Text>
        </Stack>
      }
    >
      <EmptyState.Actions>
        <Button component={Link} to="/import" leftSection={<IconFileImport size={16} aria-hidden />}>
          Import a file
        </Button>
        <Button variant="default" leftSection={<IconPlus size={16} aria-hidden />} onClick={onNew}>
          New asset
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}

function NoMatches() {
  const store = useAppStoreApi();
  return (
    <EmptyState
      icon={<IconFilterOff size={32} />}
      withIndicatorBackground
      title="No assets match these filters"
      description="Loosen the search or clear the filters to see every asset."
      data-testid="inventory-no-matches"
    >
      <EmptyState.Actions>
        <Button variant="default" onClick={() => store.getState().replaceInventoryFilter({})}>
          Clear filters
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}

export function InventoryPage() {
  const store = useAppStoreApi();
  const [creating, setCreating] = useState(false);
  const [addingOt, setAddingOt] = useState(false);
  const total = useAppStore((s) => s.inventory.total);
  const totalIsExact = useAppStore((s) => s.inventory.totalIsExact);
  const error = useAppStore((s) => s.inventory.error);
  const filter = useAppStore(useShallow((s) => s.inventory.query.filter));
  const hasFilters = Object.keys(compactFilter(filter)).length > 0;
  const generation = useAppStore((s) => s.inventory.generation);
  // Export what you see: the grid's visible columns, in the order shown.
  const exportColumns = visibleColumns(useAppStore((s) => s.inventory.columns));
  const isEmpty = total === null || total === 0;

  // While the grid is not shown (nothing loaded yet, or nothing matched), ask for the first page
  // here, so that an import or a looser filter brings the grid back.
  useEffect(() => {
    if (isEmpty) store.getState().ensureInventoryRows(0, 50);
  }, [store, isEmpty, generation]);

  return (
    <Stack gap="sm" h="calc(100dvh - 44px - 2 * var(--mantine-spacing-md))">
      <Group justify="space-between" wrap="nowrap">
        <Group gap="xs" align="baseline">
          <Title order={2} size="h3">
            Inventory
          </Title>
          {total !== null && (
            <Text size="sm" c="dimmed" data-testid="inventory-count">
              {formatCount(total)}
              {totalIsExact ? '' : '+'} {hasFilters ? 'matching' : ''} asset{total === 1 ? '' : 's'}
            </Text>
          )}
        </Group>
        <ExportMenu columns={exportColumns} />
        <Button variant="default" leftSection={<IconPlugConnected size={16} aria-hidden />} onClick={() => setAddingOt(true)} data-testid="add-ot-asset">
          Add OT asset
        </Button>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)} data-testid="new-asset">
          New asset
        </Button>
      </Group>
      <SummaryStrip />
      <FilterBar />
      <TableToolbar />
      {error && <ErrorNotice title="The inventory could not be loaded" message={error} onRetry={() => store.getState().invalidateInventory()} />}
      {total === 0 ? hasFilters ? <NoMatches /> : <NoAssetsYet onNew={() => setCreating(true)} /> : <AssetGrid />}
      <NewAssetModal opened={creating} onClose={() => setCreating(false)} />
      {addingOt && <AddOtAssetModal opened={addingOt} onClose={() => setAddingOt(false)} />}
    </Stack>
  );
}
