// Read side of the inventory: paged, sorted and filtered lists done in the database, summary counts
// and the full detail of one asset with field provenance.
import type { AssetDetail, AssetQuality, FieldAlternative, AssetSummary, AssetSummaryCounts, Lifecycle, Tag } from '../../src-shared/api/index.js';
import { SOURCE_KIND_LABELS, type SourceKind } from '../../src-shared/model/source-kinds.js';
import type { Database } from './database.js';
import type { AssetsTable } from './schema.js';

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
      `SELECT f.field, f.value_json, f.source_id, s.name AS source_name, s.kind AS source_kind, f.observation_id, f.confidence, f.observed_at,
         f.competing_json, f.suggestions_json
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
    competing_json: string;
    suggestions_json: string;
  }[];
  const sourceNames = new Map((db.prepare('SELECT id, name FROM sources').all() as { id: string; name: string }[]).map((r) => [r.id, r.name] as const));
  const alternatives = (json: string): FieldAlternative[] =>
    (JSON.parse(json) as StoredCandidate[]).map((c) => ({
      value: c.value,
      sourceId: c.sourceId,
      sourceName: sourceNames.get(c.sourceId) ?? c.sourceId,
      sourceKind: c.sourceKind,
      observationId: c.observationId,
      confidence: c.confidence,
      observedAt: c.observedAt,
      agreesWithGolden: c.agreesWithGolden,
    }));
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
      competing: alternatives(f.competing_json),
      suggestions: alternatives(f.suggestions_json),
    })),
    hardware,
    interfaces,
    software,
    tags: getTags(db, id),
    lifecycle: getLifecycle(db, id),
    sources,
    ...(row.quality_json ? { quality: JSON.parse(row.quality_json) as AssetQuality } : {}),
  };
}

/** A competing value or suggestion as stored in asset_fields (the engine's FieldCandidate). */
interface StoredCandidate {
  value: FieldAlternative['value'];
  sourceId: string;
  sourceKind: SourceKind;
  observationId: string;
  confidence: number;
  observedAt: string;
  agreesWithGolden: boolean;
}
