// The inventory grid: a virtualized ARIA grid over the server's sorted, filtered list. Only the rows
// in view are rendered; their pages are fetched (the one in view by position, its neighbours from
// its cursors) and cached in the store. Keyboard: arrows,
// Page Up/Down, Home/End move the active row; Enter opens it. Headers sort on the server and resize.
import { Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import { columnResizingFeature, columnSizingFeature, createColumnHelper, tableFeatures, useTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useRef, type CSSProperties, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import type { AssetSummary } from '../../../src-shared/api/inventory.js';
import { formatCount } from '../../lib/format.js';
import { rowAt } from '../../store/inventory-slice.js';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store.js';
import { INVENTORY_COLUMNS, type InventoryColumn } from './inventory-columns.js';

const ROW_HEIGHT = 30;
const HEADER_HEIGHT = 32;
/** Rows fetched beyond the visible ones, so that normal scrolling rarely shows a placeholder. */
const PREFETCH_ROWS = 100;

const features = tableFeatures({ columnSizingFeature, columnResizingFeature });
const helper = createColumnHelper<typeof features, AssetSummary>();
const tableColumns = INVENTORY_COLUMNS.map((column) => helper.display({ id: column.id, header: column.header, size: column.size, minSize: 60, maxSize: 800 }));
const NO_DATA: AssetSummary[] = [];
const columnsById = new Map(INVENTORY_COLUMNS.map((c) => [c.id, c]));

const cssVar = (id: string) => `--col-${id}`;

interface RowProps {
  index: number;
  start: number;
  asset: AssetSummary | undefined;
  active: boolean;
  onActivate(index: number): void;
  onOpen(index: number): void;
}

const GridRow = memo(function GridRow({ index, start, asset, active, onActivate, onOpen }: RowProps) {
  const style: CSSProperties = { transform: `translateY(${start}px)`, height: ROW_HEIGHT };
  return (
    <div
      role="row"
      id={`inventory-row-${index}`}
      aria-rowindex={index + 2}
      aria-selected={active}
      aria-busy={asset ? undefined : true}
      tabIndex={-1}
      className="fw-grid-row"
      data-active={active || undefined}
      data-testid={asset ? 'inventory-row' : 'inventory-row-loading'}
      data-asset-id={asset?.id}
      style={style}
      onMouseDown={() => onActivate(index)}
      onDoubleClick={() => onOpen(index)}
    >
      {INVENTORY_COLUMNS.map((column, colIndex) => (
        <GridCell key={column.id} column={column} asset={asset} colIndex={colIndex} />
      ))}
    </div>
  );
});

function GridCell({ column, asset, colIndex }: { column: InventoryColumn; asset: AssetSummary | undefined; colIndex: number }) {
  return (
    <div
      role="gridcell"
      aria-colindex={colIndex + 1}
      className="fw-grid-cell"
      data-align={column.align}
      data-column={column.id}
      style={{ width: `var(${cssVar(column.id)})` }}
      title={asset ? column.text(asset) : undefined}
    >
      {asset ? column.render(asset) : <span className="fw-skeleton" />}
    </div>
  );
}

export function AssetGrid() {
  const navigate = useNavigate();
  const store = useAppStoreApi();
  const total = useAppStore((s) => s.inventory.total) ?? 0;
  const pages = useAppStore((s) => s.inventory.pages);
  const generation = useAppStore((s) => s.inventory.generation);
  const activeIndex = useAppStore((s) => s.inventory.activeIndex);
  const query = useAppStore((s) => s.inventory.query);
  const sort = query.sort;
  const scrollRef = useRef<HTMLDivElement>(null);

  const table = useTable({ features, columns: tableColumns, data: NO_DATA, columnResizeMode: 'onChange' });
  const headers = table.getFlatHeaders();
  const sizeVars: Record<string, string> = {};
  for (const header of headers) sizeVars[cssVar(header.id)] = `${header.getSize()}px`;
  const totalWidth = table.getTotalSize();

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollPaddingStart: HEADER_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const firstVisible = items[0]?.index ?? 0;
  const lastVisible = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    // The page in view is fetched first; the prefetched ones around it continue from its cursors.
    store.getState().ensureInventoryRows(Math.max(0, firstVisible - PREFETCH_ROWS), lastVisible + PREFETCH_ROWS, firstVisible);
  }, [store, firstVisible, lastVisible, generation, total]);

  // A new sort or filter is a new list: start at its top (skipping the first render, which restores).
  const previousQuery = useRef(query);
  useEffect(() => {
    if (previousQuery.current === query) return;
    previousQuery.current = query;
    virtualizer.scrollToOffset(0);
  }, [query, virtualizer]);

  // Coming back from an asset: bring the row the user left from into view.
  useEffect(() => {
    const { activeIndex: index, total: known } = store.getState().inventory;
    if (known !== null && index > 0) virtualizer.scrollToIndex(index, { align: 'center' });
    // Only on mount: later moves scroll themselves.
  }, [store, virtualizer]);

  const moveTo = useCallback(
    (index: number) => {
      const { total: count } = store.getState().inventory;
      if (!count) return;
      const clamped = Math.max(0, Math.min(index, count - 1));
      store.getState().setInventoryActiveIndex(clamped);
      virtualizer.scrollToIndex(clamped, { align: 'auto' });
    },
    [store, virtualizer],
  );

  const open = useCallback(
    (index: number) => {
      const asset = rowAt(store.getState().inventory.pages, index);
      if (asset) navigate(`/assets/${encodeURIComponent(asset.id)}`);
    },
    [store, navigate],
  );

  const activate = useCallback((index: number) => store.getState().setInventoryActiveIndex(index), [store]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const pageRows = Math.max(1, Math.floor(((scrollRef.current?.clientHeight ?? 300) - HEADER_HEIGHT) / ROW_HEIGHT) - 1);
    const current = store.getState().inventory.activeIndex;
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(current + 1),
      ArrowUp: () => moveTo(current - 1),
      PageDown: () => moveTo(current + pageRows),
      PageUp: () => moveTo(current - pageRows),
      Home: () => moveTo(0),
      End: () => moveTo(total - 1),
      Enter: () => open(current),
    };
    const action = keys[event.key];
    if (!action || (event.target as HTMLElement).closest('[role="columnheader"]')) return;
    event.preventDefault();
    action();
  }

  return (
    <div
      ref={scrollRef}
      role="grid"
      aria-label="Assets"
      aria-rowcount={total + 1}
      aria-colcount={INVENTORY_COLUMNS.length}
      aria-activedescendant={total > 0 ? `inventory-row-${activeIndex}` : undefined}
      aria-multiselectable={false}
      tabIndex={0}
      className="fw-grid"
      data-testid="inventory-table"
      data-total={total}
      style={sizeVars as CSSProperties}
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" className="fw-grid-head" style={{ width: totalWidth, height: HEADER_HEIGHT }}>
        <div role="row" aria-rowindex={1} className="fw-grid-header-row">
          {headers.map((header, colIndex) => {
            const column = columnsById.get(header.id as InventoryColumn['id']);
            if (!column) return null;
            const sorted = sort.field === column.id ? sort.direction : null;
            const resizeHandler = header.getResizeHandler();
            return (
              <div
                key={header.id}
                role="columnheader"
                aria-colindex={colIndex + 1}
                aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                className="fw-grid-header"
                data-align={column.align}
                data-testid={`column-${column.id}`}
                style={{ width: `var(${cssVar(column.id)})` }}
              >
                <UnstyledButton
                  className="fw-grid-sort"
                  onClick={() => store.getState().toggleInventorySort(column.id)}
                  aria-label={`Sort by ${column.header}${sorted === 'asc' ? ', currently ascending' : sorted === 'desc' ? ', currently descending' : ''}`}
                >
                  <Text span size="xs" fw={600} truncate>
                    {column.header}
                  </Text>
                  {sorted === 'asc' ? (
                    <IconArrowUp size={12} aria-hidden />
                  ) : sorted === 'desc' ? (
                    <IconArrowDown size={12} aria-hidden />
                  ) : (
                    <IconArrowsSort size={12} aria-hidden className="fw-sort-idle" />
                  )}
                </UnstyledButton>
                <div
                  role="separator"
                  aria-orientation="vertical"
                  aria-label={`Resize ${column.header}`}
                  className="fw-grid-resizer"
                  data-resizing={header.column.getIsResizing() || undefined}
                  onMouseDown={resizeHandler}
                  onTouchStart={resizeHandler}
                  onDoubleClick={() => header.column.resetSize()}
                />
              </div>
            );
          })}
        </div>
      </div>
      <div role="rowgroup" className="fw-grid-body" style={{ height: virtualizer.getTotalSize(), width: totalWidth }}>
        {items.map((item) => (
          <GridRow
            key={item.index}
            index={item.index}
            start={item.start}
            asset={rowAt(pages, item.index)}
            active={item.index === activeIndex}
            onActivate={activate}
            onOpen={open}
          />
        ))}
      </div>
      <span className="fw-visually-hidden" aria-live="polite">
        {formatCount(total)} assets
      </span>
    </div>
  );
}
