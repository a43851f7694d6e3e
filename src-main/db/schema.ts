// Row types of the local database, for Kysely's query builder. Mirrors migrations/*.sql.
export interface SourcesTable { id: string; kind: string; name: string; settings_json: string; created_at: string }
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
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
  correlation_id: string;
}
export interface AssetsTable {
  id: string;
  class: string;
  name: string;
  status: string;
  hostname: string | null;
  fqdn: string | null;
  primary_ip: string | null;
  serial: string | null;
  vendor: string | null;
  model: string | null;
  os_name: string | null;
  os_version: string | null;
  lifecycle_stage: string | null;
  source_count: number;
  quality_score: number | null;
  quality_json: string | null;
  content_hash: string | null;
  first_seen: string;
  last_seen: string;
  created_at: string;
  updated_at: string;
}
export interface AssetSearchTable { rowid: number; body: string; asset_search: string }
export interface ObservationsTable {
  id: string;
  source_id: string;
  run_id: string | null;
  native_key: string;
  observed_at: string;
  asset_class: string | null;
  fields_json: string;
  interfaces_json: string;
  software_json: string;
  tags_json: string;
  relations_json: string;
  raw_json: string;
  content_hash: string;
  idempotency_key: string;
  asset_id: string | null;
  created_at: string;
}
export interface AssetSourcesTable { source_id: string; native_key: string; asset_id: string; first_seen: string; last_seen: string }
export interface AssetFieldsTable {
  asset_id: string;
  field: string;
  value_json: string;
  source_id: string;
  observation_id: string | null;
  confidence: number;
  observed_at: string;
  competing_json: string;
  suggestions_json: string;
}
export interface IdentitiesTable { kind: string; value: string; asset_id: string; weight: number; source_id: string | null }
export interface HardwareTable { asset_id: string; vendor: string | null; model: string | null; serial: string | null; firmware: string | null }
export interface NetworkInterfacesTable {
  id: string;
  asset_id: string;
  name: string | null;
  mac: string | null;
  ips_json: string;
  vlan: number | null;
  speed_mbps: number | null;
  oper_status: string | null;
  source_id: string | null;
}
export interface SoftwareTable { id: string; asset_id: string; name: string; version: string | null; vendor: string | null; purl: string | null; cpe: string | null; source_id: string | null }
export interface TagsTable { asset_id: string; key: string; value: string; origin: string }
export interface LifecycleTable {
  asset_id: string;
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

export interface LocalSchema {
  sources: SourcesTable;
  discovery_runs: DiscoveryRunsTable;
  assets: AssetsTable;
  asset_search: AssetSearchTable;
  observations: ObservationsTable;
  asset_sources: AssetSourcesTable;
  asset_fields: AssetFieldsTable;
  identities: IdentitiesTable;
  hardware: HardwareTable;
  network_interfaces: NetworkInterfacesTable;
  software: SoftwareTable;
  tags: TagsTable;
  lifecycle: LifecycleTable;
  audit_events: AuditEventsTable;
}
