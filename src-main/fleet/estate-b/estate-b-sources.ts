// Generator B's sources: each with the SourceKind it is imported or collected as, and the name the
// truth file uses. File kinds (servers_cache, desktop_cache, cloud_manual) only carry what their
// import format has columns for, so an estate written to files reads back the same.
import type { SourceKind } from '../../../src-shared/model/index.js';

export const ESTATE_B_SOURCES = [
  { name: 'cmdb', kind: 'servers_cache' },
  { name: 'endpoint-mgmt', kind: 'desktop_cache' },
  { name: 'monitoring', kind: 'servers_cache' },
  { name: 'aws-inventory', kind: 'cloud_manual' },
  { name: 'azure-inventory', kind: 'cloud_manual' },
  { name: 'gcp-inventory', kind: 'cloud_manual' },
  { name: 'snmp', kind: 'snmp' },
  { name: 'ot-seed-list', kind: 'servers_cache' },
  { name: 'modbus', kind: 'modbus' },
] as const satisfies readonly { name: string; kind: SourceKind }[];
export type EstateBSourceName = (typeof ESTATE_B_SOURCES)[number]['name'];
