// Migration 0006: saved inventory views (a named filter, sort and column layout) and bulk changes
// (one row per change, one row per asset it changed with the values before and after, which is what
// an undo restores).
export default /* sql */ `
CREATE TABLE saved_views (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL COLLATE NOCASE UNIQUE,
  definition  TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL
);

CREATE TABLE bulk_changes (
  id          TEXT PRIMARY KEY,
  action      TEXT NOT NULL,
  actor       TEXT NOT NULL,
  at          TEXT NOT NULL,
  assets      INTEGER NOT NULL,
  changed     INTEGER NOT NULL,
  unchanged   INTEGER NOT NULL,
  fields      TEXT NOT NULL,
  undone_at   TEXT,
  undone_by   TEXT,
  restored    INTEGER,
  skipped     INTEGER
);
CREATE INDEX bulk_changes_at ON bulk_changes (at DESC, id);

-- Per changed asset (by its API id): the fields the change set, as they were and as it left them.
CREATE TABLE bulk_change_items (
  change_id  TEXT NOT NULL REFERENCES bulk_changes(id) ON DELETE CASCADE,
  asset_uid  TEXT NOT NULL,
  before     TEXT NOT NULL,
  after      TEXT NOT NULL,
  PRIMARY KEY (change_id, asset_uid)
) WITHOUT ROWID;
`;
