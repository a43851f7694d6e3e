// Network and OT discovery: discovery scopes (what to sweep, with which protocol, how gently),
// credential sets (discovery-credentials.ts; secrets live in the OS keychain, never here), the run
// plan shown before a run, starting and cancelling runs, the per-host run report, addresses learned
// from agents, and the topology that LLDP/CDP/FDB/ARP tables produce. Every protocol (SNMP, Modbus
// TCP, BACnet/IP, OPC UA) uses the same calls; a scope's `options` hold what its protocol needs
// (discovery-protocols.ts). Progress arrives as 'discovery.progress' events and the end of a run as
// 'run.finished' (Run.kind 'discovery', the protocol in the run's plan and its source's kind).
import { z } from 'zod';
import { NETWORK_ADDRESSING } from '../model/network-addressing.js';
import { ASSET_CLASSES } from '../model/asset-classes.js';
import { RELATION_TYPES } from '../model/relation-types.js';
import { Id, IsoTime } from './common.js';
import { defineCall } from './define-contract.js';
import {
  CREDENTIAL_SET_KINDS,
  CredentialCheck,
  CredentialSet,
  CredentialSetCreateInput,
  CredentialSetUpdateInput,
  SECRET_STATUSES,
} from './discovery-credentials.js';
import { DiscoveryScopeOptions } from './discovery-protocols.js';

// Credential sets have their own file (split per protocol); they are part of this domain's contract.
export * from './discovery-credentials.js';
import { Run } from './runs.js';

// ---------------------------------------------------------------------------------------------
// Value lists

export const DISCOVERY_PROTOCOLS = ['snmp', 'modbus', 'bacnet', 'opcua'] as const;
export type DiscoveryProtocol = (typeof DISCOVERY_PROTOCOLS)[number];
export const DISCOVERY_PROTOCOL_LABELS: Record<DiscoveryProtocol, string> = {
  snmp: 'SNMP',
  modbus: 'Modbus TCP',
  bacnet: 'BACnet/IP',
  opcua: 'OPC UA',
};
/** Protocols spoken on control networks: their scopes are OT scopes (opt-in, confirmed, gentle defaults). */
export const OT_PROTOCOLS = ['modbus', 'bacnet', 'opcua'] as const satisfies readonly DiscoveryProtocol[];
export function isOtProtocol(protocol: DiscoveryProtocol): boolean {
  return (OT_PROTOCOLS as readonly string[]).includes(protocol);
}

/** Per-host outcome of a discovery run; the sweep runner reports exactly these. */
export const DISCOVERY_HOST_STATUSES = [
  'found',
  'no_response',
  'auth_failure',
  'timeout',
  'malformed',
  'limit',
  'network',
  'credential_missing',
  'out_of_scope',
  'refused',
  'cancelled',
] as const;
export type DiscoveryHostStatus = (typeof DISCOVERY_HOST_STATUSES)[number];
export const DISCOVERY_HOST_STATUS_LABELS: Record<DiscoveryHostStatus, string> = {
  found: 'Found',
  no_response: 'No response',
  auth_failure: 'Authentication failed',
  timeout: 'Timed out',
  malformed: 'Malformed reply',
  limit: 'Safety limit hit',
  network: 'Network error',
  credential_missing: 'Credential missing',
  out_of_scope: 'Out of scope',
  refused: 'Stopped by the safety guard',
  cancelled: 'Cancelled',
};

export const LEARNED_VIA = ['arp', 'lldp', 'cdp', 'fdb'] as const;
export type LearnedVia = (typeof LEARNED_VIA)[number];

export const SCHEDULE_SKIP_REASONS = ['overlap', 'disabled', 'failed_to_start'] as const;
export type ScheduleSkipReason = (typeof SCHEDULE_SKIP_REASONS)[number];

// ---------------------------------------------------------------------------------------------
// Safety settings and their defaults

/** Safe defaults for an IT scope; OT scopes start from DISCOVERY_OT_DEFAULTS. */
export const DISCOVERY_DEFAULTS = {
  ratePerSecond: 200,
  concurrency: 64,
  perHostIntervalMs: 10,
  timeoutMs: 1500,
  retries: 1,
  backoff: 2,
} as const;
export const DISCOVERY_OT_DEFAULTS = {
  ratePerSecond: 20,
  concurrency: 4,
  perHostIntervalMs: 100,
  timeoutMs: 3000,
  retries: 1,
  backoff: 2,
} as const;

export const DiscoverySettings = z.object({
  /** Global request cap across the whole run (requests per second). */
  ratePerSecond: z.number().int().min(1).max(5000),
  /** Hosts probed at the same time. */
  concurrency: z.number().int().min(1).max(1024),
  /** Minimum spacing between two requests to the same device. */
  perHostIntervalMs: z.number().int().min(0).max(60_000),
  /** Wait for one reply before retrying. */
  timeoutMs: z.number().int().min(50).max(60_000),
  /** Re-sends after a timeout. */
  retries: z.number().int().min(0).max(5),
  /** Timeout multiplier per retry (1 = flat, 2 = doubling). */
  backoff: z.number().min(1).max(4),
});
export type DiscoverySettings = z.infer<typeof DiscoverySettings>;

// ---------------------------------------------------------------------------------------------
// Scopes

const TargetEntry = z.string().trim().min(1).max(100);
const ScopeName = z.string().trim().min(1).max(100);
/** Cron expression (5 or 6 fields, or @daily/@hourly/...), evaluated in `scheduleTimezone`. */
const Schedule = z.string().trim().min(1).max(100);
/** IANA time zone such as "Europe/Berlin"; null means the machine's local time. */
const Timezone = z.string().trim().min(1).max(64);

export const DiscoveryScope = z.object({
  id: Id,
  name: z.string(),
  protocol: z.enum(DISCOVERY_PROTOCOLS),
  /** What the protocol's collector needs beyond targets and ports; options.protocol equals protocol. */
  options: DiscoveryScopeOptions,
  description: z.string().nullable(),
  /** "10.0.0.5", "10.0.0.0/24", "10.0.0.10-10.0.0.20", "10.0.0.10-20", IPv6 literals. */
  targets: z.array(z.string()),
  exclusions: z.array(z.string()),
  ports: z.array(z.number().int()),
  /** Tried in this order on each device; the one that worked is remembered per device. */
  credentialSets: z.array(z.object({ id: Id, name: z.string(), kind: z.enum(CREDENTIAL_SET_KINDS) })),
  /** Site or network the addresses belong to (the same private IP on two plants is two things). */
  network: z.string().nullable(),
  settings: DiscoverySettings,
  /** 'identify' reads only the system group (one request per device); 'full' reads every table. */
  depth: z.enum(['identify', 'full']),
  schedule: z.string().nullable(),
  scheduleTimezone: z.string().nullable(),
  /** When the schedule next fires (null: no schedule, or scope disabled). */
  nextRunAt: IsoTime.nullable(),
  enabled: z.boolean(),
  /** OT scopes are opt-in: their runs must be confirmed (input.confirmOt) every time. Modbus, BACnet and OPC UA scopes always are. */
  ot: z.boolean(),
  /** Number of addresses × ports the targets expand to (null when the spec no longer parses). */
  targetCount: z.number().int().nullable(),
  sourceId: Id,
  lastRun: z.object({ id: Id, status: Run.shape.status, startedAt: IsoTime }).nullable(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type DiscoveryScope = z.infer<typeof DiscoveryScope>;

export const DiscoveryScopeCreateInput = z.object({
  name: ScopeName,
  protocol: z.enum(DISCOVERY_PROTOCOLS).default('snmp'),
  /** The protocol's options; omitted fields (or all of them) take the documented defaults. options.protocol must equal protocol. */
  options: DiscoveryScopeOptions.optional(),
  description: z.string().max(1000).nullable().optional(),
  targets: z.array(TargetEntry).min(1).max(1000),
  exclusions: z.array(TargetEntry).max(1000).default([]),
  /** Omitted: the protocol's well-known port (DEFAULT_PROTOCOL_PORTS). */
  ports: z.array(z.number().int().min(1).max(65535)).min(1).max(32).optional(),
  credentialSetIds: z.array(Id).max(20).default([]),
  network: z.string().trim().min(1).max(100).nullable().optional(),
  /** How that network hands out addresses (declared for the network, see networks.set). */
  addressing: z.enum(NETWORK_ADDRESSING).optional(),
  /** Omitted settings take DISCOVERY_DEFAULTS, or DISCOVERY_OT_DEFAULTS for an OT scope. */
  settings: DiscoverySettings.partial().optional(),
  depth: z.enum(['identify', 'full']).default('full'),
  schedule: Schedule.nullable().optional(),
  scheduleTimezone: Timezone.nullable().optional(),
  enabled: z.boolean().default(true),
  /** Omitted: true for Modbus, BACnet and OPC UA (false is refused for them), false for SNMP. */
  ot: z.boolean().optional(),
});
export type DiscoveryScopeCreateInput = z.input<typeof DiscoveryScopeCreateInput>;

export const DiscoveryScopeUpdateInput = z.object({
  id: Id,
  name: ScopeName.optional(),
  /** Replaces the options (the protocol cannot change: options.protocol must be the scope's). */
  options: DiscoveryScopeOptions.optional(),
  description: z.string().max(1000).nullable().optional(),
  targets: z.array(TargetEntry).min(1).max(1000).optional(),
  exclusions: z.array(TargetEntry).max(1000).optional(),
  ports: z.array(z.number().int().min(1).max(65535)).min(1).max(32).optional(),
  credentialSetIds: z.array(Id).max(20).optional(),
  network: z.string().trim().min(1).max(100).nullable().optional(),
  /** How the scope's network hands out addresses (declared for the network, see networks.set). */
  addressing: z.enum(NETWORK_ADDRESSING).optional(),
  settings: DiscoverySettings.partial().optional(),
  depth: z.enum(['identify', 'full']).optional(),
  schedule: Schedule.nullable().optional(),
  scheduleTimezone: Timezone.nullable().optional(),
  enabled: z.boolean().optional(),
  ot: z.boolean().optional(),
});
export type DiscoveryScopeUpdateInput = z.input<typeof DiscoveryScopeUpdateInput>;

// ---------------------------------------------------------------------------------------------
// Plan

export const DiscoveryPlan = z.object({
  scopeId: Id,
  scopeName: z.string(),
  protocol: z.enum(DISCOVERY_PROTOCOLS),
  options: DiscoveryScopeOptions,
  ot: z.boolean(),
  targets: z.array(z.string()),
  exclusions: z.array(z.string()),
  ports: z.array(z.number().int()),
  addressCount: z.number().int(),
  /** Addresses × ports: the number of probes. */
  targetCount: z.number().int(),
  /** Up to 20 of the first targets, as "host:port". */
  sampleTargets: z.array(z.string()),
  credentials: z.array(z.object({ id: Id, name: z.string(), kind: z.enum(CREDENTIAL_SET_KINDS), secretStatus: z.enum(SECRET_STATUSES) })),
  settings: DiscoverySettings,
  depth: z.enum(['identify', 'full']),
  network: z.string().nullable(),
  /** Whether this protocol needs a credential set (SNMP does; Modbus and BACnet have none; OPC UA can go anonymous). */
  needsCredentials: z.boolean(),
  /** Requests one responsive target costs at most, as the protocol's collector estimates it. */
  requestsPerTarget: z.number().int(),
  /** Worst-case duration: dead hosts' timeouts (targets / concurrency × (1 + retries) per credential), the rate cap, and the protocol's fixed waits (e.g. BACnet's I-Am wait). */
  estimatedMaxDurationMs: z.number().int(),
  /** Things to fix or know before starting (missing secrets, no credentials, OT confirmation, ...). */
  warnings: z.array(z.string()),
  /** False when the run would certainly fail (no credential, keychain unavailable, plan too large). */
  canStart: z.boolean(),
  /** True when starting needs confirmOt: true (OT scope). */
  requiresConfirmation: z.boolean(),
  /** A run of this scope that is still active (a new one would be refused). */
  activeRunId: Id.nullable(),
});
export type DiscoveryPlan = z.infer<typeof DiscoveryPlan>;

// ---------------------------------------------------------------------------------------------
// Report

/** Something only the operator can decide about a target, e.g. an OPC UA server certificate nobody trusted yet. */
export const DiscoveryDecision = z.object({
  kind: z.literal('opcua_certificate'),
  host: z.string(),
  port: z.number().int(),
  /** SHA-1 thumbprint, hex. */
  thumbprint: z.string(),
  subject: z.string(),
  applicationUri: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  /** DER, base64: kept so the operator can inspect and trust it without another connection. */
  certificate: z.string(),
});
export type DiscoveryDecision = z.infer<typeof DiscoveryDecision>;

export const DiscoveryHost = z.object({
  host: z.string(),
  port: z.number().int(),
  status: z.enum(DISCOVERY_HOST_STATUSES),
  /** Name of the credential set that worked (null if none did). Never a secret. */
  credentialSetId: Id.nullable(),
  credentialSetName: z.string().nullable(),
  assetId: Id.nullable(),
  assetName: z.string().nullable(),
  /** Why it failed, or which sections were only partly read. Safe to show. */
  message: z.string().nullable(),
  /** Each credential set tried, in order, with its result. */
  attempts: z.array(z.object({ credentialSetId: z.string(), reason: z.string() })),
  durationMs: z.number().int(),
  requestCount: z.number().int(),
  /** Observations written for this target: the device itself, then devices reached through it (gateway DeviceSet, routed BACnet, Modbus unit ids). */
  observationCount: z.number().int(),
  /** What only the operator can decide (e.g. trust an OPC UA server certificate). */
  decisions: z.array(DiscoveryDecision),
  finishedAt: IsoTime,
});
export type DiscoveryHost = z.infer<typeof DiscoveryHost>;

export const DiscoveryRunReport = z.object({
  run: Run,
  scopeId: Id.nullable(),
  /** The plan as it was when the run started. */
  plan: z.object({
    /** Runs recorded before other protocols existed are SNMP. */
    protocol: z.enum(DISCOVERY_PROTOCOLS),
    options: DiscoveryScopeOptions,
    targets: z.array(z.string()),
    exclusions: z.array(z.string()),
    ports: z.array(z.number().int()),
    targetCount: z.number().int(),
    credentials: z.array(z.object({ id: Id, name: z.string(), kind: z.enum(CREDENTIAL_SET_KINDS) })),
    settings: DiscoverySettings,
    depth: z.enum(['identify', 'full']),
    network: z.string().nullable(),
    ot: z.boolean(),
  }),
  /** Hosts per outcome; every status is present (0 when none). */
  byStatus: z.record(z.enum(DISCOVERY_HOST_STATUSES), z.number().int()),
  hostsDone: z.number().int(),
  /** Targets never probed (cancel or interruption). */
  notProbed: z.number().int(),
  relationsWritten: z.number().int(),
  learnedAddresses: z.object({ total: z.number().int(), inScope: z.number().int() }),
  resumedFromRunId: Id.nullable(),
});
export type DiscoveryRunReport = z.infer<typeof DiscoveryRunReport>;

export const LearnedAddress = z.object({
  ip: z.string().nullable(),
  mac: z.string().nullable(),
  via: z.enum(LEARNED_VIA),
  learnedFromAssetId: Id.nullable(),
  learnedFromAssetName: z.string().nullable(),
  /** Inside the run's targets (and so probed by the sweep itself); never probed otherwise. */
  inScope: z.boolean(),
});
export type LearnedAddress = z.infer<typeof LearnedAddress>;

// ---------------------------------------------------------------------------------------------
// Topology

export const TopologyNode = z.object({
  assetId: Id,
  name: z.string(),
  class: z.enum(ASSET_CLASSES),
  primaryIp: z.string().nullable(),
});
export const TopologyEdge = z.object({
  id: Id,
  type: z.enum(RELATION_TYPES),
  fromAssetId: Id,
  toAssetId: Id,
  localPort: z.string().nullable(),
  remotePort: z.string().nullable(),
  confidence: z.number(),
  sourceId: Id.nullable(),
  sourceName: z.string().nullable(),
  firstSeen: IsoTime,
  lastSeen: IsoTime,
});
export const Topology = z.object({ nodes: z.array(TopologyNode), edges: z.array(TopologyEdge), truncated: z.boolean() });
export type Topology = z.infer<typeof Topology>;

// ---------------------------------------------------------------------------------------------
// Events

export const DiscoveryProgressEvent = z.object({
  runId: Id,
  scopeId: Id,
  protocol: z.enum(DISCOVERY_PROTOCOLS),
  phase: z.enum(['sweeping', 'linking', 'done']),
  done: z.number().int(),
  total: z.number().int(),
  found: z.number().int(),
  errors: z.number().int(),
  inFlight: z.number().int(),
  /** Hosts finished since the previous event (at most 20), for a live list. */
  recent: z.array(z.object({ host: z.string(), port: z.number().int(), status: z.enum(DISCOVERY_HOST_STATUSES) })).max(20),
});
export type DiscoveryProgressEvent = z.infer<typeof DiscoveryProgressEvent>;

export const DiscoveryScheduleSkippedEvent = z.object({
  scopeId: Id,
  scopeName: z.string(),
  dueAt: IsoTime,
  reason: z.enum(SCHEDULE_SKIP_REASONS),
  /** The run still active when the skipped one was due (reason 'overlap'). */
  activeRunId: Id.nullable(),
  message: z.string(),
});
export type DiscoveryScheduleSkippedEvent = z.infer<typeof DiscoveryScheduleSkippedEvent>;

// ---------------------------------------------------------------------------------------------
// Calls

const Page = { limit: z.number().int().min(1).max(5000).default(500), offset: z.number().int().min(0).default(0) };

export const discoveryCalls = {
  'discovery.credentials.list': defineCall({
    summary: 'Credential sets of every protocol (names, kinds, settings, keychain references); secrets are never returned.',
    access: 'read',
    input: z.object({}).default({}),
    output: z.array(CredentialSet),
  }),
  'discovery.credentials.create': defineCall({
    summary: 'Create a credential set; a given secret goes to the OS keychain under a generated reference.',
    access: 'write',
    input: CredentialSetCreateInput,
    output: CredentialSet,
  }),
  'discovery.credentials.update': defineCall({
    summary: 'Rename a credential set, change its settings or replace a secret (written to the keychain); the kind cannot change.',
    access: 'write',
    input: CredentialSetUpdateInput,
    output: CredentialSet,
  }),
  'discovery.credentials.delete': defineCall({
    summary: 'Delete a credential set no scope uses, and the keychain secrets Fieldwise generated for it.',
    access: 'write',
    input: z.object({ id: Id }),
    output: z.object({ id: Id, deleted: z.boolean() }),
  }),
  'discovery.credentials.check': defineCall({
    summary: 'Check that the secrets of a credential set can be read from the keychain (never returns them).',
    access: 'read',
    input: z.object({ id: Id }),
    output: CredentialCheck,
  }),
  'discovery.scopes.list': defineCall({
    summary: 'Discovery scopes with their targets, credentials, safety settings, schedule and last run.',
    access: 'read',
    input: z.object({}).default({}),
    output: z.array(DiscoveryScope),
  }),
  'discovery.scopes.get': defineCall({
    summary: 'One discovery scope.',
    access: 'read',
    input: z.object({ id: Id }),
    output: DiscoveryScope,
  }),
  'discovery.scopes.create': defineCall({
    summary:
      'Create a discovery scope of any protocol; its assets show provenance "<protocol> (<scope name>)". Modbus, BACnet and OPC UA scopes are OT scopes.',
    access: 'write',
    input: DiscoveryScopeCreateInput,
    output: DiscoveryScope,
  }),
  'discovery.scopes.update': defineCall({
    summary: 'Change a discovery scope (targets, credentials, safety settings, schedule, enabled, OT flag).',
    access: 'write',
    input: DiscoveryScopeUpdateInput,
    output: DiscoveryScope,
  }),
  'discovery.scopes.delete': defineCall({
    summary: 'Delete a scope (its past runs and the assets it found are kept).',
    access: 'write',
    input: z.object({ id: Id }),
    output: z.object({ id: Id, deleted: z.boolean() }),
  }),
  'discovery.schedule.preview': defineCall({
    summary: 'Check a cron expression and list its next fire times, for the schedule editor.',
    access: 'read',
    input: z.object({ schedule: Schedule, timezone: Timezone.nullable().optional(), count: z.number().int().min(1).max(20).default(5) }),
    output: z.object({ valid: z.boolean(), message: z.string().nullable(), next: z.array(IsoTime) }),
  }),
  'discovery.plan': defineCall({
    summary: 'The plan of a run of this scope (targets, credentials by name, rate, warnings), to show before starting.',
    access: 'read',
    input: z.object({ scopeId: Id }),
    output: DiscoveryPlan,
  }),
  'discovery.start': defineCall({
    summary: 'Start a run of a scope; OT scopes need confirmOt. Progress: discovery.progress; end: run.finished.',
    access: 'write',
    input: z.object({
      scopeId: Id,
      confirmOt: z.boolean().default(false),
      /** Probe only the targets an interrupted or cancelled run of the same scope did not finish. */
      resumeRunId: Id.optional(),
    }),
    output: Run,
  }),
  'discovery.cancel': defineCall({
    summary: 'Cancel a running discovery; hosts already collected are kept, the rest are reported as not probed.',
    access: 'write',
    input: z.object({ runId: Id }),
    output: Run,
  }),
  'discovery.runs.report': defineCall({
    summary: 'Report of a discovery run: its plan, host counts per outcome, relations and learned addresses.',
    access: 'read',
    input: z.object({ runId: Id }),
    output: DiscoveryRunReport,
  }),
  'discovery.runs.hosts': defineCall({
    summary: 'Per-host outcomes of a discovery run (found, no response, auth failure, timeout, malformed, ...).',
    access: 'read',
    input: z.object({ runId: Id, statuses: z.array(z.enum(DISCOVERY_HOST_STATUSES)).optional(), ...Page }),
    output: z.object({ items: z.array(DiscoveryHost), total: z.number().int() }),
  }),
  'discovery.runs.learned': defineCall({
    summary: 'Addresses learned from agents (ARP, LLDP, CDP, FDB) during a run; recorded, never probed unless in scope.',
    access: 'read',
    input: z.object({ runId: Id, inScope: z.boolean().optional(), ...Page }),
    output: z.object({ items: z.array(LearnedAddress), total: z.number().int() }),
  }),
  'discovery.topology': defineCall({
    summary: 'Assets and their relations (connected_to from LLDP/CDP, FDB and ARP) for a topology graph.',
    access: 'read',
    input: z.object({
      /** Only relations observed by this scope's source (default: all sources). */
      scopeId: Id.optional(),
      /** Only the relations of this asset (its neighbours), for the asset page. */
      assetId: Id.optional(),
      minConfidence: z.number().min(0).max(1).default(0),
      limit: z.number().int().min(1).max(20_000).default(5000),
    }),
    output: Topology,
  }),
};
