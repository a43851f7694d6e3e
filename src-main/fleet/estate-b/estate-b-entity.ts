// One true thing in generator B's estate, as the world is (not as any source reports it). Sources
// are lenses over these records; the label is what the truth file names.
import type { AssetClass } from '../../../src-shared/model/index.js';
import type { EstateBKind } from './estate-b-mix.js';

/** The hard cases generator B plants, counted per entity so tests can check their rates. */
export const ESTATE_B_HARD_CASES = [
  'renamed',
  'replaced_old',
  'replaced_new',
  'copied_vm',
  'hyperv_pool_collision',
  'keepalived_vrrp_mac',
  'docker_container_mac',
  'virtualbox_host_only',
  'hyperv_default_switch',
  'hot_desk_dock',
  'placeholder_serial',
  'placeholder_uuid',
  'serial_typo',
  'stale_dhcp_lease',
  'retired_workstation',
  'reimaged',
  'netbios_truncated',
  'ghost_server',
  'multi_homed',
  'cloud_in_cmdb',
  'aws_default_vpc',
  'terminated_instance',
  'vrrp_pair',
  'hsrp_pair',
  'firewall_ha_vmac',
  'default_hostname',
  'behind_modbus_gateway',
  'plant_ip_overlap',
  'ot_ip_only',
  'monitored_by_address',
] as const;
export type EstateBHardCase = (typeof ESTATE_B_HARD_CASES)[number];

export interface Nic {
  name: string;
  mac: string | null;
  ip: string | null;
  network: string | null;
  /** Host-local or shared virtual adapters: present on the host, reported by agents. */
  virtual?: boolean;
}

export interface CloudIdentity {
  provider: 'aws' | 'azure' | 'gcp';
  account: string;
  region: string;
  /** What the provider's own inventory calls the instance (AWS i-…, Azure resource id, GCE numeric id). */
  instanceId: string;
  /** The Azure resource id as the tool that created it wrote it (resource group in its own case). */
  createdResourceId?: string;
  /** Azure's VM unique id (a GUID from the instance metadata service), which agents report instead of the resource id. */
  vmId?: string;
  name: string;
  instanceType: string;
  state: 'running' | 'stopped' | 'terminated';
  publicIp: string | null;
}

export interface OtIdentity {
  plant: string;
  line: number;
  /** Device name in the engineering project (PROFINET station name or tag). */
  deviceName: string;
  /** Order number / product code as the vendor prints it. */
  productCode: string;
  productName: string;
  /** Modbus unit id when the device answers Modbus device identification; null when it does not. */
  modbusUnit: number | null;
  /** Label of the TCP gateway it sits behind, if any. */
  gateway: string | null;
}

export interface TrueEntity {
  label: string;
  kind: EstateBKind;
  assetClass: AssetClass;
  site: string;
  hostname: string | null;
  /** Name before a rename; sources that lag still use it. */
  oldHostname: string | null;
  domain: string | null;
  vendor: string;
  model: string;
  serial: string | null;
  /** What the device's own firmware reports as serial (a placeholder on unprogrammed boards). */
  smbiosSerial: string | null;
  biosUuid: string | null;
  smbiosUuid: string | null;
  assetTag: string | null;
  firmware: string | null;
  osName: string | null;
  osVersion: string | null;
  nics: Nic[];
  /** An address from an older DHCP lease, still held by sources that lag (often another device's now). */
  staleIp: string | null;
  cloud: CloudIdentity | null;
  ot: OtIdentity | null;
  /** Out of service: only stale records remember it. */
  retired: boolean;
  hard: Set<EstateBHardCase>;
}
