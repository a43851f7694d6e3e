// Every tunable of reconciliation in one place: match weights (from m/u probabilities, see
// match-weights.ts), thresholds, which identifiers veto, field precedence by source kind, confidence,
// freshness and staleness, and quality weights. The defaults are documented in
// docs/reconciliation.md; callers may override any part.
import type { AssetClass, AssetFieldName, SourceKind } from '../../../src-shared/model/index.js';
import { MATCH_REVIEW_THRESHOLD, MATCH_MERGE_THRESHOLD } from '../../../src-shared/model/index.js';
import { DEFAULT_MATCH_LEVELS, weightsFromLevels, type MatchEvidenceKind, type MatchLevelTable } from './match-weights.js';

/** Identifiers that, when both sides have one and they differ, forbid a merge. */
export const STRONG_IDENTIFIER_KINDS = ['cloud_instance_id', 'serial', 'bios_uuid', 'opcua_application_uri', 'bacnet_device', 'modbus_unit'] as const;
export type StrongIdentifierKind = (typeof STRONG_IDENTIFIER_KINDS)[number];

/** Precedence can be set per field, and for the submodels and the asset class. */
export type PrecedenceTarget = AssetFieldName | 'asset_class' | 'interfaces' | 'software' | 'tags';

export interface ReconcileConfig {
  /** m and u of every comparison level; `weights` must be weightsFromLevels(levels). */
  levels: MatchLevelTable;
  /** Bits (log2 m/u) per evidence kind. */
  weights: Record<MatchEvidenceKind, number>;
  /** In bits: a pair scoring `merge` or more is one device; from `review` up to it, a person decides. */
  thresholds: { merge: number; review: number };
  /** Strong identifiers whose conflict vetoes a merge. */
  vetoOn: readonly StrongIdentifierKind[];
  /** A value this many devices of one source share identifies nothing (term-frequency cap). */
  sharedValueFrequency: number;
  /** Two sightings of one DHCP address closer than this are "at the same time"; further apart, possibly reuse. */
  dhcpSameTimeMs: number;
  /** Same name, different real serial: the older device is replaced_by the newer if they overlapped at most this long. */
  replacementOverlapMs: number;
  /** An asset not seen by any source for this long becomes stale (per class; default for the others). */
  staleAfterDays: Partial<Record<AssetClass, number>> & { default: number };
  /**
   * A value last observed this long before the asset's newest observation ranks after fresher ones,
   * whatever its precedence (a renamed host's old name in a stale inventory row).
   */
  outdatedAfterDays: number;
  /** Precedence (first wins) per field; fields not listed use defaultPrecedence. Kinds not listed rank last. */
  precedence: Partial<Record<PrecedenceTarget, readonly SourceKind[]>>;
  defaultPrecedence: readonly SourceKind[];
  /** How far a value from this kind of source can be trusted, by source kind (agreeing sources combine). */
  baseConfidence: Record<SourceKind, number>;
  /** Freshness, shown next to confidence: 1 for this long after a value was last observed, then halving every halfLifeDays. */
  freshness: {
    freshForDays: number;
    halfLifeDays: number;
    /** Kinds whose values do not age (a person's edit stays true until a person changes it). */
    exemptKinds: readonly SourceKind[];
  };
  /** Values from these kinds win every field they set; later conflicting values become suggestions. */
  manualKinds: readonly SourceKind[];
  quality: {
    weights: { completeness: number; agreement: number };
    requiredFields: Partial<Record<AssetClass, readonly AssetFieldName[]>>;
    defaultRequiredFields: readonly AssetFieldName[];
  };
}

const CLOUD_FIRST: readonly SourceKind[] = ['aws', 'azure', 'gcp', 'cloud_manual', 'servers_cache', 'desktop_cache', 'snmp', 'opcua', 'bacnet', 'modbus'];
const INVENTORY_FIRST: readonly SourceKind[] = ['servers_cache', 'desktop_cache', 'aws', 'azure', 'gcp', 'cloud_manual', 'opcua', 'bacnet', 'modbus', 'snmp'];
const DEVICE_FIRST: readonly SourceKind[] = ['opcua', 'bacnet', 'modbus', 'servers_cache', 'desktop_cache', 'snmp', 'aws', 'azure', 'gcp', 'cloud_manual'];
const NETWORK_FIRST: readonly SourceKind[] = ['snmp', 'servers_cache', 'desktop_cache', 'aws', 'azure', 'gcp', 'opcua', 'bacnet', 'modbus', 'cloud_manual'];

const DAY_MS = 86_400_000;

export const DEFAULT_RECONCILE_CONFIG: ReconcileConfig = {
  levels: DEFAULT_MATCH_LEVELS,
  weights: weightsFromLevels(DEFAULT_MATCH_LEVELS),
  thresholds: { merge: MATCH_MERGE_THRESHOLD, review: MATCH_REVIEW_THRESHOLD },
  vetoOn: ['cloud_instance_id', 'serial', 'bios_uuid', 'opcua_application_uri', 'bacnet_device', 'modbus_unit'],
  sharedValueFrequency: 8,
  // A typical office lease is a day to a week; cloud addresses stay for an instance's life.
  dhcpSameTimeMs: 7 * DAY_MS,
  replacementOverlapMs: 7 * DAY_MS,
  staleAfterDays: { default: 30, cloud_instance: 7, virtual_machine: 14, workstation: 45 },
  outdatedAfterDays: 30,
  precedence: {
    asset_class: ['aws', 'azure', 'gcp', 'cloud_manual', 'opcua', 'bacnet', 'modbus', 'servers_cache', 'desktop_cache', 'snmp'],
    cloud_provider: CLOUD_FIRST,
    cloud_account: CLOUD_FIRST,
    cloud_region: CLOUD_FIRST,
    cloud_instance_id: CLOUD_FIRST,
    instance_type: CLOUD_FIRST,
    power_state: CLOUD_FIRST,
    public_ips: CLOUD_FIRST,
    os_name: INVENTORY_FIRST,
    os_version: INVENTORY_FIRST,
    software: INVENTORY_FIRST,
    cpu: INVENTORY_FIRST,
    cpu_cores: INVENTORY_FIRST,
    memory_mb: INVENTORY_FIRST,
    vendor: DEVICE_FIRST,
    model: DEVICE_FIRST,
    serial: DEVICE_FIRST,
    firmware: DEVICE_FIRST,
    opcua_application_uri: DEVICE_FIRST,
    bacnet_device: DEVICE_FIRST,
    modbus_unit: DEVICE_FIRST,
    interfaces: NETWORK_FIRST,
    sys_object_id: NETWORK_FIRST,
    uptime_seconds: NETWORK_FIRST,
    location: NETWORK_FIRST,
    contact: NETWORK_FIRST,
  },
  defaultPrecedence: INVENTORY_FIRST,
  baseConfidence: {
    manual: 1,
    aws: 0.95,
    azure: 0.95,
    gcp: 0.95,
    opcua: 0.9,
    bacnet: 0.85,
    servers_cache: 0.85,
    cloud_manual: 0.85,
    desktop_cache: 0.8,
    snmp: 0.75,
    modbus: 0.7,
    // What engineering documents expect a device to be: below what the device says of itself.
    ot_seed: 0.6,
    // A person's entry of a device no protocol can see.
    ot_manual: 1,
  },
  freshness: { freshForDays: 7, halfLifeDays: 30, exemptKinds: ['manual', 'ot_manual'] },
  manualKinds: ['manual', 'ot_manual'],
  quality: {
    weights: { completeness: 0.6, agreement: 0.4 },
    requiredFields: {
      server: ['hostname', 'vendor', 'model', 'serial', 'os_name', 'primary_ip'],
      storage: ['hostname', 'vendor', 'model', 'serial', 'firmware', 'primary_ip'],
      workstation: ['hostname', 'vendor', 'model', 'serial', 'os_name'],
      virtual_machine: ['hostname', 'os_name', 'primary_ip'],
      cloud_instance: ['cloud_instance_id', 'cloud_provider', 'cloud_region', 'instance_type', 'primary_ip'],
      network_device: ['hostname', 'vendor', 'model', 'serial', 'firmware', 'primary_ip'],
      firewall: ['hostname', 'vendor', 'model', 'serial', 'firmware', 'primary_ip'],
      plc: ['vendor', 'model', 'serial', 'firmware', 'primary_ip'],
      hmi: ['vendor', 'model', 'serial', 'firmware', 'primary_ip'],
      drive: ['vendor', 'model', 'serial', 'primary_ip'],
      building_controller: ['vendor', 'model', 'bacnet_device', 'primary_ip'],
    },
    defaultRequiredFields: ['name', 'vendor', 'model', 'primary_ip'],
  },
};

/** Precedence rank of a source kind for a target: lower is better; manual kinds are handled separately. */
export function precedenceRank(config: ReconcileConfig, target: PrecedenceTarget, kind: SourceKind): number {
  const order = config.precedence[target] ?? config.defaultPrecedence;
  const index = order.indexOf(kind);
  return index < 0 ? order.length : index;
}
