// A synthetic estate with known ground truth, for tests and benchmarks of reconciliation. True
// assets (servers, VMs including clones, desktops, cloud instances, network gear, PLCs and HMIs)
// are seen through several sources with realistic noise: missing fields, vendor spellings, MAC
// notations, placeholder serials, hostname typos, renamed hosts leaving stale rows, DHCP-reused
// IPs, multi-homed devices, shared virtual MACs, the same private IPs on two plants, and
// decommissioned things that only stale records remember. Seeded: same options, same fleet.
import type { AssetClass, AssetFieldName, FieldValue, ObservedInterface, SourceKind } from '../../src-shared/model/index.js';
import { naturalKeyOf, type NaturalKey, type SourcedObservation } from '../engine/reconcile/index.js';
import { DESKTOP_OS, NETWORK_OS, SERVER_OS, SOFTWARE, VENDORS_BY_CLASS, type CatalogueVendor } from './fleet-catalogue.js';
import { mulberry32, type Prng } from '../../src-shared/lib/mulberry32.js';

export const FLEET_SOURCES = [
  { sourceId: 'src-servers', sourceKind: 'servers_cache' },
  { sourceId: 'src-desktops', sourceKind: 'desktop_cache' },
  { sourceId: 'src-cloud', sourceKind: 'cloud_manual' },
  { sourceId: 'src-snmp-dc', sourceKind: 'snmp' },
  { sourceId: 'src-snmp-plant', sourceKind: 'snmp' },
  { sourceId: 'src-opcua', sourceKind: 'opcua' },
  { sourceId: 'src-manual', sourceKind: 'manual' },
] as const satisfies readonly { sourceId: string; sourceKind: SourceKind }[];
export type FleetSourceId = (typeof FLEET_SOURCES)[number]['sourceId'];

export interface FleetNoise {
  missingField: number;
  placeholderSerial: number;
  hostnameTypo: number;
  rename: number;
  decommissioned: number;
  vmClone: number;
  dockerMac: number;
  multiHomedSwitch: number;
  manualEdit: number;
}

export const DEFAULT_FLEET_NOISE: FleetNoise = {
  missingField: 0.05,
  placeholderSerial: 0.05,
  hostnameTypo: 0.03,
  rename: 0.03,
  decommissioned: 0.02,
  vmClone: 0.08,
  dockerMac: 0.15,
  multiHomedSwitch: 0.15,
  manualEdit: 0.005,
};

export interface FleetOptions {
  seed: number;
  trueAssets: number;
  /** ISO-8601; observation times are placed before it. */
  now?: string;
  /** Sources to emit (default: all of FLEET_SOURCES). */
  sources?: readonly FleetSourceId[];
  noise?: Partial<FleetNoise>;
  /** Most software entries per host (default 6). */
  maxSoftwarePerHost?: number;
}

interface Nic {
  name: string;
  mac: string;
  ip: string | null;
  network: string;
}

export interface TrueAsset {
  id: string;
  assetClass: AssetClass;
  hostname: string;
  domain: string | null;
  vendor: CatalogueVendor | null;
  model: string;
  serial: string;
  firmware: string | null;
  osName: string;
  osVersion: string;
  nics: Nic[];
  software: { name: string; vendor: string; version: string }[];
  cloud: { instanceId: string; provider: string; region: string; account: string; instanceType: string; vpc: string } | null;
  /** Hostname this asset had before a rename, if any. */
  previousHostname: string | null;
  /** Only stale records remember it. */
  decommissioned: boolean;
}

export interface GeneratedFleet {
  now: string;
  observations: SourcedObservation[];
  /** Observation natural key -> true asset id. */
  truth: Map<NaturalKey, string>;
  assets: TrueAsset[];
}

const CLASS_MIX: readonly (readonly [AssetClass, number])[] = [
  ['server', 0.1],
  ['virtual_machine', 0.22],
  ['workstation', 0.35],
  ['cloud_instance', 0.12],
  ['network_device', 0.07],
  ['firewall', 0.01],
  ['plc', 0.09],
  ['hmi', 0.04],
];

const DAY_MS = 86_400_000;
const PLACEHOLDER_SERIALS = ['To be filled by O.E.M.', 'Default string', 'System Serial Number', '0', 'N/A', 'None', '123456789'];
const SHARED_DOCKER_MAC = '02:42:ac:11:00:02';

export function generateFleet(options: FleetOptions): GeneratedFleet {
  const rng = mulberry32(options.seed);
  const noise: FleetNoise = { ...DEFAULT_FLEET_NOISE, ...options.noise };
  const now = options.now ?? '2026-01-15T00:00:00.000Z';
  const nowMs = Date.parse(now);
  const enabled = new Set<string>(options.sources ?? FLEET_SOURCES.map((s) => s.sourceId));
  const maxSoftware = options.maxSoftwarePerHost ?? 6;
  const alloc = createAllocators(rng);

  const assets: TrueAsset[] = [];
  const vms: TrueAsset[] = [];
  const counters = new Map<AssetClass, number>();
  for (let i = 0; i < options.trueAssets; i++) {
    const assetClass = pickClass(rng);
    const n = (counters.get(assetClass) ?? 0) + 1;
    counters.set(assetClass, n);
    const asset = makeAsset(rng, alloc, assetClass, n, i, maxSoftware);
    if (assetClass === 'virtual_machine') {
      const template = vms.length > 0 && rng.chance(noise.vmClone) ? rng.pick(vms) : undefined;
      if (template) asset.serial = template.serial; // a clone keeps its template's BIOS serial
      vms.push(asset);
    }
    if ((assetClass === 'server' || assetClass === 'virtual_machine' || assetClass === 'workstation') && rng.chance(noise.rename)) {
      asset.previousHostname = `${asset.hostname.split('-')[0]}-old${alloc.next('old')}`;
    }
    if ((assetClass === 'workstation' || assetClass === 'cloud_instance') && rng.chance(noise.decommissioned)) {
      const gone = makeAsset(rng, alloc, assetClass, (counters.get(assetClass) ?? 0) + 100_000 + i, i + options.trueAssets, maxSoftware);
      gone.decommissioned = true;
      // Its address now belongs to the current asset: DHCP (or a VPC) handed it out again.
      const reused = asset.nics[0];
      const goneNic = gone.nics[0];
      if (reused && goneNic) {
        goneNic.ip = reused.ip;
        goneNic.network = reused.network;
        if (gone.cloud && asset.cloud) gone.cloud.vpc = asset.cloud.vpc;
        if (assetClass === 'cloud_instance') gone.hostname = cloudHostname(reused.ip ?? '');
      }
      assets.push(gone);
    }
    assets.push(asset);
  }

  const out: SourcedObservation[] = [];
  const truth = new Map<NaturalKey, string>();
  const emitter = createEmitter(rng, noise, nowMs, out, truth);
  for (const a of assets) emitObservations(a, emitter, rng, noise, enabled);
  return { now, observations: out, truth, assets };
}

function pickClass(rng: Prng): AssetClass {
  let r = rng.next();
  for (const [cls, share] of CLASS_MIX) {
    if (r < share) return cls;
    r -= share;
  }
  return 'workstation';
}

interface Allocators {
  next(counter: string): number;
  mac(prefix: string): string;
  ip(network: string, base: string): string;
  serial(prefix: string, length: number): string;
}

function createAllocators(rng: Prng): Allocators {
  const counters = new Map<string, number>();
  const usedIps = new Map<string, Set<string>>();
  const usedSerials = new Set<string>();
  const next = (counter: string): number => {
    const n = (counters.get(counter) ?? 0) + 1;
    counters.set(counter, n);
    return n;
  };
  return {
    next,
    mac: (prefix) => {
      const n = next(`mac:${prefix}`);
      const bytes = prefix.split(':').length;
      const hex = n.toString(16).padStart((6 - bytes) * 2, '0');
      return `${prefix}:${(hex.match(/../g) ?? []).join(':')}`;
    },
    ip: (network, prefix) => {
      const used = usedIps.get(network) ?? new Set<string>();
      usedIps.set(network, used);
      const free = prefix.split('.').length;
      for (let attempt = 0; attempt < 10_000; attempt++) {
        const octets = [rng.int(0, 255), rng.int(0, 255), rng.int(2, 254)].slice(3 - (4 - free));
        const ip = `${prefix}.${octets.join('.')}`;
        if (!used.has(ip)) {
          used.add(ip);
          return ip;
        }
      }
      throw new RangeError(`fleet generator: network ${network} (${prefix}.*) is full`);
    },
    serial: (prefix, length) => {
      for (;;) {
        const s = `${prefix}${rng.alnum(length)}`;
        if (!usedSerials.has(s)) {
          usedSerials.add(s);
          return s;
        }
      }
    },
  };
}

function cloudHostname(ip: string): string {
  return `ip-${ip.replace(/\./g, '-')}`;
}

// Address prefixes: one free octet more than a /16, so that million-asset fleets fit.
const SITES = [
  ['dc1', '10'],
  ['dc2', '10'],
] as const;

function makeAsset(rng: Prng, alloc: Allocators, assetClass: AssetClass, n: number, index: number, maxSoftware: number): TrueAsset {
  const id = `true-${String(index).padStart(7, '0')}`;
  const base: TrueAsset = {
    id,
    assetClass,
    hostname: '',
    domain: null,
    vendor: null,
    model: '',
    serial: '',
    firmware: null,
    osName: '',
    osVersion: '',
    nics: [],
    software: [],
    cloud: null,
    previousHostname: null,
    decommissioned: false,
  };
  const software = (): TrueAsset['software'] =>
    rng.shuffle(SOFTWARE).slice(0, rng.int(1, maxSoftware)).map((s) => ({ name: s.name, vendor: s.vendor, version: rng.pick(s.versions) }));
  switch (assetClass) {
    case 'server': {
      const [site, prefix] = rng.pick(SITES);
      const vendor = rng.pick(VENDORS_BY_CLASS.server ?? []);
      const [osName, osVersion] = rng.pick(SERVER_OS);
      const nicCount = rng.int(1, 4);
      const nics: Nic[] = [];
      for (let i = 0; i < nicCount; i++) {
        // Multi-homed: the second and later NICs sit on storage / backup networks.
        const network = i === 0 ? site : `${site}-${['storage', 'backup', 'mgmt'][i - 1] ?? 'extra'}`;
        nics.push({ name: `eth${i}`, mac: alloc.mac(rng.pick(vendor.ouis)), ip: alloc.ip(network, i === 0 ? prefix : `10.${100 + i}`), network });
      }
      return { ...base, hostname: `srv-${site}-${n}`, domain: `${site}.example.com`, vendor, model: rng.pick(vendor.models), serial: alloc.serial('', 10), osName, osVersion, nics, software: software() };
    }
    case 'virtual_machine': {
      const [site, prefix] = rng.pick(SITES);
      const [osName, osVersion] = rng.pick(SERVER_OS);
      const nics: Nic[] = [{ name: 'ens192', mac: alloc.mac('00:50:56'), ip: alloc.ip(site, prefix), network: site }];
      const serial = `VMware-42 ${rng.hex(2)} ${rng.hex(2)} ${rng.hex(2)} ${rng.hex(2)} ${rng.hex(2)} ${rng.hex(2)} ${rng.hex(2)}-${rng.hex(2)} ${rng.hex(2)}`;
      return { ...base, hostname: `vm-${rng.pick(['app', 'db', 'web', 'etl', 'ci'])}-${n}`, domain: `${site}.example.com`, model: 'VMware Virtual Platform', serial, osName, osVersion, nics, software: software() };
    }
    case 'workstation': {
      const vendor = rng.pick(VENDORS_BY_CLASS.workstation ?? []);
      const [osName, osVersion] = rng.pick(DESKTOP_OS);
      const nics: Nic[] = [{ name: 'Ethernet', mac: alloc.mac(rng.pick(vendor.ouis)), ip: alloc.ip('office', '10'), network: 'office' }];
      if (rng.chance(0.4)) nics.push({ name: 'Wi-Fi', mac: alloc.mac('3c:a0:67'), ip: null, network: 'office' });
      const hostname = rng.chance(0.5) ? `wks-${String(n).padStart(5, '0')}` : `desktop-${rng.alnum(4).toLowerCase()}${n.toString(36)}`;
      return { ...base, hostname, domain: 'corp.example.com', vendor, model: rng.pick(vendor.models), serial: alloc.serial('', 7), osName, osVersion, nics, software: software() };
    }
    case 'cloud_instance': {
      const vpcIndex = rng.int(1, 8);
      const vpc = `vpc-0${vpcIndex}`;
      const ip = alloc.ip(vpc, '10.0');
      const provider = vpcIndex <= 5 ? 'aws' : vpcIndex <= 7 ? 'azure' : 'gcp';
      const instanceId = provider === 'aws' ? `i-0${rng.hex(16)}` : provider === 'azure' ? `${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}` : `${rng.int(1e15, 9e15)}`;
      const [osName, osVersion] = rng.pick(SERVER_OS.slice(2));
      const region = provider === 'aws' ? rng.pick(['eu-west-1', 'us-east-1']) : provider === 'azure' ? 'westeurope' : 'europe-west1';
      return {
        ...base,
        hostname: cloudHostname(ip),
        domain: provider === 'aws' ? `${region}.compute.internal` : null,
        model: 'cloud',
        serial: `ec2${rng.hex(8)}`,
        osName,
        osVersion,
        nics: [{ name: 'eth0', mac: `0a:${(alloc.next('cloudmac').toString(16).padStart(10, '0').match(/../g) ?? []).join(':')}`, ip, network: vpc }],
        software: software(),
        cloud: { instanceId, provider, region, account: `acct-${vpcIndex % 3}`, instanceType: rng.pick(['m5.large', 't3.medium', 'c6i.xlarge', 'Standard_D2s_v5', 'e2-standard-4']), vpc },
      };
    }
    case 'network_device':
    case 'firewall': {
      const vendor = rng.pick(VENDORS_BY_CLASS[assetClass] ?? []);
      const plant = rng.chance(0.25);
      const [site, prefix] = plant ? (rng.chance(0.5) ? (['plant-a', '192.168'] as const) : (['plant-b', '192.168'] as const)) : rng.chance(0.3) ? (['office', '10'] as const) : rng.pick(SITES);
      const baseMac = alloc.mac(rng.pick(vendor.ouis));
      const nics: Nic[] = [{ name: assetClass === 'firewall' ? 'mgmt' : 'Vlan100', mac: baseMac, ip: alloc.ip(site, prefix), network: site }];
      const ports = rng.int(4, 12);
      for (let p = 1; p <= ports; p++) nics.push({ name: `Gi1/0/${p}`, mac: alloc.mac(rng.pick(vendor.ouis)), ip: null, network: site });
      const os = rng.pick(NETWORK_OS);
      return { ...base, hostname: `${assetClass === 'firewall' ? 'fw' : 'sw'}-${site}-${n}`, domain: 'net.example.com', vendor, model: rng.pick(vendor.models), serial: alloc.serial('FOC', 8), firmware: os.replace(/^.*\s/, ''), osName: os, osVersion: os.replace(/^.*\s/, ''), nics };
    }
    default: {
      // PLCs and HMIs: the two plants use the same address plan, so their private IPs repeat.
      const vendor = rng.pick(VENDORS_BY_CLASS[assetClass] ?? VENDORS_BY_CLASS.plc ?? []);
      const plant = n % 2 === 0 ? 'plant-a' : 'plant-b';
      const seq = Math.floor(n / 2);
      const ip = `192.168.${10 + Math.floor(seq / 250) + (assetClass === 'hmi' ? 100 : 0)}.${(seq % 250) + 2}`;
      const nics: Nic[] = [{ name: 'X1 P1', mac: alloc.mac(rng.pick(vendor.ouis)), ip, network: plant }];
      if (rng.chance(0.3)) nics.push({ name: 'X2 P1', mac: alloc.mac(rng.pick(vendor.ouis)), ip: null, network: plant });
      return { ...base, hostname: `${assetClass}-${plant}-${n}`, vendor, model: rng.pick(vendor.models), serial: alloc.serial('S C-', 9), firmware: `V${rng.int(2, 4)}.${rng.int(0, 9)}.${rng.int(0, 9)}`, osName: '', osVersion: '', nics };
    }
  }
}

interface Emitter {
  emit(sourceId: FleetSourceId, asset: TrueAsset, build: { nativeKey: string; stale?: boolean; assetClass: AssetClass | null; fields: Partial<Record<AssetFieldName, FieldValue | undefined>>; interfaces?: ObservedInterface[]; software?: TrueAsset['software']; tags?: Record<string, string>; ageDays?: number }): void;
}

function createEmitter(rng: Prng, noise: FleetNoise, nowMs: number, out: SourcedObservation[], truth: Map<NaturalKey, string>): Emitter {
  const kindOf = new Map<string, SourceKind>(FLEET_SOURCES.map((s) => [s.sourceId, s.sourceKind]));
  return {
    emit(sourceId, asset, b) {
      const key = naturalKeyOf(sourceId, b.nativeKey);
      if (truth.has(key)) return; // a source reports one thing per key
      const fields: Partial<Record<AssetFieldName, FieldValue>> = {};
      for (const [name, value] of Object.entries(b.fields) as [AssetFieldName, FieldValue | undefined][]) {
        if (value === undefined || value === null) continue;
        if (name !== 'cloud_instance_id' && name !== 'opcua_application_uri' && rng.chance(noise.missingField)) continue;
        fields[name] = value;
      }
      const ageMs = b.ageDays !== undefined ? b.ageDays * DAY_MS : b.stale ? rng.int(45, 200) * DAY_MS : rng.int(0, 3 * 24) * 3_600_000;
      truth.set(key, asset.id);
      out.push({
        observationId: `obs-${out.length + 1}`,
        sourceId,
        sourceKind: kindOf.get(sourceId) ?? 'manual',
        observation: {
          nativeKey: b.nativeKey,
          observedAt: new Date(nowMs - ageMs - rng.int(0, 3_599) * 1000).toISOString(),
          assetClass: b.assetClass,
          fields,
          interfaces: b.interfaces ?? [],
          software: (b.software ?? []).map((s) => ({ name: s.name, version: s.version, vendor: s.vendor })),
          tags: b.tags ?? {},
          relations: [],
          raw: null,
        },
      });
    },
  };
}

function macNotation(rng: Prng, mac: string): string {
  const hex = mac.replace(/:/g, '');
  switch (rng.int(0, 4)) {
    case 0:
      return mac.toUpperCase();
    case 1:
      return mac.replace(/:/g, '-').toUpperCase();
    case 2:
      return `${hex.slice(0, 4)}.${hex.slice(4, 8)}.${hex.slice(8)}`;
    case 3:
      return hex;
    default:
      return mac;
  }
}

function typo(rng: Prng, name: string): string {
  const i = rng.int(1, Math.max(1, name.length - 2));
  const swapped = name.slice(0, i) + (name[i + 1] ?? '') + (name[i] ?? '') + name.slice(i + 2);
  return swapped === name ? `${name}x` : swapped;
}

function serialAsReported(rng: Prng, noise: FleetNoise, serial: string): string {
  if (rng.chance(noise.placeholderSerial)) return rng.pick(PLACEHOLDER_SERIALS);
  return rng.chance(0.2) ? ` ${serial.toLowerCase()} ` : serial;
}

function emitObservations(a: TrueAsset, e: Emitter, rng: Prng, noise: FleetNoise, enabled: ReadonlySet<string>): void {
  const vendorName = (): string | undefined => (a.vendor ? rng.pick(a.vendor.spellings) : undefined);
  const ifaces = (nics: readonly Nic[]): ObservedInterface[] =>
    nics.map((nic) => ({ name: nic.name, mac: macNotation(rng, nic.mac), ips: nic.ip ? [{ address: nic.ip, network: nic.network }] : [] }));
  const primary = a.nics[0];
  const on = (id: FleetSourceId): boolean => enabled.has(id);

  if ((a.assetClass === 'server' || a.assetClass === 'virtual_machine' || (a.assetClass === 'cloud_instance' && !a.decommissioned && rng.chance(0.7))) && on('src-servers')) {
    const interfaces = ifaces(a.nics);
    if (rng.chance(noise.dockerMac)) interfaces.push({ name: 'docker0', mac: SHARED_DOCKER_MAC, ips: [{ address: '172.17.0.1', network: 'docker' }] });
    const physical = a.assetClass === 'server';
    const record = (hostname: string, stale: boolean): void => {
      const shown = rng.chance(0.3) ? hostname.toUpperCase() : hostname;
      e.emit('src-servers', a, {
        nativeKey: shown,
        stale,
        assetClass: a.assetClass === 'cloud_instance' && rng.chance(0.3) ? 'virtual_machine' : a.assetClass,
        fields: {
          hostname: shown,
          fqdn: a.domain && rng.chance(0.8) ? `${hostname}.${a.domain}` : undefined,
          vendor: physical ? vendorName() : a.assetClass === 'virtual_machine' ? 'VMware, Inc.' : 'Amazon EC2',
          model: a.cloud ? a.cloud.instanceType : a.model,
          serial: physical ? serialAsReported(rng, noise, a.serial) : a.serial,
          os_name: a.osName,
          os_version: rng.chance(0.5) ? a.osVersion : undefined,
          cpu_cores: rng.pick([4, 8, 16, 32]),
          memory_mb: rng.pick([8192, 16384, 65536]),
          primary_ip: primary?.ip ?? undefined,
          cloud_instance_id: a.cloud && rng.chance(0.97) ? a.cloud.instanceId : undefined,
          cloud_provider: a.cloud?.provider,
        },
        interfaces: stale ? ifaces(a.nics.slice(0, 1)) : interfaces,
        software: a.software,
      });
    };
    record(a.hostname, false);
    if (a.previousHostname) record(a.previousHostname, true);
  }

  if (a.assetClass === 'workstation' && on('src-desktops')) {
    const record = (hostname: string, stale: boolean): void => {
      e.emit('src-desktops', a, {
        nativeKey: hostname.toUpperCase(),
        stale: stale || a.decommissioned,
        assetClass: 'workstation',
        fields: { hostname: hostname.toUpperCase(), vendor: vendorName(), model: a.model, serial: serialAsReported(rng, noise, a.serial), os_name: a.osName, primary_ip: primary?.ip ?? undefined },
        interfaces: ifaces(a.nics),
        software: a.software,
      });
    };
    record(a.hostname, false);
    if (a.previousHostname) record(a.previousHostname, true);
  }

  if (a.cloud && on('src-cloud')) {
    e.emit('src-cloud', a, {
      nativeKey: a.cloud.instanceId,
      stale: a.decommissioned,
      assetClass: 'cloud_instance',
      fields: {
        cloud_instance_id: a.cloud.instanceId,
        cloud_provider: a.cloud.provider,
        cloud_region: a.cloud.region,
        cloud_account: a.cloud.account,
        instance_type: a.cloud.instanceType,
        power_state: a.decommissioned ? 'terminated' : 'running',
        name: rng.chance(0.8) ? `${rng.pick(['api', 'worker', 'batch', 'web'])}-${a.id.slice(-4)}` : undefined,
        fqdn: a.domain && rng.chance(0.9) ? `${a.hostname}.${a.domain}` : undefined,
        hostname: a.domain ? undefined : a.hostname,
        primary_ip: primary?.ip ?? undefined,
      },
      interfaces: ifaces(a.nics),
      tags: { env: rng.pick(['prod', 'staging', 'dev']), owner: rng.pick(['team-a', 'team-b', 'team-c']) },
    });
  }

  const isNetwork = a.assetClass === 'network_device' || a.assetClass === 'firewall';
  if (isNetwork && primary) {
    const inPlant = primary.network.startsWith('plant');
    const sysName = rng.chance(noise.hostnameTypo) ? typo(rng, a.hostname) : rng.chance(0.3) && a.domain ? `${a.hostname}.${a.domain}` : a.hostname;
    const snmp = (sourceId: FleetSourceId, mgmt: Nic): void =>
      e.emit(sourceId, a, {
        nativeKey: `${mgmt.network}/${mgmt.ip ?? ''}`,
        assetClass: rng.chance(0.8) ? a.assetClass : null,
        fields: {
          hostname: sysName,
          description: `${a.vendor?.spellings[0] ?? ''} ${a.osName}`,
          vendor: vendorName(),
          model: rng.chance(0.7) ? a.model : undefined,
          serial: rng.chance(0.75) ? a.serial : undefined,
          firmware: a.firmware,
          os_name: a.osName,
          sys_object_id: '1.3.6.1.4.1.9.1.2494',
          uptime_seconds: rng.int(1000, 9_000_000),
          location: inPlant ? 'Plant hall' : 'DC row 4',
          primary_ip: mgmt.ip ?? undefined,
        },
        interfaces: ifaces(a.nics),
      });
    if (on(inPlant ? 'src-snmp-plant' : 'src-snmp-dc')) snmp(inPlant ? 'src-snmp-plant' : 'src-snmp-dc', primary);
    if (!inPlant && on('src-snmp-plant') && rng.chance(noise.multiHomedSwitch)) {
      // Multi-homed: a second management address on a plant network, polled by the plant collector.
      const plantNic: Nic = { name: 'Vlan900', mac: primary.mac, ip: `172.30.${rng.int(0, 255)}.${rng.int(2, 254)}`, network: 'plant-a' };
      a.nics.push(plantNic);
      snmp('src-snmp-plant', plantNic);
    }
  }

  if (a.assetClass === 'server' && on('src-snmp-dc') && primary && rng.chance(0.35)) {
    e.emit('src-snmp-dc', a, {
      nativeKey: `${primary.network}/${primary.ip ?? ''}`,
      assetClass: rng.chance(0.5) ? 'server' : null,
      fields: {
        hostname: rng.chance(noise.hostnameTypo) ? typo(rng, a.hostname) : a.hostname,
        description: a.osName,
        vendor: rng.chance(0.5) ? vendorName() : undefined,
        serial: rng.chance(0.1) ? a.serial : undefined,
        primary_ip: primary.ip ?? undefined,
        uptime_seconds: rng.int(1000, 9_000_000),
      },
      interfaces: ifaces(a.nics),
    });
  }

  if ((a.assetClass === 'plc' || a.assetClass === 'hmi') && primary) {
    const uri = `urn:${a.hostname}:${(a.vendor?.spellings[0] ?? 'vendor').split(/[\s,]/)[0]}:OPCUA-Server`;
    if (on('src-opcua') && rng.chance(0.9)) {
      e.emit('src-opcua', a, {
        nativeKey: `opc.tcp://${primary.ip ?? ''}:4840@${primary.network}`,
        assetClass: a.assetClass,
        fields: {
          opcua_application_uri: uri,
          vendor: vendorName(),
          model: a.model,
          serial: rng.chance(0.85) ? a.serial : undefined,
          firmware: a.firmware,
          hostname: rng.chance(0.7) ? (rng.chance(noise.hostnameTypo) ? typo(rng, a.hostname) : a.hostname) : undefined,
          primary_ip: primary.ip ?? undefined,
        },
        // The collector resolves the MAC by ARP when it shares the segment.
        interfaces: [{ mac: rng.chance(0.85) ? macNotation(rng, primary.mac) : undefined, ips: [{ address: primary.ip ?? '', network: primary.network }] }],
      });
    }
    if (on('src-snmp-plant') && rng.chance(0.4)) {
      e.emit('src-snmp-plant', a, {
        nativeKey: `${primary.network}/${primary.ip ?? ''}`,
        assetClass: rng.chance(0.5) ? a.assetClass : null,
        fields: {
          hostname: rng.chance(noise.hostnameTypo) ? typo(rng, a.hostname) : a.hostname,
          vendor: vendorName(),
          model: rng.chance(0.5) ? a.model : undefined,
          serial: rng.chance(0.3) ? a.serial : undefined,
          firmware: a.firmware,
          primary_ip: primary.ip ?? undefined,
        },
        interfaces: ifaces(a.nics),
      });
    }
  }

  if ((a.assetClass === 'server' || isNetwork || a.assetClass === 'plc') && on('src-manual') && rng.chance(noise.manualEdit)) {
    e.emit('src-manual', a, {
      nativeKey: `asset-tag-${a.id.slice(-7)}`,
      ageDays: rng.int(30, 300),
      assetClass: a.assetClass,
      fields: { hostname: a.hostname, serial: a.serial, vendor: vendorName(), location: rng.pick(['Room 101', 'Hall B', 'Cage 7']), contact: rng.pick(['ops@example.com', 'ot-team@example.com']) },
      tags: { owner: 'manual-owner', criticality: rng.pick(['high', 'medium']) },
    });
  }
}
