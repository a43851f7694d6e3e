// One page of the inventory, sorted and filtered in the database, fast on a million assets.
//
// - Every sort field has one index (migration 0005, "Inventory list indexes") keyed by its sort key
//   and the row id and ending with class, status and lifecycle_stage, so those filters are checked
//   inside the index. A list's order is its index's order, (key…, id), NULLs first when ascending.
// - A page continues from a cursor, the key of the row next to it: one seek and one page of walk.
//   A page asked for by position (the scrollbar jumped) is an index-only walk to that position,
//   from whichever end is nearer when the total is known; it reads only the index, never the table
//   for a row it passes, and never sorts.
// - Tag, search and source filters are sets of asset ids, as are the filters that figures elsewhere
//   open (software, site, last seen, quality, missing field: door-filter-sets.ts). Few matches drive
//   the query: their sort keys are read (from assets_by_id when sorting by name) and sorted. Many
//   are tested while the sort index is walked: a tag or source row by row, or any set once put in a
//   scratch table (a search always is, once per call). Which is cheaper is estimated from measured unit costs (COST); where
//   a search's matches may gather in one place of a text sort order, a sample of the walk decides.
// - Totals come from maintained counts (asset_counts) when the filter is none, classes only or one
//   status, or from the one filter's own count; otherwise the rows past the page are counted, up to
//   TOTAL_LOOKAHEAD or as far as COUNT_BUDGET_US allows, and the total is flagged as not exact
//   beyond that.
import { sql, type RawBuilder } from 'kysely';
import type { AssetFilter, AssetPage, AssetSortField } from '../../src-shared/api/index.js';
import { normaliseMac } from '../engine/reconcile/normalise-mac.js';
import type { Database } from './database.js';
import { doorFilterSets } from './door-filter-sets.js';
import { ASSET_ROW_COLUMNS, toAssetSummary, type AssetRow } from './inventory-queries.js';
import type { QueryBuilder } from './query-builder.js';
import { tagToken, toSearchQuery } from './search-body.js';

/** How far past the requested page a filtered total is counted exactly. */
export const TOTAL_LOOKAHEAD = 10_000;
/** Matches of a tag, search or source filter are counted up to at least this many to choose the plan. */
export const MATCH_COUNT_CAP = 60_000;
/** Counting past the page stops early when it would take longer than this (microseconds, by COST). */
export const COUNT_BUDGET_US = 10_000;

/**
 * Unit costs in microseconds, measured on the 1M-asset bench (bench/inventory-query.ts); only their
 * ratios matter. Walking an index entry is cheap; checking a column inside it costs a little more;
 * probing a set of ids, or the tags table, costs much more; reading a row's sort key by id costs
 * most, least from the narrow assets_by_id index.
 */
const COST = {
  entry: 0.01,
  check: 0.04,
  probeSet: 0.2,
  buildSet: 0.25,
  probeRow: 3,
  driveNarrow: 0.5,
  driveTable: 2.5,
} as const;

type KeyValue = string | number | Buffer | null;
type Condition = RawBuilder<unknown>;
type Direction = 'asc' | 'desc';

interface KeyColumn {
  readonly column: keyof AssetRow | 'ip_sort';
  readonly nocase: boolean;
  readonly nullable: boolean;
}

/** The key of one row in a sort order: the sort key's values, then the row id. */
export interface RowKey {
  values: KeyValue[];
  id: number;
}

const NAME: KeyColumn = { column: 'name', nocase: true, nullable: false };
const key = (column: KeyColumn['column'], nocase: boolean, nullable: boolean): KeyColumn => ({ column, nocase, nullable });

/** Each sort field's key and the index that holds it in order. class, status and lifecycle sort by name within a value. */
export const SORTS: Record<AssetSortField, { index: string; key: readonly KeyColumn[] }> = {
  name: { index: 'assets_name', key: [NAME] },
  class: { index: 'assets_class', key: [key('class', false, false), NAME] },
  hostname: { index: 'assets_hostname', key: [key('hostname', true, true)] },
  primaryIp: { index: 'assets_ip', key: [key('ip_sort', false, true)] },
  serial: { index: 'assets_serial', key: [key('serial', true, true)] },
  vendor: { index: 'assets_vendor', key: [key('vendor', true, true)] },
  model: { index: 'assets_model', key: [key('model', true, true)] },
  osName: { index: 'assets_os_name', key: [key('os_name', true, true)] },
  status: { index: 'assets_status', key: [key('status', false, false), NAME] },
  lifecycleStage: { index: 'assets_lifecycle', key: [key('lifecycle_stage', false, true), NAME] },
  sourceCount: { index: 'assets_source_count', key: [key('source_count', false, false)] },
  lastSeen: { index: 'assets_last_seen', key: [key('last_seen', false, false)] },
  firstSeen: { index: 'assets_first_seen', key: [key('first_seen', false, false)] },
  qualityScore: { index: 'assets_quality', key: [key('quality', false, true)] },
};

/** Indexes led by a filter column, then name: a one-value filter sorted by name is one range of them. */
const LED_BY_FILTER = { class: 'assets_class', status: 'assets_status', lifecycle_stage: 'assets_lifecycle' } as const;
/** Id, name, class, status, lifecycle_stage: what a driven plan sorted by name reads instead of the table. */
export const NARROW_INDEX = 'assets_by_id';
/** Sort keys the narrow index holds. */
const NARROW_COLUMNS: ReadonlySet<string> = new Set(['name', 'class', 'status', 'lifecycle_stage']);
/** Sorts whose order a text search's matches can cluster in ("srv" matches the names starting with srv). */
const TEXT_SORTS: ReadonlySet<AssetSortField> = new Set(['name', 'class', 'hostname', 'primaryIp', 'serial', 'vendor', 'model', 'osName']);

export interface ListAssetsInput {
  offset: number;
  limit: number;
  sort: { field: AssetSortField; direction: Direction };
  filter: AssetFilter;
  /** Cursor of the row before the page (a previous page's endCursor): the page continues after it. */
  after?: string | undefined;
  /** Cursor of the row after the page (a next page's startCursor): the page ends just before it. */
  before?: string | undefined;
}

export type PlanKind = 'walk' | 'drive';

export interface ListAssetsOptions {
  /** Runs this plan whatever the estimate says (tests compare plans); 'drive' needs a tag, search or source filter. */
  plan?: PlanKind;
  /** How a walk tests tag and source filters: probe each row, or build the set of ids first. */
  probe?: 'row' | 'set';
  /** How far past the page a filtered total is counted; TOTAL_LOOKAHEAD unless given. */
  totalLookahead?: number;
}

/** A page boundary: the sort field and one row's key, opaque to callers. */
export function encodeCursor(field: AssetSortField, rowKey: RowKey): string {
  const values = rowKey.values.map((v) => (Buffer.isBuffer(v) ? { x: v.toString('hex') } : v));
  return Buffer.from(JSON.stringify([field, values, rowKey.id])).toString('base64url');
}

/** The row key a cursor names, or null when it is malformed or belongs to another sort field. */
export function decodeCursor(field: AssetSortField, cursor: string): RowKey | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || parsed[0] !== field || !Array.isArray(parsed[1]) || !Number.isSafeInteger(parsed[2])) return null;
  const raw = parsed[1] as unknown[];
  if (raw.length !== SORTS[field].key.length) return null;
  const values: KeyValue[] = [];
  for (const v of raw) {
    if (v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) values.push(v);
    else if (typeof v === 'object' && typeof (v as { x?: unknown }).x === 'string' && /^(?:[0-9a-f]{2})*$/.test((v as { x: string }).x)) values.push(Buffer.from((v as { x: string }).x, 'hex'));
    else return null;
  }
  return { values, id: parsed[2] as number };
}

// ---------------------------------------------------------------------------------------------
// Filters

/** A tag, search or source filter: the set of asset ids it matches. */
interface MatchSet {
  /** SELECT of the matching asset ids (one column), from the database. */
  source: Condition;
  /** A test of one row that needs no set built first (tags, sources), where there is one. */
  rowProbe: Condition | null;
  /** Matches: all of them once materialised, otherwise counted up to a cap, or estimated. */
  matches: number;
  /** matches were counted (to the end when exact, else up to the cap), not estimated. */
  counted: boolean;
  exact: boolean;
  /** Matches for estimates: the count, or half the table when counting stopped at the cap. */
  estimate: number;
  /** Matches may cluster in a text sort order rather than spread over it. */
  clusters: boolean;
  /** The scratch table holding the ids, once materialised. */
  table: string | null;
}

/**
 * Per-connection scratch tables (TEMP, in memory) holding a filter's matching ids while one call
 * runs: filled once, then every statement of the call (page, cursor segments, count) probes them
 * by rowid instead of evaluating a search again. Emptied when the call ends.
 */
interface Scratch {
  fill(set: MatchSet): void;
  clear(): void;
}

function createScratch(db: Database, qb: QueryBuilder): Scratch {
  const used: string[] = [];
  return {
    fill(set) {
      if (set.table) return;
      const table = `list_matches_${used.length}`;
      db.exec(`CREATE TEMP TABLE IF NOT EXISTS ${table} (id INTEGER PRIMARY KEY)`);
      used.push(table);
      db.prepare(`DELETE FROM temp.${table}`).run();
      const compiled = sql`INSERT OR IGNORE INTO temp.${sql.id(table)} (id) ${set.source}`.compile(qb);
      set.matches = db.prepare(compiled.sql).run(...(compiled.parameters as unknown[])).changes;
      set.counted = true;
      set.exact = true;
      set.estimate = set.matches;
      set.table = table;
    },
    clear() {
      for (const table of used) db.prepare(`DELETE FROM temp.${table}`).run();
    },
  };
}

function scratchRef(set: MatchSet): Condition {
  if (!set.table) throw new Error('A filter set is used before it was materialised.');
  return sql`SELECT id FROM temp.${sql.id(set.table)}`;
}

interface Filters {
  /** class, status and lifecycle_stage conditions: checked inside every list index. */
  inIndex: Condition[];
  /** Fraction of rows the in-index conditions keep (estimated). */
  inIndexFraction: number;
  /** One-value class, status or lifecycle filters, with how many rows each keeps (estimated). */
  leading: { index: string; rows: number }[];
  sets: MatchSet[];
  /** Some filter matches nothing: the page is empty. */
  matchesNothing: boolean;
  /** The total from maintained counts, when the filter allows it. */
  maintainedTotal: number | null;
}

interface Counts {
  total: number;
  byClass: Map<string, number>;
  byStatus: Map<string, number>;
}

function readCounts(db: Database): Counts {
  const rows = db.prepare('SELECT dimension, value, count FROM asset_counts').all() as { dimension: string; value: string; count: number }[];
  const counts: Counts = { total: 0, byClass: new Map(), byStatus: new Map() };
  for (const r of rows) {
    if (r.dimension === 'total') counts.total = r.count;
    else if (r.dimension === 'class') counts.byClass.set(r.value, r.count);
    else if (r.dimension === 'status') counts.byStatus.set(r.value, r.count);
  }
  return counts;
}

function parseTag(tag: string): { key: string; value: string | null } {
  const [k, ...rest] = tag.split('=');
  return { key: (k ?? '').trim().toLowerCase(), value: rest.length > 0 ? rest.join('=').trim().toLowerCase() : null };
}

function countedSet(db: Database, qb: QueryBuilder, source: Condition, rowProbe: Condition | null, cap: number, tableRows: number): MatchSet {
  const compiled = sql`SELECT count(*) FROM (${source} LIMIT ${cap})`.compile(qb);
  const matches = db.prepare(compiled.sql).pluck().get(...(compiled.parameters as unknown[])) as number;
  const exact = matches < cap;
  return { source, rowProbe, matches, counted: true, exact, estimate: exact ? matches : Math.max(matches, tableRows / 2), clusters: false, table: null };
}

function tagSet(db: Database, qb: QueryBuilder, tag: string, cap: number, tableRows: number): MatchSet {
  const { key: k, value } = parseTag(tag);
  const source = sql`SELECT rowid FROM asset_search WHERE asset_search MATCH ${`"${tagToken(k, value)}"`}`;
  // The tags table agrees with the tag tokens only where SQL's lower() agrees with JavaScript's: ASCII.
  const ascii = /^[\x20-\x7e]*$/.test(`${k}${value ?? ''}`);
  const rowProbe = ascii
    ? sql`EXISTS (SELECT 1 FROM tags t WHERE t.asset_id = assets.id AND lower(trim(t.key)) = ${k}${value === null ? sql`` : sql` AND lower(trim(t.value)) = ${value}`})`
    : null;
  return countedSet(db, qb, source, rowProbe, cap, tableRows);
}

/** A whole search text that is one MAC address, in any notation: its canonical form. */
function searchedMac(text: string): string | null {
  const t = text.trim();
  if (!/^(?:[0-9a-f]{2}[:-]?){5}[0-9a-f]{2}$|^(?:[0-9a-f]{4}\.){2}[0-9a-f]{4}$/i.test(t)) return null;
  return normaliseMac(t)?.mac ?? null;
}

const VERSION_WORD = /^v?\d[\w.+~:-]*$/i;

function likePattern(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * "<software name words> <version>": assets with a package whose name has a word starting with each
 * name word and whose version starts with the last word. Names are in the search index; versions
 * only in the software table, which is small enough to scan.
 */
function softwareIds(text: string): Condition | null {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  const version = words.at(-1);
  if (words.length < 2 || version === undefined || !VERSION_WORD.test(version)) return null;
  const nameWords = words.slice(0, -1).map((w) => w.replace(/[-_.]+/g, ' ').trim()).filter(Boolean);
  if (nameWords.length === 0) return null;
  const name = sql`(' ' || replace(replace(replace(lower(s.name), '-', ' '), '_', ' '), '.', ' '))`;
  const conditions = [sql`lower(s.version) LIKE ${`${likePattern(version)}%`} ESCAPE '\\'`, ...nameWords.map((w) => sql`${name} LIKE ${`% ${likePattern(w)}%`} ESCAPE '\\'`)];
  return sql`SELECT a.asset_id FROM asset_software a WHERE a.software_id IN (SELECT s.id FROM software s WHERE ${sql.join(conditions, sql` AND `)})`;
}

/**
 * A free-text search: every word a prefix of a word of a name, identifier, address, MAC, installed
 * software name or tag token (search index); or, for one MAC in any notation, the assets whose
 * records carry it (record_keys); or "<software> <version>" (softwareIds).
 */
function searchSet(text: string, scratch: Scratch): MatchSet | null {
  const mac = searchedMac(text);
  // Each word as a prefix; a word that is a MAC in another notation also as the indexed form.
  const terms = text
    .split(/\s+/)
    .map((w) => {
      const term = toSearchQuery(w);
      const asMac = searchedMac(w);
      return term && asMac ? `(${term} OR "${asMac}"*)` : term;
    })
    .filter((t): t is string => t !== null)
    .slice(0, 8);
  const match = terms.length > 0 ? terms.join(' AND ') : null;
  const parts: Condition[] = [];
  if (match) parts.push(sql`SELECT rowid FROM asset_search WHERE asset_search MATCH ${match}`);
  if (mac) {
    parts.push(sql`SELECT r.asset_id FROM record_keys k JOIN records r ON r.id = k.record_id WHERE k.key IN (${`mac:${mac}`}, ${`lmac:${mac}`}) AND r.asset_id IS NOT NULL`);
  }
  const software = softwareIds(text);
  if (software) parts.push(software);
  if (parts.length === 0) return null;
  // A search has no test of one row, so its set is always needed: materialise it now, which counts it too.
  const set: MatchSet = { source: sql.join(parts, sql` UNION `), rowProbe: null, matches: 0, counted: false, exact: false, estimate: 0, clusters: true, table: null };
  scratch.fill(set);
  return set;
}

/** Assets with a record from one of these sources; their number estimated from source_quality until materialised. */
function sourceSet(db: Database, seqs: number[], tableRows: number): MatchSet {
  const inSeqs = sql.join(seqs.map((seq) => sql`${seq}`));
  const source = sql`SELECT r.asset_id FROM records r WHERE r.source_seq IN (${inSeqs}) AND r.asset_id IS NOT NULL`;
  const rowProbe = sql`EXISTS (SELECT 1 FROM records r WHERE r.asset_id = assets.id AND r.source_seq IN (${inSeqs}))`;
  const placeholders = seqs.map(() => '?').join(', ');
  const assets = db.prepare(`SELECT coalesce(sum(assets), 0) FROM source_quality WHERE source_seq IN (${placeholders})`).pluck().get(...seqs) as number;
  const estimate = Math.min(tableRows, Math.max(assets, 1));
  return { source, rowProbe, matches: estimate, counted: false, exact: false, estimate, clusters: false, table: null };
}

function compileFilters(db: Database, qb: QueryBuilder, scratch: Scratch, filter: AssetFilter, counts: Counts, cap: number): Filters {
  const f: Filters = { inIndex: [], inIndexFraction: 1, leading: [], sets: [], matchesNothing: false, maintainedTotal: null };
  const total = Math.max(1, counts.total);
  const classes = filter.classes ?? [];
  if (classes.length > 0) {
    const rows = classes.reduce((sum, c) => sum + (counts.byClass.get(c) ?? 0), 0);
    f.inIndex.push(classes.length === 1 ? sql`assets.class = ${classes[0]}` : sql`assets.class IN (${sql.join(classes.map((c) => sql`${c}`))})`);
    f.inIndexFraction *= rows / total;
    if (classes.length === 1) f.leading.push({ index: LED_BY_FILTER.class, rows });
  }
  if (filter.status) {
    const rows = counts.byStatus.get(filter.status) ?? 0;
    f.inIndex.push(sql`assets.status = ${filter.status}`);
    f.inIndexFraction *= rows / total;
    f.leading.push({ index: LED_BY_FILTER.status, rows });
  }
  if (filter.lifecycleStage) {
    // Not maintained: assume the stages share the assets that have one.
    f.inIndex.push(sql`assets.lifecycle_stage = ${filter.lifecycleStage}`);
    f.inIndexFraction *= 0.1;
    f.leading.push({ index: LED_BY_FILTER.lifecycle_stage, rows: total * 0.1 });
  }
  if (filter.tag) f.sets.push(tagSet(db, qb, filter.tag, cap, total));
  if (filter.search) {
    const search = searchSet(filter.search, scratch);
    if (search) f.sets.push(search);
  }
  if (filter.sourceId) {
    const seq = db.prepare('SELECT seq FROM sources WHERE id = ?').pluck().get(filter.sourceId) as number | undefined;
    if (seq === undefined) f.matchesNothing = true;
    else f.sets.push(sourceSet(db, [seq], total));
  }
  if (filter.sourceKind) {
    const seqs = db.prepare('SELECT seq FROM sources WHERE kind = ? AND seq IS NOT NULL').pluck().all(filter.sourceKind) as number[];
    if (seqs.length === 0) f.matchesNothing = true;
    else f.sets.push(sourceSet(db, seqs, total));
  }
  // Software, site, last-seen, quality and missing-field filters (door-filter-sets.ts).
  const doors = doorFilterSets(db, filter);
  if (doors.matchesNothing) f.matchesNothing = true;
  for (const door of doors.sets) f.sets.push(countedSet(db, qb, door.source, door.rowProbe, door.countAll ? Number.MAX_SAFE_INTEGER : cap, total));
  if (f.sets.some((s) => s.matches === 0)) f.matchesNothing = true;
  if (f.sets.length === 0 && !f.matchesNothing && !filter.lifecycleStage) {
    // Maintained counts cover the whole table, each class and each status, not their combinations.
    if (classes.length === 0 && !filter.status) f.maintainedTotal = counts.total;
    else if (classes.length === 0 && filter.status) f.maintainedTotal = counts.byStatus.get(filter.status) ?? 0;
    else if (!filter.status) f.maintainedTotal = classes.reduce((sum, c) => sum + (counts.byClass.get(c) ?? 0), 0);
  }
  return f;
}

// ---------------------------------------------------------------------------------------------
// Plans

export interface Plan {
  kind: PlanKind;
  /** The index the rows are read from; null reads the table by id. */
  index: string | null;
  key: readonly KeyColumn[];
  inIndex: Condition[];
  /** The set a driven plan starts from. */
  driver: MatchSet | null;
  /** How each other set is tested: a probe of each row, or a lookup in the materialised set. */
  probes: { set: MatchSet; by: 'row' | 'set' }[];
  /** Estimated cost in microseconds. */
  cost: number;
  /** Estimated cost of each further matching row, in microseconds (what counting past the page costs). */
  costPerRow: number;
  /** Estimated cost of each index entry walked, in microseconds. */
  costPerEntry: number;
}

interface PlanContext {
  filters: Filters;
  field: AssetSortField;
  tableRows: number;
  /** Rows the walk passes before the page and in it, counted in the plan's direction. */
  rowsNeeded: number;
  /** Matches found among the first entries of the walk, when they were sampled. */
  sampled?: { hits: number; entries: number };
}

/**
 * Index entries sampled to see whether a search's matches are spread over the sort order or
 * gathered in one place: `min` first, then four times more while none is found, within a quarter of
 * what driving would cost and at most `max`.
 */
const SAMPLE_ENTRIES = { min: 4096, max: 262_144 } as const;

function walkPlan(ctx: PlanContext, probe: ListAssetsOptions['probe']): Plan {
  const { filters } = ctx;
  const sort = SORTS[ctx.field];
  let index = sort.index;
  let rangeRows = ctx.tableRows;
  let keptByChecks = filters.inIndexFraction;
  // Sorted by name with a one-value class, status or lifecycle filter: walk only that value's range.
  if (ctx.field === 'name' && filters.leading.length > 0) {
    const narrowest = filters.leading.reduce((a, b) => (b.rows < a.rows ? b : a));
    index = narrowest.index;
    rangeRows = narrowest.rows;
    keptByChecks = filters.inIndexFraction / Math.max(narrowest.rows / ctx.tableRows, 1e-9);
  }
  const kept = Math.max(
    filters.sets.reduce((k, s) => k * (s.estimate / Math.max(ctx.tableRows, 1)), Math.min(1, keptByChecks)),
    1e-9,
  );
  let entries = Math.min(rangeRows, ctx.rowsNeeded / kept);
  if (ctx.sampled) {
    // None near the start: the matches gather further on (a search for "srv" sorted by name).
    const { hits, entries: sampledEntries } = ctx.sampled;
    entries = hits === 0 ? Math.max(entries, rangeRows / 2) : Math.min(rangeRows, (ctx.rowsNeeded * sampledEntries) / hits);
  } else if (TEXT_SORTS.has(ctx.field) && filters.sets.some((s) => s.clusters)) {
    entries = Math.max(entries, rangeRows / 2);
  }
  let perEntry = COST.entry + (filters.inIndex.length > 0 ? COST.check : 0);
  let buildCost = 0;
  const probes: Plan['probes'] = [];
  for (const s of filters.sets) {
    const toBuild = s.table ? 0 : s.estimate * COST.buildSet;
    const byRow = s.rowProbe !== null && (probe === 'row' || (probe === undefined && entries * COST.probeRow < toBuild + entries * COST.probeSet));
    probes.push({ set: s, by: byRow ? 'row' : 'set' });
    perEntry += byRow ? COST.probeRow : COST.probeSet;
    if (!byRow) buildCost += toBuild;
  }
  return { kind: 'walk', index, key: sort.key, inIndex: filters.inIndex, driver: null, probes, cost: buildCost + entries * perEntry, costPerRow: perEntry / kept, costPerEntry: perEntry };
}

/** Driving from the smallest set: only from a set whose every match is known (counted to its end). */
function drivePlan(ctx: PlanContext): Plan | null {
  const { filters } = ctx;
  const exact = filters.sets.filter((s) => s.exact);
  if (exact.length === 0) return null;
  const driver = exact.reduce((a, b) => (b.matches < a.matches ? b : a));
  const sort = SORTS[ctx.field];
  const narrow = sort.key.every((c) => NARROW_COLUMNS.has(c.column));
  let cost = driver.matches * ((narrow ? COST.driveNarrow : COST.driveTable) + (driver.table ? 0 : COST.buildSet));
  const probes: Plan['probes'] = [];
  for (const s of filters.sets) {
    if (s === driver) continue;
    probes.push({ set: s, by: 'set' });
    cost += (s.table ? 0 : s.estimate * COST.buildSet) + driver.matches * COST.probeSet;
  }
  return { kind: 'drive', index: narrow ? NARROW_INDEX : null, key: sort.key, inIndex: filters.inIndex, driver, probes, cost, costPerRow: cost / Math.max(driver.matches, 1), costPerEntry: cost / Math.max(driver.matches, 1) };
}

/** The sets a plan reads from scratch tables. */
function setsToMaterialise(plan: Plan): MatchSet[] {
  return [...(plan.driver ? [plan.driver] : []), ...plan.probes.filter((p) => p.by === 'set').map((p) => p.set)];
}

/** The tests of the tag, search and source filters a plan does not drive from. */
function probeConditions(plan: Plan): Condition[] {
  // The unary + keeps SQLite from looking each id up in the sort index instead of walking it.
  return plan.probes.map((p) => (p.by === 'row' && p.set.rowProbe ? p.set.rowProbe : sql`+assets.id IN (${scratchRef(p.set)})`));
}

function planWhere(plan: Plan): Condition[] {
  return [...plan.inIndex, ...(plan.driver ? [sql`assets.id IN (${scratchRef(plan.driver)})`] : []), ...probeConditions(plan)];
}

/** Matches among the first `entries` index entries a walk passes (after `extra`, in `direction`). */
function sampleWalk(db: Database, qb: QueryBuilder, walk: Plan, entries: number, extra: Condition[], direction: Direction): number {
  const walked = sql`SELECT assets.id AS id FROM ${fromClause(walk)} ${whereClause([...walk.inIndex, ...extra])} ORDER BY ${orderBy(walk.key, direction)} LIMIT ${entries}`;
  const compiled = sql`SELECT count(*) FROM (${walked}) AS assets ${whereClause(probeConditions(walk))}`.compile(qb);
  return db.prepare(compiled.sql).pluck().get(...(compiled.parameters as unknown[])) as number;
}

/** Of the segments after a cursor, the widest (fewest key columns held equal): where most of the walk goes. */
function widestSegment(segments: Condition[][]): Condition[] {
  return segments.reduce((a, b) => (b.length < a.length ? b : a));
}

/**
 * The cheaper of walking the sort index and driving from the smallest set (or the one asked for),
 * with the sets it reads materialised. When a search's matches may gather in one place of a text
 * sort order, `sample` counts them among the walk's first SAMPLE_ENTRIES entries to decide.
 */
function choosePlan(ctx: PlanContext, options: ListAssetsOptions, scratch: Scratch, sample?: (walk: Plan, entries: number) => number): Plan {
  let walk = walkPlan(ctx, options.probe);
  const drive = drivePlan(ctx);
  const gathers = TEXT_SORTS.has(ctx.field) && ctx.filters.sets.some((s) => s.clusters);
  if (drive && gathers && options.plan === undefined && sample && setsToMaterialise(walk).every((s) => s.table !== null)) {
    // A small sample first, four times larger while it finds nothing, up to a quarter of what driving costs.
    const largest = Math.min(SAMPLE_ENTRIES.max, drive.cost / walk.costPerEntry / 4);
    let entries: number = SAMPLE_ENTRIES.min;
    let hits = sample(walk, entries);
    while (hits === 0 && entries * 4 <= largest) {
      entries *= 4;
      hits = sample(walk, entries);
    }
    walk = walkPlan({ ...ctx, sampled: { hits, entries } }, options.probe);
  }
  const plan = options.plan === 'walk' || !drive ? walk : options.plan === 'drive' ? drive : drive.cost < walk.cost ? drive : walk;
  for (const set of setsToMaterialise(plan)) scratch.fill(set);
  return plan;
}

// ---------------------------------------------------------------------------------------------
// Queries

function keyExpr(c: KeyColumn): Condition {
  return c.nocase ? sql`${sql.ref(`assets.${c.column}`)} COLLATE NOCASE` : sql`${sql.ref(`assets.${c.column}`)}`;
}

function equals(c: KeyColumn, v: KeyValue): Condition {
  return v === null ? sql`${keyExpr(c)} IS NULL` : sql`${keyExpr(c)} = ${v}`;
}

function reverse(direction: Direction): Direction {
  return direction === 'asc' ? 'desc' : 'asc';
}

/**
 * The rows after `at` in `direction`, as conjunctions each of which is one range of the sort index
 * (so each is a seek), in list order: the rows sharing the first j key values and beyond the cursor
 * in the next, for j from all of them down to none. NULLs come first ascending and last descending.
 */
export function segmentsAfter(sortKey: readonly KeyColumn[], at: RowKey, direction: Direction): Condition[][] {
  const segments: Condition[][] = [];
  for (let j = sortKey.length; j >= 0; j--) {
    const prefix = sortKey.slice(0, j).map((c, i) => equals(c, at.values[i] ?? null));
    if (j === sortKey.length) {
      segments.push([...prefix, direction === 'asc' ? sql`assets.id > ${at.id}` : sql`assets.id < ${at.id}`]);
      continue;
    }
    const c = sortKey[j] as KeyColumn;
    const v = at.values[j] ?? null;
    if (direction === 'asc') {
      segments.push([...prefix, v === null ? sql`${keyExpr(c)} IS NOT NULL` : sql`${keyExpr(c)} > ${v}`]);
    } else if (v !== null) {
      segments.push([...prefix, sql`${keyExpr(c)} < ${v}`]);
      if (c.nullable) segments.push([...prefix, sql`${keyExpr(c)} IS NULL`]);
    }
  }
  return segments;
}

function orderBy(sortKey: readonly KeyColumn[], direction: Direction): Condition {
  const dir = sql.raw(direction === 'asc' ? 'ASC' : 'DESC');
  return sql.join([...sortKey.map((c) => sql`${keyExpr(c)} ${dir}`), sql`assets.id ${dir}`]);
}

function fromClause(plan: Plan): Condition {
  return plan.index === null ? sql`assets NOT INDEXED` : sql`assets INDEXED BY ${sql.id(plan.index)}`;
}

function whereClause(conditions: Condition[]): Condition {
  return conditions.length === 0 ? sql`` : sql`WHERE ${sql.join(conditions, sql` AND `)}`;
}

/**
 * The keys of up to `limit` rows of a plan after skipping `offset`, in `direction`. A driven plan
 * sorts all its matches anyway, so it also says how many there are (`matching`, before the skip).
 */
function runKeys(db: Database, qb: QueryBuilder, plan: Plan, extra: Condition[], direction: Direction, limit: number, offset: number): { keys: RowKey[]; matching: number | null } {
  if (limit <= 0) return { keys: [], matching: null };
  const keyColumns = plan.key.map((c, i) => sql`${sql.ref(`assets.${c.column}`)} AS ${sql.id(`k${i}`)}`);
  // Only when its set is not the whole filter (then the set's size is the count).
  const counting = plan.kind === 'drive' && (plan.inIndex.length > 0 || plan.probes.length > 0);
  const counted = counting ? [sql`count(*) OVER () AS matching`] : [];
  const compiled = sql`SELECT ${sql.join([sql`assets.id`, ...keyColumns, ...counted])} FROM ${fromClause(plan)} ${whereClause([...planWhere(plan), ...extra])}
    ORDER BY ${orderBy(plan.key, direction)} LIMIT ${limit} OFFSET ${offset}`.compile(qb);
  const rows = db.prepare(compiled.sql).raw().all(...(compiled.parameters as unknown[])) as KeyValue[][];
  const keys = rows.map((r) => ({ id: r[0] as number, values: r.slice(1, 1 + plan.key.length) }));
  return { keys, matching: counting && rows.length > 0 ? (rows[0]?.[1 + plan.key.length] as number) : null };
}

/** Rows after `at` in `direction`, counted up to `cap`. */
function countAfter(db: Database, qb: QueryBuilder, plan: Plan, at: RowKey, direction: Direction, cap: number): number {
  const segments = segmentsAfter(plan.key, at, direction);
  const alternatives = plan.kind === 'drive' ? [[sql`(${sql.join(segments.map((seg) => sql`(${sql.join(seg, sql` AND `)})`), sql` OR `)})`]] : segments;
  let counted = 0;
  for (const segment of alternatives) {
    const compiled = sql`SELECT count(*) FROM (SELECT 1 FROM ${fromClause(plan)} ${whereClause([...planWhere(plan), ...segment])} LIMIT ${cap - counted})`.compile(qb);
    counted += db.prepare(compiled.sql).pluck().get(...(compiled.parameters as unknown[])) as number;
    if (counted >= cap) break;
  }
  return counted;
}

/** Up to `limit` rows following `at` in `direction` (and, for a driven plan, how many follow it). */
function keysAfter(db: Database, qb: QueryBuilder, plan: Plan, at: RowKey, direction: Direction, limit: number): { keys: RowKey[]; matching: number | null } {
  const segments = segmentsAfter(plan.key, at, direction);
  if (plan.kind === 'drive') {
    // A driven plan sorts its few matches anyway: one query with the segments as alternatives.
    const any = sql`(${sql.join(segments.map((s) => sql`(${sql.join(s, sql` AND `)})`), sql` OR `)})`;
    return runKeys(db, qb, plan, [any], direction, limit, 0);
  }
  const keys: RowKey[] = [];
  for (const segment of segments) {
    keys.push(...runKeys(db, qb, plan, segment, direction, limit - keys.length, 0).keys);
    if (keys.length >= limit) break;
  }
  return { keys, matching: null };
}

function readRows(db: Database, ids: number[]): AssetRow[] {
  if (ids.length === 0) return [];
  const columns = ASSET_ROW_COLUMNS.split(',').map((c) => `a.${c.trim()}`).join(', ');
  return db.prepare(`SELECT ${columns} FROM json_each(?) j JOIN assets a ON a.id = j.value ORDER BY j.key`).all(JSON.stringify(ids)) as AssetRow[];
}

// ---------------------------------------------------------------------------------------------

export function listAssets(db: Database, qb: QueryBuilder, input: ListAssetsInput, options: ListAssetsOptions = {}): AssetPage {
  const counts = readCounts(db);
  const lookahead = options.totalLookahead ?? TOTAL_LOOKAHEAD;
  const pageEnd = input.offset + input.limit;
  const scratch = createScratch(db, qb);
  try {
    const filters = compileFilters(db, qb, scratch, input.filter, counts, Math.max(MATCH_COUNT_CAP, pageEnd + lookahead));
    if (filters.matchesNothing) return { items: [], total: 0, offset: input.offset, totalIsExact: true };
    return listPage(db, qb, scratch, input, options, filters, counts);
  } finally {
    scratch.clear();
  }
}

function listPage(db: Database, qb: QueryBuilder, scratch: Scratch, input: ListAssetsInput, options: ListAssetsOptions, filters: Filters, counts: Counts): AssetPage {
  const field = input.sort.field;
  const direction = input.sort.direction;
  const lookahead = options.totalLookahead ?? TOTAL_LOOKAHEAD;
  const pageEnd = input.offset + input.limit;

  const tableRows = Math.max(counts.total, 1);
  const only = filters.sets.length === 1 && filters.inIndex.length === 0 ? filters.sets[0] : undefined;
  // Known totals: maintained counts, or the one filter's matches when they were counted to the end.
  const known = filters.maintainedTotal ?? (only?.exact ? only.matches : null);
  const after = input.after ? decodeCursor(field, input.after) : null;
  const before = !after && input.before ? decodeCursor(field, input.before) : null;

  let plan: Plan;
  let keys: RowKey[];
  /** Matching rows, when the plan counted them all (a driven plan). */
  let matching: number | null = null;
  const sample = (extra: Condition[], dir: Direction) => (walk: Plan, entries: number) => sampleWalk(db, qb, walk, entries, extra, dir);
  if (after) {
    plan = choosePlan({ filters, field, tableRows, rowsNeeded: input.limit }, options, scratch, sample(widestSegment(segmentsAfter(SORTS[field].key, after, direction)), direction));
    const page = keysAfter(db, qb, plan, after, direction, input.limit);
    keys = page.keys;
    matching = page.matching === null ? null : input.offset + page.matching;
  } else if (before) {
    const back = reverse(direction);
    plan = choosePlan({ filters, field, tableRows, rowsNeeded: input.limit }, options, scratch, sample(widestSegment(segmentsAfter(SORTS[field].key, before, back)), back));
    keys = keysAfter(db, qb, plan, before, reverse(direction), input.limit).keys.reverse();
  } else if (known !== null && input.offset >= known) {
    plan = choosePlan({ filters, field, tableRows, rowsNeeded: input.limit }, options, scratch);
    keys = [];
  } else if (known !== null && input.offset > known - pageEnd) {
    // Nearer the end: walk the reversed order, which passes fewer rows.
    const end = Math.min(known, pageEnd);
    plan = choosePlan({ filters, field, tableRows, rowsNeeded: known - input.offset }, options, scratch, sample([], reverse(direction)));
    keys = runKeys(db, qb, plan, [], reverse(direction), end - input.offset, known - end).keys.reverse();
  } else {
    plan = choosePlan({ filters, field, tableRows, rowsNeeded: pageEnd }, options, scratch, sample([], direction));
    const page = runKeys(db, qb, plan, [], direction, input.limit, input.offset);
    keys = page.keys;
    matching = page.matching;
  }

  let total: number;
  let totalIsExact = true;
  const last = keys.at(-1);
  if (known !== null) {
    total = known;
  } else if (matching !== null) {
    total = matching;
  } else if (only?.counted) {
    // The one filter's matches were counted up to more than the page and the lookahead.
    total = Math.min(only.matches, pageEnd + lookahead);
    totalIsExact = only.matches < pageEnd + lookahead;
  } else if (!before && keys.length < input.limit && (keys.length > 0 || input.offset === 0)) {
    total = input.offset + keys.length;
  } else if (!last) {
    // Past the end of a list whose total is not known: say where the end is, counted from the start.
    const compiled = sql`SELECT count(*) FROM (SELECT 1 FROM ${fromClause(plan)} ${whereClause(planWhere(plan))} LIMIT ${input.offset})`.compile(qb);
    total = db.prepare(compiled.sql).pluck().get(...(compiled.parameters as unknown[])) as number;
  } else {
    // Count the rows past the page, as far as the lookahead or the time budget allows.
    const cap = Math.max(1, Math.min(lookahead, Math.floor(COUNT_BUDGET_US / Math.max(plan.costPerRow, 1e-3))));
    const beyond = countAfter(db, qb, plan, last, direction, cap);
    total = input.offset + keys.length + beyond;
    totalIsExact = beyond < cap;
  }

  const first = keys[0];
  const page: AssetPage = { items: readRows(db, keys.map((k) => k.id)).map(toAssetSummary), total, offset: input.offset, totalIsExact };
  if (first && last) {
    page.startCursor = encodeCursor(field, first);
    page.endCursor = encodeCursor(field, last);
  }
  return page;
}

/**
 * Every asset matching a filter, as row ids in id order, up to `limit` (`more` says whether others
 * match): what a bulk change over "all matching" works on. The same filters as listAssets, each
 * tag, search or source set materialised once.
 */
export function matchingAssetIds(db: Database, qb: QueryBuilder, filter: AssetFilter, limit: number): { ids: number[]; more: boolean } {
  const counts = readCounts(db);
  const scratch = createScratch(db, qb);
  try {
    const filters = compileFilters(db, qb, scratch, filter, counts, MATCH_COUNT_CAP);
    if (filters.matchesNothing) return { ids: [], more: false };
    for (const set of filters.sets) scratch.fill(set);
    const where = [...filters.inIndex, ...filters.sets.map((set) => sql`assets.id IN (${scratchRef(set)})`)];
    const compiled = sql`SELECT assets.id FROM assets ${whereClause(where)} ORDER BY assets.id LIMIT ${limit + 1}`.compile(qb);
    const ids = db.prepare(compiled.sql).pluck().all(...(compiled.parameters as unknown[])) as number[];
    return { ids: ids.slice(0, limit), more: ids.length > limit };
  } finally {
    scratch.clear();
  }
}
