// The collector interface every active source implements (SNMP, Modbus TCP, BACnet/IP, OPC UA; later
// the cloud APIs). A collector knows its protocol and nothing of the database: the run service plans
// a run from the scope, opens one session per run, probes each target through it (under the run's
// shared RequestGate and cancel signal, one outcome per target) and disposes of it at the end. The
// registry in the composition root maps each protocol to its collector.
//
// Every collector folder has the same shape (a convention test checks it):
//   <protocol>-collector.ts     implements Collector
//   <protocol>-normaliser.ts    device read → ObservationInput
//   <protocol>-safety-guard.ts  the one guarded send path (allow-list, recording hook)
//   demo/                       simulated devices on loopback for tests, benchmarks and `demo`
//   *.test.ts                   tests against real servers on 127.0.0.1
import type { DiscoveryHostStatus, DiscoverySettings } from '../../src-shared/api/discovery.js';
import type { DiscoveryScopeOptions } from '../../src-shared/api/discovery-protocols.js';
import type { ObservationInput } from '../../src-shared/model/observation.js';
import type { RequestRecorder } from './request-recorder.js';
import type { RequestGate } from './sweep/request-gate.js';
import type { SweepTarget } from './sweep/target-plan.js';
import type { Timing } from './sweep/timing.js';

export type CollectorProtocol = DiscoveryScopeOptions['protocol'];
export type OptionsOf<P extends CollectorProtocol> = Extract<DiscoveryScopeOptions, { protocol: P }>;

/** A credential set as a collector sees it: settings and keychain references, never a secret. */
export interface CollectorCredential {
  id: string;
  name: string;
  /** e.g. 'snmp_v2c', 'snmp_v3', 'opcua_user', 'opcua_certificate'. */
  kind: string;
  /** Non-secret settings (SNMPv3 user and protocols, OPC UA user name, ...). */
  settings: Readonly<Record<string, unknown>>;
  /** Slot → keychain reference ('community', 'auth_key', 'priv_key', 'password', 'private_key', ...). */
  secretRefs: Readonly<Record<string, string>>;
}

/** Reads a secret by its reference at the moment it is needed; null when the keychain has none. */
export type SecretReader = (ref: string) => Promise<string | null>;

export interface CollectorRunContext<P extends CollectorProtocol = CollectorProtocol> {
  runId: string;
  options: OptionsOf<P>;
  settings: DiscoverySettings;
  depth: 'identify' | 'full';
  /** Credential sets of the scope, in the order to try them. */
  credentials: readonly CollectorCredential[];
  readSecret: SecretReader;
  /** Shared by every target of the run: per-device spacing and the global packet rate. */
  gate: RequestGate;
  /** Every request the collector's safety guard sends or refuses is reported here. */
  recorder: RequestRecorder;
  timing: Timing;
  /** Site or network the scope's addresses belong to (qualifies IPs and BACnet networks). */
  network: string | null;
  /** Whether an address is inside the scope: a collector never probes anything else. */
  inScope: (host: string) => boolean;
  /** The app's data directory (OPC UA keeps its own certificate and trust lists under it). */
  dataDir: string;
  /** The credential set that worked last time for a device ("host:port"), tried first. */
  recallCredential: (deviceKey: string) => string | null;
  rememberCredential: (deviceKey: string, credentialId: string) => void;
}

export interface CollectorFailure {
  /** Protocol-specific reason ('timeout', 'exception', 'malformed', 'refused', 'breaker_open', ...). */
  reason: string;
  /** Safe to show; never contains a secret. */
  detail: string;
  /** Which part of the read failed ('identification', 'sunspec', 'object-list', 'browse', ...). */
  section?: string;
}

/** Something only the operator can decide, e.g. an OPC UA server certificate nobody trusted yet. */
export interface CollectorDecision {
  kind: 'opcua_certificate';
  host: string;
  port: number;
  /** SHA-1 thumbprint, hex. */
  thumbprint: string;
  subject: string;
  applicationUri: string | null;
  validFrom: string | null;
  validTo: string | null;
  /** DER, base64: stored so the operator can inspect and trust it without another connection. */
  certificate: string;
}

export interface CollectorOutcome {
  target: SweepTarget;
  status: DiscoveryHostStatus;
  /** The credential set that worked (an id, never a secret). */
  credentialId?: string;
  /**
   * What the target said: the device itself first, then devices reached through it (an OPC UA
   * gateway's DeviceSet, BACnet devices on routed networks, Modbus unit ids behind a gateway).
   */
  observations: ObservationInput[];
  failures: CollectorFailure[];
  attempts: Array<{ credentialId: string; reason: string }>;
  /** Requests put on the wire for this target (retries included). */
  requestCount: number;
  durationMs: number;
  decisions?: CollectorDecision[];
}

export interface CollectorPlan {
  /** Requests one responsive target costs at most (for the plan's estimate). */
  requestsPerTarget: number;
  /** Fixed time a run needs whatever the targets (e.g. BACnet's I-Am wait). */
  fixedDurationMs: number;
  /** Things the operator should know before starting. */
  warnings: string[];
  /** False when the protocol needs a credential set and the scope has none. */
  needsCredentials: boolean;
}

export interface CollectorSession {
  probe(target: SweepTarget, signal: AbortSignal): Promise<CollectorOutcome>;
  /** Closes every socket the session opened; after it resolves nothing more is sent. */
  dispose(): Promise<void>;
}

export interface Collector<P extends CollectorProtocol = CollectorProtocol> {
  readonly protocol: P;
  readonly defaultPorts: readonly number[];
  /** Whether to probe targets one after another when they share an address (one connection per device). */
  readonly serialisePerAddress: boolean;
  plan(options: OptionsOf<P>, settings: DiscoverySettings): CollectorPlan;
  open(context: CollectorRunContext<P>): Promise<CollectorSession>;
}

/** The registry assembled in the composition root. */
export type CollectorRegistry = { readonly [P in CollectorProtocol]?: Collector<P> };

/** A collector of some protocol, as the registry holds it (the run executor takes any of them). */
export type AnyCollector = NonNullable<CollectorRegistry[CollectorProtocol]>;
