// The stewardship queue: pairs of records reconciliation could not decide alone. Items are kept in
// step with each recomputed closure (syncStewardship); people list them with both records side by
// side and decide them (the decisions themselves live in match_decisions).
import type { StewardshipItem, StewardshipListQuery, StewardshipPage, StewardshipSide, StewardshipStatus } from '../../src-shared/api/reconciliation.js';
import { ASSET_FIELD_NAMES, type AssetFieldName, type FieldValue, type ObservationInput } from '../../src-shared/model/index.js';
import type { SourceKind } from '../../src-shared/model/source-kinds.js';
import { naturalKeyOf, splitNaturalKey, type NaturalKey, type StewardshipItem as EngineStewardshipItem } from '../engine/reconcile/index.js';
import type { Database } from './database.js';
import { toAssetSummary } from './inventory-queries.js';
import type { AssetsTable } from './schema.js';

interface ItemRow {
  id: string;
  kind: StewardshipItem['kind'];
  left_source_id: string;
  left_native_key: string;
  right_source_id: string;
  right_native_key: string;
  left_asset_id: string | null;
  right_asset_id: string | null;
  score: number;
  breakdown_json: string;
  conflicts_json: string;
  status: StewardshipStatus;
  opened_at: string;
  decided_at: string | null;
  decided_by: string | null;
  note: string | null;
  deferred_until: string | null;
}

export type StewardshipSync = (keys: Iterable<NaturalKey>, items: readonly EngineStewardshipItem[], now: string) => { opened: number; resolved: number };

/**
 * Replaces the stewardship items of a recomputed closure (new ones open, vanished open ones are
 * resolved), with its statements prepared once for a reconciler that syncs after every closure.
 */
export function createStewardshipSync(db: Database): StewardshipSync {
  const touching = db.prepare(
    `SELECT id, status FROM stewardship_items WHERE left_source_id = @s AND left_native_key = @k
     UNION SELECT id, status FROM stewardship_items WHERE right_source_id = @s AND right_native_key = @k`,
  );
  const update = db.prepare(
    `UPDATE stewardship_items SET kind = ?, left_asset_id = ?, right_asset_id = ?, score = ?, breakdown_json = ?, conflicts_json = ?,
      status = CASE WHEN status IN ('open', 'deferred') THEN status ELSE 'open' END,
      decided_at = CASE WHEN status IN ('open', 'deferred') THEN decided_at ELSE NULL END,
      decided_by = CASE WHEN status IN ('open', 'deferred') THEN decided_by ELSE NULL END
     WHERE id = ?`,
  );
  const insert = db.prepare(
    `INSERT INTO stewardship_items (id, kind, left_source_id, left_native_key, right_source_id, right_native_key, left_asset_id, right_asset_id,
      score, breakdown_json, conflicts_json, status, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)`,
  );
  const resolve = db.prepare("UPDATE stewardship_items SET status = 'resolved', decided_at = ?, decided_by = NULL WHERE id = ?");
  return (keys, items, now) => {
    const existing = new Map<string, StewardshipStatus>();
    for (const key of keys) {
      const { sourceId, nativeKey } = splitNaturalKey(key);
      for (const r of touching.all({ s: sourceId, k: nativeKey }) as { id: string; status: StewardshipStatus }[]) existing.set(r.id, r.status);
    }
    let opened = 0;
    let resolved = 0;
    const seen = new Set<string>();
    for (const item of items) {
      seen.add(item.id);
      const l = splitNaturalKey(item.left);
      const r = splitNaturalKey(item.right);
      const args = [item.reason, item.leftAssetId, item.rightAssetId, item.score, JSON.stringify(item.breakdown), JSON.stringify(item.conflicts)] as const;
      if (existing.has(item.id)) update.run(...args, item.id);
      else {
        insert.run(item.id, item.reason, l.sourceId, l.nativeKey, r.sourceId, r.nativeKey, item.leftAssetId, item.rightAssetId, item.score, args[4], args[5], now);
        opened += 1;
      }
    }
    for (const [id, status] of existing) {
      if (!seen.has(id) && (status === 'open' || status === 'deferred')) {
        resolve.run(now, id);
        resolved += 1;
      }
    }
    return { opened, resolved };
  };
}

export function getStewardshipRow(db: Database, id: string): ItemRow | undefined {
  return db.prepare('SELECT * FROM stewardship_items WHERE id = ?').get(id) as ItemRow | undefined;
}

export function setStewardshipStatus(db: Database, id: string, status: StewardshipStatus, by: string, at: string, note: string | null, deferredUntil: string | null): void {
  db.prepare('UPDATE stewardship_items SET status = ?, decided_by = ?, decided_at = ?, note = ?, deferred_until = ? WHERE id = ?').run(status, by, at, note, deferredUntil, id);
}

export function countStewardship(db: Database): Record<StewardshipStatus, number> {
  const out: Record<StewardshipStatus, number> = { open: 0, deferred: 0, accepted: 0, rejected: 0, resolved: 0 };
  for (const r of db.prepare('SELECT status, count(*) AS n FROM stewardship_items GROUP BY status').all() as { status: StewardshipStatus; n: number }[]) out[r.status] = r.n;
  return out;
}

function sideOf(db: Database, sourceId: string, nativeKey: string): StewardshipSide {
  const head = db
    .prepare(
      `SELECT o.id, o.observed_at, o.fields_json, o.interfaces_json, o.content_hash, s.name AS source_name, s.kind AS source_kind
       FROM observation_heads h JOIN observations o ON o.id = h.observation_id JOIN sources s ON s.id = h.source_id
       WHERE h.source_id = ? AND h.native_key = ?`,
    )
    .get(sourceId, nativeKey) as
    | { id: string; observed_at: string; fields_json: string; interfaces_json: string; content_hash: string; source_name: string; source_kind: SourceKind }
    | undefined;
  const asset = db
    .prepare('SELECT a.* FROM asset_sources m JOIN assets a ON a.id = m.asset_id WHERE m.source_id = ? AND m.native_key = ?')
    .get(sourceId, nativeKey) as AssetsTable | undefined;
  const fields: { field: AssetFieldName; value: FieldValue }[] = [];
  const macs: string[] = [];
  const ips: string[] = [];
  if (head) {
    const raw = JSON.parse(head.fields_json) as ObservationInput['fields'];
    for (const name of ASSET_FIELD_NAMES) {
      const value = raw[name];
      if (value !== undefined && value !== null && value !== '') fields.push({ field: name, value });
    }
    for (const nic of JSON.parse(head.interfaces_json) as ObservationInput['interfaces']) {
      if (nic.mac) macs.push(nic.mac);
      for (const ip of nic.ips) ips.push(ip.network ? `${ip.address} (${ip.network})` : ip.address);
    }
  }
  return {
    member: {
      sourceId,
      nativeKey,
      sourceName: head?.source_name ?? sourceId,
      sourceKind: head?.source_kind ?? 'manual',
      observationId: head?.id ?? '',
      observedAt: head?.observed_at ?? '',
      contentHash: head?.content_hash ?? '',
    },
    asset: asset ? toAssetSummary(asset) : null,
    fields,
    macs,
    ips,
  };
}

export function toStewardshipItem(db: Database, r: ItemRow): StewardshipItem {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    score: r.score,
    breakdown: JSON.parse(r.breakdown_json) as StewardshipItem['breakdown'],
    conflicts: JSON.parse(r.conflicts_json) as string[],
    left: sideOf(db, r.left_source_id, r.left_native_key),
    right: sideOf(db, r.right_source_id, r.right_native_key),
    openedAt: r.opened_at,
    decidedAt: r.decided_at,
    decidedBy: r.decided_by,
    note: r.note,
    deferredUntil: r.deferred_until,
  };
}

const ORDER: Record<NonNullable<StewardshipListQuery['sort']>, string> = {
  score_desc: 'score DESC, id',
  score_asc: 'score ASC, id',
  opened_desc: 'opened_at DESC, id',
  opened_asc: 'opened_at ASC, id',
};

export function listStewardship(db: Database, query: Required<Omit<StewardshipListQuery, 'kind' | 'assetId' | 'sourceId' | 'minScore' | 'maxScore'>> & StewardshipListQuery, now: string): StewardshipPage {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.status === 'open') {
    where.push("(status = 'open' OR (status = 'deferred' AND deferred_until IS NOT NULL AND deferred_until <= ?))");
    params.push(now);
  } else {
    where.push('status = ?');
    params.push(query.status);
  }
  if (query.kind) {
    where.push('kind = ?');
    params.push(query.kind);
  }
  if (query.assetId) {
    where.push('(left_asset_id = ? OR right_asset_id = ?)');
    params.push(query.assetId, query.assetId);
  }
  if (query.sourceId) {
    where.push('(left_source_id = ? OR right_source_id = ?)');
    params.push(query.sourceId, query.sourceId);
  }
  if (query.minScore !== undefined) {
    where.push('score >= ?');
    params.push(query.minScore);
  }
  if (query.maxScore !== undefined) {
    where.push('score <= ?');
    params.push(query.maxScore);
  }
  const clause = `WHERE ${where.join(' AND ')}`;
  const rows = db.prepare(`SELECT * FROM stewardship_items ${clause} ORDER BY ${ORDER[query.sort]} LIMIT ? OFFSET ?`).all(...params, query.limit, query.offset) as ItemRow[];
  const total = db.prepare(`SELECT count(*) FROM stewardship_items ${clause}`).pluck().get(...params) as number;
  return { items: rows.map((r) => toStewardshipItem(db, r)), total, offset: query.offset };
}

/** Open items with a member of this asset on either side. */
export function stewardshipOfAsset(db: Database, assetId: string): { id: string; kind: StewardshipItem['kind']; status: StewardshipStatus; score: number; otherAssetId: string | null }[] {
  const rows = db
    .prepare("SELECT * FROM stewardship_items WHERE (left_asset_id = ? OR right_asset_id = ?) AND status IN ('open', 'deferred') ORDER BY score DESC, id")
    .all(assetId, assetId) as ItemRow[];
  return rows.map((r) => ({ id: r.id, kind: r.kind, status: r.status, score: r.score, otherAssetId: r.left_asset_id === assetId ? r.right_asset_id : r.left_asset_id }));
}

export function itemKeys(r: ItemRow): { left: NaturalKey; right: NaturalKey } {
  return { left: naturalKeyOf(r.left_source_id, r.left_native_key), right: naturalKeyOf(r.right_source_id, r.right_native_key) };
}
