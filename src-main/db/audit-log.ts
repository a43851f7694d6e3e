// The append-only, hash-chained audit trail. Every row's hash covers its own content and the
// previous row's hash; audit_head keeps the newest seq and hash, so an edited, deleted (anywhere,
// including at the end) or reordered row breaks verification.
import { createHash } from 'node:crypto';
import type { AuditEvent, AuditVerifyResult } from '../../src-shared/api/index.js';
import type { Database } from './database.js';
import type { AuditEventsTable } from './schema.js';

export const AUDIT_GENESIS_HASH = '0'.repeat(64);

export interface NewAuditEvent {
  id: string;
  at: string;
  actor: string;
  action: string;
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
  correlationId: string | null;
}

function toJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

function hashRow(row: Omit<AuditEventsTable, 'hash'>): string {
  const material = JSON.stringify([
    row.seq,
    row.id,
    row.at,
    row.actor,
    row.action,
    row.target_type,
    row.target_id,
    row.before_json,
    row.after_json,
    row.correlation_id,
    row.prev_hash,
  ]);
  return createHash('sha256').update(material).digest('hex');
}

/** Appends one event. Must run inside a write transaction so that the chain head cannot race. */
export function appendAuditEvent(db: Database, event: NewAuditEvent): AuditEventsTable {
  if (!db.inTransaction) throw new Error('appendAuditEvent must run inside a transaction');
  const head = db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as { seq: number; hash: string } | undefined;
  const row: Omit<AuditEventsTable, 'hash'> = {
    seq: (head?.seq ?? 0) + 1,
    id: event.id,
    at: event.at,
    actor: event.actor,
    action: event.action,
    target_type: event.targetType,
    target_id: event.targetId,
    before_json: toJson(event.before),
    after_json: toJson(event.after),
    correlation_id: event.correlationId,
    prev_hash: head?.hash ?? AUDIT_GENESIS_HASH,
  };
  const full: AuditEventsTable = { ...row, hash: hashRow(row) };
  db.prepare(
    `INSERT INTO audit_events (seq, id, at, actor, action, target_type, target_id, before_json, after_json, correlation_id, prev_hash, hash)
     VALUES (@seq, @id, @at, @actor, @action, @target_type, @target_id, @before_json, @after_json, @correlation_id, @prev_hash, @hash)`,
  ).run(full);
  db.prepare('INSERT INTO audit_head (id, seq, hash) VALUES (1, @seq, @hash) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash').run(full);
  return full;
}

/**
 * Appends many events in order (a bulk change's one per asset), reading the chain head once and
 * writing the new head once. Same rules as appendAuditEvent: inside a write transaction.
 */
export function appendAuditEvents(db: Database, events: readonly NewAuditEvent[]): void {
  if (events.length === 0) return;
  if (!db.inTransaction) throw new Error('appendAuditEvents must run inside a transaction');
  const head = db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as { seq: number; hash: string } | undefined;
  const insert = db.prepare(
    `INSERT INTO audit_events (seq, id, at, actor, action, target_type, target_id, before_json, after_json, correlation_id, prev_hash, hash)
     VALUES (@seq, @id, @at, @actor, @action, @target_type, @target_id, @before_json, @after_json, @correlation_id, @prev_hash, @hash)`,
  );
  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? AUDIT_GENESIS_HASH;
  for (const event of events) {
    seq += 1;
    const row: Omit<AuditEventsTable, 'hash'> = {
      seq,
      id: event.id,
      at: event.at,
      actor: event.actor,
      action: event.action,
      target_type: event.targetType,
      target_id: event.targetId,
      before_json: toJson(event.before),
      after_json: toJson(event.after),
      correlation_id: event.correlationId,
      prev_hash: prevHash,
    };
    prevHash = hashRow(row);
    insert.run({ ...row, hash: prevHash });
  }
  db.prepare('INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash').run(seq, prevHash);
}

export function toAuditEvent(row: AuditEventsTable): AuditEvent {
  return {
    seq: row.seq,
    id: row.id,
    at: row.at,
    actor: row.actor,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    before: row.before_json === null ? null : (JSON.parse(row.before_json) as unknown),
    after: row.after_json === null ? null : (JSON.parse(row.after_json) as unknown),
    correlationId: row.correlation_id,
    hash: row.hash,
  };
}

export interface AuditQuery {
  targetType?: string | undefined;
  targetId?: string | undefined;
  beforeSeq?: number | undefined;
  limit: number;
}

export function listAuditEvents(db: Database, query: AuditQuery): AuditEvent[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.targetType !== undefined) {
    where.push('target_type = ?');
    params.push(query.targetType);
  }
  if (query.targetId !== undefined) {
    where.push('target_id = ?');
    params.push(query.targetId);
  }
  if (query.beforeSeq !== undefined) {
    where.push('seq < ?');
    params.push(query.beforeSeq);
  }
  const sql = `SELECT * FROM audit_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
  return (db.prepare(sql).all(...params, query.limit) as AuditEventsTable[]).map(toAuditEvent);
}

/** Walks the whole chain in order. Reports at most 100 problems. */
export function verifyAuditChain(db: Database): AuditVerifyResult {
  const problems: AuditVerifyResult['problems'] = [];
  const report = (seq: number | null, problem: string) => {
    if (problems.length < 100) problems.push({ seq, problem });
  };
  let previousHash = AUDIT_GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (const row of db.prepare('SELECT * FROM audit_events ORDER BY seq').iterate() as IterableIterator<AuditEventsTable>) {
    checked += 1;
    if (row.seq !== expectedSeq) report(row.seq, `expected event #${expectedSeq} but found #${row.seq}: events were deleted or renumbered`);
    if (row.prev_hash !== previousHash) report(row.seq, `event #${row.seq} does not follow the event before it: events were deleted, inserted or reordered`);
    const { hash, ...rest } = row;
    if (hashRow(rest) !== hash) report(row.seq, `event #${row.seq} (${row.action} on ${row.target_type} ${row.target_id ?? ''}) was edited after it was written`);
    previousHash = row.hash;
    expectedSeq = row.seq + 1;
  }
  const head = db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as { seq: number; hash: string } | undefined;
  const lastSeq = expectedSeq - 1;
  if (head && (head.seq !== lastSeq || head.hash !== previousHash)) {
    report(head.seq, `the newest event should be #${head.seq} but the trail ends at #${lastSeq}: events at the end were deleted or altered`);
  }
  if (!head && checked > 0) report(null, 'the audit head record is missing');
  return { ok: problems.length === 0, checked, problems };
}
