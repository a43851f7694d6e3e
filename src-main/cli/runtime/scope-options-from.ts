// Turns the protocol flags of `scopes add` / `discover <protocol>` into a scope's `options`, checked
// against the contract (DiscoveryScopeOptions). Every refusal is a usage error naming the flag: a
// flag of another protocol ("--unit-ids is a Modbus option"), or a value the contract rejects
// ("--unit-ids: at most 32 unit ids").
import { DiscoveryScopeOptions } from '../../../src-shared/api/discovery-protocols.js';
import { CliUsageError } from '../cli-errors.js';
import type { ProtocolOptions } from '../commands/protocol-options.js';
import type { ProtocolName } from '../value-lists.js';

const PROTOCOL_LABELS: Record<ProtocolName, string> = { snmp: 'an SNMP', modbus: 'a Modbus', bacnet: 'a BACnet', opcua: 'an OPC UA' };

interface FlagUse {
  flag: string;
  protocols: readonly ProtocolName[];
  given: (opts: ProtocolOptions & { identify?: boolean }) => boolean;
}

const FLAG_USES: readonly FlagUse[] = [
  { flag: '--identify', protocols: ['snmp'], given: (o) => o.identify === true },
  { flag: '--unit-ids', protocols: ['modbus'], given: (o) => o.unitIds !== undefined },
  { flag: '--register-range', protocols: ['modbus'], given: (o) => o.registerRange !== undefined },
  { flag: '--profiles', protocols: ['modbus'], given: (o) => o.profiles !== undefined },
  { flag: '--no-identification', protocols: ['modbus'], given: (o) => o.identification === false },
  { flag: '--sunspec-addresses', protocols: ['modbus'], given: (o) => o.sunspecAddresses !== undefined },
  { flag: '--instance-range', protocols: ['bacnet'], given: (o) => o.instanceRange !== undefined },
  { flag: '--iam-wait-ms', protocols: ['bacnet'], given: (o) => o.iamWaitMs !== undefined },
  { flag: '--local-port', protocols: ['bacnet'], given: (o) => o.localPort !== undefined },
  { flag: '--bacnet-network', protocols: ['bacnet'], given: (o) => o.bacnetNetwork !== undefined },
  { flag: '--bbmd', protocols: ['bacnet'], given: (o) => o.bbmd !== undefined },
  { flag: '--bbmd-ttl', protocols: ['bacnet'], given: (o) => o.bbmdTtl !== undefined },
  { flag: '--max-objects', protocols: ['bacnet'], given: (o) => o.maxObjects !== undefined },
  { flag: '--no-browse', protocols: ['bacnet', 'opcua'], given: (o) => o.browse === false },
  { flag: '--endpoint-path', protocols: ['opcua'], given: (o) => o.endpointPath !== undefined },
  { flag: '--security-mode', protocols: ['opcua'], given: (o) => o.securityMode !== undefined },
  { flag: '--max-nodes', protocols: ['opcua'], given: (o) => o.maxNodes !== undefined },
  { flag: '--max-depth', protocols: ['opcua'], given: (o) => o.maxDepth !== undefined },
  { flag: '--no-device-set', protocols: ['opcua'], given: (o) => o.deviceSet === false },
];

/** Which flag sets each field of the options (for the contract's messages). */
const FLAG_OF_FIELD: Record<string, string> = {
  unitIds: '--unit-ids',
  registerRanges: '--register-range',
  profiles: '--profiles',
  sunspecAddresses: '--sunspec-addresses',
  instanceRanges: '--instance-range',
  iAmWaitMs: '--iam-wait-ms',
  localPort: '--local-port',
  networks: '--bacnet-network',
  bbmd: '--bbmd',
  'bbmd.ttlSeconds': '--bbmd-ttl',
  maxObjects: '--max-objects',
  endpointPath: '--endpoint-path',
  securityMode: '--security-mode',
  maxNodes: '--max-nodes',
  maxDepth: '--max-depth',
};

function protocolsNamed(protocols: readonly ProtocolName[]): string {
  return protocols.map((p) => `--protocol ${p}`).join(' or ');
}

/** Refuses a flag that the protocol does not use, naming the flag and the protocol it belongs to. */
export function checkProtocolFlags(protocol: ProtocolName, opts: ProtocolOptions & { identify?: boolean }): void {
  for (const use of FLAG_USES) {
    if (use.given(opts) && !use.protocols.includes(protocol))
      throw new CliUsageError(
        `${use.flag} is an option of ${use.protocols.map((p) => PROTOCOL_LABELS[p]).join(' or ')} scope; this one is ${protocol} (give ${protocolsNamed(use.protocols)}).`,
      );
  }
  if (opts.bbmdTtl !== undefined && opts.bbmd === undefined) throw new CliUsageError('--bbmd-ttl needs --bbmd <host[:port]>.');
}

function input(protocol: ProtocolName, o: ProtocolOptions): Record<string, unknown> {
  switch (protocol) {
    case 'snmp':
      return { protocol };
    case 'modbus':
      return {
        protocol,
        ...(o.unitIds !== undefined ? { unitIds: o.unitIds } : {}),
        ...(o.registerRange !== undefined ? { registerRanges: o.registerRange } : {}),
        ...(o.profiles !== undefined ? { profiles: o.profiles } : {}),
        ...(o.identification === false ? { identification: false } : {}),
        ...(o.sunspecAddresses !== undefined ? { sunspecAddresses: o.sunspecAddresses } : {}),
      };
    case 'bacnet':
      return {
        protocol,
        ...(o.instanceRange !== undefined ? { instanceRanges: o.instanceRange } : {}),
        ...(o.iamWaitMs !== undefined ? { iAmWaitMs: o.iamWaitMs } : {}),
        ...(o.localPort !== undefined ? { localPort: o.localPort } : {}),
        ...(o.bacnetNetwork !== undefined ? { networks: o.bacnetNetwork } : {}),
        ...(o.bbmd !== undefined ? { bbmd: { ...o.bbmd, ...(o.bbmdTtl !== undefined ? { ttlSeconds: o.bbmdTtl } : {}) } } : {}),
        ...(o.browse === false ? { browseObjects: false } : {}),
        ...(o.maxObjects !== undefined ? { maxObjects: o.maxObjects } : {}),
      };
    case 'opcua':
      return {
        protocol,
        ...(o.endpointPath !== undefined ? { endpointPath: o.endpointPath } : {}),
        ...(o.securityMode !== undefined ? { securityMode: o.securityMode } : {}),
        ...(o.browse === false ? { browse: false } : {}),
        ...(o.maxNodes !== undefined ? { maxNodes: o.maxNodes } : {}),
        ...(o.maxDepth !== undefined ? { maxDepth: o.maxDepth } : {}),
        ...(o.deviceSet === false ? { deviceSet: false } : {}),
      };
  }
}

/** The scope options the flags set (the others take the contract's defaults), or a usage error naming the flag. */
export function scopeOptionsFrom(protocol: ProtocolName, opts: ProtocolOptions & { identify?: boolean }): DiscoveryScopeOptions {
  checkProtocolFlags(protocol, opts);
  const parsed = DiscoveryScopeOptions.safeParse(input(protocol, opts));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = (issue?.path ?? []).filter((p): p is string => typeof p === 'string');
  const flag = FLAG_OF_FIELD[path.join('.')] ?? FLAG_OF_FIELD[path[0] ?? ''] ?? `--protocol ${protocol}`;
  throw new CliUsageError(`${flag}: ${issue?.message ?? 'not accepted'}.`);
}
