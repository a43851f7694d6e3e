// The filters that figures open read indexes, not the assets table: each set's SELECT is an index
// range (a covering index: no table row read per match), and its count is exact where that is cheap.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_MIGRATIONS } from '../../migrations/index.js';
import type { AssetFilter } from '../../src-shared/api/inventory.js';
import { createTempDir, type TempDir } from '../test-support/temp-dir.js';
import { openDatabase, type Database } from './database.js';
import { classesRequiring, doorFilterSets } from './door-filter-sets.js';
import { migrateDatabase } from './migrate-database.js';
import { createQueryBuilder } from './query-builder.js';

describe('door filter sets', () => {
  let dir: TempDir;
  let db: Database;
  const qb = createQueryBuilder();

  beforeAll(async () => {
    dir = await createTempDir();
    db = openDatabase(dir.file('plans.sqlite'));
    migrateDatabase(db, { migrations: LOCAL_MIGRATIONS, backupDir: null, now: () => new Date('2026-03-01T00:00:00Z') });
    db.prepare("INSERT INTO software (name, version, vendor) VALUES ('OpenSSL', '3.0.13', 'OpenSSL Project'), ('OpenSSL', '1.1.1k', 'OpenSSL Project')").run();
  });
  afterAll(async () => {
    db.close();
    await dir.remove();
  });

  const planOf = (filter: AssetFilter): { plan: string; countAll: boolean } => {
    const { sets, matchesNothing } = doorFilterSets(db, filter);
    expect(matchesNothing).toBe(false);
    expect(sets).toHaveLength(1);
    const compiled = sets[0]!.source.compile(qb);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(...compiled.parameters) as { detail: string }[]).map((r) => r.detail).join(' | ');
    return { plan, countAll: sets[0]!.countAll };
  };

  it('reads one covering index per filter, and counts its matches to the end', () => {
    const cases: [AssetFilter, RegExp][] = [
      [{ software: { name: 'OpenSSL', vendor: 'OpenSSL Project', version: '3.0.13' } }, /USING COVERING INDEX asset_software_software/],
      [{ software: { name: 'OpenSSL' } }, /USING COVERING INDEX asset_software_software/],
      [{ site: 'Plant-A' }, /USING COVERING INDEX asset_sites_site/],
      [{ lastSeenFrom: '2026-01-01T00:00:00.000Z', lastSeenBefore: '2026-02-01T00:00:00.000Z' }, /USING COVERING INDEX assets_last_seen \(last_seen>\? AND last_seen<\?\)/],
      [{ qualityBelow: 0.5 }, /USING COVERING INDEX assets_quality \(quality<\?\)/],
      [{ missingField: 'serial' }, /USING COVERING INDEX assets_serial \(serial=\?\)/],
      [{ missingField: 'vendor' }, /USING COVERING INDEX assets_vendor \(vendor=\?\)/],
    ];
    for (const [filter, expected] of cases) {
      const { plan, countAll } = planOf(filter);
      expect(plan, JSON.stringify(filter)).toMatch(expected);
      expect(plan, JSON.stringify(filter)).not.toMatch(/SCAN assets\b(?! USING)/);
      expect(countAll).toBe(true);
    }
    // Rows without an IP sort key are read to check the address itself; the rest of the index is not.
    expect(planOf({ missingField: 'primary_ip' }).plan).toMatch(/USING INDEX assets_ip \(ip_sort=\?\)/);
    // A field held only in the record's body: the rows of the classes that require it are read, and counting stops at the cap.
    const firmware = planOf({ missingField: 'firmware' });
    expect(firmware.plan).toMatch(/USING INDEX assets_class \(class=\?\)/);
    expect(firmware.countAll).toBe(false);
  });

  it('matches nothing for unknown software and for a field no class requires', () => {
    expect(doorFilterSets(db, { software: { name: 'OpenSSL', version: '9.9' } }).matchesNothing).toBe(true);
    expect(doorFilterSets(db, { software: { name: 'OpenSSL', vendor: null } }).matchesNothing).toBe(true);
    expect(classesRequiring('uptime_seconds')).toEqual([]);
    expect(doorFilterSets(db, { missingField: 'uptime_seconds' }).matchesNothing).toBe(true);
    expect(classesRequiring('firmware')).toEqual(expect.arrayContaining(['plc', 'network_device']));
    expect(classesRequiring('firmware')).not.toContain('workstation');
  });
});
