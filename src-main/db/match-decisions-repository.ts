// Operator match decisions (force merge / never merge) over natural keys: stored, listed, revoked.
// Reconciliation reads the active ones through reconcile-store.ts.
import type { MatchDecisionKind, MatchDecisionOrigin, MatchDecisionRecord } from '../../src-shared/api/reconciliation.js';
import type { Database } from './database.js';

export interface NewMatchDecision {
  id: string;
  kind: MatchDecisionKind;
  left: { sourceId: string; nativeKey: string };
  right: { sourceId: string; nativeKey: string };
  reason: string | null;
  actor: string;
  origin: MatchDecisionOrigin;
  stewardshipItemId: string | null;
  createdAt: string;
}

interface DecisionRow {
  id: string;
  kind: MatchDecisionKind;
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
  left_asset_id: string | null;
  right_asset_id: string | null;
}

const SELECT = `SELECT d.*, la.asset_id AS left_asset_id, ra.asset_id AS right_asset_id FROM match_decisions d
  LEFT JOIN asset_sources la ON la.source_id = d.left_source_id AND la.native_key = d.left_native_key
  LEFT JOIN asset_sources ra ON ra.source_id = d.right_source_id AND ra.native_key = d.right_native_key`;

function toRecord(r: DecisionRow): MatchDecisionRecord {
  return {
    id: r.id,
    kind: r.kind,
    left: { sourceId: r.left_source_id, nativeKey: r.left_native_key },
    right: { sourceId: r.right_source_id, nativeKey: r.right_native_key },
    leftAssetId: r.left_asset_id,
    rightAssetId: r.right_asset_id,
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
    `INSERT INTO match_decisions (id, kind, left_source_id, left_native_key, right_source_id, right_native_key, reason, actor, origin, stewardship_item_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(d.id, d.kind, d.left.sourceId, d.left.nativeKey, d.right.sourceId, d.right.nativeKey, d.reason, d.actor, d.origin, d.stewardshipItemId, d.createdAt);
}

export function getMatchDecision(db: Database, id: string): MatchDecisionRecord | undefined {
  const row = db.prepare(`${SELECT} WHERE d.id = ?`).get(id) as DecisionRow | undefined;
  return row ? toRecord(row) : undefined;
}

export function revokeMatchDecision(db: Database, id: string, by: string, at: string): void {
  db.prepare('UPDATE match_decisions SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL').run(at, by, id);
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
    where.push('(la.asset_id = ? OR ra.asset_id = ?)');
    params.push(input.assetId, input.assetId);
  }
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const rows = db.prepare(`${SELECT} ${clause} ORDER BY d.created_at DESC, d.id DESC LIMIT ? OFFSET ?`).all(...params, input.limit, input.offset) as DecisionRow[];
  const total = db
    .prepare(
      `SELECT count(*) FROM match_decisions d
       LEFT JOIN asset_sources la ON la.source_id = d.left_source_id AND la.native_key = d.left_native_key
       LEFT JOIN asset_sources ra ON ra.source_id = d.right_source_id AND ra.native_key = d.right_native_key ${clause}`,
    )
    .pluck()
    .get(...params) as number;
  return { items: rows.map(toRecord), total, offset: input.offset };
}
