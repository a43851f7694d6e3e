// The columns (CSV) and top-level fields (JSON) each import kind understands, in the order writers
// use, and which of them are required or identify a record.
import type { ImportKind } from '../../../src-shared/model/source-kinds.js';

export const HOST_COLUMNS = [
  'id',
  'hostname',
  'fqdn',
  'serial',
  'vendor',
  'model',
  'os_name',
  'os_version',
  'cpu',
  'cpu_cores',
  'memory_mb',
  'location',
  'class',
  'bios_uuid',
  'asset_tag',
  'firmware',
  'os_edition',
  'os_build',
  'domain',
  'cloud_provider',
  'cloud_account',
  'cloud_instance_id',
  'ips',
  'macs',
  'interfaces',
  'software',
  'tags',
  'last_seen',
] as const;

export const CLOUD_COLUMNS = [
  'provider',
  'account',
  'region',
  'instance_id',
  'name',
  'instance_type',
  'state',
  'hostname',
  'bios_uuid',
  'private_ips',
  'public_ips',
  'tags',
  'observed_at',
] as const;

/** An OT seed list (docs/ot-seed-and-manual.md). */
export const OT_SEED_COLUMNS = [
  'id',
  'address',
  'protocols',
  'name',
  'class',
  'vendor',
  'model',
  'serial',
  'firmware',
  'description',
  'site',
  'area',
  'zone',
  'conduit',
  'purdue_level',
  'criticality',
  'process_function',
  'modbus_unit',
  'bacnet_device',
  'opcua_endpoint',
  'opcua_application_uri',
  'tags',
  'last_seen',
] as const;

export const IMPORT_COLUMNS: Record<ImportKind, readonly string[]> = {
  servers_cache: HOST_COLUMNS,
  desktop_cache: HOST_COLUMNS,
  cloud_manual: CLOUD_COLUMNS,
  ot_seed: OT_SEED_COLUMNS,
};

/** Fields every OT seed entry needs. */
export const OT_SEED_REQUIRED_FIELDS = ['address'] as const;

/** Fields that can identify a host on their own; a host record needs at least one. */
export const HOST_IDENTIFIER_FIELDS = ['id', 'hostname', 'fqdn', 'serial'] as const;

/** Fields every cloud instance record needs. */
export const CLOUD_REQUIRED_FIELDS = ['provider', 'instance_id'] as const;

/** Identifying values: besides the control characters refused everywhere, tabs and line breaks are refused in these. */
export const SINGLE_LINE_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'hostname',
  'fqdn',
  'serial',
  'bios_uuid',
  'asset_tag',
  'domain',
  'cloud_provider',
  'cloud_account',
  'cloud_instance_id',
  'provider',
  'account',
  'instance_id',
  'address',
  'opcua_endpoint',
  'opcua_application_uri',
]);

export function isImportColumn(kind: ImportKind, name: string): boolean {
  return IMPORT_COLUMNS[kind].includes(name);
}
