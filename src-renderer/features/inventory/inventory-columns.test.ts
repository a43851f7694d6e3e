// The grid and the exports agree: every column the grid shows is a shared column with the same
// header (src-shared/api/asset-columns.ts), so "export what you see" writes what the grid shows.
import { describe, expect, it } from 'vitest';
import { ASSET_COLUMNS, DEFAULT_ASSET_COLUMNS } from '../../../src-shared/api/asset-columns.js';
import { INVENTORY_COLUMNS } from './inventory-columns.js';

describe('inventory grid columns', () => {
  it('are shared columns with the shared labels, and show every default column', () => {
    for (const column of INVENTORY_COLUMNS) expect(column.header).toBe(ASSET_COLUMNS[column.id].label);
    for (const id of DEFAULT_ASSET_COLUMNS) expect(INVENTORY_COLUMNS.map((column) => column.id)).toContain(id);
  });
});
