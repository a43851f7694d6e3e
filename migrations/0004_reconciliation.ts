// Migration 0004: the database side of the reconciliation engine (docs/reconciliation.md): the latest
// observation of every source record and its blocking keys (to find what a change can touch without
// reading the whole inventory), operator match decisions, merge explanations, the stewardship
// queue, golden-record versions, competing values and suggestions per field, and quality figures.
// Golden records written by the placeholder merge rules are recomputed by a rebuild at first start.
export default /* sql */ `
-- The latest observation of every natural key (source + native key): the only version reconciliation reads.
CREATE TABLE observation_heads (
  source_id       TEXT NOT NULL REFERENCES sources(id),
  native_key      TEXT NOT NULL,
  observation_id  TEXT NOT NULL REFERENCES observations(id),
  observed_at     TEXT NOT NULL,
  PRIMARY KEY (source_id, native_key)
) WITHOUT ROWID;

-- Blocking keys of each head: two records can only be scored against each other if they share one.
CREATE TABLE observation_blocking_keys (
  blocking_key  TEXT NOT NULL,
  source_id     TEXT NOT NULL,
  native_key    TEXT NOT NULL,
  PRIMARY KEY (blocking_key, source_id, native_key)
) WITHOUT ROWID;
CREATE INDEX observation_blocking_keys_member ON observation_blocking_keys (source_id, native_key);

-- asset_sources is the member table: which natural keys form each asset. Observations no longer
-- point at assets (asset ids follow from members and change when members move).
UPDATE observations SET asset_id = NULL;

-- Operator decisions over natural keys; revoked ones are kept for the record.
CREATE TABLE match_decisions (
  id                   TEXT PRIMARY KEY,
  kind                 TEXT NOT NULL CHECK (kind IN ('force_merge', 'never_merge')),
  left_source_id       TEXT NOT NULL,
  left_native_key      TEXT NOT NULL,
  right_source_id      TEXT NOT NULL,
  right_native_key     TEXT NOT NULL,
  reason               TEXT,
  actor                TEXT NOT NULL,
  origin               TEXT NOT NULL,
  stewardship_item_id  TEXT,
  created_at           TEXT NOT NULL,
  revoked_at           TEXT,
  revoked_by           TEXT
);
CREATE INDEX match_decisions_left ON match_decisions (left_source_id, left_native_key);
CREATE INDEX match_decisions_right ON match_decisions (right_source_id, right_native_key);
CREATE INDEX match_decisions_created ON match_decisions (created_at DESC, id);

-- Why the members of an asset are together: one row per union (score breakdown or forced).
CREATE TABLE merge_explanations (
  asset_id          TEXT NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
  seq               INTEGER NOT NULL,
  left_source_id    TEXT NOT NULL,
  left_native_key   TEXT NOT NULL,
  right_source_id   TEXT NOT NULL,
  right_native_key  TEXT NOT NULL,
  reason            TEXT NOT NULL,
  score             REAL NOT NULL,
  breakdown_json    TEXT NOT NULL,
  PRIMARY KEY (asset_id, seq)
) WITHOUT ROWID;

-- Pairs that need a person. The id is derived from the pair, so a question keeps its id.
CREATE TABLE stewardship_items (
  id                TEXT PRIMARY KEY,
  kind              TEXT NOT NULL,
  left_source_id    TEXT NOT NULL,
  left_native_key   TEXT NOT NULL,
  right_source_id   TEXT NOT NULL,
  right_native_key  TEXT NOT NULL,
  left_asset_id     TEXT,
  right_asset_id    TEXT,
  score             REAL NOT NULL,
  breakdown_json    TEXT NOT NULL,
  conflicts_json    TEXT NOT NULL,
  status            TEXT NOT NULL DEFAULT 'open',
  opened_at         TEXT NOT NULL,
  decided_at        TEXT,
  decided_by        TEXT,
  note              TEXT,
  deferred_until    TEXT
);
CREATE INDEX stewardship_items_status ON stewardship_items (status, score DESC, id);
CREATE INDEX stewardship_items_left ON stewardship_items (left_source_id, left_native_key);
CREATE INDEX stewardship_items_right ON stewardship_items (right_source_id, right_native_key);
CREATE INDEX stewardship_items_left_asset ON stewardship_items (left_asset_id);
CREATE INDEX stewardship_items_right_asset ON stewardship_items (right_asset_id);

-- Every change to a golden record. No foreign key: the history of a merged or removed asset stays.
CREATE TABLE asset_versions (
  id                TEXT PRIMARY KEY,
  asset_id          TEXT NOT NULL,
  version           INTEGER NOT NULL,
  at                TEXT NOT NULL,
  change            TEXT NOT NULL,
  cause             TEXT NOT NULL,
  cause_id          TEXT,
  correlation_id    TEXT,
  snapshot_json     TEXT NOT NULL,
  changes_json      TEXT NOT NULL,
  members_added_json    TEXT NOT NULL DEFAULT '[]',
  members_removed_json  TEXT NOT NULL DEFAULT '[]',
  successor_id      TEXT,
  UNIQUE (asset_id, version)
);

-- Per field: the other sources' values, and suggestions against a manual value.
ALTER TABLE asset_fields ADD COLUMN competing_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE asset_fields ADD COLUMN suggestions_json TEXT NOT NULL DEFAULT '[]';

-- Quality breakdown of the golden record, and a fingerprint of its content (skip unchanged rewrites).
ALTER TABLE assets ADD COLUMN quality_json TEXT;
ALTER TABLE assets ADD COLUMN content_hash TEXT;

ALTER TABLE software ADD COLUMN cpe TEXT;

-- Tags a person set ('person') survive reconciliation; tags observed from sources ('observed') are recomputed.
ALTER TABLE tags ADD COLUMN origin TEXT NOT NULL DEFAULT 'person';

-- Per asset and source: field values given and disagreements with the golden record (sources.quality sums these).
CREATE TABLE asset_source_stats (
  asset_id   TEXT NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
  source_id  TEXT NOT NULL,
  fields     INTEGER NOT NULL,
  conflicts  INTEGER NOT NULL,
  PRIMARY KEY (asset_id, source_id)
) WITHOUT ROWID;
CREATE INDEX asset_source_stats_source ON asset_source_stats (source_id);
`;
