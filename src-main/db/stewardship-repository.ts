// The stewardship queue: pairs of records reconciliation could not decide alone. Items are kept in
// step with each reconciled closure (createStewardshipSync); people list them with both records side
// by side and decide them (the decisions themselves live in match_decisions).
import type { StewardshipItem, StewardshipListQuery, StewardshipPage, StewardshipSide, StewardshipStatus } from '../../src-shared/api/reconciliation.js';
import { ASSET_FIELD_NAMES, type AssetFieldName, type FieldValue } from '../../src-shared/model/index.js';
import type { SourceKind } from '../../src-shared/model/source-kinds.js';
import type { NaturalKey, StewardshipItem as EngineStewardshipItem } from '../engine/reconcile/index.js';
import type { Database } from './database.js';
import type { AssetRef } from './golden-record-store.js';
import { ASSET_ROW_COLUMNS, toAssetSummary, type AssetRow } from './inventory-queries.js';
import type { LoadedRecord, ObservationBody } from './record-heads.js';

export interface ItemRow {
  id: string;
  kind: StewardshipItem['kind'];
  left_record_id: number;
  right_record_id: number;
  left_asset_id: number | null;
  right_asset_id: number | null;
  score: number;
  breakdown: string;
  conflicts: string;
  status: StewardshipStatus;
  opened_at: string;
  decided_at: string | null;
  decided_by: string | null;
  note: string | null;
  deferred_until: string | null;
}

export type StewardshipSync = (
  records: ReadonlyMap<number, LoadedRecord>,
  byNaturalKey: ReadonlyMap<NaturalKey, LoadedRecord>,
  items: readonly EngineStewardshipItem[],
  assetOf: ReadonlyMap<number, AssetRef>,
  now: string,
) => { opened: number; resolved: number };

/** Replaces the stewardship items of a reconciled closure: new ones open, vanished open ones are resolved. */
export function createStewardshipSync(db: Database): StewardshipSync {
  const touching = db.prepare(
    `SELECT s.id, s.status FROM json_each(?) j CROSS JOIN stewardship_items s ON s.left_record_id = j.value
     UNION SELECT s.id, s.status FROM json_each(?) j CROSS JOIN stewardship_items s ON s.right_record_id = j.value`,
  );
  const update = db.prepare(
    `UPDATE stewardship_items SET kind = ?, left_asset_id = ?, right_asset_id = ?, score = ?, breakdown = ?, conflicts = ?,
      status = CASE WHEN status IN ('open', 'deferred') THEN status ELSE 'open' END,
      decided_at = CASE WHEN status IN ('open', 'deferred') THEN decided_at ELSE NULL END,
      decided_by = CASE WHEN status IN ('open', 'deferred') THEN decided_by ELSE NULL END
     WHERE id = ?`,
  );
  const insert = db.prepare(
    `INSERT INTO stewardship_items (id, kind, left_record_id, right_record_id, left_asset_id, right_asset_id, score, breakdown, conflicts, status, opened_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)`,
  );
  const resolve = db.prepare("UPDATE stewardship_items SET status = 'resolved', decided_at = ?, decided_by = NULL WHERE id = ?");
  return (records, byNaturalKey, items, assetOf, now) => {
    const ids = JSON.stringify([...records.keys()]);
    const existing = new Map<string, StewardshipStatus>();
    for (const r of touching.all(ids, ids) as { id: string; status: StewardshipStatus }[]) existing.set(r.id, r.status);
    let opened = 0;
    let resolved = 0;
    const seen = new Set<string>();
    for (const item of items) {
      const left = byNaturalKey.get(item.left)?.row.id;
      const right = byNaturalKey.get(item.right)?.row.id;
      if (left === undefined || right === undefined) continue;
      seen.add(item.id);
      const args = [item.reason, assetOf.get(left)?.id ?? null, assetOf.get(right)?.id ?? null, item.score, JSON.stringify(item.breakdown), JSON.stringify(item.conflicts)] as const;
      if (existing.has(item.id)) update.run(...args, item.id);
      else {
        insert.run(item.id, item.reason, left, right, args[1], args[2], item.score, args[4], args[5], now);
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

/** An item back to open, as it was before a person decided it. */
export function reopenStewardshipItem(db: Database, id: string): void {
  db.prepare("UPDATE stewardship_items SET status = 'open', decided_by = NULL, decided_at = NULL, note = NULL, deferred_until = NULL WHERE id = ?").run(id);
}

/** The newest decision recorded for an item that still holds (not revoked). */
export function activeDecisionOfItem(db: Database, itemId: string): string | null {
  return (db.prepare('SELECT id FROM match_decisions WHERE stewardship_item_id = ? AND revoked_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 1').pluck().get(itemId) as string | undefined) ?? null;
}

export function countStewardship(db: Database): Record<StewardshipStatus, number> {
  const out: Record<StewardshipStatus, number> = { open: 0, deferred: 0, accepted: 0, rejected: 0, resolved: 0 };
  for (const r of db.prepare('SELECT status, count(*) AS n FROM stewardship_items GROUP BY status').all() as { status: StewardshipStatus; n: number }[]) out[r.status] = r.n;
  return out;
}

function sideOf(db: Database, recordId: number): StewardshipSide {
  const head = db
    .prepare(
      `SELECT r.native_key, r.head_id, r.last_seen, r.content_hash, r.asset_id, o.body, s.id AS source_id, s.name AS source_name, s.kind AS source_kind
       FROM records r JOIN observations o ON o.id = r.head_id JOIN sources s ON s.seq = r.source_seq WHERE r.id = ?`,
    )
    .get(recordId) as
    | { native_key: string; head_id: number; last_seen: string; content_hash: string; asset_id: number | null; body: string; source_id: string; source_name: string; source_kind: SourceKind }
    | undefined;
  const asset = head?.asset_id ? (db.prepare(`SELECT ${ASSET_ROW_COLUMNS} FROM assets WHERE id = ?`).get(head.asset_id) as AssetRow | undefined) : undefined;
  const fields: { field: AssetFieldName; value: FieldValue }[] = [];
  const macs: string[] = [];
  const ips: string[] = [];
  if (head) {
    const body = JSON.parse(head.body) as ObservationBody;
    for (const name of ASSET_FIELD_NAMES) {
      const value = body.f[name];
      if (value !== undefined && value !== null && value !== '') fields.push({ field: name, value });
    }
    for (const nic of body.i) {
      if (nic.mac) macs.push(nic.mac);
      for (const ip of nic.ips) ips.push(ip.network ? `${ip.address} (${ip.network})` : ip.address);
    }
  }
  return {
    member: {
      sourceId: head?.source_id ?? '',
      nativeKey: head?.native_key ?? '',
      sourceName: head?.source_name ?? '',
      sourceKind: head?.source_kind ?? 'manual',
      observationId: head ? String(head.head_id) : '',
      observedAt: head?.last_seen ?? '',
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
    breakdown: JSON.parse(r.breakdown) as StewardshipItem['breakdown'],
    conflicts: JSON.parse(r.conflicts) as string[],
    left: sideOf(db, r.left_record_id),
    right: sideOf(db, r.right_record_id),
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
    where.push('(left_asset_id = (SELECT id FROM assets WHERE uid = ?) OR right_asset_id = (SELECT id FROM assets WHERE uid = ?))');
    params.push(query.assetId, query.assetId);
  }
  if (query.sourceId) {
    where.push(
      `(left_record_id IN (SELECT r.id FROM records r JOIN sources s ON s.seq = r.source_seq WHERE s.id = ?)
        OR right_record_id IN (SELECT r.id FROM records r JOIN sources s ON s.seq = r.source_seq WHERE s.id = ?))`,
    );
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
export function stewardshipOfAsset(db: Database, assetUid: string): { id: string; kind: StewardshipItem['kind']; status: StewardshipStatus; score: number; otherAssetId: string | null }[] {
  const rows = db
    .prepare(
      `SELECT s.id, s.kind, s.status, s.score, la.uid AS left_uid, ra.uid AS right_uid FROM stewardship_items s
       LEFT JOIN assets la ON la.id = s.left_asset_id LEFT JOIN assets ra ON ra.id = s.right_asset_id
       WHERE (la.uid = ? OR ra.uid = ?) AND s.status IN ('open', 'deferred') ORDER BY s.score DESC, s.id`,
    )
    .all(assetUid, assetUid) as { id: string; kind: StewardshipItem['kind']; status: StewardshipStatus; score: number; left_uid: string | null; right_uid: string | null }[];
  return rows.map((r) => ({ id: r.id, kind: r.kind, status: r.status, score: r.score, otherAssetId: r.left_uid === assetUid ? r.right_uid : r.left_uid }));
}
