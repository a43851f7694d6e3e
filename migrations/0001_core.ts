// Migration 0001: the core tables of the local database (DESIGN.md, "Data model").
// SQL kept in a TypeScript module so it is bundled statically and runs unchanged under tsx, Vitest and esbuild.
export default /* sql */ `
-- Core tables of the local database (DESIGN.md, "Data model"). Times are ISO-8601 UTC text; ids are
-- UUIDv7 text. JSON columns hold arrays/objects written by the application, never by hand.

CREATE TABLE sources (
  id            TEXT PRIMARY KEY,
  kind          TEXT NOT NULL,
  name          TEXT NOT NULL,
  settings_json TEXT NOT NULL DEFAULT '{}',
  created_at    TEXT NOT NULL,
  UNIQUE (kind, name)
);

CREATE TABLE discovery_runs (
  id              TEXT PRIMARY KEY,
  kind            TEXT NOT NULL,
  source_id       TEXT REFERENCES sources(id),
  trigger         TEXT NOT NULL,
  scope           TEXT NOT NULL,
  status          TEXT NOT NULL,
  read_count      INTEGER NOT NULL DEFAULT 0,
  created_count   INTEGER NOT NULL DEFAULT 0,
  updated_count   INTEGER NOT NULL DEFAULT 0,
  unchanged_count INTEGER NOT NULL DEFAULT 0,
  rejected_count  INTEGER NOT NULL DEFAULT 0,
  error_json      TEXT,
  started_at      TEXT NOT NULL,
  finished_at     TEXT,
  duration_ms     INTEGER,
  correlation_id  TEXT NOT NULL
);
CREATE INDEX discovery_runs_started ON discovery_runs (started_at DESC);

CREATE TABLE assets (
  id              TEXT PRIMARY KEY,
  class           TEXT NOT NULL,
  name            TEXT NOT NULL,
  status          TEXT NOT NULL DEFAULT 'active',
  hostname        TEXT,
  fqdn            TEXT,
  primary_ip      TEXT,
  serial          TEXT,
  vendor          TEXT,
  model           TEXT,
  os_name         TEXT,
  os_version      TEXT,
  lifecycle_stage TEXT,
  source_count    INTEGER NOT NULL DEFAULT 0,
  quality_score   REAL,
  first_seen      TEXT NOT NULL,
  last_seen       TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
-- One index per sortable column, plus class-leading ones for the most common filter.
CREATE INDEX assets_name ON assets (name COLLATE NOCASE, id);
CREATE INDEX assets_class_name ON assets (class, name COLLATE NOCASE, id);
CREATE INDEX assets_hostname ON assets (hostname COLLATE NOCASE, id);
CREATE INDEX assets_primary_ip ON assets (primary_ip, id);
CREATE INDEX assets_serial ON assets (serial COLLATE NOCASE, id);
CREATE INDEX assets_vendor ON assets (vendor COLLATE NOCASE, id);
CREATE INDEX assets_model ON assets (model COLLATE NOCASE, id);
CREATE INDEX assets_os_name ON assets (os_name COLLATE NOCASE, id);
CREATE INDEX assets_status ON assets (status, name COLLATE NOCASE, id);
CREATE INDEX assets_lifecycle ON assets (lifecycle_stage, name COLLATE NOCASE, id);
CREATE INDEX assets_last_seen ON assets (last_seen, id);
CREATE INDEX assets_first_seen ON assets (first_seen, id);
CREATE INDEX assets_quality ON assets (quality_score, id);
CREATE INDEX assets_source_count ON assets (source_count, id);
CREATE INDEX assets_class_last_seen ON assets (class, last_seen, id);

-- Free-text search over names, addresses, serials, vendors and models. Contentless: the text lives
-- in assets and its submodels; rows are keyed by assets.rowid.
CREATE VIRTUAL TABLE asset_search USING fts5(
  body,
  content = '',
  contentless_delete = 1,
  tokenize = "unicode61 tokenchars '.-:_/'"
);

CREATE TABLE observations (
  id               TEXT PRIMARY KEY,
  source_id        TEXT NOT NULL REFERENCES sources(id),
  run_id           TEXT REFERENCES discovery_runs(id),
  native_key       TEXT NOT NULL,
  observed_at      TEXT NOT NULL,
  asset_class      TEXT,
  fields_json      TEXT NOT NULL,
  interfaces_json  TEXT NOT NULL,
  software_json    TEXT NOT NULL,
  tags_json        TEXT NOT NULL,
  relations_json   TEXT NOT NULL,
  raw_json         TEXT NOT NULL,
  content_hash     TEXT NOT NULL,
  idempotency_key  TEXT NOT NULL UNIQUE,
  asset_id         TEXT REFERENCES assets(id),
  created_at       TEXT NOT NULL
);
CREATE INDEX observations_source_key ON observations (source_id, native_key, observed_at);
CREATE INDEX observations_asset ON observations (asset_id);
CREATE INDEX observations_run ON observations (run_id);

-- Which source record (source + native key) currently maps to which asset.
CREATE TABLE asset_sources (
  source_id   TEXT NOT NULL REFERENCES sources(id),
  native_key  TEXT NOT NULL,
  asset_id    TEXT NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
  first_seen  TEXT NOT NULL,
  last_seen   TEXT NOT NULL,
  PRIMARY KEY (source_id, native_key)
) WITHOUT ROWID;
CREATE INDEX asset_sources_asset ON asset_sources (asset_id);
CREATE INDEX asset_sources_source_asset ON asset_sources (source_id, asset_id);

-- Field-level provenance of the golden record.
CREATE TABLE asset_fields (
  asset_id        TEXT NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
  field           TEXT NOT NULL,
  value_json      TEXT NOT NULL,
  source_id       TEXT NOT NULL REFERENCES sources(id),
  observation_id  TEXT REFERENCES observations(id),
  confidence      REAL NOT NULL,
  observed_at     TEXT NOT NULL,
  PRIMARY KEY (asset_id, field)
) WITHOUT ROWID;

CREATE TABLE identities (
  kind       TEXT NOT NULL,
  value      TEXT NOT NULL,
  asset_id   TEXT NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
  weight     REAL NOT NULL,
  source_id  TEXT REFERENCES sources(id),
  PRIMARY KEY (kind, value, asset_id)
) WITHOUT ROWID;
CREATE INDEX identities_asset ON identities (asset_id);

CREATE TABLE hardware (
  asset_id  TEXT PRIMARY KEY REFERENCES assets(id) ON DELETE CASCADE,
  vendor    TEXT,
  model     TEXT,
  serial    TEXT,
  firmware  TEXT
);

CREATE TABLE network_interfaces (
  id           TEXT PRIMARY KEY,
  asset_id     TEXT NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
  name         TEXT,
  mac          TEXT,
  ips_json     TEXT NOT NULL DEFAULT '[]',
  vlan         INTEGER,
  speed_mbps   REAL,
  oper_status  TEXT,
  source_id    TEXT REFERENCES sources(id)
);
CREATE INDEX network_interfaces_asset ON network_interfaces (asset_id);
CREATE INDEX network_interfaces_mac ON network_interfaces (mac);

CREATE TABLE software (
  id         TEXT PRIMARY KEY,
  asset_id   TEXT NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  version    TEXT,
  vendor     TEXT,
  purl       TEXT,
  source_id  TEXT REFERENCES sources(id)
);
CREATE INDEX software_asset ON software (asset_id);
CREATE INDEX software_name ON software (name COLLATE NOCASE, version);

CREATE TABLE tags (
  asset_id  TEXT NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
  key       TEXT NOT NULL,
  value     TEXT NOT NULL,
  PRIMARY KEY (asset_id, key)
) WITHOUT ROWID;
CREATE INDEX tags_key_value ON tags (key, value);

CREATE TABLE lifecycle (
  asset_id     TEXT PRIMARY KEY REFERENCES assets(id) ON DELETE CASCADE,
  stage        TEXT,
  owner        TEXT,
  warranty_end TEXT,
  end_of_sale  TEXT,
  end_of_life  TEXT,
  notes        TEXT,
  updated_at   TEXT NOT NULL
);

CREATE TABLE relations (
  id             TEXT PRIMARY KEY,
  type           TEXT NOT NULL,
  from_asset_id  TEXT NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
  to_asset_id    TEXT NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
  source_id      TEXT REFERENCES sources(id),
  confidence     REAL NOT NULL,
  local_port     TEXT,
  remote_port    TEXT,
  first_seen     TEXT NOT NULL,
  last_seen      TEXT NOT NULL
);
CREATE INDEX relations_from ON relations (from_asset_id, type);
CREATE INDEX relations_to ON relations (to_asset_id, type);

-- Append-only, hash-chained: each row's hash covers its content and the previous row's hash.
CREATE TABLE audit_events (
  seq             INTEGER PRIMARY KEY,
  id              TEXT NOT NULL UNIQUE,
  at              TEXT NOT NULL,
  actor           TEXT NOT NULL,
  action          TEXT NOT NULL,
  target_type     TEXT NOT NULL,
  target_id       TEXT,
  before_json     TEXT,
  after_json      TEXT,
  correlation_id  TEXT,
  prev_hash       TEXT NOT NULL,
  hash            TEXT NOT NULL
);
CREATE INDEX audit_events_target ON audit_events (target_type, target_id, seq);

-- The chain's head (last seq and hash), so that removing the newest events is detected too.
CREATE TABLE audit_head (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  seq   INTEGER NOT NULL,
  hash  TEXT NOT NULL
);
`;
