// Row types of the local database, for Kysely's query builder. Mirrors migrations/*.sql.
export interface SourcesTable { id: string; seq: number; kind: string; name: string; settings_json: string; import_settings_json: string; created_at: string }
export interface DiscoveryRunsTable {
  id: string;
  kind: string;
  source_id: string | null;
  trigger: string;
  scope: string;
  status: string;
  read_count: number;
  created_count: number;
  updated_count: number;
  unchanged_count: number;
  rejected_count: number;
  error_json: string | null;
  preview_json: string | null;
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
  correlation_id: string;
}
export interface AssetsTable {
  id: number;
  uid: string;
  class: string;
  name: string;
  status: string;
  hostname: string | null;
  fqdn: string | null;
  primary_ip: string | null;
  ip_sort: Buffer | null;
  serial: string | null;
  vendor: string | null;
  model: string | null;
  os_name: string | null;
  os_version: string | null;
  lifecycle_stage: string | null;
  owner: string | null;
  source_count: number;
  quality: number | null;
  first_seen: string;
  last_seen: string;
  created_at: string;
  created_cause: string | null;
  updated_at: string;
  content_hash: string;
  body: string;
}
export interface AssetSearchTable { rowid: number; body: string; asset_search: string }
export interface RecordsTable {
  id: number;
  source_seq: number;
  native_key: string;
  head_id: number;
  content_hash: string;
  raw_hash: string | null;
  first_seen: string;
  last_seen: string;
  asset_id: number | null;
  solo: number;
}
export interface RecordKeysTable { key: string; source_seq: number; record_id: number }
export interface TagsTable { asset_id: number; key: string; value: string; origin: string }
export interface AssetSoftwareTable { asset_id: number; software_id: number }
export interface SoftwareTable { id: number; name: string; version: string; vendor: string; purl: string | null; cpe: string | null }
export interface LifecycleTable {
  asset_id: number;
  stage: string | null;
  owner: string | null;
  warranty_end: string | null;
  end_of_sale: string | null;
  end_of_life: string | null;
  notes: string | null;
  updated_at: string;
}
export interface AuditEventsTable {
  seq: number;
  id: string;
  at: string;
  actor: string;
  action: string;
  target_type: string;
  target_id: string | null;
  before_json: string | null;
  after_json: string | null;
  correlation_id: string | null;
  prev_hash: string;
  hash: string;
}
export interface SavedViewsTable { id: string; name: string; definition: string; created_at: string; updated_at: string; created_by: string }
export interface BulkChangesTable {
  id: string;
  action: string;
  actor: string;
  at: string;
  assets: number;
  changed: number;
  unchanged: number;
  fields: string;
  undone_at: string | null;
  undone_by: string | null;
  restored: number | null;
  skipped: number | null;
}
export interface BulkChangeItemsTable { change_id: string; asset_uid: string; before: string; after: string }

export interface LocalSchema {
  sources: SourcesTable;
  discovery_runs: DiscoveryRunsTable;
  assets: AssetsTable;
  asset_search: AssetSearchTable;
  records: RecordsTable;
  record_keys: RecordKeysTable;
  tags: TagsTable;
  software: SoftwareTable;
  asset_software: AssetSoftwareTable;
  lifecycle: LifecycleTable;
  audit_events: AuditEventsTable;
  saved_views: SavedViewsTable;
  bulk_changes: BulkChangesTable;
  bulk_change_items: BulkChangeItemsTable;
}
