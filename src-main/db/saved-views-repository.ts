// Saved inventory views: rows of saved_views, the definition kept as JSON. Names are unique without
// regard to case (the column's collation).
import { SavedViewDefinition, type SavedView } from '../../src-shared/api/saved-views.js';
import type { Database } from './database.js';
import type { SavedViewsTable } from './schema.js';

function toSavedView(row: SavedViewsTable): SavedView {
  return {
    id: row.id,
    name: row.name,
    definition: SavedViewDefinition.parse(JSON.parse(row.definition)),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    createdBy: row.created_by,
  };
}

export function listSavedViews(db: Database): SavedView[] {
  return (db.prepare('SELECT * FROM saved_views ORDER BY name COLLATE NOCASE, id').all() as SavedViewsTable[]).map(toSavedView);
}

export function getSavedView(db: Database, id: string): SavedView | undefined {
  const row = db.prepare('SELECT * FROM saved_views WHERE id = ?').get(id) as SavedViewsTable | undefined;
  return row ? toSavedView(row) : undefined;
}

/** The view with this name, case aside. */
export function findSavedViewByName(db: Database, name: string): SavedView | undefined {
  const row = db.prepare('SELECT * FROM saved_views WHERE name = ?').get(name) as SavedViewsTable | undefined;
  return row ? toSavedView(row) : undefined;
}

export function insertSavedView(db: Database, view: SavedView): void {
  db.prepare('INSERT INTO saved_views (id, name, definition, created_at, updated_at, created_by) VALUES (?, ?, ?, ?, ?, ?)').run(
    view.id,
    view.name,
    JSON.stringify(view.definition),
    view.createdAt,
    view.updatedAt,
    view.createdBy,
  );
}

export function updateSavedView(db: Database, id: string, change: { name: string; definition: SavedViewDefinition; updatedAt: string }): void {
  db.prepare('UPDATE saved_views SET name = ?, definition = ?, updated_at = ? WHERE id = ?').run(change.name, JSON.stringify(change.definition), change.updatedAt, id);
}

export function deleteSavedView(db: Database, id: string): void {
  db.prepare('DELETE FROM saved_views WHERE id = ?').run(id);
}
