// The MIB objects the collector reads, by numeric OID (no MIB files are loaded at run time).

export const SYSTEM_OIDS = {
  sysDescr: '1.3.6.1.2.1.1.1.0',
  sysObjectID: '1.3.6.1.2.1.1.2.0',
  sysUpTime: '1.3.6.1.2.1.1.3.0',
  sysContact: '1.3.6.1.2.1.1.4.0',
  sysName: '1.3.6.1.2.1.1.5.0',
  sysLocation: '1.3.6.1.2.1.1.6.0',
  sysServices: '1.3.6.1.2.1.1.7.0',
  snmpEngineID: '1.3.6.1.6.3.10.2.1.1.0',
} as const;

export const HR_SCALAR_OIDS = {
  hrSystemUptime: '1.3.6.1.2.1.25.1.1.0',
  hrSystemNumUsers: '1.3.6.1.2.1.25.1.5.0',
  hrSystemProcesses: '1.3.6.1.2.1.25.1.6.0',
  hrMemorySize: '1.3.6.1.2.1.25.2.2.0',
} as const;

/** Table entry OIDs and the columns read from each. */
export const TABLES = {
  ifTable: { entry: '1.3.6.1.2.1.2.2.1', columns: { ifDescr: 2, ifType: 3, ifSpeed: 5, ifPhysAddress: 6, ifAdminStatus: 7, ifOperStatus: 8 } },
  ifXTable: { entry: '1.3.6.1.2.1.31.1.1.1', columns: { ifName: 1, ifHighSpeed: 15, ifAlias: 18 } },
  ipAddrTable: { entry: '1.3.6.1.2.1.4.20.1', columns: { ipAdEntIfIndex: 2, ipAdEntNetMask: 3 } },
  ipAddressTable: { entry: '1.3.6.1.2.1.4.34.1', columns: { ipAddressIfIndex: 3, ipAddressType: 4, ipAddressPrefix: 5, ipAddressOrigin: 6, ipAddressStatus: 7 } },
  entPhysicalTable: {
    entry: '1.3.6.1.2.1.47.1.1.1.1',
    columns: { descr: 2, containedIn: 4, class: 5, name: 7, hardwareRev: 8, firmwareRev: 9, softwareRev: 10, serialNum: 11, mfgName: 12, modelName: 13 },
  },
  hrStorageTable: { entry: '1.3.6.1.2.1.25.2.3.1', columns: { type: 2, descr: 3, allocationUnits: 4, size: 5, used: 6 } },
  hrDeviceTable: { entry: '1.3.6.1.2.1.25.3.2.1', columns: { type: 2, descr: 3, status: 5 } },
  hrSWInstalledTable: { entry: '1.3.6.1.2.1.25.6.3.1', columns: { name: 2, id: 3, type: 4, date: 5 } },
  lldpLocPortTable: { entry: '1.0.8802.1.1.2.1.3.7.1', columns: { portIdSubtype: 2, portId: 3, portDesc: 4 } },
  lldpRemTable: {
    entry: '1.0.8802.1.1.2.1.4.1.1',
    columns: { chassisIdSubtype: 4, chassisId: 5, portIdSubtype: 6, portId: 7, portDesc: 8, sysName: 9, sysDesc: 10 },
  },
  cdpCacheTable: { entry: '1.3.6.1.4.1.9.9.23.1.2.1.1', columns: { address: 4, deviceId: 6, devicePort: 7, platform: 8 } },
  dot1dBasePortTable: { entry: '1.3.6.1.2.1.17.1.4.1', columns: { ifIndex: 2 } },
  dot1dTpFdbTable: { entry: '1.3.6.1.2.1.17.4.3.1', columns: { port: 2, status: 3 } },
  dot1qTpFdbTable: { entry: '1.3.6.1.2.1.17.7.1.2.2.1', columns: { port: 2, status: 3 } },
  ipNetToMediaTable: { entry: '1.3.6.1.2.1.4.22.1', columns: { ifIndex: 1, physAddress: 2, netAddress: 3, type: 4 } },
} as const;

export type SnmpTableName = keyof typeof TABLES;

/** hrDeviceType values (HOST-RESOURCES-TYPES). */
export const HR_DEVICE_PROCESSOR = '1.3.6.1.2.1.25.3.1.3';
export const HR_DEVICE_PRINTER = '1.3.6.1.2.1.25.3.1.5';
export const ENTERPRISES_PREFIX = '1.3.6.1.4.1.';
