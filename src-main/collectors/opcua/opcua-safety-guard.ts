// The one send path for OPC UA. node-opcua's client and session live inside an OpcuaSafetyGuard and
// never leave it: callers ask the guard for a service by name, and the guard's DeviceChannel lets
// through only discovery (FindServers, GetEndpoints), the secure channel and session (Create,
// Activate, Close), Browse, BrowseNext, Read and TranslateBrowsePathsToNodeIds. Write, Call,
// subscriptions and monitored items, node management and history are refused and recorded, never
// sent. Every request is reported to the run's recorder; the channel adds the run's gate (spacing,
// global rate), a timeout per request, retries and the breaker, one outstanding call per server.
// Cancel closes the connection at once, so nothing more goes on the wire.
import {
  AttributeIds,
  BrowseDirection,
  MessageSecurityMode,
  NodeClassMask,
  OPCUAClient,
  ResultMask,
  SecurityPolicy,
  type BrowsePath,
  type BrowseResult,
  type BrowsePathResult,
  type ClientSession,
  type DataValue,
  type EndpointDescription,
  type ApplicationDescription,
  type OPCUACertificateManager,
  type UserIdentityInfo,
  type NodeIdLike,
} from 'node-opcua';
import type { RequestRecorder } from '../request-recorder.js';
import { DeviceChannel, DeviceChannelError, type DeviceChannelLimits } from '../sweep/device-channel.js';
import type { RequestGate } from '../sweep/request-gate.js';
import type { SweepTarget } from '../sweep/target-plan.js';
import type { Timing } from '../sweep/timing.js';

/** Services the guard sends, with the binary encoding id of their request (what a proxy sees). */
export const OPCUA_ALLOWED_SERVICES = {
  OpenSecureChannel: 446,
  CloseSecureChannel: 452,
  FindServers: 422,
  GetEndpoints: 428,
  CreateSession: 461,
  ActivateSession: 467,
  CloseSession: 473,
  Browse: 527,
  BrowseNext: 533,
  TranslateBrowsePathsToNodeIds: 554,
  Read: 631,
} as const;

/** Services the guard refuses: they change the server or create load beyond the run. */
export const OPCUA_FORBIDDEN_SERVICES = {
  Write: 673,
  Call: 712,
  CreateSubscription: 787,
  ModifySubscription: 793,
  DeleteSubscriptions: 847,
  CreateMonitoredItems: 751,
  ModifyMonitoredItems: 763,
  SetMonitoringMode: 769,
  Publish: 826,
  AddNodes: 488,
  AddReferences: 494,
  DeleteNodes: 500,
  DeleteReferences: 506,
  HistoryRead: 664,
  HistoryUpdate: 700,
  RegisterNodes: 560,
  Cancel: 479,
} as const;

export type OpcuaAllowedService = keyof typeof OPCUA_ALLOWED_SERVICES;
export type OpcuaForbiddenService = keyof typeof OPCUA_FORBIDDEN_SERVICES;
export type OpcuaService = OpcuaAllowedService | OpcuaForbiddenService;

const ALLOWED = new Set<OpcuaService>(Object.keys(OPCUA_ALLOWED_SERVICES) as OpcuaAllowedService[]);

export function opcuaServiceCode(service: OpcuaService): number {
  return (OPCUA_ALLOWED_SERVICES as Record<string, number>)[service] ?? (OPCUA_FORBIDDEN_SERVICES as Record<string, number>)[service] ?? 0;
}

export interface OpcuaGuardOptions {
  target: SweepTarget;
  /** opc.tcp://host:port/path */
  endpointUrl: string;
  gate: RequestGate;
  recorder: RequestRecorder;
  timing: Timing;
  limits: DeviceChannelLimits;
  signal?: AbortSignal;
}

export interface OpcuaSessionOptions {
  securityMode: MessageSecurityMode;
  securityPolicy: SecurityPolicy;
  userIdentity: UserIdentityInfo;
  certificateManager?: OPCUACertificateManager;
  /** The endpoint URL the server advertised for the chosen endpoint (host part replaced by ours). */
  endpointUrl?: string;
}

export interface BrowseRequestNode {
  nodeId: NodeIdLike;
  /** Follow only this reference type (default HierarchicalReferences, subtypes included). */
  referenceTypeId?: string;
}

export interface ReadRequestNode {
  nodeId: NodeIdLike;
  attributeId?: number;
}

/** Errors from node-opcua or the wire, as one typed error with a reason the collector maps to a status. */
export class OpcuaGuardError extends Error {
  override readonly name = 'OpcuaGuardError';
  constructor(
    readonly reason: 'auth' | 'certificate' | 'network' | 'malformed' | 'refused' | 'timeout' | 'cancelled' | 'breaker_open' | 'server_error',
    message: string,
  ) {
    super(message);
  }
}

const APPLICATION_NAME = 'Fieldwise';
const APPLICATION_URI = 'urn:fieldwise:opcua-client';

export class OpcuaSafetyGuard {
  readonly #o: OpcuaGuardOptions;
  readonly #channel: DeviceChannel<OpcuaService>;
  #client: OPCUAClient | null = null;
  #session: ClientSession | null = null;
  #closed = false;
  #closing: Promise<void> | null = null;
  readonly #onAbort: () => void;

  constructor(options: OpcuaGuardOptions) {
    this.#o = options;
    this.#channel = new DeviceChannel<OpcuaService>({
      protocol: 'opcua',
      host: options.target.host,
      port: options.target.port,
      allowed: ALLOWED,
      gate: options.gate,
      recorder: options.recorder,
      timing: options.timing,
      limits: options.limits,
      ...(options.signal ? { signal: options.signal } : {}),
      // A server's "bad node id" answer is a reply, not a sick device.
      countsAsFailure: (error) => !(error instanceof OpcuaGuardError && error.reason === 'server_error'),
    });
    this.#onAbort = () => void this.close();
    options.signal?.addEventListener('abort', this.#onAbort, { once: true });
  }

  get requestCount(): number {
    return this.#channel.requestCount;
  }

  /** GetEndpoints and FindServers over a security-None discovery channel (closed afterwards). */
  async discover(): Promise<{ endpoints: EndpointDescription[]; servers: ApplicationDescription[] }> {
    const client = this.#newClient(MessageSecurityMode.None, SecurityPolicy.None);
    this.#client = client;
    try {
      await this.#send('OpenSecureChannel', () => client.connect(this.#o.endpointUrl), false);
      const endpoints = await this.#send('GetEndpoints', () => client.getEndpoints({ endpointUrl: this.#o.endpointUrl }));
      // FindServers is optional for a server that is not a discovery server; an error is no answer.
      const servers = await this.#send('FindServers', () => client.findServers({ endpointUrl: this.#o.endpointUrl })).catch((error: unknown) => {
        if (error instanceof DeviceChannelError || (error instanceof OpcuaGuardError && error.reason !== 'server_error')) throw error;
        return [] as ApplicationDescription[];
      });
      return { endpoints, servers };
    } finally {
      await this.#disconnect();
    }
  }

  /** Opens the secure channel and an activated session (CreateSession + ActivateSession). */
  async openSession(options: OpcuaSessionOptions): Promise<void> {
    const client = this.#newClient(options.securityMode, options.securityPolicy, options.certificateManager);
    this.#client = client;
    await this.#send('OpenSecureChannel', () => client.connect(options.endpointUrl ?? this.#o.endpointUrl), false);
    this.#session = await this.#send('CreateSession', () => client.createSession(options.userIdentity), false);
    this.#o.recorder.record({
      protocol: 'opcua',
      host: this.#o.target.host,
      port: this.#o.target.port,
      service: 'ActivateSession',
      code: OPCUA_ALLOWED_SERVICES.ActivateSession,
      allowed: true,
      atMs: this.#o.timing.nowMs(),
    });
  }

  async browse(nodes: readonly BrowseRequestNode[], maxReferencesPerNode: number): Promise<BrowseResult[]> {
    const session = this.#requireSession();
    return this.#send('Browse', async () => {
      session.requestedMaxReferencesPerNode = maxReferencesPerNode;
      return session.browse(
        nodes.map((n) => ({
          nodeId: n.nodeId,
          referenceTypeId: n.referenceTypeId ?? 'HierarchicalReferences',
          browseDirection: BrowseDirection.Forward,
          includeSubtypes: true,
          nodeClassMask:
            NodeClassMask.Object |
            NodeClassMask.Variable |
            NodeClassMask.Method |
            NodeClassMask.ObjectType |
            NodeClassMask.VariableType |
            NodeClassMask.ReferenceType |
            NodeClassMask.DataType |
            NodeClassMask.View,
          resultMask:
            ResultMask.ReferenceType | ResultMask.IsForward | ResultMask.NodeClass | ResultMask.BrowseName | ResultMask.DisplayName | ResultMask.TypeDefinition,
        })),
      );
    });
  }

  /** BrowseNext; with release = true the continuation points are only released (no references). */
  async browseNext(continuationPoints: readonly Buffer[], release: boolean): Promise<BrowseResult[]> {
    const session = this.#requireSession();
    return this.#send('BrowseNext', () => session.browseNext([...continuationPoints], release));
  }

  async read(nodes: readonly ReadRequestNode[]): Promise<DataValue[]> {
    const session = this.#requireSession();
    return this.#send('Read', () => session.read(nodes.map((n) => ({ nodeId: n.nodeId, attributeId: n.attributeId ?? AttributeIds.Value }))));
  }

  async translateBrowsePaths(paths: readonly BrowsePath[]): Promise<BrowsePathResult[]> {
    const session = this.#requireSession();
    return this.#send('TranslateBrowsePathsToNodeIds', () => session.translateBrowsePath([...paths]));
  }

  /**
   * Any service by name: the allow-list decides. Forbidden services are refused and recorded here
   * (the guard has no code that could send them); allowed ones must use their typed method.
   */
  async request(service: OpcuaService): Promise<never> {
    try {
      await this.#channel.send(
        service,
        () => Promise.reject(new OpcuaGuardError('refused', `${service} has no generic send path; use the guard's typed method`)),
        { code: opcuaServiceCode(service), retry: false },
      );
    } catch (error) {
      if (error instanceof DeviceChannelError)
        throw new OpcuaGuardError(error.reason === 'refused' ? 'refused' : error.reason === 'breaker_open' ? 'breaker_open' : error.reason, error.message);
      throw error;
    }
    throw new OpcuaGuardError('refused', `${service} was not sent`);
  }

  /** Closes the session and the connection; idempotent, safe after cancel. */
  close(): Promise<void> {
    this.#closing ??= this.#closeNow();
    return this.#closing;
  }

  async #closeNow(): Promise<void> {
    this.#closed = true;
    this.#o.signal?.removeEventListener('abort', this.#onAbort);
    const session = this.#session;
    this.#session = null;
    if (session && !this.#o.signal?.aborted) {
      this.#o.recorder.record({
        protocol: 'opcua',
        host: this.#o.target.host,
        port: this.#o.target.port,
        service: 'CloseSession',
        code: OPCUA_ALLOWED_SERVICES.CloseSession,
        allowed: true,
        atMs: this.#o.timing.nowMs(),
      });
      await withDeadline(session.close(true), 2000).catch(() => undefined);
    }
    await this.#disconnect();
  }

  #requireSession(): ClientSession {
    if (!this.#session || this.#closed) throw new OpcuaGuardError(this.#o.signal?.aborted ? 'cancelled' : 'network', 'no open OPC UA session');
    return this.#session;
  }

  async #disconnect(): Promise<void> {
    const client = this.#client;
    this.#client = null;
    if (client) await withDeadline(client.disconnect(), 2000).catch(() => undefined);
  }

  #newClient(securityMode: MessageSecurityMode, securityPolicy: SecurityPolicy, certificateManager?: OPCUACertificateManager): OPCUAClient {
    const timeout = this.#o.limits.timeoutMs;
    return OPCUAClient.create({
      applicationName: APPLICATION_NAME,
      applicationUri: APPLICATION_URI,
      clientName: `fieldwise-${this.#o.target.host}:${this.#o.target.port}`,
      securityMode,
      securityPolicy,
      endpointMustExist: false,
      keepSessionAlive: false,
      requestedSessionTimeout: 60_000,
      connectionStrategy: { maxRetry: 0, initialDelay: 100, maxDelay: 200 },
      transportTimeout: timeout * 2,
      defaultTransactionTimeout: timeout * 2,
      ...(certificateManager ? { clientCertificateManager: certificateManager } : {}),
    });
  }

  async #send<T>(service: OpcuaAllowedService, send: () => Promise<T>, retry = true): Promise<T> {
    if (this.#closed) throw new OpcuaGuardError(this.#o.signal?.aborted ? 'cancelled' : 'network', 'the OPC UA connection is closed');
    try {
      return await this.#channel.send(
        service,
        async ({ signal }) => {
          try {
            return await send();
          } catch (error) {
            if (signal.aborted) throw error;
            throw toGuardError(error);
          }
        },
        { code: OPCUA_ALLOWED_SERVICES[service], retry },
      );
    } catch (error) {
      if (error instanceof DeviceChannelError) {
        // A timed-out request may still be answered later: drop the connection so it cannot be.
        if (error.reason === 'timeout' || error.reason === 'cancelled') void this.close();
        throw new OpcuaGuardError(error.reason === 'breaker_open' ? 'breaker_open' : error.reason, `${service}: ${error.message}`);
      }
      throw error;
    }
  }
}

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** Maps what node-opcua throws to a reason; messages keep node-opcua's wording, never a secret. */
export function toGuardError(error: unknown): OpcuaGuardError {
  if (error instanceof OpcuaGuardError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const text = message.split('\n')[0] ?? message;
  if (/BadUserAccessDenied|BadIdentityTokenInvalid|BadIdentityTokenRejected|BadUserSignatureInvalid|BadUser/i.test(message))
    return new OpcuaGuardError('auth', `the server rejected the user identity (${text})`);
  if (/certificate/i.test(message) && /Bad|verification|untrusted|rejected/i.test(message)) return new OpcuaGuardError('certificate', text);
  if (/ECONNREFUSED|ECONNRESET|EPIPE|socket|closed|premature|disconnect|EHOSTUNREACH|ENETUNREACH|connection/i.test(message))
    return new OpcuaGuardError('network', text);
  if (/Timeout|timed out/i.test(message)) return new OpcuaGuardError('timeout', text);
  if (/Bad[A-Z]/.test(message)) return new OpcuaGuardError('server_error', text);
  return new OpcuaGuardError('malformed', text);
}
