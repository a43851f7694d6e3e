// The ground truth of generator A: one TrueAsset per real entity, with what it really is and which
// traps it carries. Sources then report on it, each in its own way (see emit-*.ts).
import type { AssetClass } from '../../../src-shared/model/index.js';
import type { CatalogueVendor } from '../fleet-catalogue.js';
import type { SharedMacKind } from './shared-virtual-adapters.js';
import type { CloudProvider, VmPlatform } from './virtual-platforms.js';

export interface Nic {
  name: string;
  mac: string;
  /** The address it had when last seen; null for a port without one. */
  ip: string | null;
  network: string;
  /** A virtual adapter whose MAC many unrelated hosts share. */
  sharedMac?: SharedMacKind;
}

export type CloudHostEvidence = 'instance_id' | 'bios_uuid' | 'hostname';

export interface CloudIdentity {
  instanceId: string;
  provider: CloudProvider;
  region: string;
  account: string;
  instanceType: string;
  vpc: string;
  /** The console name (AWS Name tag, Azure / GCP resource name); null when untagged. */
  name: string | null;
  /** What the server inventory's record of it carries to tie it to the cloud list. */
  hostEvidence: CloudHostEvidence;
}

/** A device on RS-485 behind a Modbus TCP gateway: reached at the gateway's address, by unit id. */
export interface FieldbusAddress {
  gatewayId: string;
  ip: string;
  network: string;
  unit: number;
}

export type Platform = 'physical' | VmPlatform | CloudProvider;

export interface TrueAsset {
  id: string;
  assetClass: AssetClass;
  platform: Platform;
  hostname: string;
  domain: string | null;
  vendor: CatalogueVendor | null;
  model: string;
  /** '' when the device has none. */
  serial: string;
  biosUuid: string | null;
  assetTag: string | null;
  firmware: string | null;
  osName: string;
  osVersion: string;
  /** Windows build and revision ("22631.3007"). */
  osBuild: string | null;
  nics: Nic[];
  software: { name: string; vendor: string; version: string }[];
  cloud: CloudIdentity | null;
  /** The plant an OT device (or plant network device) is on. */
  plant: string | null;
  fieldbus: FieldbusAddress | null;
  /** The unit id it answers Modbus device identification on; null when it does not speak Modbus. */
  modbusUnit: number | null;
  /** Host name before a rename, if any. */
  previousHostname: string | null;
  /** Only stale records remember it. */
  decommissioned: boolean;
  /** The VM it was cloned from (sharing its serial and BIOS UUID). */
  cloneOf: string | null;
  /** The device that took over its name and address when it was replaced. */
  replacedBy: string | null;
  /** The device it replaced. */
  replaces: string | null;
  /** A keepalived or HSRP / VRRP peer sharing its virtual MAC and address. */
  redundancyPeer: string | null;
  /** Days since its inventory agent last reported, when that is not recent (its address moved on since). */
  lastSeenDaysAgo: number | null;
}
