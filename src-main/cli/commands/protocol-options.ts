// The protocol of a scope and its protocol options, shared by `scopes add` and `discover <protocol>`:
// Modbus unit ids, register ranges and profiles; BACnet instance ranges, I-Am wait, routed networks
// and BBMD; OPC UA endpoint path, security mode and browse limits. The defaults in the help are the
// contract's (src-shared/api/discovery-protocols.ts), written out because command definitions load
// no zod module (cli-bundle.test.ts); protocol-options.test.ts checks that they agree.
import type { Command } from 'commander';
import { choice, port } from '../option-parsers.js';
import { hostAndPort, instanceRanges, nameList, numberIn, numberList, registerRanges, type RegisterRangeSpec } from '../ot-option-parsers.js';
import { OPCUA_SECURITY_MODE_NAMES, PROTOCOL_NAMES, type ProtocolName } from '../value-lists.js';

export interface ProtocolOptions {
  protocol?: ProtocolName;
  // Modbus
  unitIds?: number[];
  registerRange?: RegisterRangeSpec[];
  profiles?: string[];
  /** False with --no-identification (commander's negatable option: true otherwise). */
  identification?: boolean;
  sunspecAddresses?: number[];
  // BACnet
  instanceRange?: { low: number; high: number }[];
  iamWaitMs?: number;
  localPort?: number;
  bacnetNetwork?: number[];
  bbmd?: { host: string; port?: number };
  bbmdTtl?: number;
  maxObjects?: number;
  // OPC UA
  endpointPath?: string;
  securityMode?: (typeof OPCUA_SECURITY_MODE_NAMES)[number];
  maxNodes?: number;
  maxDepth?: number;
  deviceSet?: boolean;
  // BACnet and OPC UA: false with --no-browse.
  browse?: boolean;
}

/** The option flags of each protocol, for help texts and for refusing a flag of another protocol. */
export const PROTOCOL_FLAGS = {
  snmp: ['--identify'],
  modbus: ['--unit-ids', '--register-range', '--profiles', '--no-identification', '--sunspec-addresses'],
  bacnet: ['--instance-range', '--iam-wait-ms', '--local-port', '--bacnet-network', '--bbmd', '--bbmd-ttl', '--max-objects', '--no-browse'],
  opcua: ['--endpoint-path', '--security-mode', '--max-nodes', '--max-depth', '--no-browse', '--no-device-set'],
} as const satisfies Record<ProtocolName, readonly string[]>;

/** `--protocol`, for `scopes add` (discover <protocol> names it in the command). */
export function addProtocolOption(command: Command): Command {
  return command.option(
    '--protocol <name>',
    `${PROTOCOL_NAMES.join(', ')} (default snmp); modbus, bacnet and opcua scopes are OT (plant) scopes: gentle defaults, every run confirmed`,
    choice(PROTOCOL_NAMES, 'protocol'),
  );
}

export function addModbusOptions(command: Command): Command {
  return command
    .option(
      '--unit-ids <ids>',
      'Modbus: unit ids probed on each address, comma-separated or repeated; nothing else is tried (default 1)',
      numberList(0, 255, 'unit id'),
    )
    .option(
      '--register-range <table:start:count[:label]>',
      'Modbus: registers read and kept as a snapshot (repeatable); table coils, discrete, holding or input, zero-based start, e.g. holding:0:100:tuning (default none)',
      registerRanges,
    )
    .option(
      '--profiles <ids>',
      'Modbus: register-map profiles to apply, comma-separated; "auto" applies those matching the identity, "none" none (default auto)',
      nameList('profile id'),
    )
    .option('--no-identification', 'Modbus: skip Read Device Identification (function 43 / MEI 14)')
    .option(
      '--sunspec-addresses <addrs>',
      'Modbus: holding-register addresses searched for the SunSpec "SunS" marker, comma-separated; "none" turns it off (default 40000,0,50000)',
      numberList(0, 65535, 'register address', { allowNone: true }),
    );
}

export function addBacnetOptions(command: Command): Command {
  return command
    .option('--instance-range <low-high>', 'BACnet: device instances asked for in Who-Is (repeatable; default 0-4194303)', instanceRanges)
    .option('--iam-wait-ms <ms>', 'BACnet: how long to collect I-Am replies after each Who-Is (default 3000)', numberIn(200, 60_000, 'wait in ms'))
    .option('--local-port <port>', 'BACnet: local UDP port the collector binds (default 47809; 47808 is often taken by a local stack)', port)
    .option(
      '--bacnet-network <dnet>',
      'BACnet: remote network number reached through routers (repeatable; default the local network only)',
      numberList(1, 65534, 'network number'),
    )
    .option('--bbmd <host[:port]>', 'BACnet: register as a foreign device with this BBMD to reach a routed IP network (port default 47808)', hostAndPort)
    .option('--bbmd-ttl <seconds>', 'BACnet: foreign-device registration time to live (default 300)', numberIn(30, 65535, 'time to live in seconds'))
    .option('--max-objects <n>', 'BACnet: objects read per device at most (default 5000)', numberIn(1, 100_000, 'object count'));
}

export function addOpcuaOptions(command: Command): Command {
  return command
    .option('--endpoint-path <path>', 'OPC UA: path appended to opc.tcp://host:port, e.g. /UA/Server (default none)')
    .option(
      '--security-mode <mode>',
      `OPC UA: ${OPCUA_SECURITY_MODE_NAMES.join(', ')}; auto takes the most secure endpoint the credentials can use (default auto)`,
      choice(OPCUA_SECURITY_MODE_NAMES, 'OPC UA security mode'),
    )
    .option('--max-nodes <n>', 'OPC UA: nodes visited per server at most (default 100000)', numberIn(1, 1_000_000, 'node count'))
    .option('--max-depth <n>', 'OPC UA: references followed from the Objects folder at most (default 12)', numberIn(1, 64, 'depth'))
    .option('--no-device-set', "OPC UA: skip the Devices companion specification's DeviceSet");
}

/** `--no-browse`, shared by BACnet (object lists) and OPC UA (address space). */
export function addBrowseOption(command: Command): Command {
  return command.option('--no-browse', 'BACnet and OPC UA: identification only, no deep browsing (object lists, address space)');
}

/** Every protocol's options, for `scopes add`. */
export function addAllProtocolOptions(command: Command): Command {
  return addBrowseOption(addOpcuaOptions(addBacnetOptions(addModbusOptions(addProtocolOption(command)))));
}
