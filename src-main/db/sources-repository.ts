// Sources: each configured collector or import, found or created by (kind, name). Each gets a small
// integer (seq) that the record tables use.
import type { Source } from '../../src-shared/api/index.js';
import type { SourceKind } from '../../src-shared/model/source-kinds.js';
import type { Database } from './database.js';

export function ensureSource(db: Database, kind: SourceKind, name: string, ids: { newId: () => string; now: () => string }): { id: string; seq: number; created: boolean } {
  const existing = db.prepare('SELECT id, seq FROM sources WHERE kind = ? AND name = ?').get(kind, name) as { id: string; seq: number } | undefined;
  if (existing) return { ...existing, created: false };
  const id = ids.newId();
  const seq = (db.prepare('SELECT coalesce(max(seq), 0) + 1 FROM sources').pluck().get() as number) ?? 1;
  db.prepare("INSERT INTO sources (id, kind, name, settings_json, created_at, seq) VALUES (?, ?, ?, '{}', ?, ?)").run(id, kind, name, ids.now(), seq);
  return { id, seq, created: true };
}

export function listSources(db: Database): Source[] {
  const rows = db
    .prepare(
      `SELECT s.id, s.kind, s.name, s.created_at,
        (SELECT count(*) FROM records r WHERE r.source_seq = s.seq) AS record_count,
        (SELECT max(r.started_at) FROM discovery_runs r WHERE r.source_id = s.id) AS last_run_at
       FROM sources s ORDER BY s.name COLLATE NOCASE`,
    )
    .all() as { id: string; kind: SourceKind; name: string; created_at: string; record_count: number; last_run_at: string | null }[];
  return rows.map((r) => ({ id: r.id, kind: r.kind, name: r.name, createdAt: r.created_at, observationCount: r.record_count, lastRunAt: r.last_run_at }));
}

/** Import settings saved per source (CSV column mapping, delimiter, default network). */
export function getSourceImportSettings(db: Database, sourceId: string): Record<string, unknown> {
  const text = db.prepare('SELECT import_settings_json FROM sources WHERE id = ?').pluck().get(sourceId) as string | undefined;
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

export function setSourceImportSettings(db: Database, sourceId: string, settings: Record<string, unknown>): void {
  db.prepare('UPDATE sources SET import_settings_json = ? WHERE id = ?').run(JSON.stringify(settings), sourceId);
}
