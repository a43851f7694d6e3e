import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_MIGRATIONS } from '../../migrations/index.js';
import { openDatabase, type Database } from './database.js';
import { listAssets, shouldDriveFromFilter, TOTAL_LOOKAHEAD } from './list-assets.js';
import { migrateDatabase } from './migrate-database.js';
import { createQueryBuilder } from './query-builder.js';
import { buildSearchBody } from './search-body.js';

/** A database with `count` assets named asset-00000…, every third tagged rare=yes, all tagged env=prod. */
function seed(db: Database, count: number): void {
  const insert = db.prepare(
    `INSERT INTO assets (id, class, name, status, source_count, first_seen, last_seen, created_at, updated_at)
     VALUES (?, 'server', ?, 'active', 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
  );
  const tag = db.prepare('INSERT INTO tags (asset_id, key, value) VALUES (?, ?, ?)');
  const search = db.prepare('INSERT INTO asset_search (rowid, body) VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 0; i < count; i += 1) {
      const id = `a-${String(i).padStart(6, '0')}`;
      const name = `asset-${String(i).padStart(5, '0')}`;
      const info = insert.run(id, name);
      tag.run(id, 'env', 'prod');
      if (i % 3 === 0) tag.run(id, 'rare', 'yes');
      search.run(Number(info.lastInsertRowid), buildSearchBody([name, i % 2 === 0 ? 'plant-a' : 'plant-b']));
    }
  })();
}

describe('listAssets', () => {
  let db: Database;
  const qb = createQueryBuilder();
  beforeEach(() => {
    db = openDatabase(':memory:');
    migrateDatabase(db, { migrations: LOCAL_MIGRATIONS, backupDir: null, now: () => new Date() });
  });
  afterEach(() => db.close());

  it('chooses the driver by cost: a rare filter drives, a common one walks the sort order', () => {
    expect(shouldDriveFromFilter(50, 1_000_000, 100)).toBe(true);
    expect(shouldDriveFromFilter(500_000, 1_000_000, 100)).toBe(false);
    // Deep in a sparse filter, walking would pass the whole table: drive.
    expect(shouldDriveFromFilter(19_000, 1_000_000, 50_100)).toBe(true);
  });

  it('gives the same rows whichever plan runs, and an exact total for small results', () => {
    seed(db, 600);
    const byTagRare = listAssets(db, qb, { offset: 10, limit: 5, sort: { field: 'name', direction: 'asc' }, filter: { tag: 'rare=yes' } });
    expect(byTagRare.items.map((a) => a.name)).toEqual(['asset-00030', 'asset-00033', 'asset-00036', 'asset-00039', 'asset-00042']);
    expect(byTagRare).toMatchObject({ total: 200, totalIsExact: true });
    const bySearch = listAssets(db, qb, { offset: 0, limit: 3, sort: { field: 'name', direction: 'desc' }, filter: { search: 'plant-b' } });
    expect(bySearch.items.map((a) => a.name)).toEqual(['asset-00599', 'asset-00597', 'asset-00595']);
    expect(bySearch).toMatchObject({ total: 300, totalIsExact: true });
    const combined = listAssets(db, qb, { offset: 0, limit: 2, sort: { field: 'name', direction: 'asc' }, filter: { search: 'plant-a', tag: 'rare' } });
    expect(combined.items.map((a) => a.name)).toEqual(['asset-00000', 'asset-00006']);
    expect(combined.total).toBe(100);
  });

  it('counts a large filtered result only a little past the page and says so', () => {
    const count = TOTAL_LOOKAHEAD + 2_000;
    seed(db, count);
    const page = listAssets(db, qb, { offset: 0, limit: 100, sort: { field: 'name', direction: 'asc' }, filter: { tag: 'env=prod', classes: ['server'] } });
    expect(page.totalIsExact).toBe(false);
    expect(page.total).toBe(100 + TOTAL_LOOKAHEAD);
    const deeper = listAssets(db, qb, { offset: 5_000, limit: 100, sort: { field: 'name', direction: 'asc' }, filter: { tag: 'env=prod', classes: ['server'] } });
    expect(deeper).toMatchObject({ total: count, totalIsExact: true });
    const unfiltered = listAssets(db, qb, { offset: 0, limit: 1, sort: { field: 'name', direction: 'asc' }, filter: {} });
    expect(unfiltered).toMatchObject({ total: count, totalIsExact: true });
  });
});
