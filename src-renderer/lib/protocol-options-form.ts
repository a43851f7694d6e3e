// The scope editor's protocol options as typed (text for lists, numbers and switches) and back:
// defaults come from the contract (src-shared/api/discovery-protocols.ts), lists use the CLI's
// syntax (src-shared/lib/ot-option-syntax.ts), and what the contract refuses comes back as a message
// on the field that holds it. One form holds every protocol's fields, so switching the protocol back
// and forth keeps what was typed.
import {
  BacnetScopeOptions,
  DiscoveryScopeOptions,
  ModbusScopeOptions,
  OpcuaScopeOptions,
  type OpcuaSecurityMode,
} from '../../src-shared/api/discovery-protocols.js';
import {
  formatInstanceRange,
  formatRegisterRange,
  parseHostAndPort,
  parseInstanceRange,
  parseNumberList,
  parseRegisterRange,
  type Parsed,
} from '../../src-shared/lib/ot-option-syntax.js';

export type ScopeProtocol = DiscoveryScopeOptions['protocol'];

export interface ProtocolOptionsForm {
  // Modbus
  unitIds: string;
  /** One `table:start:count[:label]` per line. */
  registerRanges: string;
  profiles: string;
  identification: boolean;
  sunspecAddresses: string;
  // BACnet
  /** One `low-high` per line. */
  instanceRanges: string;
  iAmWaitMs: number;
  localPort: number;
  networks: string;
  /** `host[:port]`, empty for none. */
  bbmd: string;
  bbmdTtlSeconds: number;
  browseObjects: boolean;
  maxObjects: number;
  // OPC UA
  endpointPath: string;
  securityMode: OpcuaSecurityMode;
  browse: boolean;
  maxNodes: number;
  maxDepth: number;
  deviceSet: boolean;
}

export type ProtocolOptionsField = keyof ProtocolOptionsForm;
/** Per field; `general` for a refusal no field holds. */
export type ProtocolOptionsProblems = Partial<Record<ProtocolOptionsField | 'general', string>>;

const BBMD_DEFAULTS = { port: 47808, ttlSeconds: 300 };

function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter((l) => l !== '');
}

/** The contract's defaults for a protocol (what a new scope starts with). */
export function defaultProtocolOptions(protocol: ScopeProtocol): DiscoveryScopeOptions {
  return DiscoveryScopeOptions.parse({ protocol });
}

/** The form for a scope's options (every other protocol's fields at their defaults). */
export function protocolOptionsForm(options: DiscoveryScopeOptions | null | undefined): ProtocolOptionsForm {
  const modbus = options?.protocol === 'modbus' ? options : ModbusScopeOptions.parse({ protocol: 'modbus' });
  const bacnet = options?.protocol === 'bacnet' ? options : BacnetScopeOptions.parse({ protocol: 'bacnet' });
  const opcua = options?.protocol === 'opcua' ? options : OpcuaScopeOptions.parse({ protocol: 'opcua' });
  return {
    unitIds: modbus.unitIds.join(', '),
    registerRanges: modbus.registerRanges.map(formatRegisterRange).join('\n'),
    profiles: modbus.profiles.join(', '),
    identification: modbus.identification,
    sunspecAddresses: modbus.sunspecAddresses.length ? modbus.sunspecAddresses.join(', ') : 'none',
    instanceRanges: bacnet.instanceRanges.map(formatInstanceRange).join('\n'),
    iAmWaitMs: bacnet.iAmWaitMs,
    localPort: bacnet.localPort,
    networks: bacnet.networks.join(', '),
    bbmd: bacnet.bbmd ? (bacnet.bbmd.port === BBMD_DEFAULTS.port ? bacnet.bbmd.host : `${bacnet.bbmd.host}:${bacnet.bbmd.port}`) : '',
    bbmdTtlSeconds: bacnet.bbmd?.ttlSeconds ?? BBMD_DEFAULTS.ttlSeconds,
    browseObjects: bacnet.browseObjects,
    maxObjects: bacnet.maxObjects,
    endpointPath: opcua.endpointPath,
    securityMode: opcua.securityMode,
    browse: opcua.browse,
    maxNodes: opcua.maxNodes,
    maxDepth: opcua.maxDepth,
    deviceSet: opcua.deviceSet,
  };
}

/** Parses each entry of a text list; the first bad entry is the field's problem. */
function each<T>(entries: readonly string[], parse: (text: string) => Parsed<T>): Parsed<T[]> {
  const values: T[] = [];
  for (const entry of entries) {
    const parsed = parse(entry);
    if (!parsed.ok) return parsed;
    values.push(parsed.value);
  }
  return { ok: true, value: values };
}

function list(text: string, min: number, max: number, what: string, allowNone = false): Parsed<number[]> {
  return text.trim() === '' ? { ok: true, value: [] } : parseNumberList(text, min, max, what, { allowNone });
}

/** Which form field holds each field of the contract's options. */
const FIELD_OF: Record<string, ProtocolOptionsField> = {
  unitIds: 'unitIds',
  registerRanges: 'registerRanges',
  profiles: 'profiles',
  sunspecAddresses: 'sunspecAddresses',
  instanceRanges: 'instanceRanges',
  iAmWaitMs: 'iAmWaitMs',
  localPort: 'localPort',
  networks: 'networks',
  bbmd: 'bbmd',
  'bbmd.ttlSeconds': 'bbmdTtlSeconds',
  maxObjects: 'maxObjects',
  endpointPath: 'endpointPath',
  securityMode: 'securityMode',
  maxNodes: 'maxNodes',
  maxDepth: 'maxDepth',
};

/** Field labels, to say which field a message is about where it is not shown on the field. */
export const PROTOCOL_OPTION_LABELS: Record<ProtocolOptionsField, string> = {
  unitIds: 'Unit ids',
  registerRanges: 'Register ranges',
  profiles: 'Register-map profiles',
  identification: 'Device identification',
  sunspecAddresses: 'SunSpec addresses',
  instanceRanges: 'Device instance ranges',
  iAmWaitMs: 'I-Am wait',
  localPort: 'Local UDP port',
  networks: 'Routed networks',
  bbmd: 'BBMD',
  bbmdTtlSeconds: 'Registration time to live',
  browseObjects: 'Object browsing',
  maxObjects: 'Objects per device',
  endpointPath: 'Endpoint path',
  securityMode: 'Security mode',
  browse: 'Address-space browsing',
  maxNodes: 'Nodes per server',
  maxDepth: 'Browse depth',
  deviceSet: 'DeviceSet',
};

export type ProtocolOptionsRead = { options: DiscoveryScopeOptions; problems: Record<string, never> } | { options: null; problems: ProtocolOptionsProblems };

/** The scope options the form describes, or the problem of each field that is wrong. */
export function readProtocolOptions(protocol: ScopeProtocol, form: ProtocolOptionsForm): ProtocolOptionsRead {
  const problems: ProtocolOptionsProblems = {};
  const take = <T>(field: ProtocolOptionsField, parsed: Parsed<T>): T | undefined => {
    if (parsed.ok) return parsed.value;
    problems[field] = parsed.error;
    return undefined;
  };
  let input: Record<string, unknown> = { protocol };
  if (protocol === 'modbus') {
    input = {
      protocol,
      unitIds: take('unitIds', list(form.unitIds, 0, 255, 'unit id')),
      registerRanges: take('registerRanges', each(lines(form.registerRanges), parseRegisterRange)),
      profiles:
        form.profiles.trim().toLowerCase() === 'none'
          ? []
          : form.profiles
              .split(',')
              .map((p) => p.trim())
              .filter((p) => p !== ''),
      identification: form.identification,
      sunspecAddresses: take('sunspecAddresses', list(form.sunspecAddresses, 0, 65535, 'register address', true)),
    };
  } else if (protocol === 'bacnet') {
    const bbmd = form.bbmd.trim() === '' ? null : take('bbmd', parseHostAndPort(form.bbmd));
    input = {
      protocol,
      instanceRanges: take('instanceRanges', each(lines(form.instanceRanges), parseInstanceRange)),
      iAmWaitMs: form.iAmWaitMs,
      localPort: form.localPort,
      networks: take('networks', list(form.networks, 1, 65534, 'network number')),
      bbmd: bbmd ? { host: bbmd.host, port: bbmd.port ?? BBMD_DEFAULTS.port, ttlSeconds: form.bbmdTtlSeconds } : null,
      browseObjects: form.browseObjects,
      maxObjects: form.maxObjects,
    };
  } else if (protocol === 'opcua') {
    input = {
      protocol,
      endpointPath: form.endpointPath.trim(),
      securityMode: form.securityMode,
      browse: form.browse,
      maxNodes: form.maxNodes,
      maxDepth: form.maxDepth,
      deviceSet: form.deviceSet,
    };
  }
  if (Object.keys(problems).length > 0) return { options: null, problems };
  const parsed = DiscoveryScopeOptions.safeParse(input);
  if (parsed.success) return { options: parsed.data, problems: {} };
  for (const issue of parsed.error.issues) {
    const path = issue.path.filter((p): p is string => typeof p === 'string');
    const field = FIELD_OF[path.join('.')] ?? FIELD_OF[path[0] ?? ''];
    if (field && !problems[field]) problems[field] = issue.message;
  }
  if (Object.keys(problems).length === 0) problems.general = parsed.error.issues[0]?.message ?? 'These options are not accepted.';
  return { options: null, problems };
}
