// Read side of the inventory: paged, sorted and filtered lists done in the database, summary counts
// and the full detail of one asset with field provenance.
import { sql, type SelectQueryBuilder } from 'kysely';
import type { AssetDetail, AssetFilter, AssetPage, AssetSortField, AssetSummary, AssetSummaryCounts, Lifecycle, Tag } from '../../src-shared/api/index.js';
import { SOURCE_KIND_LABELS, type SourceKind } from '../../src-shared/model/source-kinds.js';
import type { Database } from './database.js';
import { all, first, type QueryBuilder } from './query-builder.js';
import type { AssetsTable, LocalSchema } from './schema.js';
import { toSearchQuery } from './search-body.js';

const SORT_COLUMNS: Record<AssetSortField, { column: keyof AssetsTable; nocase: boolean }> = {
  name: { column: 'name', nocase: true },
  class: { column: 'class', nocase: false },
  hostname: { column: 'hostname', nocase: true },
  primaryIp: { column: 'primary_ip', nocase: false },
  serial: { column: 'serial', nocase: true },
  vendor: { column: 'vendor', nocase: true },
  model: { column: 'model', nocase: true },
  osName: { column: 'os_name', nocase: true },
  status: { column: 'status', nocase: false },
  lifecycleStage: { column: 'lifecycle_stage', nocase: false },
  sourceCount: { column: 'source_count', nocase: false },
  lastSeen: { column: 'last_seen', nocase: false },
  firstSeen: { column: 'first_seen', nocase: false },
  qualityScore: { column: 'quality_score', nocase: false },
};

export function toAssetSummary(row: AssetsTable): AssetSummary {
  return {
    id: row.id,
    class: row.class as AssetSummary['class'],
    name: row.name,
    hostname: row.hostname,
    fqdn: row.fqdn,
    primaryIp: row.primary_ip,
    serial: row.serial,
    vendor: row.vendor,
    model: row.model,
    osName: row.os_name,
    osVersion: row.os_version,
    status: row.status as AssetSummary['status'],
    lifecycleStage: row.lifecycle_stage as AssetSummary['lifecycleStage'],
    sourceCount: row.source_count,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    qualityScore: row.quality_score,
  };
}

type AssetQuery = SelectQueryBuilder<LocalSchema, 'assets', object>;

function applyFilter(query: AssetQuery, filter: AssetFilter): AssetQuery {
  let q = query;
  if (filter.classes && filter.classes.length > 0) q = q.where('assets.class', 'in', filter.classes);
  if (filter.status) q = q.where('assets.status', '=', filter.status);
  if (filter.lifecycleStage) q = q.where('assets.lifecycle_stage', '=', filter.lifecycleStage);
  if (filter.sourceId) {
    const sourceId = filter.sourceId;
    q = q.where(({ exists, selectFrom }) =>
      exists(selectFrom('asset_sources').select(sql.lit(1).as('one')).whereRef('asset_sources.asset_id', '=', 'assets.id').where('asset_sources.source_id', '=', sourceId)),
    );
  }
  if (filter.sourceKind) {
    const kind = filter.sourceKind;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('asset_sources')
          .innerJoin('sources', 'sources.id', 'asset_sources.source_id')
          .select(sql.lit(1).as('one'))
          .whereRef('asset_sources.asset_id', '=', 'assets.id')
          .where('sources.kind', '=', kind),
      ),
    );
  }
  if (filter.tag) {
    const [key, ...rest] = filter.tag.split('=');
    const tagKey = (key ?? '').trim();
    const tagValue = rest.length > 0 ? rest.join('=').trim() : null;
    q = q.where(({ exists, selectFrom }) => {
      let sub = selectFrom('tags').select(sql.lit(1).as('one')).whereRef('tags.asset_id', '=', 'assets.id').where('tags.key', '=', tagKey);
      if (tagValue !== null) sub = sub.where('tags.value', '=', tagValue);
      return exists(sub);
    });
  }
  if (filter.search) {
    const match = toSearchQuery(filter.search);
    if (match) q = q.where(sql<boolean>`assets.rowid IN (SELECT rowid FROM asset_search WHERE asset_search MATCH ${match})`);
  }
  return q;
}

export interface ListAssetsInput {
  offset: number;
  limit: number;
  sort: { field: AssetSortField; direction: 'asc' | 'desc' };
  filter: AssetFilter;
}

export function listAssets(db: Database, qb: QueryBuilder, input: ListAssetsInput): AssetPage {
  const spec = SORT_COLUMNS[input.sort.field];
  const direction = input.sort.direction;
  const base = applyFilter(qb.selectFrom('assets') as AssetQuery, input.filter);
  const orderExpr = spec.nocase ? sql`${sql.ref(`assets.${spec.column}`)} COLLATE NOCASE` : sql.ref(`assets.${spec.column}`);
  const rows = all(
    db,
    base
      .selectAll('assets')
      .orderBy(orderExpr, direction)
      .orderBy('assets.id', direction)
      .limit(input.limit)
      .offset(input.offset),
  ) as AssetsTable[];
  const countRow = first(db, base.select(({ fn }) => fn.countAll<number>().as('total')));
  return { items: rows.map(toAssetSummary), total: Number(countRow?.total ?? 0), offset: input.offset };
}

export function summariseAssets(db: Database): AssetSummaryCounts {
  const byClass = db.prepare('SELECT class AS key, count(*) AS count FROM assets GROUP BY class ORDER BY count DESC').all() as { key: string; count: number }[];
  const byStatus = db.prepare('SELECT status AS key, count(*) AS count FROM assets GROUP BY status ORDER BY count DESC').all() as { key: string; count: number }[];
  const bySourceRows = db
    .prepare(
      `SELECT s.id AS key, s.name AS name, s.kind AS kind, count(DISTINCT a.asset_id) AS count
       FROM sources s JOIN asset_sources a ON a.source_id = s.id GROUP BY s.id ORDER BY count DESC`,
    )
    .all() as { key: string; name: string; kind: SourceKind; count: number }[];
  const total = (db.prepare('SELECT count(*) FROM assets').pluck().get() as number) ?? 0;
  return {
    total,
    byClass,
    byStatus,
    bySource: bySourceRows.map((r) => ({ key: r.key, label: `${r.name} (${SOURCE_KIND_LABELS[r.kind] ?? r.kind})`, count: r.count })),
  };
}

export function getAssetRow(db: Database, id: string): AssetsTable | undefined {
  return db.prepare('SELECT * FROM assets WHERE id = ?').get(id) as AssetsTable | undefined;
}

export function getTags(db: Database, assetId: string): Tag[] {
  return db.prepare('SELECT key, value FROM tags WHERE asset_id = ? ORDER BY key').all(assetId) as Tag[];
}

export const EMPTY_LIFECYCLE: Lifecycle = { stage: null, owner: null, warrantyEnd: null, endOfSale: null, endOfLife: null, notes: null };

export function getLifecycle(db: Database, assetId: string): Lifecycle {
  const row = db.prepare('SELECT * FROM lifecycle WHERE asset_id = ?').get(assetId) as
    | { stage: string | null; owner: string | null; warranty_end: string | null; end_of_sale: string | null; end_of_life: string | null; notes: string | null }
    | undefined;
  if (!row) return EMPTY_LIFECYCLE;
  return {
    stage: row.stage as Lifecycle['stage'],
    owner: row.owner,
    warrantyEnd: row.warranty_end,
    endOfSale: row.end_of_sale,
    endOfLife: row.end_of_life,
    notes: row.notes,
  };
}

export function getAssetDetail(db: Database, id: string): AssetDetail | null {
  const row = getAssetRow(db, id);
  if (!row) return null;
  const fields = db
    .prepare(
      `SELECT f.field, f.value_json, f.source_id, s.name AS source_name, s.kind AS source_kind, f.observation_id, f.confidence, f.observed_at
       FROM asset_fields f JOIN sources s ON s.id = f.source_id WHERE f.asset_id = ? ORDER BY f.field`,
    )
    .all(id) as {
    field: AssetDetail['fields'][number]['field'];
    value_json: string;
    source_id: string;
    source_name: string;
    source_kind: SourceKind;
    observation_id: string | null;
    confidence: number;
    observed_at: string;
  }[];
  const hardware = (db.prepare('SELECT vendor, model, serial, firmware FROM hardware WHERE asset_id = ?').get(id) as AssetDetail['hardware'] | undefined) ?? {
    vendor: null,
    model: null,
    serial: null,
    firmware: null,
  };
  const interfaces = (
    db.prepare('SELECT name, mac, ips_json, vlan, speed_mbps, oper_status FROM network_interfaces WHERE asset_id = ? ORDER BY name, mac').all(id) as {
      name: string | null;
      mac: string | null;
      ips_json: string;
      vlan: number | null;
      speed_mbps: number | null;
      oper_status: string | null;
    }[]
  ).map((r) => ({
    name: r.name,
    mac: r.mac,
    ips: (JSON.parse(r.ips_json) as { address: string; network?: string }[]).map((ip) => ({ address: ip.address, network: ip.network ?? null })),
    vlan: r.vlan,
    speedMbps: r.speed_mbps,
    operStatus: r.oper_status,
  }));
  const software = db
    .prepare('SELECT DISTINCT name, version, vendor, purl FROM software WHERE asset_id = ? ORDER BY name COLLATE NOCASE, version')
    .all(id) as AssetDetail['software'];
  const sources = (
    db
      .prepare(
        `SELECT a.source_id, s.name, s.kind, a.native_key, a.last_seen FROM asset_sources a JOIN sources s ON s.id = a.source_id
         WHERE a.asset_id = ? ORDER BY a.last_seen DESC`,
      )
      .all(id) as { source_id: string; name: string; kind: SourceKind; native_key: string; last_seen: string }[]
  ).map((r) => ({ sourceId: r.source_id, sourceName: r.name, sourceKind: r.kind, nativeKey: r.native_key, lastSeen: r.last_seen }));
  return {
    summary: toAssetSummary(row),
    fields: fields.map((f) => ({
      field: f.field,
      value: JSON.parse(f.value_json) as AssetDetail['fields'][number]['value'],
      sourceId: f.source_id,
      sourceName: f.source_name,
      sourceKind: f.source_kind,
      observationId: f.observation_id,
      confidence: f.confidence,
      observedAt: f.observed_at,
    })),
    hardware,
    interfaces,
    software,
    tags: getTags(db, id),
    lifecycle: getLifecycle(db, id),
    sources,
  };
}
