// The proportions generator B draws its estate from. They were set from how mixed enterprise and
// plant estates tend to look (laptop-heavy offices, a mostly virtual data centre, a sizeable plant
// floor), not from generator A and not from what the reconciliation engine handles well. Tests
// check that the generated estate shows each hard case at about these rates.

/** The kinds of true entity generator B creates, with their share of the estate. */
export const ESTATE_B_KINDS = ['workstation', 'vm', 'physical_server', 'cloud', 'switch', 'router', 'firewall', 'printer', 'ups', 'plc', 'hmi', 'drive'] as const;
export type EstateBKind = (typeof ESTATE_B_KINDS)[number] | 'modbus_gateway';

export interface EstateBMix {
  kinds: Record<(typeof ESTATE_B_KINDS)[number], number>;
  /** Servers, VMs and workstations known under an old name by a lagging source. */
  renamed: number;
  /** Physical servers and workstations replaced by new hardware keeping the name and address. */
  replaced: number;
  /** VMs copied with their configuration ("I moved it"), so serial and BIOS UUID repeat. */
  copiedVm: number;
  /** Of copied VMs, those that also kept the MAC. */
  copiedVmKeepsMac: number;
  /** Hyper-V hosts whose dynamic MAC pool collides with another host's. */
  hypervPoolCollision: number;
  /** Linux servers and VMs running keepalived with a VRRP virtual MAC interface. */
  keepalived: number;
  /** Linux servers and VMs running Docker; of those, the share whose inventory lists a container interface. */
  docker: number;
  dockerContainerListed: number;
  /** Workstations with VirtualBox (host-only adapter 0a:00:27:00:00:00, 192.168.56.1). */
  virtualBox: number;
  /** Windows workstations with the Hyper-V default switch. */
  hypervDefaultSwitch: number;
  /** Laptops that use a hot-desk dock whose own MAC other laptops also show. */
  hotDeskDock: number;
  /** Workstations on boards with an unprogrammed SMBIOS serial (endpoint tool reports the placeholder). */
  placeholderSerialWorkstation: number;
  /** Physical servers with an unprogrammed SMBIOS serial. */
  placeholderSerialServer: number;
  /** Workstations whose SMBIOS UUID is a placeholder. */
  placeholderUuid: number;
  /** CMDB serials typed by hand with one wrong character. */
  serialTypo: number;
  /** Workstations listed in the CMDB (asset register) as well as the endpoint tool. */
  cmdbWorkstations: number;
  /** Of CMDB workstation rows, those whose address is from an older DHCP lease. */
  cmdbStaleLease: number;
  /** Retired workstations only the endpoint tool still remembers (their lease went to another). */
  retiredWorkstation: number;
  /** Workstations re-imaged: the endpoint tool holds an old and a new record of the same hardware. */
  reimaged: number;
  /** Workstations whose DNS name is longer than NetBIOS allows. */
  longHostname: number;
  /** Decommissioned servers only the CMDB remembers. */
  ghostServer: number;
  /** Physical servers with storage / backup NICs. */
  multiHomedServer: number;
  /** Cloud instances that the CMDB also lists (from its agent). */
  cloudInCmdb: number;
  /** AWS instances in an account's default VPC (172.31.0.0/16 in every account). */
  awsDefaultVpc: number;
  /** Terminated instances still listed, whose private address a newer instance now holds. */
  terminatedInstance: number;
  /** Switches and routers in first-hop redundancy pairs (VRRP, or HSRP on Cisco). */
  redundantPair: number;
  /** Unconfigured switches reporting the factory hostname ("Switch"). */
  defaultHostname: number;
  /** Modbus drives on RS-485 behind a TCP gateway (one IP, one unit id each). */
  driveBehindGateway: number;
  /** OT devices whose seed-list row carries a serial. */
  otSerialInSeed: number;
  /** Monitoring hosts added by address only (no name). */
  monitoredByAddress: number;
  /** Missing-field rate applied to optional fields. */
  missingField: number;
}

export const ESTATE_B_MIX: EstateBMix = {
  kinds: { workstation: 0.4, vm: 0.2, physical_server: 0.05, cloud: 0.1, switch: 0.035, router: 0.015, firewall: 0.01, printer: 0.04, ups: 0.01, plc: 0.07, hmi: 0.03, drive: 0.04 },
  renamed: 0.05,
  replaced: 0.03,
  copiedVm: 0.04,
  copiedVmKeepsMac: 0.3,
  hypervPoolCollision: 0.2,
  keepalived: 0.08,
  docker: 0.12,
  dockerContainerListed: 0.6,
  virtualBox: 0.06,
  hypervDefaultSwitch: 0.08,
  hotDeskDock: 0.08,
  placeholderSerialWorkstation: 0.06,
  placeholderSerialServer: 0.03,
  placeholderUuid: 0.03,
  serialTypo: 0.02,
  cmdbWorkstations: 0.35,
  cmdbStaleLease: 0.6,
  retiredWorkstation: 0.04,
  reimaged: 0.02,
  longHostname: 0.2,
  ghostServer: 0.02,
  multiHomedServer: 0.6,
  cloudInCmdb: 0.6,
  awsDefaultVpc: 0.3,
  terminatedInstance: 0.03,
  redundantPair: 0.3,
  defaultHostname: 0.03,
  driveBehindGateway: 0.6,
  otSerialInSeed: 0.1,
  monitoredByAddress: 0.1,
  missingField: 0.04,
};
