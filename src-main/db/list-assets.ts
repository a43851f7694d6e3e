// One page of the inventory, sorted and filtered in the database, fast on a million assets.
//
// Two costs dominate on large tables, and both are avoided here:
// - Exact totals of large filtered sets: the total is counted only up to a cap a little past the
//   page (offset + limit + TOTAL_LOOKAHEAD) and reported as not exact beyond it; the grid grows as
//   the user scrolls further.
// - The wrong driver for tag and search filters: a rare tag or narrow search is fastest when its
//   own index drives the query and the few matches are sorted; a common one is fastest when the
//   sort index drives and each row is probed. Which one applies is decided per query from a capped
//   count of the filter's matches in its own index.
import { sql, type Expression, type SqlBool, type SelectQueryBuilder } from 'kysely';
import type { AssetFilter, AssetPage, AssetSortField } from '../../src-shared/api/index.js';
import type { Database } from './database.js';
import { toAssetSummary, type AssetRow } from './inventory-queries.js';
import { all, type QueryBuilder } from './query-builder.js';
import type { AssetsTable, LocalSchema } from './schema.js';
import { tagToken, toSearchQuery } from './search-body.js';

/** How far past the requested page the total is counted exactly. */
export const TOTAL_LOOKAHEAD = 10_000;
/** Matches of a tag or search filter are counted up to at least this many when choosing the plan. */
export const FILTER_MATCH_CAP = 20_000;

/**
 * Whether a filter with `matches` rows (of about `tableRows`) should drive the query (fetch its
 * matches, then sort them) rather than let the sort index drive (walk in order, probe each row).
 * Walking costs about the rows passed before the page ends; driving costs about the matches.
 */
export function shouldDriveFromFilter(matches: number, tableRows: number, pageEnd: number): boolean {
  if (matches >= FILTER_MATCH_CAP) return false;
  const rowsWalked = Math.min(tableRows, (pageEnd * tableRows) / Math.max(matches, 1));
  return matches < rowsWalked;
}

const SORT_COLUMNS: Record<AssetSortField, { column: keyof AssetsTable; nocase: boolean }> = {
  name: { column: 'name', nocase: true },
  class: { column: 'class', nocase: false },
  hostname: { column: 'hostname', nocase: true },
  primaryIp: { column: 'ip_sort', nocase: false },
  serial: { column: 'serial', nocase: true },
  vendor: { column: 'vendor', nocase: true },
  model: { column: 'model', nocase: true },
  osName: { column: 'os_name', nocase: true },
  status: { column: 'status', nocase: false },
  lifecycleStage: { column: 'lifecycle_stage', nocase: false },
  sourceCount: { column: 'source_count', nocase: false },
  lastSeen: { column: 'last_seen', nocase: false },
  firstSeen: { column: 'first_seen', nocase: false },
  qualityScore: { column: 'quality', nocase: false },
};

export interface ListAssetsInput {
  offset: number;
  limit: number;
  sort: { field: AssetSortField; direction: 'asc' | 'desc' };
  filter: AssetFilter;
}

type AssetQuery = SelectQueryBuilder<LocalSchema, 'assets', object>;

function parseTag(tag: string): { key: string; value: string | null } {
  const [key, ...rest] = tag.split('=');
  return { key: (key ?? '').trim(), value: rest.length > 0 ? rest.join('=').trim() : null };
}

function cappedCount(db: Database, sqlText: string, params: unknown[], cap: number): number {
  return db.prepare(`SELECT count(*) FROM (${sqlText} LIMIT ${cap})`).pluck().get(...params) as number;
}

export function listAssets(db: Database, qb: QueryBuilder, input: ListAssetsInput): AssetPage {
  const { filter } = input;
  const pageEnd = input.offset + input.limit;
  // max(rowid) is a free estimate of the table size (rowids are not reused while rows exist); only
  // tag and search filters need it.
  const tableRows = filter.tag || filter.search ? ((db.prepare('SELECT max(id) FROM assets').pluck().get() as number | null) ?? 0) : 0;
  /** When a single tag or search filter is the only filter, its capped count is the total. */
  let onlyFilterMatches: number | null = null;
  const matchCap = Math.max(FILTER_MATCH_CAP, pageEnd + TOTAL_LOOKAHEAD);
  const filterCount = Object.values(filter).filter((v) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)).length;
  let q = qb.selectFrom('assets') as AssetQuery;
  if (filter.classes && filter.classes.length > 0) q = q.where('assets.class', 'in', filter.classes);
  if (filter.status) q = q.where('assets.status', '=', filter.status);
  if (filter.lifecycleStage) q = q.where('assets.lifecycle_stage', '=', filter.lifecycleStage);
  if (filter.sourceId) {
    const sourceId = filter.sourceId;
    q = q.where(sql<SqlBool>`EXISTS (SELECT 1 FROM records r WHERE r.asset_id = assets.id AND r.source_seq = (SELECT seq FROM sources WHERE id = ${sourceId}))`);
  }
  if (filter.sourceKind) {
    const kind = filter.sourceKind;
    q = q.where(sql<SqlBool>`EXISTS (SELECT 1 FROM records r JOIN sources s ON s.seq = r.source_seq WHERE r.asset_id = assets.id AND s.kind = ${kind})`);
  }
  if (filter.tag) {
    const { key, value } = parseTag(filter.tag);
    // Every tag is one token in the search index: a rare tag drives from it; a common one walks the
    // sort order and probes each row's tags (primary key asset_id, key).
    const token = `"${tagToken(key, value)}"`;
    const matches = cappedCount(db, 'SELECT rowid FROM asset_search WHERE asset_search MATCH ?', [token], matchCap);
    if (filterCount === 1) onlyFilterMatches = matches;
    const condition: Expression<SqlBool> = shouldDriveFromFilter(matches, tableRows, pageEnd)
      ? sql<SqlBool>`assets.id IN (SELECT rowid FROM asset_search WHERE asset_search MATCH ${token})`
      : sql<SqlBool>`EXISTS (SELECT 1 FROM tags t WHERE t.asset_id = assets.id AND t.key = ${key}${value === null ? sql`` : sql` AND lower(t.value) = lower(${value})`})`;
    q = q.where(condition);
  }
  if (filter.search) {
    const match = toSearchQuery(filter.search);
    if (match) {
      const matches = cappedCount(db, 'SELECT rowid FROM asset_search WHERE asset_search MATCH ?', [match], matchCap);
      if (filterCount === 1) onlyFilterMatches = matches;
      // The unary + keeps SQLite from driving the query from the search when it matches many rows.
      q = q.where(
        shouldDriveFromFilter(matches, tableRows, pageEnd)
          ? sql<SqlBool>`assets.id IN (SELECT rowid FROM asset_search WHERE asset_search MATCH ${match})`
          : sql<SqlBool>`+assets.id IN (SELECT rowid FROM asset_search WHERE asset_search MATCH ${match})`,
      );
    }
  }

  const spec = SORT_COLUMNS[input.sort.field];
  const direction = input.sort.direction;
  const orderExpr = spec.nocase ? sql`${sql.ref(`assets.${spec.column}`)} COLLATE NOCASE` : sql.ref(`assets.${spec.column}`);
  const rows = all(
    db,
    q
      .select(['id', 'uid', 'class', 'name', 'status', 'hostname', 'fqdn', 'primary_ip', 'serial', 'vendor', 'model', 'os_name', 'os_version', 'lifecycle_stage', 'source_count', 'quality', 'first_seen', 'last_seen'])
      .orderBy(orderExpr, direction)
      .orderBy('assets.id', direction)
      .limit(input.limit)
      .offset(input.offset),
  ) as AssetRow[];

  const hasFilter = Object.values(filter).some((v) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0));
  let total: number;
  let totalIsExact = true;
  if (!hasFilter) {
    total = (db.prepare("SELECT count FROM asset_counts WHERE dimension = 'total' AND value = ''").pluck().get() as number | undefined) ?? 0;
  } else if (onlyFilterMatches !== null) {
    total = onlyFilterMatches;
    totalIsExact = onlyFilterMatches < matchCap;
  } else {
    const cap = pageEnd + TOTAL_LOOKAHEAD;
    const counted = q.select(sql.lit(1).as('one')).limit(cap).compile();
    total = db.prepare(`SELECT count(*) FROM (${counted.sql})`).pluck().get(...(counted.parameters as unknown[])) as number;
    totalIsExact = total < cap;
  }
  return { items: rows.map(toAssetSummary), total, offset: input.offset, totalIsExact };
}
