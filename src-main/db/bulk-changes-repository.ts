// Bulk changes and, per asset they changed, the values before and after: what the history lists and
// what an undo restores.
import { BulkAction, type BulkChange, type BulkFieldChange } from '../../src-shared/api/bulk-changes.js';
import type { Database } from './database.js';
import type { BulkChangesTable } from './schema.js';

/** One asset's part of a change, as stored (JSON text of the values; see bulk-change-service). */
export interface BulkChangeItemRow {
  asset_uid: string;
  before: string;
  after: string;
}

function toBulkChange(row: BulkChangesTable): BulkChange {
  return {
    id: row.id,
    action: BulkAction.parse(JSON.parse(row.action)),
    actor: row.actor,
    at: row.at,
    assets: row.assets,
    changed: row.changed,
    unchanged: row.unchanged,
    fields: JSON.parse(row.fields) as BulkFieldChange[],
    undoneAt: row.undone_at,
    undoneBy: row.undone_by,
    restored: row.restored,
    skipped: row.skipped,
  };
}

export function insertBulkChange(db: Database, change: BulkChange, items: readonly BulkChangeItemRow[]): void {
  db.prepare('INSERT INTO bulk_changes (id, action, actor, at, assets, changed, unchanged, fields) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    change.id,
    JSON.stringify(change.action),
    change.actor,
    change.at,
    change.assets,
    change.changed,
    change.unchanged,
    JSON.stringify(change.fields),
  );
  const insert = db.prepare('INSERT INTO bulk_change_items (change_id, asset_uid, before, after) VALUES (?, ?, ?, ?)');
  for (const item of items) insert.run(change.id, item.asset_uid, item.before, item.after);
}

export function getBulkChange(db: Database, id: string): BulkChange | undefined {
  const row = db.prepare('SELECT * FROM bulk_changes WHERE id = ?').get(id) as BulkChangesTable | undefined;
  return row ? toBulkChange(row) : undefined;
}

export function listBulkChanges(db: Database, offset: number, limit: number): { items: BulkChange[]; total: number; offset: number } {
  const rows = db.prepare('SELECT * FROM bulk_changes ORDER BY at DESC, id DESC LIMIT ? OFFSET ?').all(limit, offset) as BulkChangesTable[];
  const total = db.prepare('SELECT count(*) FROM bulk_changes').pluck().get() as number;
  return { items: rows.map(toBulkChange), total, offset };
}

export function bulkChangeItems(db: Database, id: string): BulkChangeItemRow[] {
  return db.prepare('SELECT asset_uid, before, after FROM bulk_change_items WHERE change_id = ? ORDER BY asset_uid').all(id) as BulkChangeItemRow[];
}

export function markBulkChangeUndone(db: Database, id: string, undo: { at: string; by: string; restored: number; skipped: number }): void {
  db.prepare('UPDATE bulk_changes SET undone_at = ?, undone_by = ?, restored = ?, skipped = ? WHERE id = ? AND undone_at IS NULL').run(undo.at, undo.by, undo.restored, undo.skipped, id);
}
