// Operator match decisions (force merge / never merge) over records: stored, listed, revoked. The
// reconciler reads the active ones when it builds a closure (record-closure.ts).
import type { MatchDecisionKind, MatchDecisionOrigin, MatchDecisionRecord } from '../../src-shared/api/reconciliation.js';
import type { Database } from './database.js';

export interface NewMatchDecision {
  id: string;
  kind: MatchDecisionKind;
  leftRecordId: number;
  rightRecordId: number;
  reason: string | null;
  actor: string;
  origin: MatchDecisionOrigin;
  stewardshipItemId: string | null;
  createdAt: string;
}

interface DecisionRow {
  id: string;
  kind: MatchDecisionKind;
  left_record_id: number;
  right_record_id: number;
  left_source_id: string;
  left_native_key: string;
  right_source_id: string;
  right_native_key: string;
  reason: string | null;
  actor: string;
  origin: MatchDecisionOrigin;
  stewardship_item_id: string | null;
  created_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
  left_asset_uid: string | null;
  right_asset_uid: string | null;
}

const FROM = `FROM match_decisions d
  JOIN records lr ON lr.id = d.left_record_id JOIN sources ls ON ls.seq = lr.source_seq LEFT JOIN assets la ON la.id = lr.asset_id
  JOIN records rr ON rr.id = d.right_record_id JOIN sources rs ON rs.seq = rr.source_seq LEFT JOIN assets ra ON ra.id = rr.asset_id`;
const SELECT = `SELECT d.*, ls.id AS left_source_id, lr.native_key AS left_native_key, rs.id AS right_source_id, rr.native_key AS right_native_key,
  la.uid AS left_asset_uid, ra.uid AS right_asset_uid ${FROM}`;

function toRecord(r: DecisionRow): MatchDecisionRecord {
  return {
    id: r.id,
    kind: r.kind,
    left: { sourceId: r.left_source_id, nativeKey: r.left_native_key },
    right: { sourceId: r.right_source_id, nativeKey: r.right_native_key },
    leftAssetId: r.left_asset_uid,
    rightAssetId: r.right_asset_uid,
    reason: r.reason,
    actor: r.actor,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
    revokedBy: r.revoked_by,
    origin: r.origin,
    stewardshipItemId: r.stewardship_item_id,
  };
}

export function insertMatchDecision(db: Database, d: NewMatchDecision): void {
  db.prepare(
    `INSERT INTO match_decisions (id, kind, left_record_id, right_record_id, reason, actor, origin, stewardship_item_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(d.id, d.kind, d.leftRecordId, d.rightRecordId, d.reason, d.actor, d.origin, d.stewardshipItemId, d.createdAt);
}

export function getMatchDecision(db: Database, id: string): MatchDecisionRecord | undefined {
  const row = db.prepare(`${SELECT} WHERE d.id = ?`).get(id) as DecisionRow | undefined;
  return row ? toRecord(row) : undefined;
}

/** The two records a decision is about. */
export function decisionRecords(db: Database, id: string): { left: number; right: number } | undefined {
  return db.prepare('SELECT left_record_id AS left, right_record_id AS right FROM match_decisions WHERE id = ?').get(id) as { left: number; right: number } | undefined;
}

export function revokeMatchDecision(db: Database, id: string, by: string, at: string): void {
  db.prepare('UPDATE match_decisions SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL').run(at, by, id);
}

/** Active decisions of `kind` between any record of `a` and any record of `b`. */
export function activeDecisionIdsBetween(db: Database, kind: MatchDecisionKind, a: readonly number[], b: readonly number[]): string[] {
  return db
    .prepare(
      `SELECT id FROM match_decisions WHERE kind = ? AND revoked_at IS NULL
       AND ((left_record_id IN (SELECT value FROM json_each(?)) AND right_record_id IN (SELECT value FROM json_each(?)))
         OR (left_record_id IN (SELECT value FROM json_each(?)) AND right_record_id IN (SELECT value FROM json_each(?))))
       ORDER BY id`,
    )
    .pluck()
    .all(kind, JSON.stringify(a), JSON.stringify(b), JSON.stringify(b), JSON.stringify(a)) as string[];
}

export interface ListDecisionsInput {
  kind?: MatchDecisionKind | undefined;
  assetId?: string | undefined;
  includeRevoked: boolean;
  offset: number;
  limit: number;
}

export function listMatchDecisions(db: Database, input: ListDecisionsInput): { items: MatchDecisionRecord[]; total: number; offset: number } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (input.kind) {
    where.push('d.kind = ?');
    params.push(input.kind);
  }
  if (!input.includeRevoked) where.push('d.revoked_at IS NULL');
  if (input.assetId) {
    where.push('(la.uid = ? OR ra.uid = ?)');
    params.push(input.assetId, input.assetId);
  }
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const rows = db.prepare(`${SELECT} ${clause} ORDER BY d.created_at DESC, d.id DESC LIMIT ? OFFSET ?`).all(...params, input.limit, input.offset) as DecisionRow[];
  const total = db.prepare(`SELECT count(*) ${FROM} ${clause}`).pluck().get(...params) as number;
  return { items: rows.map(toRecord), total, offset: input.offset };
}
