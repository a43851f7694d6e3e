// Turns a stored observation into what the engine works with: its natural key, a content hash, and
// every identifier normalised once (so pair scoring is cheap), plus blocking keys.
import type { AssetClass, AssetFieldName, FieldValue } from '../../../src-shared/model/index.js';
import { ASSET_FIELD_NAMES } from '../../../src-shared/model/index.js';
import { normaliseFqdn, normaliseHostname } from './normalise-host-name.js';
import { normaliseIp } from './normalise-ip.js';
import { isPerMachineMac, normaliseMac } from './normalise-mac.js';
import { normaliseOs, normaliseOsVersion } from './normalise-os.js';
import { normaliseSerial } from './normalise-serial.js';
import { normaliseVendor } from './normalise-vendor.js';
import type { ReconcileConfig } from './reconcile-config.js';
import { naturalKeyOf, type NaturalKey, type SourcedObservation } from './sourced-observation.js';
import { sha256Hex, stableStringify } from './stable-hash.js';

export const CLASS_FAMILIES = ['compute', 'network', 'ot', 'peripheral', 'unknown'] as const;
export type ClassFamily = (typeof CLASS_FAMILIES)[number];

const FAMILY_OF: Record<AssetClass, ClassFamily> = {
  server: 'compute',
  workstation: 'compute',
  virtual_machine: 'compute',
  cloud_instance: 'compute',
  network_device: 'network',
  firewall: 'network',
  storage: 'compute',
  printer: 'peripheral',
  ups: 'peripheral',
  plc: 'ot',
  hmi: 'ot',
  drive: 'ot',
  building_controller: 'ot',
  io_module: 'ot',
  iot_device: 'unknown',
  unknown: 'unknown',
};

export interface ObservationIdentifiers {
  classFamily: ClassFamily;
  cloudInstanceId: string | null;
  serial: string | null;
  /** Serial of a class whose serials repeat (clones, cloud): weak evidence, never a veto. */
  serialIsWeak: boolean;
  vendorKey: string | null;
  opcuaUri: string | null;
  /** "network/instance". */
  bacnet: string | null;
  bacnetNetwork: string | null;
  modbus: string | null;
  universalMacs: readonly string[];
  weakMacs: readonly string[];
  /** MACs that belong to one machine (universal or hypervisor-assigned). */
  machineMacs: readonly string[];
  hostname: string | null;
  fqdn: string | null;
  ips: readonly string[];
  /** Keys that place this observation in a block; any pair that can reach the review threshold shares one. */
  blockingKeys: readonly string[];
}

export interface PreparedObservation {
  key: NaturalKey;
  sourced: SourcedObservation;
  contentHash: string;
  observedAtMs: number;
  ids: ObservationIdentifiers;
  /** Field values after normalisation (null and empty values dropped). */
  values: Partial<Record<AssetFieldName, FieldValue>>;
}

function text(value: FieldValue | undefined): string | null {
  if (value === null || value === undefined || typeof value === 'boolean') return null;
  const s = String(value).trim();
  return s.length === 0 ? null : s;
}

function normaliseValues(fields: Partial<Record<AssetFieldName, FieldValue>>): Partial<Record<AssetFieldName, FieldValue>> {
  const out: Partial<Record<AssetFieldName, FieldValue>> = {};
  for (const name of ASSET_FIELD_NAMES) {
    const raw = fields[name];
    if (raw === null || raw === undefined) continue;
    if (typeof raw === 'string' && raw.trim().length === 0) continue;
    switch (name) {
      case 'vendor': {
        const v = normaliseVendor(raw);
        if (v) out.vendor = v.name;
        break;
      }
      case 'hostname': {
        const v = normaliseHostname(raw);
        if (v) out.hostname = v;
        break;
      }
      case 'fqdn': {
        const v = normaliseFqdn(raw);
        if (v) out.fqdn = v;
        break;
      }
      case 'serial': {
        const v = normaliseSerial(typeof raw === 'boolean' ? null : raw);
        if (v) out.serial = v;
        break;
      }
      case 'os_name': {
        const v = normaliseOs(raw);
        if (v) out.os_name = v.name;
        break;
      }
      case 'os_version': {
        const v = normaliseOsVersion(raw);
        if (v) out.os_version = v;
        break;
      }
      case 'primary_ip': {
        const v = normaliseIp(text(raw));
        if (v) out.primary_ip = v.address;
        break;
      }
      default:
        out[name] = typeof raw === 'string' ? raw.trim() : raw;
    }
  }
  // Derived values: a hostname from the FQDN, an OS version from the OS name.
  if (out.hostname === undefined && typeof out.fqdn === 'string') {
    const h = normaliseHostname(out.fqdn);
    if (h) out.hostname = h;
  }
  if (out.os_version === undefined) {
    const os = normaliseOs(text(fields.os_name));
    if (os?.version) out.os_version = os.version;
  }
  return out;
}

export function contentHashOf(sourced: SourcedObservation): string {
  return sha256Hex(stableStringify({ sourceId: sourced.sourceId, sourceKind: sourced.sourceKind, observation: sourced.observation }));
}

export function prepareObservation(sourced: SourcedObservation, config: ReconcileConfig): PreparedObservation {
  const obs = sourced.observation;
  const values = normaliseValues(obs.fields);
  const assetClass = obs.assetClass ?? 'unknown';
  const serial = typeof values.serial === 'string' ? values.serial : null;
  const vendorKey = normaliseVendor(text(obs.fields.vendor))?.key ?? null;
  const cloudInstanceId = text(obs.fields.cloud_instance_id)?.toLowerCase() ?? null;
  const opcuaUri = text(obs.fields.opcua_application_uri)?.toLowerCase() ?? null;

  const universalMacs = new Set<string>();
  const weakMacs = new Set<string>();
  const machineMacs = new Set<string>();
  const ips = new Set<string>();
  const networks = new Set<string>();
  for (const iface of obs.interfaces) {
    const mac = normaliseMac(iface.mac);
    if (mac) {
      (mac.kind === 'universal' ? universalMacs : weakMacs).add(mac.mac);
      if (isPerMachineMac(mac)) machineMacs.add(mac.mac);
    }
    for (const ip of iface.ips) {
      const n = normaliseIp(ip.address, ip.network);
      if (n) {
        ips.add(n.key);
        if (n.network !== 'public') networks.add(n.network);
      }
    }
  }
  const primary = normaliseIp(text(obs.fields.primary_ip), networks.size === 1 ? [...networks][0] : null);
  if (primary) ips.add(primary.key);

  // BACnet device instances are unique per BACnet network; without a known network, per source.
  const bacnetRaw = text(obs.fields.bacnet_device);
  const bacnetNetwork = bacnetRaw === null ? null : networks.size === 1 ? ([...networks][0] ?? null) : `source:${sourced.sourceId}`;
  const bacnet = bacnetRaw === null ? null : `${bacnetNetwork}/${bacnetRaw.toLowerCase()}`;
  // A Modbus unit id is only unique behind one gateway address.
  const modbusRaw = text(obs.fields.modbus_unit);
  const modbus = modbusRaw === null || primary === null ? null : `${primary.key}#${modbusRaw.toLowerCase()}`;

  // OPC UA application URIs follow "urn:<hostname>:<company>:<product>" by convention: when the
  // source gave no hostname, the URI's host part is one (as an identifier, not as a field value).
  const uriHost = opcuaUri === null ? null : normaliseHostname(/^urn:([^:/]+):/.exec(opcuaUri)?.[1] ?? null);
  const hostname = typeof values.hostname === 'string' ? values.hostname : uriHost;
  const fqdn = typeof values.fqdn === 'string' ? values.fqdn : null;
  const serialIsWeak = config.weakSerialClasses.includes(assetClass);

  const blockingKeys: string[] = [];
  if (cloudInstanceId) blockingKeys.push(`cloud:${cloudInstanceId}`);
  if (serial && !serialIsWeak) blockingKeys.push(`serial:${serial}`);
  // A weak serial alone repeats across clones, but together with one of the machine's MACs it
  // names one virtual machine (a clone gets a new MAC).
  const sortedMachineMacs = [...machineMacs].sort();
  if (serial && serialIsWeak) for (const mac of sortedMachineMacs) blockingKeys.push(`vm:${serial}/${mac}`);
  if (opcuaUri) blockingKeys.push(`opcua:${opcuaUri}`);
  if (bacnet) blockingKeys.push(`bacnet:${bacnet}`);
  if (modbus) blockingKeys.push(`modbus:${modbus}`);
  for (const mac of universalMacs) blockingKeys.push(`mac:${mac}`);
  if (hostname) blockingKeys.push(`host:${hostname}`);

  const sortedUniversal = [...universalMacs].sort();
  const sortedWeak = [...weakMacs].sort();
  const sortedIps = [...ips].sort();
  return {
    key: naturalKeyOf(sourced.sourceId, obs.nativeKey),
    sourced,
    contentHash: contentHashOf(sourced),
    observedAtMs: Date.parse(obs.observedAt),
    ids: {
      classFamily: FAMILY_OF[assetClass],
      cloudInstanceId,
      serial,
      serialIsWeak,
      vendorKey,
      opcuaUri,
      bacnet,
      bacnetNetwork,
      modbus,
      universalMacs: sortedUniversal,
      weakMacs: sortedWeak,
      machineMacs: sortedMachineMacs,
      hostname,
      fqdn,
      ips: sortedIps,
      blockingKeys,
    },
    values,
  };
}

/**
 * Which of two versions of the same natural key counts: the later observedAt, then the larger
 * content hash, then the smaller observationId (only to pick which id to report for identical content).
 */
export function isNewerObservation(candidate: PreparedObservation, current: PreparedObservation): boolean {
  if (candidate.observedAtMs !== current.observedAtMs) return candidate.observedAtMs > current.observedAtMs;
  if (candidate.contentHash !== current.contentHash) return candidate.contentHash > current.contentHash;
  return candidate.sourced.observationId < current.sourced.observationId;
}
