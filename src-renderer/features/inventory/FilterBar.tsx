// The filter bar: free-text search (debounced), class, source, tag, lifecycle stage and status.
// Filters live in the store's query so they survive a trip to an asset and back.
import { Badge, Button, CloseButton, Group, MultiSelect, Select, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconFilterOff, IconSearch, IconTag } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ASSET_CLASSES, ASSET_CLASS_LABELS, type AssetClass } from '../../../src-shared/model/asset-classes.js';
import { ASSET_STATUSES, LIFECYCLE_STAGES, LIFECYCLE_STAGE_LABELS, type AssetStatus, type LifecycleStage } from '../../../src-shared/model/lifecycle-stages.js';
import { SOURCE_KINDS, SOURCE_KIND_LABELS, type SourceKind } from '../../../src-shared/model/source-kinds.js';
import { doorFilterLabels } from '../../lib/door-filter-labels.js';
import { SEARCH_FOCUS_EVENT } from '../../lib/search-focus.js';
import { compactFilter } from '../../store/inventory-slice.js';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store.js';

const CLASS_OPTIONS = ASSET_CLASSES.map((value) => ({ value, label: ASSET_CLASS_LABELS[value] }));
const STAGE_OPTIONS = LIFECYCLE_STAGES.map((value) => ({ value, label: LIFECYCLE_STAGE_LABELS[value] }));
const STATUS_OPTIONS = ASSET_STATUSES.map((value) => ({ value, label: value[0]!.toUpperCase() + value.slice(1) }));
const DEBOUNCE_MS = 250;

/** Source filter values: `id:<sourceId>` for one source, `kind:<kind>` for every source of a kind. */
function sourceValue(filter: { sourceId?: string; sourceKind?: SourceKind }): string | null {
  if (filter.sourceId) return `id:${filter.sourceId}`;
  if (filter.sourceKind) return `kind:${filter.sourceKind}`;
  return null;
}

export function FilterBar() {
  const store = useAppStoreApi();
  const filter = useAppStore(useShallow((s) => s.inventory.query.filter));
  const sources = useAppStore((s) => s.system.sources);
  const [search, setSearch] = useState(filter.search ?? '');
  const [tag, setTag] = useState(filter.tag ?? '');
  const searchRef = useRef<HTMLInputElement>(null);

  const applySearch = useDebouncedCallback((value: string) => store.getState().setInventoryFilter({ search: value }), DEBOUNCE_MS);
  const applyTag = useDebouncedCallback((value: string) => store.getState().setInventoryFilter({ tag: value }), DEBOUNCE_MS);

  // Filters changed elsewhere (a summary door, "clear"): show them in the inputs.
  useEffect(() => setSearch(filter.search ?? ''), [filter.search]);
  useEffect(() => setTag(filter.tag ?? ''), [filter.tag]);

  useEffect(() => {
    const focus = () => {
      searchRef.current?.focus();
      searchRef.current?.select();
    };
    window.addEventListener(SEARCH_FOCUS_EVENT, focus);
    return () => window.removeEventListener(SEARCH_FOCUS_EVENT, focus);
  }, []);

  const usedKinds = new Set(sources.map((s) => s.kind));
  const sourceOptions = [
    { group: 'Sources', items: sources.map((s) => ({ value: `id:${s.id}`, label: s.name })) },
    { group: 'Kinds', items: SOURCE_KINDS.filter((k) => usedKinds.has(k)).map((k) => ({ value: `kind:${k}`, label: SOURCE_KIND_LABELS[k] })) },
  ].filter((g) => g.items.length > 0);

  const hasFilters = Object.keys(compactFilter(filter)).length > 0;

  return (
    <Group gap="xs" align="flex-end" wrap="wrap" data-testid="filter-bar">
      <TextInput
        ref={searchRef}
        aria-label="Search assets"
        placeholder="Search name, IP, MAC, serial (Ctrl+K)"
        leftSection={<IconSearch size={16} aria-hidden />}
        value={search}
        onChange={(e) => {
          setSearch(e.currentTarget.value);
          applySearch(e.currentTarget.value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            applySearch.cancel();
            store.getState().setInventoryFilter({ search: e.currentTarget.value });
          }
          if (e.key === 'Escape' && search) {
            setSearch('');
            store.getState().setInventoryFilter({ search: '' });
          }
          if (e.key === 'ArrowDown') document.querySelector<HTMLElement>('[data-testid="inventory-table"]')?.focus();
        }}
        rightSection={search ? <CloseButton size="sm" aria-label="Clear search" onClick={() => { setSearch(''); store.getState().setInventoryFilter({ search: '' }); }} /> : null}
        w={270}
        data-testid="search-input"
      />
      <MultiSelect
        aria-label="Class"
        placeholder={filter.classes?.length ? undefined : 'Any class'}
        data={CLASS_OPTIONS}
        value={filter.classes ?? []}
        onChange={(values) => store.getState().setInventoryFilter({ classes: values as AssetClass[] })}
        clearable
        searchable
        w={190}
        maxDropdownHeight={320}
        data-testid="filter-class"
      />
      <Select
        aria-label="Source"
        placeholder="Any source"
        data={sourceOptions}
        value={sourceValue(filter)}
        onChange={(value) => {
          if (!value) store.getState().setInventoryFilter({ sourceId: undefined, sourceKind: undefined });
          else if (value.startsWith('id:')) store.getState().setInventoryFilter({ sourceId: value.slice(3), sourceKind: undefined });
          else store.getState().setInventoryFilter({ sourceKind: value.slice(5) as SourceKind, sourceId: undefined });
        }}
        clearable
        searchable
        w={190}
        data-testid="filter-source"
      />
      <TextInput
        aria-label="Tag"
        placeholder="Tag: key or key=value"
        leftSection={<IconTag size={16} aria-hidden />}
        value={tag}
        onChange={(e) => {
          setTag(e.currentTarget.value);
          applyTag(e.currentTarget.value);
        }}
        w={170}
        data-testid="filter-tag"
      />
      <Select
        aria-label="Lifecycle stage"
        placeholder="Any stage"
        data={STAGE_OPTIONS}
        value={filter.lifecycleStage ?? null}
        onChange={(value) => store.getState().setInventoryFilter({ lifecycleStage: (value as LifecycleStage | null) ?? undefined })}
        clearable
        w={140}
        data-testid="filter-lifecycle"
      />
      <Select
        aria-label="Status"
        placeholder="Any status"
        data={STATUS_OPTIONS}
        value={filter.status ?? null}
        onChange={(value) => store.getState().setInventoryFilter({ status: (value as AssetStatus | null) ?? undefined })}
        clearable
        w={120}
        data-testid="filter-status"
      />
      {doorFilterLabels(filter).map((door) => (
        <Badge
          key={door.key}
          size="lg"
          variant="light"
          tt="none"
          fw={500}
          data-testid={`filter-door-${door.key}`}
          rightSection={<CloseButton size="xs" aria-label={`Remove filter ${door.label}`} onClick={() => store.getState().setInventoryFilter(door.clear)} />}
        >
          {door.label}
        </Badge>
      ))}
      {hasFilters && (
        <Button variant="subtle" color="gray" leftSection={<IconFilterOff size={16} aria-hidden />} onClick={() => store.getState().replaceInventoryFilter({})} data-testid="filter-clear">
          Clear filters
        </Button>
      )}
    </Group>
  );
}
