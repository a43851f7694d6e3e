// Turns an observation into what the engine works with: its natural key, a content hash, every
// identifier normalised once (so pair scoring is cheap) and its identity keys. Identifiers are
// class-aware: a virtual machine's serial and BIOS UUID are clone-prone and kept apart from
// hardware ones, and IPs carry their network and that network's addressing.
import { createHash } from 'node:crypto';
import type { AssetClass, AssetFieldName, FieldValue, NetworkAddressing, ObservationInput } from '../../../src-shared/model/index.js';
import { ASSET_FIELD_NAMES } from '../../../src-shared/model/index.js';
import { derivePrimaryIp } from '../derive-primary-ip.js';
import { identityKey } from './identity-keys.js';
import { isSharedMac } from './known-shared-identifiers.js';
import { biosUuidMatchKey, normaliseBiosUuid, uuidFromVmwareSerial } from './normalise-bios-uuid.js';
import { normaliseFqdn, normaliseHostname } from './normalise-host-name.js';
import { normaliseIp } from './normalise-ip.js';
import { isPerMachineMac, normaliseMac, type NormalisedMac } from './normalise-mac.js';
import { normaliseOs, normaliseOsVersion } from './normalise-os.js';
import { normaliseSerial } from './normalise-serial.js';
import { modelTokens, normaliseModel, normaliseVendor } from './normalise-vendor.js';
import { recogniseVirtualMachine, type VirtualMachineSignal } from './recognise-virtual-machine.js';
import type { ReconcileConfig } from './reconcile-config.js';
import { naturalKeyOf, type NaturalKey, type SourcedObservation } from './sourced-observation.js';

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

export interface PreparedIp {
  /** "network/address". */
  key: string;
  network: string;
  addressing: NetworkAddressing | 'public';
}

/** How the networks an estate's IPs are qualified by hand out addresses; unknown networks are 'unknown'. */
export type NetworkAddressingLookup = (network: string) => NetworkAddressing;

export const UNKNOWN_NETWORKS: NetworkAddressingLookup = () => 'unknown';

export interface ObservationIdentifiers {
  classFamily: ClassFamily;
  virtual: VirtualMachineSignal;
  cloudInstanceId: string | null;
  /** The serial (placeholders removed). A virtual machine's is clone-prone (see `virtual`). */
  serial: string | null;
  /** The serial the source gave when it is a placeholder (shown in explanations; never evidence). */
  serialPlaceholder: string | null;
  /** The BIOS UUID (or the one a VMware serial encodes), as its byte-order-free match key. */
  biosUuid: string | null;
  assetTag: string | null;
  vendorKey: string | null;
  modelKey: string | null;
  modelTokens: readonly string[];
  /** The host name is only the IP address written as a name (ip-10-0-48-143): it says nothing of its own. */
  hostnameFromIp: boolean;
  opcuaUri: string | null;
  /** "network/instance". */
  bacnet: string | null;
  bacnetNetwork: string | null;
  modbus: string | null;
  /** MACs that belong to one machine: universal or assigned per VM by a hypervisor (shared ranges removed). */
  machineMacs: readonly string[];
  /** Locally administered MACs (not on the shared list): weak, often regenerated or reused. */
  otherMacs: readonly string[];
  hostname: string | null;
  /** Further names of the machine (derived, e.g. an EC2 private DNS name), which agree like the hostname. */
  hostAliases: readonly string[];
  fqdn: string | null;
  ips: readonly PreparedIp[];
  /** Every identity key of the record (identity-keys.ts), sorted. */
  keys: readonly string[];
}

export interface PreparedObservation {
  key: NaturalKey;
  sourced: SourcedObservation;
  contentHash: string;
  observedAtMs: number;
  firstSeenMs: number;
  ids: ObservationIdentifiers;
  /** Field values after normalisation (null and empty values dropped). */
  values: Partial<Record<AssetFieldName, FieldValue>>;
}

function text(value: FieldValue | undefined): string | null {
  if (value === null || value === undefined || typeof value === 'boolean') return null;
  const s = String(value).trim();
  return s.length === 0 ? null : s;
}

/**
 * Field values as shown: identifiers canonical, the OS split into name, version, edition and build.
 * A person's values (manual kinds) are kept as typed: editing one field never rewrites another.
 */
function normaliseValues(fields: Partial<Record<AssetFieldName, FieldValue>>, verbatim: boolean): Partial<Record<AssetFieldName, FieldValue>> {
  const out: Partial<Record<AssetFieldName, FieldValue>> = {};
  for (const name of ASSET_FIELD_NAMES) {
    const raw = fields[name];
    if (raw === null || raw === undefined) continue;
    if (typeof raw === 'string' && raw.trim().length === 0) continue;
    if (verbatim) {
      out[name] = typeof raw === 'string' ? raw.trim() : raw;
      continue;
    }
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
      case 'bios_uuid': {
        const v = normaliseBiosUuid(raw);
        if (v) out.bios_uuid = v;
        break;
      }
      case 'os_name': {
        const v = normaliseOs(raw);
        if (v) {
          out.os_name = v.name;
          if (v.edition && fields.os_edition === undefined) out.os_edition = v.edition;
        }
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
  if (verbatim) return out;
  // Derived values: a hostname from the FQDN; the OS version from the OS name, keeping a more
  // precise version the source gave as the build ("Windows Server 2022" + "10.0.20348").
  if (out.hostname === undefined && typeof out.fqdn === 'string') {
    const h = normaliseHostname(out.fqdn);
    if (h) out.hostname = h;
  }
  const os = normaliseOs(text(fields.os_name));
  if (os?.version) {
    const given = typeof out.os_version === 'string' ? out.os_version : null;
    if (given === null) out.os_version = os.version;
    else if (given !== os.version && !given.startsWith(os.version)) {
      out.os_version = os.version;
      if (out.os_build === undefined) out.os_build = given;
    }
  }
  return out;
}

/**
 * The stored text of an observation's content: class, fields, interfaces, software, tags and
 * relations, in that order, as JSON. Time is not content: the same record seen again later is the
 * same observation, seen again.
 */
export function observationContentText(o: ObservationInput): string {
  return JSON.stringify({ c: o.assetClass ?? null, f: o.fields, i: o.interfaces, s: o.software, t: o.tags, r: o.relations });
}

/** The content hash: which source said what about which record (SHA-1 of the content text, with the natural key). */
const CLOUD_VENDORS: Readonly<Record<string, string>> = { aws: 'Amazon Web Services', amazon: 'Amazon Web Services', azure: 'Microsoft', gcp: 'Google', google: 'Google' };

/**
 * An EC2 instance's operating system calls itself after its private address ("ip-10-0-48-143", its
 * private DNS name) unless someone renamed it: the name a host inventory reports for it.
 */
function awsPrivateHostname(provider: string | null, ips: readonly PreparedIp[]): string | null {
  if (provider === null || !/^(aws|amazon)/i.test(provider)) return null;
  const v4 = ips.find((ip) => ip.network !== 'public' && /^\d+\.\d+\.\d+\.\d+$/.test(ip.key.slice(ip.key.indexOf('/') + 1)));
  return v4 ? `ip-${v4.key.slice(v4.key.indexOf('/') + 1).replace(/\./g, '-')}` : null;
}

function cloudVendorOf(provider: string | null): string | null {
  return provider === null ? null : (CLOUD_VENDORS[provider.toLowerCase()] ?? null);
}

export function contentHashOf(sourced: SourcedObservation, contentText: string = observationContentText(sourced.observation)): string {
  return createHash('sha1').update(sourced.sourceId).update('\u0000').update(sourced.observation.nativeKey).update('\u0000').update(contentText).digest('hex');
}

export function prepareObservation(
  sourced: SourcedObservation,
  config: ReconcileConfig,
  addressingOf: NetworkAddressingLookup = UNKNOWN_NETWORKS,
  contentHash?: string,
): PreparedObservation {
  const obs = sourced.observation;
  const isManual = config.manualKinds.includes(sourced.sourceKind);
  const values = normaliseValues(obs.fields, isManual);
  // The address people know a host by, when the source named none: from its interfaces.
  if (values.primary_ip === undefined && !isManual) {
    const derived = normaliseIp(derivePrimaryIp(obs));
    if (derived) values.primary_ip = derived.address;
  }
  const matchValues = isManual ? normaliseValues(obs.fields, false) : values;
  const assetClass = obs.assetClass ?? null;
  const keys = new Set<string>();

  const macs: NormalisedMac[] = [];
  const machineMacs = new Set<string>();
  const otherMacs = new Set<string>();
  const ips = new Map<string, PreparedIp>();
  const networks = new Set<string>();
  const addIp = (address: string | null, network: string | null | undefined): void => {
    const n = normaliseIp(address, network);
    if (!n || ips.has(n.key)) return;
    const addressing = n.network === 'public' ? 'public' : n.network === '?' ? 'unknown' : addressingOf(n.network);
    ips.set(n.key, { key: n.key, network: n.network, addressing });
    if (n.network !== 'public') networks.add(n.network);
  };
  for (const iface of obs.interfaces) {
    const mac = normaliseMac(iface.mac);
    if (mac && !isSharedMac(mac.mac)) {
      macs.push(mac);
      if (isPerMachineMac(mac)) machineMacs.add(mac.mac);
      else otherMacs.add(mac.mac);
    }
    for (const ip of iface.ips) addIp(ip.address, ip.network);
  }
  addIp(text(obs.fields.primary_ip), networks.size === 1 ? [...networks][0] : null);

  const rawSerial = text(obs.fields.serial);
  const serial = typeof matchValues.serial === 'string' ? matchValues.serial : null;
  const biosUuid = typeof matchValues.bios_uuid === 'string' ? matchValues.bios_uuid : null;
  const cloudInstanceId = text(obs.fields.cloud_instance_id)?.toLowerCase() ?? null;
  // A cloud instance's provider and instance type stand for vendor and model when it has none.
  const vendor = normaliseVendor(text(obs.fields.vendor) ?? cloudVendorOf(text(obs.fields.cloud_provider)));
  const model = text(obs.fields.model) ?? text(obs.fields.instance_type);
  const virtual = recogniseVirtualMachine({
    assetClass,
    vendor: text(obs.fields.vendor),
    model: text(obs.fields.model),
    serial: rawSerial,
    biosUuid,
    cloudInstanceId,
    macs,
  });
  const uuid = biosUuid ?? (rawSerial ? uuidFromVmwareSerial(rawSerial) : null);
  const uuidKey = uuid ? biosUuidMatchKey(uuid) : null;
  const assetTag = normaliseSerial(text(obs.fields.asset_tag));
  const opcuaUri = text(obs.fields.opcua_application_uri)?.toLowerCase() ?? null;

  // BACnet device instances are unique per BACnet network; without a known network, per source.
  const soleNetwork = networks.size === 1 ? ([...networks][0] ?? null) : null;
  const bacnetRaw = text(obs.fields.bacnet_device);
  const bacnetNetwork = bacnetRaw === null ? null : (soleNetwork ?? `source:${sourced.sourceId}`);
  const bacnet = bacnetRaw === null ? null : `${bacnetNetwork}/${bacnetRaw.toLowerCase()}`;
  // A Modbus unit id is only unique behind one gateway address.
  const primary = normaliseIp(text(obs.fields.primary_ip), soleNetwork);
  const modbusRaw = text(obs.fields.modbus_unit);
  const modbus = modbusRaw === null || primary === null ? null : `${primary.key}#${modbusRaw.toLowerCase()}`;

  // OPC UA application URIs follow "urn:<hostname>:<company>:<product>" by convention: when the
  // source gave no hostname, the URI's host part is one (as an identifier, not as a field value).
  // A cloud instance's name is compared with host names, as is any display name shaped like one.
  const uriHost = opcuaUri === null ? null : normaliseHostname(/^urn:([^:/]+):/.exec(opcuaUri)?.[1] ?? null);
  const hostname = (typeof matchValues.hostname === 'string' ? matchValues.hostname : null) ?? uriHost ?? normaliseHostname(text(obs.fields.name));
  // Other names the same machine goes by: an EC2 instance's private DNS name.
  const awsName = awsPrivateHostname(text(obs.fields.cloud_provider), [...ips.values()]);
  const hostAliases = awsName !== null && awsName !== hostname ? [awsName] : [];
  const domain = text(obs.fields.domain);
  const fqdn =
    (typeof matchValues.fqdn === 'string' ? matchValues.fqdn : null) ??
    (hostname && domain && /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(domain) ? normaliseFqdn(`${hostname}.${domain}`) : null);

  if (cloudInstanceId) keys.add(identityKey('cloud', cloudInstanceId));
  if (serial) keys.add(identityKey('serial', serial));
  if (uuidKey) keys.add(identityKey('uuid', uuidKey));
  if (assetTag) keys.add(identityKey('tag', assetTag));
  for (const mac of machineMacs) keys.add(identityKey('mac', mac));
  for (const mac of otherMacs) keys.add(identityKey('lmac', mac));
  if (hostname) keys.add(identityKey('host', hostname));
  for (const alias of hostAliases) keys.add(identityKey('host', alias));
  if (fqdn) keys.add(identityKey('fqdn', fqdn));
  for (const ip of ips.keys()) keys.add(identityKey('ip', ip));
  if (opcuaUri) keys.add(identityKey('opcua', opcuaUri));
  if (bacnet) keys.add(identityKey('bacnet', bacnet));
  if (modbus) keys.add(identityKey('modbus', modbus));

  const observedAtMs = Date.parse(obs.observedAt);
  const firstSeen = sourced.firstSeenAt ? Date.parse(sourced.firstSeenAt) : observedAtMs;
  return {
    key: naturalKeyOf(sourced.sourceId, obs.nativeKey),
    sourced,
    contentHash: contentHash ?? contentHashOf(sourced),
    observedAtMs,
    firstSeenMs: Math.min(firstSeen, observedAtMs),
    ids: {
      classFamily: FAMILY_OF[assetClass ?? 'unknown'],
      virtual,
      cloudInstanceId,
      serial,
      serialPlaceholder: rawSerial !== null && serial === null ? rawSerial : null,
      biosUuid: uuidKey,
      assetTag,
      vendorKey: vendor?.key ?? null,
      modelKey: normaliseModel(model),
      modelTokens: modelTokens(model),
      hostnameFromIp: hostname !== null && /^(ip-)?\d{1,3}-\d{1,3}-\d{1,3}-\d{1,3}$/.test(hostname),
      opcuaUri,
      bacnet,
      bacnetNetwork,
      modbus,
      machineMacs: [...machineMacs].sort(),
      otherMacs: [...otherMacs].sort(),
      hostname,
      hostAliases,
      fqdn,
      ips: [...ips.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
      keys: [...keys].sort(),
    },
    values,
  };
}

/**
 * Whether `candidate`, received after `current`, replaces it as the version of a natural key that
 * counts: the later observedAt wins; at the same observedAt with different content the one received
 * later wins (a corrected export that kept its time stamp); identical content keeps the smaller
 * observationId (only to pick which id to report).
 */
export function isNewerObservation(candidate: PreparedObservation, current: PreparedObservation): boolean {
  if (candidate.observedAtMs !== current.observedAtMs) return candidate.observedAtMs > current.observedAtMs;
  if (candidate.contentHash !== current.contentHash) return true;
  return candidate.sourced.observationId < current.sourced.observationId;
}
