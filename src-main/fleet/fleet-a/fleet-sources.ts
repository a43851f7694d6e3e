// The sources generator A's estate is seen through. Ids double as source names in written estates.
import type { SourceKind } from '../../../src-shared/model/index.js';

export const FLEET_SOURCES = [
  { sourceId: 'src-servers', sourceKind: 'servers_cache' },
  { sourceId: 'src-desktops', sourceKind: 'desktop_cache' },
  { sourceId: 'src-cloud', sourceKind: 'cloud_manual' },
  { sourceId: 'src-snmp-dc', sourceKind: 'snmp' },
  { sourceId: 'src-snmp-plant', sourceKind: 'snmp' },
  { sourceId: 'src-opcua', sourceKind: 'opcua' },
  { sourceId: 'src-modbus', sourceKind: 'modbus' },
  /** The OT engineers' hand-kept seed list of plant devices, imported as a server inventory file. */
  { sourceId: 'src-ot-seed', sourceKind: 'servers_cache' },
  { sourceId: 'src-manual', sourceKind: 'manual' },
] as const satisfies readonly { sourceId: string; sourceKind: SourceKind }[];
export type FleetSourceId = (typeof FLEET_SOURCES)[number]['sourceId'];
