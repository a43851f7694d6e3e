// The inventory filters that figures elsewhere open (the dashboard, the software page): installed
// software, site, last-seen range, quality range and a missing required field. Each is a set of
// asset ids read from one index, with a test of one row for walks that check rows as they pass
// (list-assets.ts decides which to use, as for tag and source filters). Where counting every match
// is an index range (all but a missing field held only in the record's body), the set is counted to
// its end, so the list's total is exact and equals the figure that opened it.
import { sql, type RawBuilder } from 'kysely';
import type { AssetFilter } from '../../src-shared/api/inventory.js';
import { ASSET_CLASSES, type AssetClass } from '../../src-shared/model/asset-classes.js';
import type { AssetFieldName } from '../../src-shared/model/asset-fields.js';
import { DEFAULT_RECONCILE_CONFIG } from '../engine/reconcile/index.js';
import type { Database } from './database.js';

type Condition = RawBuilder<unknown>;

export interface DoorFilterSet {
  /** SELECT of the matching asset ids (one column, each once). */
  source: Condition;
  /** The same test on the row being listed (`assets`). */
  rowProbe: Condition;
  /** Counting every match reads only an index range: cheap enough to count to the end. */
  countAll: boolean;
}

export interface DoorFilterSets {
  sets: DoorFilterSet[];
  /** Some filter can match nothing (an unknown product, a field no class requires). */
  matchesNothing: boolean;
}

/** Required fields the assets table holds as a column, with the index that finds a missing one (NULLs first). */
const MISSING_IN_INDEX: Partial<Record<AssetFieldName, { index: string; isNull: Condition }>> = {
  hostname: { index: 'assets_hostname', isNull: sql`assets.hostname IS NULL` },
  serial: { index: 'assets_serial', isNull: sql`assets.serial IS NULL` },
  vendor: { index: 'assets_vendor', isNull: sql`assets.vendor IS NULL` },
  model: { index: 'assets_model', isNull: sql`assets.model IS NULL` },
  os_name: { index: 'assets_os_name', isNull: sql`assets.os_name IS NULL` },
  // No IP sorts without a key (ip_sort), and the few rows without one are read to check the address.
  primary_ip: { index: 'assets_ip', isNull: sql`assets.ip_sort IS NULL AND assets.primary_ip IS NULL` },
};

/** The classes whose quality score requires `field` (the reconciliation config the writer uses). */
export function classesRequiring(field: AssetFieldName): AssetClass[] {
  const { requiredFields, defaultRequiredFields } = DEFAULT_RECONCILE_CONFIG.quality;
  return ASSET_CLASSES.filter((c) => (requiredFields[c] ?? defaultRequiredFields).includes(field));
}

function list(values: readonly (string | number)[]): Condition {
  return sql.join(values.map((v) => sql`${v}`));
}

function lastSeenSet(from: string | undefined, before: string | undefined): DoorFilterSet {
  const test = sql.join([...(from ? [sql`assets.last_seen >= ${from}`] : []), ...(before ? [sql`assets.last_seen < ${before}`] : [])], sql` AND `);
  return { source: sql`SELECT id FROM assets INDEXED BY assets_last_seen WHERE ${test}`, rowProbe: sql`(${test})`, countAll: true };
}

function qualitySet(from: number | undefined, below: number | undefined): DoorFilterSet {
  const test = sql.join([...(from !== undefined ? [sql`assets.quality >= ${from}`] : []), ...(below !== undefined ? [sql`assets.quality < ${below}`] : [])], sql` AND `);
  return { source: sql`SELECT id FROM assets INDEXED BY assets_quality WHERE ${test}`, rowProbe: sql`(${test})`, countAll: true };
}

function siteSet(site: string): DoorFilterSet {
  const name = site.trim().toLowerCase();
  return {
    source: sql`SELECT asset_id FROM asset_sites WHERE site = ${name}`,
    rowProbe: sql`EXISTS (SELECT 1 FROM asset_sites s WHERE s.asset_id = assets.id AND s.site = ${name})`,
    countAll: true,
  };
}

function softwareSet(db: Database, ref: NonNullable<AssetFilter['software']>): DoorFilterSet | null {
  const conditions = ['name = ?'];
  const params: string[] = [ref.name];
  // Stored software has '' where no version or vendor was given (migration 0005).
  if (ref.vendor !== undefined) {
    conditions.push('vendor = ?');
    params.push(ref.vendor ?? '');
  }
  if (ref.version !== undefined) {
    conditions.push('version = ?');
    params.push(ref.version ?? '');
  }
  const ids = db.prepare(`SELECT id FROM software WHERE ${conditions.join(' AND ')} ORDER BY id`).pluck().all(...params) as number[];
  if (ids.length === 0) return null;
  return {
    source: ids.length === 1 ? sql`SELECT asset_id FROM asset_software WHERE software_id = ${ids[0]}` : sql`SELECT DISTINCT asset_id FROM asset_software WHERE software_id IN (${list(ids)})`,
    rowProbe: sql`EXISTS (SELECT 1 FROM asset_software sw WHERE sw.asset_id = assets.id AND sw.software_id IN (${list(ids)}))`,
    countAll: true,
  };
}

function missingFieldSet(field: AssetFieldName): DoorFilterSet | null {
  const classes = classesRequiring(field);
  if (classes.length === 0) return null;
  const inClasses = sql`assets.class IN (${list(classes)})`;
  const column = MISSING_IN_INDEX[field];
  if (column) {
    const test = sql`${column.isNull} AND ${inClasses}`;
    return { source: sql`SELECT id FROM assets INDEXED BY ${sql.id(column.index)} WHERE ${test}`, rowProbe: sql`(${test})`, countAll: true };
  }
  // Held only in the record's body: the rows of the classes that require it are read.
  const test = sql`${inClasses} AND json_type(assets.body, ${`$.f.${field}`}) IS NULL`;
  return { source: sql`SELECT id FROM assets INDEXED BY assets_class WHERE ${test}`, rowProbe: sql`(${test})`, countAll: false };
}

export function doorFilterSets(db: Database, filter: AssetFilter): DoorFilterSets {
  const result: DoorFilterSets = { sets: [], matchesNothing: false };
  const add = (set: DoorFilterSet | null) => {
    if (set) result.sets.push(set);
    else result.matchesNothing = true;
  };
  if (filter.software) add(softwareSet(db, filter.software));
  if (filter.site !== undefined) add(siteSet(filter.site));
  if (filter.lastSeenFrom !== undefined || filter.lastSeenBefore !== undefined) add(lastSeenSet(filter.lastSeenFrom, filter.lastSeenBefore));
  if (filter.qualityFrom !== undefined || filter.qualityBelow !== undefined) add(qualitySet(filter.qualityFrom, filter.qualityBelow));
  if (filter.missingField) add(missingFieldSet(filter.missingField));
  return result;
}
