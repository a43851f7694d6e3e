// Read side of the inventory: summary counts (maintained, not counted), and the full detail of one
// asset with field provenance, decoded from its compact body and its members' records.
import type { AssetDetail, AssetQuality, AssetSummary, AssetSummaryCounts, FieldAlternative, Lifecycle, Tag } from '../../src-shared/api/index.js';
import { isInternalTagKey, type AssetFieldName, type FieldValue } from '../../src-shared/model/index.js';
import { SOURCE_KIND_LABELS, type SourceKind } from '../../src-shared/model/source-kinds.js';
import { DEFAULT_RECONCILE_CONFIG, freshnessOf } from '../engine/reconcile/index.js';
import { decodeAssetBody, type StoredAlternative } from './asset-body.js';
import type { Database } from './database.js';

/** The columns of assets a list or summary shows (not the body). */
export const ASSET_ROW_COLUMNS =
  'id, uid, class, name, status, hostname, fqdn, primary_ip, serial, vendor, model, os_name, os_version, lifecycle_stage, source_count, quality, first_seen, last_seen';

export interface AssetRow {
  id: number;
  uid: string;
  class: string;
  name: string;
  status: string;
  hostname: string | null;
  fqdn: string | null;
  primary_ip: string | null;
  serial: string | null;
  vendor: string | null;
  model: string | null;
  os_name: string | null;
  os_version: string | null;
  lifecycle_stage: string | null;
  source_count: number;
  quality: number | null;
  first_seen: string;
  last_seen: string;
}

export function toAssetSummary(row: AssetRow): AssetSummary {
  return {
    id: row.uid,
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
    qualityScore: row.quality,
  };
}

export function summariseAssets(db: Database): AssetSummaryCounts {
  const counts = db.prepare("SELECT dimension, value, count FROM asset_counts WHERE dimension IN ('total', 'class', 'status') AND count > 0 ORDER BY count DESC, value").all() as { dimension: string; value: string; count: number }[];
  const bySourceRows = db
    .prepare('SELECT s.id AS key, s.name AS name, s.kind AS kind, q.assets AS count FROM source_quality q JOIN sources s ON s.seq = q.source_seq WHERE q.assets > 0 ORDER BY q.assets DESC, s.name')
    .all() as { key: string; name: string; kind: SourceKind; count: number }[];
  return {
    total: counts.find((c) => c.dimension === 'total')?.count ?? 0,
    byClass: counts.filter((c) => c.dimension === 'class').map((c) => ({ key: c.value, count: c.count })),
    byStatus: counts.filter((c) => c.dimension === 'status').map((c) => ({ key: c.value, count: c.count })),
    bySource: bySourceRows.map((r) => {
      const kindLabel = SOURCE_KIND_LABELS[r.kind] ?? r.kind;
      return { key: r.key, label: `${r.name} (${kindLabel})`, name: r.name, kindLabel, count: r.count };
    }),
  };
}

export function getAssetRow(db: Database, uid: string): AssetRow | undefined {
  return db.prepare(`SELECT ${ASSET_ROW_COLUMNS} FROM assets WHERE uid = ?`).get(uid) as AssetRow | undefined;
}

/** The integer id of an asset's row, or undefined when no asset has that id. */
export function assetRowId(db: Database, uid: string): number | undefined {
  return db.prepare('SELECT id FROM assets WHERE uid = ?').pluck().get(uid) as number | undefined;
}

/** A person's view of an asset's tags: internal tags (INTERNAL_TAG_KEYS) are left out. */
export function getTags(db: Database, assetUid: string): Tag[] {
  const tags = db.prepare('SELECT t.key, t.value FROM assets a JOIN tags t ON t.asset_id = a.id WHERE a.uid = ? ORDER BY t.key').all(assetUid) as Tag[];
  return tags.filter((tag) => !isInternalTagKey(tag.key));
}

export const EMPTY_LIFECYCLE: Lifecycle = { stage: null, owner: null, warrantyEnd: null, endOfSale: null, endOfLife: null, notes: null };

export function getLifecycle(db: Database, assetUid: string): Lifecycle {
  const row = db.prepare('SELECT l.* FROM assets a JOIN lifecycle l ON l.asset_id = a.id WHERE a.uid = ?').get(assetUid) as
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

interface MemberRow {
  id: number;
  native_key: string;
  head_id: number;
  last_seen: string;
  source_id: string;
  source_name: string;
  source_kind: SourceKind;
}

export function getAssetDetail(db: Database, uid: string, now: Date = new Date()): AssetDetail | null {
  const row = db.prepare(`SELECT ${ASSET_ROW_COLUMNS}, body FROM assets WHERE uid = ?`).get(uid) as (AssetRow & { body: string }) | undefined;
  if (!row) return null;
  const body = decodeAssetBody(row.body);
  const members = new Map(
    (
      db
        .prepare(
          `SELECT r.id, r.native_key, r.head_id, r.last_seen, s.id AS source_id, s.name AS source_name, s.kind AS source_kind
           FROM json_each(?) j CROSS JOIN records r ON r.id = j.value JOIN sources s ON s.seq = r.source_seq`,
        )
        .all(JSON.stringify(body.m)) as MemberRow[]
    ).map((m) => [m.id, m] as const),
  );
  const nowMs = now.getTime();
  const memberAt = (index: number): MemberRow | undefined => members.get(body.m[index] ?? -1);
  const alternative = (a: StoredAlternative): FieldAlternative | null => {
    const m = memberAt(a[1]);
    if (!m) return null;
    return {
      value: a[0],
      sourceId: m.source_id,
      sourceName: m.source_name,
      sourceKind: m.source_kind,
      observationId: String(m.head_id),
      confidence: DEFAULT_RECONCILE_CONFIG.baseConfidence[m.source_kind],
      observedAt: m.last_seen,
      agreesWithGolden: a[2] === 1,
    };
  };
  const fields: AssetDetail['fields'] = [];
  for (const [name, f] of Object.entries(body.f) as [AssetFieldName, NonNullable<(typeof body.f)[AssetFieldName]>][]) {
    const winner = memberAt(f[1]);
    if (!winner) continue;
    const competing = f[4].map(alternative).filter((a): a is FieldAlternative => a !== null);
    // Freshness: from the latest sighting by any source that agrees with the value.
    let lastSeen = winner.last_seen;
    for (const c of competing) if (c.agreesWithGolden && c.observedAt > lastSeen) lastSeen = c.observedAt;
    fields.push({
      field: name,
      value: f[0] as FieldValue,
      sourceId: winner.source_id,
      sourceName: winner.source_name,
      sourceKind: winner.source_kind,
      observationId: String(winner.head_id),
      confidence: f[2],
      agreeingSources: f[3],
      observedAt: winner.last_seen,
      lastSeen,
      freshness: freshnessOf(winner.source_kind, Date.parse(lastSeen), nowMs, DEFAULT_RECONCILE_CONFIG),
      competing,
      suggestions: f[5].map(alternative).filter((a): a is FieldAlternative => a !== null),
    });
  }
  fields.sort((a, b) => (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
  const value = (name: AssetFieldName): string | null => {
    const v = body.f[name]?.[0];
    return v === undefined || v === null ? null : String(v);
  };
  const software = db
    .prepare(
      `SELECT s.name, nullif(s.version, '') AS version, nullif(s.vendor, '') AS vendor, s.purl FROM asset_software a JOIN software s ON s.id = a.software_id
       WHERE a.asset_id = ? ORDER BY s.name COLLATE NOCASE, s.version`,
    )
    .all(row.id) as AssetDetail['software'];
  const sources = [...members.values()]
    .sort((a, b) => (a.last_seen < b.last_seen ? 1 : a.last_seen > b.last_seen ? -1 : a.id - b.id))
    .map((m) => ({ sourceId: m.source_id, sourceName: m.source_name, sourceKind: m.source_kind, nativeKey: m.native_key, lastSeen: m.last_seen }));
  const quality: AssetQuality = {
    ...body.q,
    freshness: freshnessOf('servers_cache', Date.parse(row.last_seen), nowMs, DEFAULT_RECONCILE_CONFIG),
  };
  return {
    summary: toAssetSummary(row),
    fields,
    hardware: { vendor: value('vendor'), model: value('model'), serial: value('serial'), firmware: value('firmware') },
    interfaces: body.n
      .map((n) => ({ name: n.name, mac: n.mac, ips: n.ips.map((ip) => ({ address: ip.address, network: ip.network === '?' ? null : ip.network })), vlan: n.vlan, speedMbps: n.speedMbps, operStatus: n.operStatus }))
      .sort((a, b) => compareInterfaceNames(a.name, b.name) || ((a.mac ?? '') < (b.mac ?? '') ? -1 : 1)),
    software,
    tags: getTags(db, uid),
    lifecycle: getLifecycle(db, uid),
    sources,
    quality,
  };
}

/** Interface names in natural order: Gi1/0/2 before Gi1/0/10, eth2 before eth10; unnamed last. */
export function compareInterfaceNames(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' });
}
