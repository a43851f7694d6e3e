import { describe, expect, it } from 'vitest';
import { ASSET_COLUMN_IDS, ASSET_COLUMNS, DEFAULT_ASSET_COLUMNS } from './asset-columns.js';
import { ASSET_SORT_FIELDS } from './inventory.js';

describe('the inventory column list', () => {
  it('describes every column under its own id, with a distinct label', () => {
    for (const id of ASSET_COLUMN_IDS) expect(ASSET_COLUMNS[id].id).toBe(id);
    const labels = ASSET_COLUMN_IDS.map((id) => ASSET_COLUMNS[id].label);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('names a sort field for every column the inventory can sort by, and the column of every sort field', () => {
    for (const id of ASSET_COLUMN_IDS) {
      const { sortField } = ASSET_COLUMNS[id];
      if (sortField !== null) expect(ASSET_SORT_FIELDS).toContain(sortField);
    }
    for (const field of ASSET_SORT_FIELDS) expect(ASSET_COLUMN_IDS.filter((id) => ASSET_COLUMNS[id].sortField === field)).toEqual([field]);
  });

  it('shows known columns by default, each once', () => {
    expect(new Set(DEFAULT_ASSET_COLUMNS).size).toBe(DEFAULT_ASSET_COLUMNS.length);
    for (const id of DEFAULT_ASSET_COLUMNS) expect(ASSET_COLUMN_IDS).toContain(id);
  });
});
