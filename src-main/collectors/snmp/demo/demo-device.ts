// Data describing one simulated SNMP device. The demo agent serves exactly this; tests and the
// `demo` command build devices with the profile functions in demo-devices.ts.

export interface DemoInterface {
  ifIndex: number;
  name: string;
  descr?: string;
  alias?: string;
  type?: number;
  mac?: string;
  speedMbps?: number;
  operUp?: boolean;
  ips?: Array<{ address: string; netmask: string }>;
}

export interface DemoEntity {
  index: number;
  descr: string;
  containedIn: number;
  /** 3 chassis, 9 module, 10 port, 6 power supply ... */
  class: number;
  name: string;
  hardwareRev?: string;
  firmwareRev?: string;
  softwareRev?: string;
  serial?: string;
  manufacturer?: string;
  model?: string;
}

/**
 * One IP-MIB ipAddressTable row. `address` is what the agent puts into the InetAddress index: raw
 * octets (a Buffer, as the MIB says), or text — some agents write "fe80::1" there instead.
 */
export interface DemoIpAddressRow {
  /** InetAddressType: 1 ipv4, 2 ipv6, 3 ipv4z, 4 ipv6z. */
  addrType: number;
  address: Buffer | string;
  ifIndex: number;
  /** ipAddressType: 1 unicast (default), 2 anycast, 3 broadcast. */
  type?: number;
  /** ipAddressStatus: 1 preferred (default), 2 deprecated, 3 invalid, 6 tentative, 7 duplicate, … */
  status?: number;
  /** ipAddressOrigin: 2 manual (default), 4 dhcp, 5 linklayer, 6 random. */
  origin?: number;
  /** Served as an ipAddressPrefix pointer whose last sub-identifier is the length. */
  prefixLength?: number;
}

export interface DemoLldpNeighbour {
  localPortNum: number;
  chassisMac: string;
  portId: string;
  portDesc?: string;
  sysName: string;
}

export interface DemoDevice {
  name: string;
  sysDescr: string;
  sysObjectID: string;
  sysContact?: string;
  sysLocation?: string;
  sysServices: number;
  engineId: string;
  interfaces: DemoInterface[];
  entities?: DemoEntity[];
  lldpLocalPorts?: Array<{ portNum: number; portId: string; portDesc: string }>;
  lldpNeighbours?: DemoLldpNeighbour[];
  /** Bridge port number = ifIndex in the demo. */
  fdb?: Array<{ mac: string; port: number }>;
  /** ipNetToMediaType: 3 dynamic (default), 4 static. */
  arp?: Array<{ ifIndex: number; ip: string; mac: string; type?: number }>;
  /** IP-MIB ipAddressTable (ipAddrTable rows come from interfaces[].ips). */
  ipAddressTable?: DemoIpAddressRow[];
  hostResources?: {
    memoryKiB: number;
    processes: number;
    storage: Array<{ descr: string; sizeBytes: number; usedBytes: number }>;
    cpus: string[];
    software: string[];
  };
}
