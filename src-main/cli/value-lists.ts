// Value lists of the API contract that command definitions show in --help and check options
// against. The contract's own lists live in modules that build zod schemas, which would cost every
// start (even --help) about 60 ms; these copies are typed against the contract, so the compiler
// rejects a missing or extra value, and value-lists.test.ts checks the order.
import type { DiscoveryScopeOptions, OpcuaSecurityMode } from '../../src-shared/api/discovery-protocols.js';
import type { ExportFormat } from '../../src-shared/api/exports.js';
import type { AssetSortField } from '../../src-shared/api/inventory.js';
import type { SoftwareSortField } from '../../src-shared/api/software.js';

/** The keys of a string union, in the order written; `Record` makes the list exhaustive. */
function keysOf<T extends string>(table: Record<T, true>): readonly T[] {
  return Object.keys(table) as T[];
}

export const ASSET_SORT_FIELDS = keysOf<AssetSortField>({
  name: true,
  class: true,
  hostname: true,
  primaryIp: true,
  serial: true,
  vendor: true,
  model: true,
  osName: true,
  status: true,
  lifecycleStage: true,
  sourceCount: true,
  lastSeen: true,
  firstSeen: true,
  qualityScore: true,
});

export const EXPORT_FORMATS = keysOf<ExportFormat>({ csv: true, xlsx: true, json: true });
export const SOFTWARE_SORT_FIELDS = keysOf<SoftwareSortField>({
  name: true,
  vendor: true,
  assets: true,
  versions: true,
});

export const OPCUA_SECURITY_MODE_NAMES = keysOf<OpcuaSecurityMode>({ auto: true, None: true, Sign: true, SignAndEncrypt: true });
export type ProtocolName = DiscoveryScopeOptions['protocol'];
export const PROTOCOL_NAMES = keysOf<ProtocolName>({ snmp: true, modbus: true, bacnet: true, opcua: true });
