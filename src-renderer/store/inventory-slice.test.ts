import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../src-shared/api/api-client.js';
import type { AssetListQuery, AssetSummary } from '../../src-shared/api/inventory.js';
import { INVENTORY_PAGE_SIZE } from '../lib/page-window.js';
import { createAppStore } from './app-store.js';
import { memorySettings } from '../lib/local-settings.js';
import { compactFilter, rowAt, selectedCount, selectionTarget } from './inventory-slice.js';

function asset(i: number): AssetSummary {
  return {
    id: `a${i}`,
    class: 'server',
    name: `host-${String(i).padStart(6, '0')}`,
    hostname: null,
    fqdn: null,
    primaryIp: null,
    serial: null,
    vendor: null,
    model: null,
    osName: null,
    osVersion: null,
    status: 'active',
    lifecycleStage: null,
    sourceCount: 1,
    firstSeen: '2025-01-01T00:00:00Z',
    lastSeen: '2025-01-01T00:00:00Z',
    qualityScore: null,
  };
}

/** A fake API over `total` assets that pages by position or by cursor (a row's index) as the server does. */
function keysetClient(total: number) {
  const calls: AssetListQuery[] = [];
  const client: ApiClient = {
    async call(method, input) {
      if (method !== 'assets.list') throw new Error(`unexpected call ${method}`);
      const query = input as AssetListQuery;
      calls.push(query);
      const limit = query.limit ?? 100;
      let start = query.offset ?? 0;
      if (query.after !== undefined) start = Number(query.after) + 1;
      else if (query.before !== undefined) start = Math.max(0, Number(query.before) - limit);
      const end = query.before !== undefined ? Number(query.before) : Math.min(total, start + limit);
      const items = Array.from({ length: Math.max(0, end - start) }, (_, k) => asset(start + k));
      return { items, total, offset: query.offset ?? 0, totalIsExact: true, ...(items.length > 0 ? { startCursor: String(start), endCursor: String(end - 1) } : {}) } as never;
    },
    on: () => () => undefined,
    async upload() {
      return { uploadId: 'u1', bytes: 0 };
    },
    async download() {
      return { status: 'started' as const };
    },
  };
  return { client, calls };
}

const settle = async () => {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

describe('inventory slice paging', () => {
  it('fetches the page in view by position and the pages around it from its cursors', async () => {
    const { client, calls } = keysetClient(1_000_000);
    const store = createAppStore(client);
    const focus = 500_050;
    store.getState().ensureInventoryRows(focus - 300, focus + 300, focus);
    await settle();
    const focusPage = Math.floor(focus / INVENTORY_PAGE_SIZE);
    expect(calls[0]).toMatchObject({ offset: focusPage * INVENTORY_PAGE_SIZE });
    expect(calls[0]?.after).toBeUndefined();
    expect(calls[0]?.before).toBeUndefined();
    expect(calls.slice(1).every((c) => c.after !== undefined || c.before !== undefined)).toBe(true);
    expect(calls.map((c) => c.offset).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([focusPage - 2, focusPage - 1, focusPage, focusPage + 1].map((p) => p * INVENTORY_PAGE_SIZE));
    for (const row of [focus - 300, focus - 1, focus, focus + 300]) expect(rowAt(store.getState().inventory.pages, row)?.name).toBe(asset(row).name);
  });

  it('does not continue from a page fetched before the data changed', async () => {
    const { client, calls } = keysetClient(10_000);
    const store = createAppStore(client);
    store.getState().ensureInventoryRows(0, 10);
    await settle();
    store.getState().invalidateInventory();
    store.getState().ensureInventoryRows(150, 250, 150);
    await settle();
    const afterInvalidate = calls.slice(1).filter((c) => c.limit === INVENTORY_PAGE_SIZE);
    expect(afterInvalidate[0]).toMatchObject({ offset: 0 });
    expect(afterInvalidate[0]?.after).toBeUndefined();
    expect(afterInvalidate[1]).toMatchObject({ offset: INVENTORY_PAGE_SIZE, after: String(INVENTORY_PAGE_SIZE - 1) });
  });
});

describe('inventory selection', () => {
  it('selects a shift range across rows not loaded yet, and every matching row but those unticked', async () => {
    const { client } = keysetClient(5000);
    const store = createAppStore(client, { settings: memorySettings() });
    store.getState().ensureInventoryRows(0, 50);
    await settle();
    const first = rowAt(store.getState().inventory.pages, 0)!;
    store.getState().toggleInventoryRow(0, first.id);
    // Row 1500 was never on screen: its page is fetched for the range.
    expect(await store.getState().selectInventoryRange(1500)).toBeNull();
    const { selection, query, total } = store.getState().inventory;
    expect(selectedCount(selection, total)).toBe(1501);
    expect(selectionTarget(selection, query)).toMatchObject({ kind: 'ids' });
    expect((selectionTarget(selection, query) as { ids: string[] }).ids).toContain('a1500');

    store.getState().selectAllInventoryMatching();
    store.getState().toggleInventoryRow(3, 'a3');
    const all = store.getState().inventory;
    expect(selectedCount(all.selection, all.total)).toBe(4999);
    expect(selectionTarget(all.selection, all.query)).toEqual({ kind: 'filter', filter: {}, exceptIds: ['a3'] });

    // The same list asked for again (a search box settling on the empty text it had) keeps it.
    const generation = store.getState().inventory.generation;
    store.getState().setInventoryFilter({ search: '  ', tag: '' });
    expect(store.getState().inventory.generation).toBe(generation);
    expect(selectedCount(store.getState().inventory.selection, 5000)).toBe(4999);

    // A new filter is a new list: the selection goes.
    store.getState().setInventoryFilter({ search: 'host' });
    expect(selectedCount(store.getState().inventory.selection, 5000)).toBe(0);
  });
});

describe('compactFilter', () => {
  it('keeps the filters figures elsewhere open, including an empty site and a zero quality bound, and drops empty ones', () => {
    const filter = compactFilter({
      classes: [],
      search: '  ',
      software: { name: 'PuTTY', vendor: null, version: '0.80' },
      site: '',
      lastSeenFrom: '2024-01-01T00:00:00.000Z',
      qualityFrom: 0,
      qualityBelow: 0.1,
      missingField: 'serial',
    });
    expect(filter).toEqual({
      software: { name: 'PuTTY', vendor: null, version: '0.80' },
      site: '',
      lastSeenFrom: '2024-01-01T00:00:00.000Z',
      qualityFrom: 0,
      qualityBelow: 0.1,
      missingField: 'serial',
    });
    expect(compactFilter({ software: undefined, site: undefined, qualityFrom: undefined })).toEqual({});
  });
});
