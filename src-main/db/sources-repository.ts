// Sources: each configured collector or import, found or created by (kind, name).
import type { Source } from '../../src-shared/api/index.js';
import type { SourceKind } from '../../src-shared/model/source-kinds.js';
import type { Database } from './database.js';

export function ensureSource(db: Database, kind: SourceKind, name: string, ids: { newId: () => string; now: () => string }): { id: string; created: boolean } {
  const existing = db.prepare('SELECT id FROM sources WHERE kind = ? AND name = ?').pluck().get(kind, name) as string | undefined;
  if (existing) return { id: existing, created: false };
  const id = ids.newId();
  db.prepare("INSERT INTO sources (id, kind, name, settings_json, created_at) VALUES (?, ?, ?, '{}', ?)").run(id, kind, name, ids.now());
  return { id, created: true };
}

export function listSources(db: Database): Source[] {
  const rows = db
    .prepare(
      `SELECT s.id, s.kind, s.name, s.created_at,
        (SELECT count(*) FROM observations o WHERE o.source_id = s.id) AS observation_count,
        (SELECT max(r.started_at) FROM discovery_runs r WHERE r.source_id = s.id) AS last_run_at
       FROM sources s ORDER BY s.name COLLATE NOCASE`,
    )
    .all() as { id: string; kind: SourceKind; name: string; created_at: string; observation_count: number; last_run_at: string | null }[];
  return rows.map((r) => ({ id: r.id, kind: r.kind, name: r.name, createdAt: r.created_at, observationCount: r.observation_count, lastRunAt: r.last_run_at }));
}
