// Per-protocol scope options: what each collector needs beyond targets, ports and the shared safety
// settings. A scope's `options` is one of these, discriminated by `protocol`. Defaults are the
// conservative ones documented in docs/ot-discovery.md.
import { z } from 'zod';

const Int = z.number().int();

export const SnmpScopeOptions = z.object({
  protocol: z.literal('snmp'),
});
export type SnmpScopeOptions = z.infer<typeof SnmpScopeOptions>;

export const MODBUS_TABLES = ['coils', 'discrete_inputs', 'holding_registers', 'input_registers'] as const;
export type ModbusTable = (typeof MODBUS_TABLES)[number];

export const ModbusRegisterRange = z.object({
  table: z.enum(MODBUS_TABLES),
  /** Zero-based protocol address of the first register or bit. */
  start: Int.min(0).max(65535),
  /** Registers (or bits) to read; read in chunks of at most 125 registers / 2000 bits. */
  count: Int.min(1).max(10_000),
  /** Optional label stored with the snapshot ("tuning parameters"). */
  label: z.string().max(100).optional(),
});
export type ModbusRegisterRange = z.infer<typeof ModbusRegisterRange>;

export const ModbusScopeOptions = z.object({
  protocol: z.literal('modbus'),
  /** Unit ids probed on each address; nothing else is tried (a gateway maps ids to serial devices). */
  unitIds: z.array(Int.min(0).max(255)).min(1).max(32).default([1]),
  /** Read Device Identification (function 43 / MEI 14). */
  identification: z.boolean().default(true),
  /** Look for the SunSpec "SunS" marker at these holding-register addresses. Empty = off. */
  sunspecAddresses: z.array(Int.min(0).max(65535)).max(4).default([40000, 0, 50000]),
  /** Register-map profile ids to apply; 'auto' applies every profile whose match fits the identity. */
  profiles: z.array(z.string().min(1).max(100)).max(20).default(['auto']),
  /** Deep register browsing: ranges read and stored as a snapshot (empty = off). */
  registerRanges: z.array(ModbusRegisterRange).max(32).default([]),
});
export type ModbusScopeOptions = z.infer<typeof ModbusScopeOptions>;

export const BacnetScopeOptions = z.object({
  protocol: z.literal('bacnet'),
  /** Device instance ranges asked for in Who-Is (inclusive). */
  instanceRanges: z
    .array(z.object({ low: Int.min(0).max(4_194_303), high: Int.min(0).max(4_194_303) }))
    .min(1)
    .max(16)
    .default([{ low: 0, high: 4_194_303 }]),
  /** How long to collect I-Am replies after each Who-Is. */
  iAmWaitMs: Int.min(200).max(60_000).default(3000),
  /** Local UDP port the collector binds (BACnet/IP's 47808 is often taken by a local stack); 0 = any free port. */
  localPort: Int.refine((p) => p === 0 || (p >= 1024 && p <= 65535), 'a local port is 0 (any free port) or 1024-65535').default(47809),
  /** Local IPv4 address the collector binds ('0.0.0.0' = every interface; pick one NIC on a multi-homed laptop). */
  localAddress: z.ipv4().default('0.0.0.0'),
  /** Remote networks (DNET) to reach through routers; empty = the local network only. */
  networks: z.array(Int.min(1).max(65534)).max(64).default([]),
  /** Register as a foreign device with this BBMD to reach a routed IP network. */
  bbmd: z.object({ host: z.string().min(1).max(100), port: Int.min(1).max(65535).default(47808), ttlSeconds: Int.min(30).max(65535).default(300) }).nullable().default(null),
  /** Read the object list and each object's name, type, description and units. */
  browseObjects: z.boolean().default(true),
  /** Objects read per device at most (a safety limit). */
  maxObjects: Int.min(1).max(100_000).default(5000),
  /** Devices read through one target at most (a safety limit against an I-Am flood). */
  maxDevicesPerTarget: Int.min(1).max(10_000).default(1000),
});
export type BacnetScopeOptions = z.infer<typeof BacnetScopeOptions>;

export const OPCUA_SECURITY_MODES = ['auto', 'None', 'Sign', 'SignAndEncrypt'] as const;
export type OpcuaSecurityMode = (typeof OPCUA_SECURITY_MODES)[number];

export const OpcuaScopeOptions = z.object({
  protocol: z.literal('opcua'),
  /** Path appended to opc.tcp://host:port (e.g. "/UA/Server"); most servers use "". */
  endpointPath: z.string().max(200).default(''),
  /** 'auto' takes the most secure endpoint the credentials can use. */
  securityMode: z.enum(OPCUA_SECURITY_MODES).default('auto'),
  /** Deep address-space browsing (false: identification, namespaces and DeviceSet only). */
  browse: z.boolean().default(true),
  /** Nodes visited per server at most (a safety limit). */
  maxNodes: Int.min(1).max(1_000_000).default(100_000),
  /** References followed from the Objects folder at most. */
  maxDepth: Int.min(1).max(64).default(12),
  /** Read the Devices companion specification's DeviceSet. */
  deviceSet: z.boolean().default(true),
});
export type OpcuaScopeOptions = z.infer<typeof OpcuaScopeOptions>;

export const DiscoveryScopeOptions = z.discriminatedUnion('protocol', [SnmpScopeOptions, ModbusScopeOptions, BacnetScopeOptions, OpcuaScopeOptions]);
export type DiscoveryScopeOptions = z.infer<typeof DiscoveryScopeOptions>;
export type DiscoveryScopeOptionsInput = z.input<typeof DiscoveryScopeOptions>;

/** The well-known port of each protocol, used when a scope names none. */
export const DEFAULT_PROTOCOL_PORTS = { snmp: 161, modbus: 502, bacnet: 47808, opcua: 4840 } as const;
