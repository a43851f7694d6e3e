// The traps generator A plants in its estate, each a seeded rate that tests and benchmarks can turn
// up or down. A rate says what share of the things it applies to (named on each line) carry the
// trap; the defaults are set to be common enough to matter when tuning on a 20k estate and rare
// enough that the estate still looks like a real one.

export interface FleetNoise {
  // Record noise: per field or per reported value.
  /** Per field of a record: the source left it out (never instance ids or OPC UA URIs). */
  missingField: number;
  /** Per hardware serial a host inventory reports: a BIOS placeholder instead ("To be filled by O.E.M."). */
  placeholderSerial: number;
  /** Per real hardware serial any source reports: one character wrong (O for 0, a dropped character, ...). */
  serialTypo: number;
  /** Per host name SNMP or OPC UA reports: two characters swapped. */
  hostnameTypo: number;

  // Lifecycle of hosts.
  /** Servers, VMs and workstations: renamed, the inventory keeping a stale row under the old name. */
  rename: number;
  /** Workstations and cloud instances: a gone predecessor whose address was handed to this one. */
  decommissioned: number;
  /** Servers and workstations (not renamed): replaced by new hardware under the same name and address (a new entity). */
  hardwareReplaced: number;
  /** Office workstations: last seen days ago with an address the DHCP server has since given another. */
  dhcpIpReuse: number;

  // Virtual machines.
  /** VMs: cloned from an earlier VM, keeping its BIOS serial and UUID. */
  vmClone: number;
  /** Per server-inventory record of a VM or cloud instance: reported with class `server`. */
  vmClassAsServer: number;
  /** Per server-inventory record of a VM or cloud instance: reported with no class. */
  vmClassMissing: number;

  // Shared virtual MACs (one MAC on many unrelated hosts).
  /** Servers, VMs and cloud instances: run Docker, listing docker0 with a container-range MAC. */
  dockerMac: number;
  /** Servers and VMs: in a keepalived pair sharing a VRRP virtual MAC and virtual IP. */
  keepalivedPair: number;
  /** Network devices and firewalls: in an HSRP / VRRP pair sharing a virtual MAC and gateway IP. */
  firstHopRedundancy: number;
  /** Workstations: Hyper-V's "Default Switch" adapter, from a cloned image. */
  hyperVDefaultSwitch: number;
  /** Workstations: a VirtualBox host-only adapter (0a:00:27:00:00:xx, 192.168.56.1). */
  virtualBoxHostOnly: number;
  /** Workstations: a VPN client's virtual adapter, whose MAC is fixed by the product. */
  vpnClientAdapter: number;

  // Cloud instances as the server inventory sees them (the rest: a host name equal to the cloud name only).
  /** Cloud instances in the server inventory: the record carries the cloud instance id. */
  cloudHostInstanceId: number;
  /** Cloud instances in the server inventory: the record carries the BIOS UUID (AWS: "ec2…") but no instance id. */
  cloudHostBiosUuid: number;

  // OT devices.
  /** PLCs, HMIs, drives and gateways: listed in the hand-kept OT seed list (IP, vendor, model). */
  otSeedCoverage: number;
  /** Per seed-list row: it has the serial. */
  otSeedSerial: number;
  /** Modbus-capable devices: answer the Modbus device identification sweep. */
  modbusCoverage: number;
  /** Drives: on RS-485 behind a Modbus TCP gateway, with no address of their own. */
  driveBehindGateway: number;
  /** PLCs and HMIs: expose an OPC UA server the collector reads. */
  opcuaCoverage: number;
  /** PLCs, HMIs and gateways: answer the plant SNMP sweep. */
  otSnmpCoverage: number;

  // Network devices and manual entry.
  /** DC network devices: a second management address on a plant network. */
  multiHomedSwitch: number;
  /** Servers, network devices and PLCs: a manual asset-register entry. */
  manualEdit: number;
}

export const DEFAULT_FLEET_NOISE: FleetNoise = {
  missingField: 0.05,
  placeholderSerial: 0.05,
  serialTypo: 0.02,
  hostnameTypo: 0.03,
  rename: 0.03,
  decommissioned: 0.02,
  hardwareReplaced: 0.02,
  dhcpIpReuse: 0.06,
  vmClone: 0.08,
  vmClassAsServer: 0.3,
  vmClassMissing: 0.15,
  dockerMac: 0.15,
  keepalivedPair: 0.04,
  firstHopRedundancy: 0.4,
  hyperVDefaultSwitch: 0.1,
  virtualBoxHostOnly: 0.05,
  vpnClientAdapter: 0.3,
  cloudHostInstanceId: 0.5,
  cloudHostBiosUuid: 0.3,
  otSeedCoverage: 0.85,
  otSeedSerial: 0.1,
  modbusCoverage: 0.8,
  driveBehindGateway: 0.35,
  opcuaCoverage: 0.6,
  otSnmpCoverage: 0.4,
  multiHomedSwitch: 0.15,
  manualEdit: 0.005,
};
