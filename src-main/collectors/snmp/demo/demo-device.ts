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
  arp?: Array<{ ifIndex: number; ip: string; mac: string }>;
  hostResources?: {
    memoryKiB: number;
    processes: number;
    storage: Array<{ descr: string; sizeBytes: number; usedBytes: number }>;
    cpus: string[];
    software: string[];
  };
}
