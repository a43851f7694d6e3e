// Every tunable of reconciliation in one place: identifier weights, thresholds, which identifiers
// veto, field precedence by source kind, confidence and decay, and quality weights. The defaults are
// documented in docs/reconciliation.md; callers may override any part.
import type { AssetClass, AssetFieldName, SourceKind } from '../../../src-shared/model/index.js';

/** The evidence kinds a pair score can be made of. */
export const MATCH_EVIDENCE_KINDS = [
  'cloud_instance_id',
  'vendor_serial',
  'serial',
  'weak_serial',
  'weak_serial_mac',
  'opcua_application_uri',
  'bacnet_device',
  'modbus_unit',
  'mac',
  'additional_mac',
  'weak_mac',
  'fqdn',
  'hostname',
  'ip',
  'additional_ip',
  'hostname_conflict',
  'fqdn_conflict',
  'class_conflict',
  'same_source_other_key',
] as const;
export type MatchEvidenceKind = (typeof MATCH_EVIDENCE_KINDS)[number];

/** Identifiers that, when both sides have one and they differ, forbid a merge. */
export const STRONG_IDENTIFIER_KINDS = ['cloud_instance_id', 'serial', 'opcua_application_uri', 'bacnet_device'] as const;
export type StrongIdentifierKind = (typeof STRONG_IDENTIFIER_KINDS)[number];

/** Precedence can be set per field, and for the submodels and the asset class. */
export type PrecedenceTarget = AssetFieldName | 'asset_class' | 'interfaces' | 'software' | 'tags';

export interface ReconcileConfig {
  weights: Record<MatchEvidenceKind, number>;
  thresholds: { merge: number; review: number };
  /** Strong identifiers whose conflict vetoes a merge. */
  vetoOn: readonly StrongIdentifierKind[];
  /** Classes whose serial numbers are copied by cloning or generated per platform: weak evidence only. */
  weakSerialClasses: readonly AssetClass[];
  /** Precedence (first wins) per field; fields not listed use defaultPrecedence. Kinds not listed rank last. */
  precedence: Partial<Record<PrecedenceTarget, readonly SourceKind[]>>;
  defaultPrecedence: readonly SourceKind[];
  /** Confidence of a freshly observed value, by source kind. */
  baseConfidence: Record<SourceKind, number>;
  decay: {
    /** A value keeps its full confidence this long after it was last observed. */
    freshForDays: number;
    /** After that, confidence halves every halfLifeDays. */
    halfLifeDays: number;
    /** Below this decayed confidence a value ranks after every fresher one regardless of precedence. */
    staleBelow: number;
    /** Kinds whose values do not decay (a person's edit stays true until a person changes it). */
    exemptKinds: readonly SourceKind[];
  };
  /** Values from these kinds win every field they set; later conflicting values become suggestions. */
  manualKinds: readonly SourceKind[];
  quality: {
    weights: { completeness: number; agreement: number; freshness: number };
    requiredFields: Partial<Record<AssetClass, readonly AssetFieldName[]>>;
    defaultRequiredFields: readonly AssetFieldName[];
  };
}

const CLOUD_FIRST: readonly SourceKind[] = ['aws', 'azure', 'gcp', 'cloud_manual', 'servers_cache', 'desktop_cache', 'snmp', 'opcua', 'bacnet', 'modbus'];
const INVENTORY_FIRST: readonly SourceKind[] = ['servers_cache', 'desktop_cache', 'aws', 'azure', 'gcp', 'cloud_manual', 'opcua', 'bacnet', 'modbus', 'snmp'];
const DEVICE_FIRST: readonly SourceKind[] = ['opcua', 'bacnet', 'modbus', 'servers_cache', 'desktop_cache', 'snmp', 'aws', 'azure', 'gcp', 'cloud_manual'];
const NETWORK_FIRST: readonly SourceKind[] = ['snmp', 'servers_cache', 'desktop_cache', 'aws', 'azure', 'gcp', 'opcua', 'bacnet', 'modbus', 'cloud_manual'];

export const DEFAULT_RECONCILE_CONFIG: ReconcileConfig = {
  weights: {
    cloud_instance_id: 100,
    vendor_serial: 90,
    serial: 60,
    weak_serial: 10,
    weak_serial_mac: 70,
    opcua_application_uri: 100,
    bacnet_device: 90,
    modbus_unit: 40,
    mac: 65,
    additional_mac: 10,
    weak_mac: 10,
    fqdn: 45,
    hostname: 40,
    ip: 15,
    additional_ip: 5,
    hostname_conflict: -10,
    fqdn_conflict: -10,
    class_conflict: -30,
    same_source_other_key: -15,
  },
  thresholds: { merge: 55, review: 35 },
  vetoOn: ['cloud_instance_id', 'serial', 'opcua_application_uri', 'bacnet_device'],
  weakSerialClasses: ['virtual_machine', 'cloud_instance'],
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
  },
  decay: { freshForDays: 7, halfLifeDays: 30, staleBelow: 0.3, exemptKinds: ['manual'] },
  manualKinds: ['manual'],
  quality: {
    weights: { completeness: 0.4, agreement: 0.35, freshness: 0.25 },
    requiredFields: {
      server: ['hostname', 'vendor', 'model', 'serial', 'os_name', 'primary_ip'],
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
