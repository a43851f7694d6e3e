// What one source said about one thing at one time, in normalised-enough form for reconciliation.
// Collectors and file parsers produce ObservationInput; the engine derives identifiers from it.
import type { AssetClass } from './asset-classes.js';
import type { AssetFieldName, FieldValue } from './asset-fields.js';
import type { RelationType } from './relation-types.js';

export interface ObservedIp {
  address: string;
  /** The site or network the address was seen on: the same private IP on two plants is two things. */
  network?: string;
}

export interface ObservedInterface {
  name?: string;
  mac?: string;
  ips: ObservedIp[];
  vlan?: number;
  speedMbps?: number;
  operStatus?: 'up' | 'down' | 'testing' | 'unknown';
  description?: string;
}

export interface ObservedSoftware {
  name: string;
  version?: string;
  vendor?: string;
}

/** A reference to another thing by one of its identifiers (e.g. an LLDP neighbour by chassis MAC). */
export interface ObservedRelation {
  type: RelationType;
  /** `identity_key`: the value is an identity key as records are indexed by ("serial:…", "ip:plant-a/10.0.0.5"). */
  target: { kind: 'mac' | 'hostname' | 'ip' | 'serial' | 'native_key' | 'sys_name' | 'identity_key'; value: string; network?: string };
  localPort?: string;
  remotePort?: string;
  confidence: number;
}

export interface ObservationInput {
  /** The source's own key for this thing (row id, hostname, instance id, agent address, ...). */
  nativeKey: string;
  /** ISO-8601 UTC. */
  observedAt: string;
  assetClass: AssetClass | null;
  fields: Partial<Record<AssetFieldName, FieldValue>>;
  interfaces: ObservedInterface[];
  software: ObservedSoftware[];
  tags: Record<string, string>;
  relations: ObservedRelation[];
  /** The record as the source gave it, kept for evidence. */
  raw: unknown;
}
