// The inventory grid: a virtualized ARIA grid over the server's sorted, filtered list. Only the rows
// in view are rendered; their pages are fetched (the one in view by position, its neighbours from
// its cursors) and cached in the store. Keyboard: arrows,
// Page Up/Down, Home/End move the active row; Enter opens it; Space selects it (Shift+Space: the
// range from the row last picked). Headers sort on the server, resize and are dragged to reorder;
// which columns show, in which order and how wide is the store's column layout (a local preference).
// The first column's checkboxes select rows for a bulk change (shift-click: a range).
import { Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import { columnResizingFeature, columnSizingFeature, createColumnHelper, tableFeatures, useTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent, type MouseEvent, type RefObject } from 'react';
import { useNavigate } from 'react-router-dom';
import type { AssetSummary } from '../../../src-shared/api/inventory.js';
import { COLUMN_WIDTH_LIMITS, type ColumnLayout, type InventoryColumnId } from '../../../src-shared/api/saved-views.js';
import { formatCount } from '../../lib/format.js';
import { completeOrder, fitColumnWidths, moveColumn, setColumnWidths, visibleColumns } from '../../lib/column-layout.js';
import { isRowSelected, rowAt, selectedCount, type InventorySelection } from '../../store/inventory-slice.js';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store.js';
import { INVENTORY_COLUMNS_BY_ID, type InventoryColumn } from './inventory-columns.js';

const ROW_HEIGHT = 30;
const HEADER_HEIGHT = 32;
/** Rows fetched beyond the visible ones, so that normal scrolling rarely shows a placeholder. */
const PREFETCH_ROWS = 100;

const SELECT_WIDTH = 36;

const features = tableFeatures({ columnSizingFeature, columnResizingFeature });
const helper = createColumnHelper<typeof features, AssetSummary>();
const NO_DATA: AssetSummary[] = [];

function columnsOf(layout: ColumnLayout): InventoryColumn[] {
  return visibleColumns(layout).flatMap((id) => INVENTORY_COLUMNS_BY_ID.get(id) ?? []);
}

const cssVar = (id: string) => `--col-${id}`;

/** Room kept for a vertical scrollbar where the system draws one inside the grid. */
const SCROLLBAR_ALLOWANCE = 16;

/** The element's inner width, following it as the window or the layout changes (0 until measured). */
function useElementWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(element.clientWidth);
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

interface RowProps {
  index: number;
  start: number;
  asset: AssetSummary | undefined;
  active: boolean;
  selected: boolean;
  columns: readonly InventoryColumn[];
  onActivate(index: number): void;
  onOpen(index: number): void;
  onPick(index: number, id: string, range: boolean): void;
}

const GridRow = memo(function GridRow({ index, start, asset, active, selected, columns, onActivate, onOpen, onPick }: RowProps) {
  const style: CSSProperties = { transform: `translateY(${start}px)`, height: ROW_HEIGHT };
  return (
    <div
      role="row"
      id={`inventory-row-${index}`}
      aria-rowindex={index + 2}
      aria-selected={selected}
      aria-busy={asset ? undefined : true}
      tabIndex={-1}
      className="fw-grid-row"
      data-active={active || undefined}
      data-selected={selected || undefined}
      data-testid={asset ? 'inventory-row' : 'inventory-row-loading'}
      data-asset-id={asset?.id}
      style={style}
      onMouseDown={() => onActivate(index)}
      onDoubleClick={() => onOpen(index)}
    >
      <div role="gridcell" aria-colindex={1} className="fw-grid-cell fw-grid-select" style={{ width: SELECT_WIDTH }}>
        {asset && (
          <input
            type="checkbox"
            checked={selected}
            aria-label={`Select ${asset.name}`}
            tabIndex={-1}
            data-testid="row-select"
            onChange={() => undefined}
            onClick={(event: MouseEvent<HTMLInputElement>) => onPick(index, asset.id, event.shiftKey)}
          />
        )}
      </div>
      {columns.map((column, colIndex) => (
        <GridCell key={column.id} column={column} asset={asset} colIndex={colIndex + 1} />
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
  const layout = useAppStore((s) => s.inventory.columns);
  const selection = useAppStore((s) => s.inventory.selection);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [pickError, setPickError] = useState<string | null>(null);

  const columns = useMemo(() => columnsOf(layout), [layout]);
  // Widths live in the layout; while a column is being dragged wider, here (saved when it ends).
  const [sizing, setSizing] = useState<Record<string, number>>(layout.widths);
  useEffect(() => setSizing(layout.widths), [layout.widths]);
  // Columns nobody sized by hand are narrowed (within a limit) to fit the grid's width, so the
  // default view needs no sideways scrolling on an ordinary screen.
  const gridWidth = useElementWidth(scrollRef);
  const fitted = useMemo(
    () => fitColumnWidths(columns, sizing, gridWidth - SELECT_WIDTH - SCROLLBAR_ALLOWANCE, COLUMN_WIDTH_LIMITS.min),
    [columns, sizing, gridWidth],
  );
  const tableColumns = useMemo(
    () =>
      columns.map((column) =>
        helper.display({ id: column.id, header: column.header, size: fitted[column.id] ?? column.size, minSize: COLUMN_WIDTH_LIMITS.min, maxSize: COLUMN_WIDTH_LIMITS.max }),
      ),
    [columns, fitted],
  );

  const table = useTable({
    features,
    columns: tableColumns,
    data: NO_DATA,
    columnResizeMode: 'onChange',
    state: { columnSizing: sizing },
    onColumnSizingChange: (updater) => setSizing((current) => (typeof updater === 'function' ? updater(current) : updater)),
  });
  const headers = table.getFlatHeaders();
  const resizing = headers.some((header) => header.column.getIsResizing());
  const sizeVars: Record<string, string> = {};
  for (const header of headers) sizeVars[cssVar(header.id)] = `${header.getSize()}px`;
  const totalWidth = table.getTotalSize() + SELECT_WIDTH;

  // When a resize ends, its widths go into the layout (and so into the local settings).
  const saveWidths = useCallback(
    (widths: Record<string, number>) => {
      const current = store.getState().inventory.columns;
      const rounded = Object.fromEntries(Object.entries(widths).map(([id, width]) => [id, Math.round(width)])) as Partial<Record<InventoryColumnId, number>>;
      if (JSON.stringify(rounded) !== JSON.stringify(current.widths)) store.getState().setInventoryColumns(setColumnWidths(current, rounded));
    },
    [store],
  );
  const wasResizing = useRef(false);
  useEffect(() => {
    if (wasResizing.current && !resizing) saveWidths(sizing);
    wasResizing.current = resizing;
  }, [resizing, sizing, saveWidths]);

  // Reordering: a header dragged onto another takes its place.
  const dragged = useRef<InventoryColumnId | null>(null);
  // A press on a resize handle resizes; it must not start dragging the header it sits in.
  const pressedResizer = useRef(false);
  const dropOn = (target: InventoryColumnId) => {
    const id = dragged.current;
    dragged.current = null;
    if (!id || id === target) return;
    const current = store.getState().inventory.columns;
    store.getState().setInventoryColumns(moveColumn(current, id, completeOrder(current).indexOf(target)));
  };

  const pick = useCallback(
    (index: number, id: string, range: boolean) => {
      setPickError(null);
      if (range && store.getState().inventory.selectionAnchor !== null) {
        void store
          .getState()
          .selectInventoryRange(index)
          .then((error) => setPickError(error));
      } else store.getState().toggleInventoryRow(index, id);
    },
    [store],
  );

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
      ' ': () => {
        const asset = rowAt(store.getState().inventory.pages, current);
        if (asset) pick(current, asset.id, event.shiftKey);
      },
    };
    const action = keys[event.key];
    if (!action || (event.target as HTMLElement).closest('[role="columnheader"]') || (event.target as HTMLElement).tagName === 'INPUT') return;
    event.preventDefault();
    action();
  }

  return (
    <div
      ref={scrollRef}
      role="grid"
      aria-label="Assets"
      aria-rowcount={total + 1}
      aria-colcount={columns.length + 1}
      aria-activedescendant={total > 0 ? `inventory-row-${activeIndex}` : undefined}
      aria-multiselectable
      tabIndex={0}
      className="fw-grid"
      data-testid="inventory-table"
      data-total={total}
      style={sizeVars as CSSProperties}
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" className="fw-grid-head" style={{ width: totalWidth, height: HEADER_HEIGHT }}>
        <div role="row" aria-rowindex={1} className="fw-grid-header-row">
          <SelectAllHeader selection={selection} total={total} />
          {headers.map((header, colIndex) => {
            const column = INVENTORY_COLUMNS_BY_ID.get(header.id as InventoryColumnId);
            if (!column) return null;
            const sortField = column.sortField;
            const sorted = sortField !== null && sort.field === sortField ? sort.direction : null;
            const resizeHandler = header.getResizeHandler();
            return (
              <div
                key={header.id}
                role="columnheader"
                aria-colindex={colIndex + 2}
                aria-sort={sortField === null ? undefined : sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                className="fw-grid-header"
                data-align={column.align}
                data-testid={`column-${column.id}`}
                style={{ width: `var(${cssVar(column.id)})` }}
                draggable={!resizing}
                title="Drag to move the column"
                onDragStart={(event) => {
                  if (pressedResizer.current) {
                    event.preventDefault();
                    return;
                  }
                  dragged.current = column.id;
                  event.dataTransfer.effectAllowed = 'move';
                  event.dataTransfer.setData('text/plain', column.id);
                }}
                onDragOver={(event) => {
                  if (dragged.current) event.preventDefault();
                }}
                onDrop={(event) => {
                  event.preventDefault();
                  dropOn(column.id);
                }}
                onDragEnd={() => (dragged.current = null)}
              >
                <UnstyledButton
                  className="fw-grid-sort"
                  disabled={sortField === null}
                  onClick={() => sortField && store.getState().toggleInventorySort(sortField)}
                  aria-label={
                    sortField === null
                      ? `${column.header} (the list does not sort by it)`
                      : `Sort by ${column.header}${sorted === 'asc' ? ', currently ascending' : sorted === 'desc' ? ', currently descending' : ''}`
                  }
                >
                  <Text span size="xs" fw={600} truncate>
                    {column.header}
                  </Text>
                  {sortField === null ? null : sorted === 'asc' ? (
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
                  onMouseDown={(event) => {
                    pressedResizer.current = true;
                    window.addEventListener('mouseup', () => (pressedResizer.current = false), { once: true });
                    resizeHandler(event);
                  }}
                  onTouchStart={resizeHandler}
                  onDoubleClick={() => {
                    const { [column.id]: _reset, ...others } = sizing;
                    saveWidths(others);
                  }}
                />
              </div>
            );
          })}
        </div>
      </div>
      <div role="rowgroup" className="fw-grid-body" style={{ height: virtualizer.getTotalSize(), width: totalWidth }}>
        {items.map((item) => {
          const asset = rowAt(pages, item.index);
          return (
            <GridRow
              key={item.index}
              index={item.index}
              start={item.start}
              asset={asset}
              active={item.index === activeIndex}
              selected={asset !== undefined && isRowSelected(selection, asset.id)}
              columns={columns}
              onActivate={activate}
              onOpen={open}
              onPick={pick}
            />
          );
        })}
      </div>
      <span className="fw-visually-hidden" aria-live="polite">
        {formatCount(total)} assets
        {selectedCount(selection, total) > 0 ? `, ${formatCount(selectedCount(selection, total))} selected` : ''}
      </span>
      {pickError && (
        <span className="fw-grid-pick-error" role="alert" data-testid="select-range-error">
          {pickError}
        </span>
      )}
    </div>
  );
}

/** The select column's header: selects every matching row, or clears the selection. */
function SelectAllHeader({ selection, total }: { selection: InventorySelection; total: number }) {
  const store = useAppStoreApi();
  const count = selectedCount(selection, total);
  const all = selection.all && selection.ids.size === 0;
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = count > 0 && !all;
  }, [count, all]);
  return (
    <div role="columnheader" aria-colindex={1} className="fw-grid-header fw-grid-select" style={{ width: SELECT_WIDTH }}>
      <input
        ref={ref}
        type="checkbox"
        checked={all}
        aria-label={count > 0 ? 'Clear the selection' : `Select all ${formatCount(total)} matching assets`}
        data-testid="select-all"
        onChange={() => (count > 0 ? store.getState().clearInventorySelection() : store.getState().selectAllInventoryMatching())}
      />
    </div>
  );
}
