// One true asset of a given class, as it really is: identity, hardware, addresses, software, and the
// adapters it carries that many other hosts carry too. Traps that involve two assets (clones,
// replacements, redundancy pairs, DHCP reuse) are laid on afterwards by fleet-traps.ts.
import type { AssetClass } from '../../../src-shared/model/index.js';
import type { Prng } from '../../../src-shared/lib/mulberry32.js';
import { DESKTOP_OS, NETWORK_OS, SERVER_OS, SOFTWARE, VENDORS_BY_CLASS, type CatalogueVendor } from '../fleet-catalogue.js';
import type { FleetAllocators } from './fleet-allocators.js';
import type { FleetNoise } from './fleet-noise.js';
import { DC_SITE_NAMES, SERVER_SIDE_NETWORKS, VPC_COUNT } from './fleet-networks.js';
import {
  DOCKER_MACS,
  HYPERV_DEFAULT_SWITCH_MACS,
  hyperVDefaultSwitchIp,
  pickVpnClient,
  VIRTUALBOX_HOST_ONLY_MACS,
  type VpnClient,
} from './shared-virtual-adapters.js';
import type { CloudHostEvidence, Nic, TrueAsset } from './true-asset.js';
import { cloudMac, makeCloudIdentity, makeVirtualIdentity, randomUuid, swappedUuid, VM_NIC_NAMES, VM_PLATFORM_MIX, VM_VENDORS, type CloudProvider, type VmPlatform } from './virtual-platforms.js';

export interface AssetMaker {
  rng: Prng;
  alloc: FleetAllocators;
  noise: FleetNoise;
  maxSoftware: number;
  /** The VPN client the company standardised on. */
  vpnClient: VpnClient;
}

function blank(id: string, assetClass: AssetClass): TrueAsset {
  return {
    id,
    assetClass,
    platform: 'physical',
    hostname: '',
    domain: null,
    vendor: null,
    model: '',
    serial: '',
    biosUuid: null,
    assetTag: null,
    firmware: null,
    osName: '',
    osVersion: '',
    osBuild: null,
    nics: [],
    software: [],
    cloud: null,
    plant: null,
    fieldbus: null,
    modbusUnit: null,
    previousHostname: null,
    decommissioned: false,
    cloneOf: null,
    replacedBy: null,
    replaces: null,
    redundancyPeer: null,
    lastSeenDaysAgo: null,
  };
}

function software(m: AssetMaker): TrueAsset['software'] {
  return m.rng
    .shuffle(SOFTWARE)
    .slice(0, m.rng.int(1, m.maxSoftware))
    .map((s) => ({ name: s.name, vendor: s.vendor, version: m.rng.pick(s.versions) }));
}

/** Dell boards encode "DELL" in the first four bytes of their BIOS UUID. */
function hardwareUuid(m: AssetMaker, vendor: CatalogueVendor): string {
  const uuid = randomUuid(m.rng);
  return vendor.spellings[0]?.startsWith('Dell') ? `4c4c4544-${uuid.slice(9)}` : uuid;
}

function assetTag(m: AssetMaker): string | null {
  return m.rng.chance(0.3) ? m.alloc.serial('AT', 6) : null;
}

function dockerNic(m: AssetMaker): Nic[] {
  return m.rng.chance(m.noise.dockerMac) ? [{ name: 'docker0', mac: m.rng.pick(DOCKER_MACS), ip: '172.17.0.1', network: 'docker', sharedMac: 'docker' }] : [];
}

function pickPlatform(rng: Prng): VmPlatform {
  let r = rng.next();
  for (const [platform, share] of VM_PLATFORM_MIX) {
    if (r < share) return platform;
    r -= share;
  }
  return 'vmware';
}

export function makeServer(m: AssetMaker, id: string, n: number): TrueAsset {
  const { rng, alloc } = m;
  const site = rng.pick(DC_SITE_NAMES);
  const vendor = rng.pick(VENDORS_BY_CLASS.server ?? []);
  const [osName, osVersion] = rng.pick(SERVER_OS);
  const nics: Nic[] = [];
  const nicCount = rng.int(1, 4);
  for (let i = 0; i < nicCount; i++) {
    // Multi-homed: the second and later NICs sit on storage / backup / management networks.
    const network = i === 0 ? site : `${site}-${SERVER_SIDE_NETWORKS[i - 1] ?? 'mgmt'}`;
    nics.push({ name: `eth${i}`, mac: alloc.mac(rng.pick(vendor.ouis)), ip: alloc.ip(network), network });
  }
  nics.push(...dockerNic(m));
  return {
    ...blank(id, 'server'),
    hostname: `srv-${site}-${n}`,
    domain: `${site}.example.com`,
    vendor,
    model: rng.pick(vendor.models),
    serial: alloc.serial('', 10),
    biosUuid: hardwareUuid(m, vendor),
    assetTag: assetTag(m),
    osName,
    osVersion,
    nics,
    software: software(m),
  };
}

/** A VM; a clone takes its template's platform, BIOS serial and UUID, with a MAC of its own. */
export function makeVm(m: AssetMaker, id: string, n: number, template?: TrueAsset): TrueAsset {
  const { rng, alloc } = m;
  const site = rng.pick(DC_SITE_NAMES);
  const [osName, osVersion] = rng.pick(SERVER_OS);
  const platform = template ? (template.platform as VmPlatform) : pickPlatform(rng);
  const identity = template ? { vendor: template.vendor ?? VM_VENDORS[platform], model: template.model, serial: template.serial, biosUuid: template.biosUuid ?? '' } : makeVirtualIdentity(rng, platform);
  const nics: Nic[] = [{ name: rng.pick(VM_NIC_NAMES[platform]), mac: alloc.mac(rng.pick(identity.vendor.ouis)), ip: alloc.ip(site), network: site }, ...dockerNic(m)];
  return {
    ...blank(id, 'virtual_machine'),
    platform,
    hostname: `vm-${rng.pick(['app', 'db', 'web', 'etl', 'ci'])}-${n}`,
    domain: `${site}.example.com`,
    vendor: identity.vendor,
    model: identity.model,
    serial: identity.serial,
    biosUuid: identity.biosUuid,
    osName,
    osVersion,
    nics,
    software: software(m),
    cloneOf: template?.id ?? null,
  };
}

/** An address another asset takes over (a DHCP lease, a VPC address) instead of a fresh one. */
export interface ReusedAddress {
  network: string;
  ip: string;
}

export function makeWorkstation(m: AssetMaker, id: string, n: number, reused?: ReusedAddress): TrueAsset {
  const { rng, alloc, noise } = m;
  const vendor = rng.pick(VENDORS_BY_CLASS.workstation ?? []);
  const [osName, osVersion] = rng.pick(DESKTOP_OS);
  const network = reused?.network ?? (rng.chance(0.8) ? 'office' : 'office-branch');
  const nics: Nic[] = [{ name: 'Ethernet', mac: alloc.mac(rng.pick(vendor.ouis)), ip: reused?.ip ?? alloc.ip(network), network }];
  if (rng.chance(0.4)) nics.push({ name: 'Wi-Fi', mac: alloc.mac('3c:a0:67'), ip: null, network });
  if (rng.chance(noise.hyperVDefaultSwitch)) {
    nics.push({ name: 'vEthernet (Default Switch)', mac: rng.pick(HYPERV_DEFAULT_SWITCH_MACS), ip: hyperVDefaultSwitchIp(rng), network: 'hyperv-default', sharedMac: 'hyperv-default-switch' });
  }
  if (rng.chance(noise.virtualBoxHostOnly)) {
    nics.push({ name: 'VirtualBox Host-Only Ethernet Adapter', mac: rng.pick(VIRTUALBOX_HOST_ONLY_MACS), ip: '192.168.56.1', network: 'vbox-hostonly', sharedMac: 'virtualbox-host-only' });
  }
  if (rng.chance(noise.vpnClientAdapter)) {
    const client = pickVpnClient(rng, m.vpnClient);
    // Connected when the inventory ran: an address from the VPN pool; otherwise none.
    const connected = rng.chance(0.5);
    nics.push({ name: client.adapterName, mac: client.mac, ip: connected ? alloc.ip('vpn-pool') : null, network: 'vpn-pool', sharedMac: 'vpn-client' });
  }
  const hostname = rng.chance(0.5) ? `wks-${String(n).padStart(5, '0')}` : `desktop-${rng.alnum(4).toLowerCase()}${n.toString(36)}`;
  return {
    ...blank(id, 'workstation'),
    hostname,
    domain: 'corp.example.com',
    vendor,
    model: rng.pick(vendor.models),
    serial: alloc.serial('', 7),
    biosUuid: hardwareUuid(m, vendor),
    assetTag: assetTag(m),
    osName,
    osVersion,
    osBuild: `${osVersion.split('.')[2] ?? osVersion}.${rng.int(1000, 4000)}`,
    nics,
    software: software(m),
  };
}

function cloudHostEvidence(m: AssetMaker): CloudHostEvidence {
  const r = m.rng.next();
  if (r < m.noise.cloudHostInstanceId) return 'instance_id';
  if (r < m.noise.cloudHostInstanceId + m.noise.cloudHostBiosUuid) return 'bios_uuid';
  return 'hostname';
}

export function makeCloudInstance(m: AssetMaker, id: string, n: number, reused?: ReusedAddress): TrueAsset {
  const { rng, alloc } = m;
  const vpcIndex = reused ? Number(reused.network.slice('vpc-'.length)) : rng.int(1, VPC_COUNT);
  const vpc = `vpc-0${vpcIndex}`;
  const ip = reused?.ip ?? alloc.ip(vpc);
  const provider: CloudProvider = vpcIndex <= 5 ? 'aws' : vpcIndex <= 7 ? 'azure' : 'gcp';
  // Azure's instance id is the VM's vmId, which the guest's BIOS reports with its first three fields byte-swapped.
  const instanceId = provider === 'aws' ? `i-0${rng.hex(16)}` : provider === 'azure' ? randomUuid(rng) : `${rng.int(1e15, 9e15)}`;
  const [osName, osVersion] = rng.pick(SERVER_OS.slice(2));
  const region = provider === 'aws' ? rng.pick(['eu-west-1', 'us-east-1']) : provider === 'azure' ? 'westeurope' : 'europe-west1';
  const hostEvidence = cloudHostEvidence(m);
  // Azure and GCP name the guest after the resource; on AWS the guest keeps its ip-… name unless someone sets it.
  const consoleName = `${rng.pick(['api', 'worker', 'batch', 'web', 'kafka', 'redis'])}-${rng.pick(['prod', 'stg', 'dev'])}-${n.toString(36)}`;
  const named = provider !== 'aws' || hostEvidence === 'hostname' || rng.chance(0.4);
  const name = provider === 'aws' && !named && rng.chance(0.15) ? null : consoleName;
  const identity = makeCloudIdentity(rng, provider);
  if (provider === 'azure') identity.biosUuid = swappedUuid(instanceId);
  const instanceType = provider === 'aws' ? rng.pick(['m5.large', 't3.medium', 'c6i.xlarge']) : provider === 'azure' ? rng.pick(['Standard_D2s_v5', 'Standard_B2ms']) : rng.pick(['e2-standard-4', 'n2-standard-2']);
  // Every VPC uses 10.0.0.0/16, so unnamed guests in two VPCs can share an ip-… name.
  const hostname = named ? consoleName : `ip-${ip.replace(/\./g, '-')}`;
  return {
    ...blank(id, 'cloud_instance'),
    platform: provider,
    hostname,
    domain: provider === 'aws' && !named ? `${region}.compute.internal` : null,
    vendor: identity.vendor,
    model: provider === 'aws' ? instanceType : (identity.vendor.models[0] ?? ''),
    serial: identity.serial,
    biosUuid: identity.biosUuid,
    osName,
    osVersion,
    nics: [{ name: 'eth0', mac: cloudMac(rng, provider, ip, alloc.next('cloudmac')), ip, network: vpc }, ...dockerNic(m)],
    software: software(m),
    cloud: { instanceId, provider, region, account: `acct-${vpcIndex % 3}`, instanceType, vpc, name, hostEvidence },
  };
}

export function makeNetworkDevice(m: AssetMaker, id: string, n: number, assetClass: 'network_device' | 'firewall'): TrueAsset {
  const { rng, alloc } = m;
  const vendor = rng.pick(VENDORS_BY_CLASS[assetClass] ?? []);
  let site: string;
  let ip: string;
  let plant: string | null = null;
  if (rng.chance(0.25)) {
    ({ plant, ip } = alloc.plantAddress('infra'));
    site = plant;
  } else {
    const dc = rng.pick(DC_SITE_NAMES);
    // Access and distribution switches live on the management network, core gear on the site's.
    site = rng.chance(0.3) ? `${dc}-mgmt` : dc;
    ip = alloc.ip(site);
  }
  const nics: Nic[] = [{ name: assetClass === 'firewall' ? 'mgmt' : 'Vlan100', mac: alloc.mac(rng.pick(vendor.ouis)), ip, network: site }];
  const ports = rng.int(4, 12);
  for (let p = 1; p <= ports; p++) nics.push({ name: `Gi1/0/${p}`, mac: alloc.mac(rng.pick(vendor.ouis)), ip: null, network: site });
  const os = rng.pick(vendor.os ?? NETWORK_OS);
  return {
    ...blank(id, assetClass),
    hostname: `${assetClass === 'firewall' ? 'fw' : 'sw'}-${site}-${n}`,
    domain: 'net.example.com',
    vendor,
    model: rng.pick(vendor.models),
    serial: alloc.serial('FOC', 8),
    firmware: os.replace(/^.*\s/, ''),
    osName: os,
    osVersion: os.replace(/^.*\s/, ''),
    nics,
    plant,
  };
}

function otSerial(m: AssetMaker, vendor: CatalogueVendor): string {
  return vendor.spellings.some((s) => s.startsWith('Siemens')) ? m.alloc.serial('S C-', 9) : m.alloc.serial('', 10);
}

/** A PLC, HMI or drive with an address of its own on a plant network. */
export function makeOtDevice(m: AssetMaker, id: string, n: number, assetClass: 'plc' | 'hmi' | 'drive'): TrueAsset {
  const { rng, alloc } = m;
  const vendor = rng.pick(VENDORS_BY_CLASS[assetClass] ?? []);
  const { plant, ip } = alloc.plantAddress('ot');
  const nics: Nic[] = [{ name: 'X1 P1', mac: alloc.mac(rng.pick(vendor.ouis)), ip, network: plant }];
  if (assetClass === 'plc' && rng.chance(0.3)) nics.push({ name: 'X2 P1', mac: alloc.mac(rng.pick(vendor.ouis)), ip: null, network: plant });
  return {
    ...blank(id, assetClass),
    hostname: `${assetClass}-${plant}-${n}`,
    vendor,
    model: rng.pick(vendor.models),
    serial: otSerial(m, vendor),
    firmware: `${rng.int(2, 4)}.${rng.int(0, 9)}.${rng.int(0, 9)}`,
    nics,
    plant,
    // Direct Modbus TCP devices answer on unit 255 (PLCs) or 1 (drives).
    modbusUnit: vendor.modbus ? (assetClass === 'drive' ? 1 : 255) : null,
  };
}

/** A drive with no Ethernet: the gateway's address and a unit id reach it. */
export function makeFieldbusDrive(m: AssetMaker, id: string, n: number, gateway: TrueAsset, unit: number): TrueAsset {
  const { rng } = m;
  const vendor = rng.pick((VENDORS_BY_CLASS.drive ?? []).filter((v) => v.modbus));
  const gw = gateway.nics[0];
  if (!gw?.ip || !gateway.plant) throw new Error('fleet generator: a gateway needs a plant address');
  return {
    ...blank(id, 'drive'),
    hostname: `drive-${gateway.plant}-${n}`,
    vendor,
    model: rng.pick(vendor.models),
    serial: otSerial(m, vendor),
    firmware: `${rng.int(1, 5)}.${rng.int(0, 9)}.${rng.int(0, 9)}`,
    plant: gateway.plant,
    fieldbus: { gatewayId: gateway.id, ip: gw.ip, network: gw.network, unit },
    modbusUnit: unit,
  };
}

export function makeGateway(m: AssetMaker, id: string, n: number): TrueAsset {
  const { rng, alloc } = m;
  const vendor = rng.pick(VENDORS_BY_CLASS.io_module ?? []);
  const { plant, ip } = alloc.plantAddress('ot');
  return {
    ...blank(id, 'io_module'),
    hostname: `gw-${plant}-${n}`,
    vendor,
    model: rng.pick(vendor.models),
    serial: alloc.serial('', 10),
    firmware: `${rng.int(1, 4)}.${rng.int(0, 9)}`,
    nics: [{ name: 'LAN1', mac: alloc.mac(rng.pick(vendor.ouis)), ip, network: plant }],
    plant,
  };
}

/** The hardware a server or workstation replaced: same name and addresses, its own serial, BIOS UUID and MACs. */
export function makeReplacedPredecessor(m: AssetMaker, id: string, current: TrueAsset): TrueAsset {
  const { rng, alloc } = m;
  const vendor = rng.pick(VENDORS_BY_CLASS[current.assetClass] ?? []);
  const nics = current.nics.map((nic) => (nic.sharedMac ? { ...nic } : { ...nic, mac: alloc.mac(nic.name === 'Wi-Fi' ? '3c:a0:67' : rng.pick(vendor.ouis)) }));
  return {
    ...current,
    id,
    vendor,
    model: rng.pick(vendor.models),
    serial: alloc.serial('', current.serial.length),
    biosUuid: hardwareUuid(m, vendor),
    assetTag: assetTag(m),
    nics,
    software: software(m),
    previousHostname: null,
    decommissioned: true,
    replacedBy: current.id,
  };
}
