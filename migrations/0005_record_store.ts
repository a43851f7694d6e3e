// Migration 0005: the lean record store (docs/storage.md). A source record (source + native key) is
// one `records` row holding its head observation, first/last seen and its asset; observations are
// append-only rows chained to the previous head; every identifier is one row of `record_keys`
// (blocking, term frequencies, relation targets, search by MAC or IP); a golden record is one
// `assets` row with its field provenance and submodels in a compact JSON body; versions store only
// what changed. Integer keys inside the database; the API keeps content-derived text ids.
//
// Existing data is carried over: observations, decisions and the people's data (tags, lifecycle,
// history) are moved into legacy_* tables here, and the application rebuilds the golden records
// from the records right after this migration, then re-attaches the people's data to the assets
// that now hold their members (src-main/db/upgrade-record-store.ts) and drops the legacy tables.
export default /* sql */ `
PRAGMA defer_foreign_keys = ON;

-- Sources get a small integer used inside the database, and records name them by it.
ALTER TABLE sources ADD COLUMN seq INTEGER;
UPDATE sources SET seq = (SELECT count(*) FROM sources s2 WHERE s2.rowid <= sources.rowid);
CREATE UNIQUE INDEX sources_seq ON sources (seq);
-- Per source: import settings people chose (CSV column mapping, delimiter, default network).
ALTER TABLE sources ADD COLUMN import_settings_json TEXT NOT NULL DEFAULT '{}';

-- An import's preview (what it would do, its problems) while it waits for a person, and after.
ALTER TABLE discovery_runs ADD COLUMN preview_json TEXT;

-- Networks (sites) that IPs are qualified by, and how each hands out addresses.
CREATE TABLE networks (
  name        TEXT PRIMARY KEY COLLATE NOCASE,
  addressing  TEXT NOT NULL CHECK (addressing IN ('static', 'dhcp', 'unknown')),
  updated_at  TEXT NOT NULL
) WITHOUT ROWID;

-- Keep the old tables' content aside until the rebuild has placed it.
ALTER TABLE observations RENAME TO legacy_observations;
ALTER TABLE match_decisions RENAME TO legacy_match_decisions;
ALTER TABLE stewardship_items RENAME TO legacy_stewardship_items;
ALTER TABLE asset_versions RENAME TO legacy_asset_versions;
-- Tables whose rows point at assets are copied (a copy has no foreign keys) and dropped before the
-- old assets table is: renamed, they would keep their ON DELETE actions and lose their rows with it.
CREATE TABLE legacy_asset_members AS SELECT * FROM asset_sources;
DROP TABLE asset_sources;
CREATE TABLE legacy_tags AS SELECT * FROM tags;
DROP TABLE tags;
CREATE TABLE legacy_lifecycle AS SELECT * FROM lifecycle;
DROP TABLE lifecycle;
CREATE TABLE legacy_discovery_run_hosts AS SELECT * FROM discovery_run_hosts;
DROP TABLE discovery_run_hosts;
CREATE TABLE legacy_learned_addresses AS SELECT * FROM learned_addresses;
DROP TABLE learned_addresses;
DROP INDEX IF EXISTS match_decisions_left;
DROP INDEX IF EXISTS match_decisions_right;
DROP INDEX IF EXISTS match_decisions_created;
DROP INDEX IF EXISTS stewardship_items_status;
DROP INDEX IF EXISTS stewardship_items_left;
DROP INDEX IF EXISTS stewardship_items_right;
DROP INDEX IF EXISTS stewardship_items_left_asset;
DROP INDEX IF EXISTS stewardship_items_right_asset;
DROP INDEX IF EXISTS tags_key_value;
DROP INDEX IF EXISTS learned_addresses_unique;
DROP INDEX IF EXISTS learned_addresses_ip;
DROP INDEX IF EXISTS discovery_run_hosts_status;

-- One row per source record: its head (latest observation), when it was first and last seen, and
-- the asset it belongs to. solo = 1 while it is alone in its asset and shares no identifier with any
-- other record, so that seeing it again unchanged cannot change any result.
CREATE TABLE records (
  id            INTEGER PRIMARY KEY,
  source_seq    INTEGER NOT NULL,
  native_key    TEXT NOT NULL,
  head_id       INTEGER NOT NULL,
  content_hash  TEXT NOT NULL,
  raw_hash      TEXT,
  first_seen    TEXT NOT NULL,
  last_seen     TEXT NOT NULL,
  asset_id      INTEGER,
  solo          INTEGER NOT NULL DEFAULT 0,
  UNIQUE (source_seq, native_key)
);
CREATE INDEX records_asset ON records (asset_id);

-- What a source said about a record, append-only. body is the observation's content as JSON
-- ({c: class, f: fields, i: interfaces, s: software, t: tags, r: relations}); raw is the record as
-- the source gave it (evidence). prev_id chains a record's observations, newest first.
CREATE TABLE observations (
  id            INTEGER PRIMARY KEY,
  record_id     INTEGER NOT NULL,
  prev_id       INTEGER,
  run_id        TEXT,
  observed_at   TEXT NOT NULL,
  content_hash  TEXT NOT NULL,
  body          TEXT NOT NULL,
  raw           TEXT
);

-- Every identifier of every record's head ("mac:…", "host:…", "ip:<network>/<address>", …).
CREATE TABLE record_keys (
  key         TEXT NOT NULL,
  source_seq  INTEGER NOT NULL,
  record_id   INTEGER NOT NULL,
  PRIMARY KEY (key, source_seq, record_id)
) WITHOUT ROWID;

-- Identifier values so common (in one source) that they identify nothing: not blocked on.
CREATE TABLE shared_keys (
  key  TEXT PRIMARY KEY
) WITHOUT ROWID;

-- Relations a record's source reports (LLDP/CDP neighbours, FDB and ARP entries), by the target's
-- identifier; resolved to assets when read, so merges and unmerges never leave them stale.
CREATE TABLE relation_claims (
  record_id    INTEGER NOT NULL,
  type         TEXT NOT NULL,
  target_key   TEXT NOT NULL,
  local_port   TEXT NOT NULL DEFAULT '',
  remote_port  TEXT,
  confidence   REAL NOT NULL,
  PRIMARY KEY (record_id, type, target_key, local_port)
) WITHOUT ROWID;
CREATE INDEX relation_claims_target ON relation_claims (target_key);

-- Golden records. uid is the content-derived id the API uses; body is the compact record (field
-- provenance, competing values, submodels, merges, quality); the columns are what lists sort and
-- filter on.
DROP TABLE IF EXISTS asset_fields;
DROP TABLE IF EXISTS identities;
DROP TABLE IF EXISTS hardware;
DROP TABLE IF EXISTS network_interfaces;
DROP TABLE IF EXISTS software;
DROP TABLE IF EXISTS merge_explanations;
DROP TABLE IF EXISTS asset_source_stats;
DROP TABLE IF EXISTS observation_heads;
DROP TABLE IF EXISTS observation_blocking_keys;
DROP TABLE IF EXISTS relations;
DROP TABLE IF EXISTS asset_search;
CREATE TABLE legacy_assets AS SELECT id, name FROM assets;
DROP TABLE assets;

CREATE TABLE assets (
  id               INTEGER PRIMARY KEY,
  uid              TEXT NOT NULL UNIQUE,
  class            TEXT NOT NULL,
  name             TEXT NOT NULL,
  status           TEXT NOT NULL DEFAULT 'active',
  hostname         TEXT,
  fqdn             TEXT,
  primary_ip       TEXT,
  ip_sort          BLOB,
  serial           TEXT,
  vendor           TEXT,
  model            TEXT,
  os_name          TEXT,
  os_version       TEXT,
  lifecycle_stage  TEXT,
  owner            TEXT,
  source_count     INTEGER NOT NULL,
  quality          REAL,
  first_seen       TEXT NOT NULL,
  last_seen        TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  created_cause    TEXT,
  updated_at       TEXT NOT NULL,
  content_hash     TEXT NOT NULL,
  body             TEXT NOT NULL
);
-- Inventory list indexes (src-main/db/list-assets.ts decides which plan uses which).
-- One per sort field, keyed (sort key, id): every sort is an index walk, and a page continues from
-- the key of the row before it. Each ends with whichever of class, status and lifecycle_stage it
-- does not start with, so that those filters, alone or combined, are checked inside the index: a
-- page at any depth never reads the table for a row it skips and never sorts. class, status and
-- lifecycle_stage sort by name within a value, so that one-value filter sorted by name is one range.
CREATE INDEX assets_name ON assets (name COLLATE NOCASE, id, class, status, lifecycle_stage);
CREATE INDEX assets_class ON assets (class, name COLLATE NOCASE, id, status, lifecycle_stage);
CREATE INDEX assets_status ON assets (status, name COLLATE NOCASE, id, class, lifecycle_stage);
CREATE INDEX assets_lifecycle ON assets (lifecycle_stage, name COLLATE NOCASE, id, class, status);
CREATE INDEX assets_hostname ON assets (hostname COLLATE NOCASE, id, class, status, lifecycle_stage);
CREATE INDEX assets_ip ON assets (ip_sort, id, class, status, lifecycle_stage);
CREATE INDEX assets_serial ON assets (serial COLLATE NOCASE, id, class, status, lifecycle_stage);
CREATE INDEX assets_vendor ON assets (vendor COLLATE NOCASE, id, class, status, lifecycle_stage);
CREATE INDEX assets_model ON assets (model COLLATE NOCASE, id, class, status, lifecycle_stage);
CREATE INDEX assets_os_name ON assets (os_name COLLATE NOCASE, id, class, status, lifecycle_stage);
CREATE INDEX assets_source_count ON assets (source_count, id, class, status, lifecycle_stage);
CREATE INDEX assets_last_seen ON assets (last_seen, id, class, status, lifecycle_stage);
CREATE INDEX assets_first_seen ON assets (first_seen, id, class, status, lifecycle_stage);
CREATE INDEX assets_quality ON assets (quality, id, class, status, lifecycle_stage);
-- By id: the sort key by name and the filter columns of the rows a search, tag or source filter
-- matches, when few enough match to sort them (a 50 MB index instead of the table's pages). New
-- assets append to its end.
CREATE INDEX assets_by_id ON assets (id, name COLLATE NOCASE, class, status, lifecycle_stage);
-- End of inventory list indexes.

-- Free-text search: names, addresses, serials, vendors, models, installed software, and one token
-- per tag. Contentless, keyed by assets.id, written once per asset change.
CREATE VIRTUAL TABLE asset_search USING fts5(
  body,
  content = '',
  contentless_delete = 1,
  tokenize = "unicode61 tokenchars '.-:_/'",
  prefix = '2 4'
);

-- Tags: observed ones (from sources, recomputed) and people's (kept).
CREATE TABLE tags (
  asset_id  INTEGER NOT NULL,
  key       TEXT NOT NULL,
  value     TEXT NOT NULL,
  origin    TEXT NOT NULL,
  PRIMARY KEY (asset_id, key)
) WITHOUT ROWID;

CREATE TABLE lifecycle (
  asset_id      INTEGER PRIMARY KEY,
  stage         TEXT,
  owner         TEXT,
  warranty_end  TEXT,
  end_of_sale   TEXT,
  end_of_life   TEXT,
  notes         TEXT,
  updated_at    TEXT NOT NULL
);

-- Installed software: one row per distinct product version, and which assets run it.
CREATE TABLE software (
  id       INTEGER PRIMARY KEY,
  name     TEXT NOT NULL,
  version  TEXT NOT NULL DEFAULT '',
  vendor   TEXT NOT NULL DEFAULT '',
  purl     TEXT,
  cpe      TEXT,
  UNIQUE (name, version, vendor)
);
CREATE TABLE asset_software (
  asset_id     INTEGER NOT NULL,
  software_id  INTEGER NOT NULL,
  PRIMARY KEY (asset_id, software_id)
) WITHOUT ROWID;
CREATE INDEX asset_software_software ON asset_software (software_id, asset_id);

-- Relations the engine derives (a device replaced by another).
CREATE TABLE derived_relations (
  from_asset_id  INTEGER NOT NULL,
  to_asset_id    INTEGER NOT NULL,
  type           TEXT NOT NULL,
  score          REAL NOT NULL,
  breakdown      TEXT NOT NULL,
  PRIMARY KEY (from_asset_id, type, to_asset_id)
) WITHOUT ROWID;
CREATE INDEX derived_relations_to ON derived_relations (to_asset_id);

-- Changes to golden records; creation is the asset row itself (created_at, created_cause), so only
-- updates, splits, merges and removals are rows, each with just what changed.
CREATE TABLE asset_versions (
  id               INTEGER PRIMARY KEY,
  asset_uid        TEXT NOT NULL,
  version          INTEGER NOT NULL,
  at               TEXT NOT NULL,
  change           TEXT NOT NULL,
  cause            TEXT NOT NULL,
  cause_id         TEXT,
  correlation_id   TEXT,
  changes          TEXT NOT NULL,
  members_added    TEXT NOT NULL DEFAULT '[]',
  members_removed  TEXT NOT NULL DEFAULT '[]',
  successor_uid    TEXT,
  UNIQUE (asset_uid, version)
);

-- Per source, summed over its assets: field values given and disagreements with the golden record.
CREATE TABLE source_quality (
  source_seq  INTEGER PRIMARY KEY,
  assets      INTEGER NOT NULL,
  fields      INTEGER NOT NULL,
  conflicts   INTEGER NOT NULL
);

-- Counts the inventory shows without counting a million rows.
CREATE TABLE asset_counts (
  dimension  TEXT NOT NULL,
  value      TEXT NOT NULL,
  count      INTEGER NOT NULL,
  PRIMARY KEY (dimension, value)
) WITHOUT ROWID;

-- Operator decisions and the stewardship queue, over records.
CREATE TABLE match_decisions (
  id                   TEXT PRIMARY KEY,
  kind                 TEXT NOT NULL CHECK (kind IN ('force_merge', 'never_merge')),
  left_record_id       INTEGER NOT NULL,
  right_record_id      INTEGER NOT NULL,
  reason               TEXT,
  actor                TEXT NOT NULL,
  origin               TEXT NOT NULL,
  stewardship_item_id  TEXT,
  created_at           TEXT NOT NULL,
  revoked_at           TEXT,
  revoked_by           TEXT
);
CREATE INDEX match_decisions_left ON match_decisions (left_record_id) WHERE revoked_at IS NULL;
CREATE INDEX match_decisions_right ON match_decisions (right_record_id) WHERE revoked_at IS NULL;
CREATE INDEX match_decisions_created ON match_decisions (created_at DESC, id);

CREATE TABLE stewardship_items (
  id               TEXT PRIMARY KEY,
  kind             TEXT NOT NULL,
  left_record_id   INTEGER NOT NULL,
  right_record_id  INTEGER NOT NULL,
  left_asset_id    INTEGER,
  right_asset_id   INTEGER,
  score            REAL NOT NULL,
  breakdown        TEXT NOT NULL,
  conflicts        TEXT NOT NULL,
  status           TEXT NOT NULL DEFAULT 'open',
  opened_at        TEXT NOT NULL,
  decided_at       TEXT,
  decided_by       TEXT,
  note             TEXT,
  deferred_until   TEXT
);
CREATE INDEX stewardship_items_status ON stewardship_items (status, score DESC, id);
CREATE INDEX stewardship_items_left ON stewardship_items (left_record_id);
CREATE INDEX stewardship_items_right ON stewardship_items (right_record_id);
CREATE INDEX stewardship_items_left_asset ON stewardship_items (left_asset_id);
CREATE INDEX stewardship_items_right_asset ON stewardship_items (right_asset_id);

CREATE TABLE discovery_run_hosts (
  run_id             TEXT NOT NULL REFERENCES discovery_runs(id) ON DELETE CASCADE,
  host               TEXT NOT NULL,
  port               INTEGER NOT NULL,
  status             TEXT NOT NULL,
  credential_set_id  TEXT REFERENCES credential_sets(id) ON DELETE SET NULL,
  asset_uid          TEXT,
  message            TEXT,
  attempts_json      TEXT NOT NULL DEFAULT '[]',
  duration_ms        INTEGER NOT NULL,
  request_count      INTEGER NOT NULL,
  finished_at        TEXT NOT NULL,
  PRIMARY KEY (run_id, host, port)
) WITHOUT ROWID;
CREATE INDEX discovery_run_hosts_status ON discovery_run_hosts (run_id, status);
CREATE INDEX discovery_run_hosts_asset ON discovery_run_hosts (asset_uid);
INSERT INTO discovery_run_hosts (run_id, host, port, status, credential_set_id, asset_uid, message, attempts_json, duration_ms, request_count, finished_at)
  SELECT run_id, host, port, status, credential_set_id, asset_id, message, attempts_json, duration_ms, request_count, finished_at FROM legacy_discovery_run_hosts;

CREATE TABLE learned_addresses (
  id                      INTEGER PRIMARY KEY,
  run_id                  TEXT NOT NULL REFERENCES discovery_runs(id) ON DELETE CASCADE,
  ip                      TEXT,
  mac                     TEXT,
  via                     TEXT NOT NULL,
  learned_from_asset_uid  TEXT,
  in_scope                INTEGER NOT NULL,
  network                 TEXT
);
CREATE UNIQUE INDEX learned_addresses_unique ON learned_addresses (run_id, coalesce(ip, ''), coalesce(mac, ''), via, coalesce(learned_from_asset_uid, ''));
CREATE INDEX learned_addresses_ip ON learned_addresses (ip);
CREATE INDEX learned_addresses_asset ON learned_addresses (learned_from_asset_uid);
INSERT INTO learned_addresses (id, run_id, ip, mac, via, learned_from_asset_uid, in_scope, network)
  SELECT id, run_id, ip, mac, via, learned_from_asset_id, in_scope, network FROM legacy_learned_addresses;
DROP TABLE legacy_learned_addresses;
DROP TABLE legacy_discovery_run_hosts;

-- Records from the old observations: every version, heads last-seen per natural key. The body is
-- rebuilt from the old JSON columns; run and raw payload are kept.
INSERT INTO records (source_seq, native_key, head_id, content_hash, first_seen, last_seen)
  SELECT s.seq, o.native_key, 0, '', min(o.observed_at), max(o.observed_at)
  FROM legacy_observations o JOIN sources s ON s.id = o.source_id
  GROUP BY s.seq, o.native_key;
INSERT INTO observations (record_id, prev_id, run_id, observed_at, content_hash, body, raw)
  SELECT r.id, NULL, o.run_id, o.observed_at, o.content_hash,
    json_object('c', o.asset_class, 'f', json(o.fields_json), 'i', json(o.interfaces_json), 's', json(o.software_json), 't', json(o.tags_json), 'r', json(o.relations_json)),
    o.raw_json
  FROM legacy_observations o JOIN sources s ON s.id = o.source_id JOIN records r ON r.source_seq = s.seq AND r.native_key = o.native_key
  ORDER BY r.id, o.observed_at, o.content_hash, o.id;
UPDATE observations SET prev_id = (SELECT max(p.id) FROM observations p WHERE p.record_id = observations.record_id AND p.id < observations.id);
UPDATE records SET head_id = (SELECT max(o.id) FROM observations o WHERE o.record_id = records.id);
UPDATE records SET content_hash = (SELECT o.content_hash FROM observations o WHERE o.id = records.head_id);
DROP TABLE legacy_observations;

-- Decisions over records (a decision whose record is unknown cannot apply and is dropped).
INSERT INTO match_decisions (id, kind, left_record_id, right_record_id, reason, actor, origin, stewardship_item_id, created_at, revoked_at, revoked_by)
  SELECT d.id, d.kind, lr.id, rr.id, d.reason, d.actor, d.origin, d.stewardship_item_id, d.created_at, d.revoked_at, d.revoked_by
  FROM legacy_match_decisions d
  JOIN sources ls ON ls.id = d.left_source_id JOIN records lr ON lr.source_seq = ls.seq AND lr.native_key = d.left_native_key
  JOIN sources rs ON rs.id = d.right_source_id JOIN records rr ON rr.source_seq = rs.seq AND rr.native_key = d.right_native_key;
DROP TABLE legacy_match_decisions;
`;
