// The OPC UA collector. Per target (host:port): GetEndpoints and FindServers on a security-None
// discovery channel; the endpoint chosen per the scope's security mode and credential; for a signed
// or encrypted endpoint, the server certificate checked against the app's PKI (an unknown one stops
// the probe with a decision for the operator: never trusted silently); a session (anonymous when the
// scope has no credential sets, else each opcua_user / opcua_certificate set in turn, the one that
// worked last time first); then BuildInfo, ServerStatus, namespaces and operation limits, the DeviceSet
// of the Devices companion specification, and, when asked, a deep browse of the address space. Every
// request goes through the OpcuaSafetyGuard. Knows nothing of the database.
import { readFile } from 'node:fs/promises';
import { isIPv6 } from 'node:net';
import {
  MessageSecurityMode,
  UserTokenType,
  type ApplicationDescription,
  type EndpointDescription,
  type OPCUACertificateManager,
  type UserIdentityInfo,
} from 'node-opcua';
import type { DiscoveryHostStatus, DiscoverySettings } from '../../../src-shared/api/discovery.js';
import type { OpcuaScopeOptions } from '../../../src-shared/api/discovery-protocols.js';
import type {
  Collector,
  CollectorCredential,
  CollectorDecision,
  CollectorFailure,
  CollectorOutcome,
  CollectorPlan,
  CollectorRunContext,
  CollectorSession,
} from '../collector.js';
import { DEFAULT_BREAKER_THRESHOLD } from '../sweep/device-channel.js';
import type { SweepTarget } from '../sweep/target-plan.js';
import { browseAddressSpace } from './opcua-address-space-browser.js';
import { chooseEndpoint, policyName, summariseEndpoint, type OpcuaTokenKind } from './opcua-endpoint-choice.js';
import { normaliseOpcuaServer } from './opcua-normaliser.js';
import { OpcuaGuardError, OpcuaSafetyGuard } from './opcua-safety-guard.js';
import { readDeviceSet, readServerIdentity, text } from './opcua-server-reader.js';
import type { OpcuaServerRecord } from './opcua-server-record.js';
import { describeCertificate, openOpcuaCertificateManager, opcuaCertificateState, opcuaPkiDir, recordPendingCertificate } from './opcua-trust-store.js';

export const DEFAULT_OPCUA_PORT = 4840;
export const OPCUA_CREDENTIAL_KINDS = ['opcua_user', 'opcua_certificate'] as const;

interface Candidate {
  /** '' for anonymous. */
  credentialId: string;
  token: OpcuaTokenKind;
  credential: CollectorCredential | null;
}

const STATUS: Record<OpcuaGuardError['reason'], DiscoveryHostStatus> = {
  auth: 'auth_failure',
  certificate: 'certificate_untrusted',
  network: 'network',
  malformed: 'malformed',
  refused: 'limit',
  timeout: 'timeout',
  cancelled: 'cancelled',
  breaker_open: 'limit',
  server_error: 'malformed',
};

const HARD_FAILURE: Record<string, DiscoveryHostStatus> = { timeout: 'timeout', network: 'network', malformed: 'malformed', breaker_open: 'limit' };

export class OpcuaCollector implements Collector<'opcua'> {
  readonly protocol = 'opcua' as const;
  readonly defaultPorts = [DEFAULT_OPCUA_PORT] as const;
  readonly serialisePerAddress = true;

  plan(options: OpcuaScopeOptions, settings: DiscoverySettings): CollectorPlan {
    // Discovery (3), session (3), identity (1), DeviceSet (~4); a browse costs about two requests
    // per 100 nodes on a server that caps reads at 100 (Browse + Read of data types).
    const browse = options.browse ? Math.ceil(options.maxNodes / 100) * 2 : 0;
    const warnings: string[] = [];
    if (options.securityMode === 'None') warnings.push('Security mode None: user names, passwords and everything read travel unencrypted.');
    if (options.securityMode !== 'None')
      warnings.push('A server whose certificate nobody has trusted yet stops at "Certificate not trusted yet" until an operator trusts it.');
    if (options.browse && options.maxNodes > 20_000)
      warnings.push(
        `Deep browse of up to ${options.maxNodes.toLocaleString('en')} nodes per server: at ${settings.ratePerSecond} requests/s this can take ${Math.ceil(browse / settings.ratePerSecond)} s per server.`,
      );
    return { requestsPerTarget: 11 + browse, fixedDurationMs: 0, warnings, needsCredentials: false };
  }

  async open(context: CollectorRunContext<'opcua'>): Promise<CollectorSession> {
    const pkiDir = opcuaPkiDir(context.dataDir);
    let manager: Promise<OPCUACertificateManager> | null = null;
    const guards = new Set<OpcuaSafetyGuard>();
    const certificateManager = (): Promise<OPCUACertificateManager> => {
      manager ??= openOpcuaCertificateManager(pkiDir);
      return manager;
    };
    return {
      probe: (target, signal) => probeServer(context, target, signal, { pkiDir, certificateManager, guards }),
      dispose: async () => {
        await Promise.all([...guards].map((g) => g.close()));
        guards.clear();
        if (manager) await (await manager.catch(() => null))?.dispose();
      },
    };
  }
}

interface ProbeDeps {
  pkiDir: string;
  certificateManager: () => Promise<OPCUACertificateManager>;
  guards: Set<OpcuaSafetyGuard>;
}

export function opcuaEndpointUrl(target: SweepTarget, endpointPath: string): string {
  const host = isIPv6(target.host) ? `[${target.host}]` : target.host;
  const path = endpointPath === '' || endpointPath.startsWith('/') ? endpointPath : `/${endpointPath}`;
  return `opc.tcp://${host}:${target.port}${path}`;
}

async function probeServer(ctx: CollectorRunContext<'opcua'>, target: SweepTarget, signal: AbortSignal, deps: ProbeDeps): Promise<CollectorOutcome> {
  const started = ctx.timing.nowMs();
  const failures: CollectorFailure[] = [];
  const attempts: CollectorOutcome['attempts'] = [];
  const used: OpcuaSafetyGuard[] = [];
  const finish = (status: DiscoveryHostStatus, extra: Partial<CollectorOutcome> = {}): CollectorOutcome => ({
    target,
    status,
    observations: [],
    failures,
    attempts,
    requestCount: used.reduce((n, g) => n + g.requestCount, 0),
    durationMs: Math.round(ctx.timing.nowMs() - started),
    ...extra,
  });
  if (!ctx.inScope(target.host)) {
    failures.push({ reason: 'out_of_scope', detail: `${target.host} is not in the run's scope` });
    return finish('out_of_scope');
  }
  const endpointUrl = opcuaEndpointUrl(target, ctx.options.endpointPath);
  const limits = {
    timeoutMs: ctx.settings.timeoutMs,
    retries: ctx.settings.retries,
    backoff: ctx.settings.backoff,
    breakerThreshold: DEFAULT_BREAKER_THRESHOLD,
  };
  const newGuard = (): OpcuaSafetyGuard => {
    const guard = new OpcuaSafetyGuard({ target, endpointUrl, gate: ctx.gate, recorder: ctx.recorder, timing: ctx.timing, limits, signal });
    deps.guards.add(guard);
    used.push(guard);
    return guard;
  };
  const release = async (guard: OpcuaSafetyGuard): Promise<void> => {
    await guard.close();
    deps.guards.delete(guard);
  };
  const fail = (error: unknown, section: string): CollectorOutcome => {
    const e =
      error instanceof OpcuaGuardError
        ? error
        : new OpcuaGuardError(signal.aborted ? 'cancelled' : 'malformed', error instanceof Error ? error.message : String(error));
    const reason = signal.aborted ? 'cancelled' : e.reason;
    failures.push({ reason, detail: `${endpointUrl}: ${e.message}`, section });
    return finish(signal.aborted ? 'cancelled' : reason === 'network' && /ECONNREFUSED/.test(e.message) ? 'no_response' : STATUS[e.reason]);
  };

  // 1. Discovery.
  let endpoints: EndpointDescription[];
  let record: OpcuaServerRecord;
  const discovery = newGuard();
  try {
    const found = await discovery.discover();
    endpoints = found.endpoints;
    record = baseRecord(target, endpointUrl, endpoints, found.servers);
  } catch (error) {
    await release(discovery);
    return fail(error, 'discovery');
  }
  await release(discovery);
  if (endpoints.length === 0) {
    failures.push({ reason: 'malformed', detail: `${endpointUrl}: GetEndpoints returned no endpoint`, section: 'discovery' });
    return finish('malformed');
  }

  // 2. Credentials, the one that worked last time first; anonymous only when the scope has none.
  const deviceKey = `${target.host}:${target.port}`;
  const candidates = orderCandidates(ctx, deviceKey);
  let lastAuthFailure: string | null = null;
  for (const candidate of candidates) {
    if (signal.aborted) break;
    const choice = chooseEndpoint(endpoints, ctx.options.securityMode, candidate.token);
    if (!choice) {
      attempts.push({ credentialId: candidate.credentialId || 'anonymous', reason: 'no_matching_endpoint' });
      continue;
    }
    // 3. Certificate: an unknown server certificate is never used without the operator's word.
    if (choice.securityMode !== MessageSecurityMode.None) {
      const der = choice.endpoint.serverCertificate;
      if (!der || der.length === 0) {
        failures.push({
          reason: 'malformed',
          detail: `${endpointUrl}: a ${MessageSecurityMode[choice.securityMode]} endpoint without a server certificate`,
          section: 'certificate',
        });
        return finish('malformed', { observations: normaliseOpcuaServer(record, { observedAt: ctx.timing.now(), network: ctx.network }) });
      }
      const state = await opcuaCertificateState(deps.pkiDir, der).catch(() => 'unknown' as const);
      if (state === 'rejected') {
        failures.push({
          reason: 'certificate_rejected',
          detail: `${endpointUrl}: the operator rejected this server's certificate (${describeCertificate(der).thumbprint}); nothing was sent beyond discovery`,
          section: 'certificate',
        });
        return finish('certificate_untrusted', { observations: normaliseOpcuaServer(record, { observedAt: ctx.timing.now(), network: ctx.network }) });
      }
      if (state !== 'trusted') {
        const info = await recordPendingCertificate(deps.pkiDir, der);
        const decision: CollectorDecision = {
          kind: 'opcua_certificate',
          host: target.host,
          port: target.port,
          ...info,
          applicationUri: info.applicationUri ?? record.applicationUri,
        };
        failures.push({
          reason: 'certificate_untrusted',
          detail: `${endpointUrl}: server certificate ${info.thumbprint} (${info.subject}) is not trusted yet; trust or reject it, then run again`,
          section: 'certificate',
        });
        return finish('certificate_untrusted', {
          decisions: [decision],
          observations: normaliseOpcuaServer(record, { observedAt: ctx.timing.now(), network: ctx.network }),
        });
      }
    }
    const identity = await userIdentity(ctx, candidate).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
    if (identity instanceof Error) {
      attempts.push({ credentialId: candidate.credentialId, reason: 'credential_missing' });
      failures.push({ reason: 'credential_missing', detail: identity.message, section: 'session' });
      continue;
    }
    const guard = newGuard();
    try {
      await guard.openSession({
        securityMode: choice.securityMode,
        securityPolicy: choice.securityPolicy,
        userIdentity: identity,
        certificateManager: await deps.certificateManager(),
      });
    } catch (error) {
      await release(guard);
      if (error instanceof OpcuaGuardError && error.reason === 'auth') {
        attempts.push({ credentialId: candidate.credentialId || 'anonymous', reason: 'auth' });
        lastAuthFailure = error.message;
        continue;
      }
      return fail(error, 'session');
    }
    attempts.push({ credentialId: candidate.credentialId || 'anonymous', reason: 'ok' });
    if (candidate.credentialId) ctx.rememberCredential(deviceKey, candidate.credentialId);
    record.session = {
      securityMode: MessageSecurityMode[choice.securityMode] ?? 'Invalid',
      securityPolicy: policyName(choice.securityPolicy),
      userTokenType: candidate.token,
    };
    try {
      return await readServer(ctx, guard, record, failures, signal, (status) =>
        finish(status, candidate.credentialId ? { credentialId: candidate.credentialId } : {}),
      );
    } finally {
      await release(guard);
    }
  }
  if (signal.aborted) {
    failures.push({ reason: 'cancelled', detail: 'run cancelled' });
    return finish('cancelled');
  }
  if (lastAuthFailure) {
    failures.push({ reason: 'auth', detail: `${endpointUrl}: ${lastAuthFailure}`, section: 'session' });
    return finish('auth_failure', { observations: normaliseOpcuaServer(record, { observedAt: ctx.timing.now(), network: ctx.network }) });
  }
  if (failures.some((f) => f.reason === 'credential_missing'))
    return finish('credential_missing', { observations: normaliseOpcuaServer(record, { observedAt: ctx.timing.now(), network: ctx.network }) });
  failures.push({
    reason: 'no_matching_endpoint',
    detail: `${endpointUrl}: no endpoint offers security mode ${ctx.options.securityMode} with an accepted policy (${[...new Set(endpoints.map((e) => policyName(e.securityPolicyUri)))].join(', ')}) and the credential's token type`,
    section: 'session',
  });
  return finish('credential_missing', { observations: normaliseOpcuaServer(record, { observedAt: ctx.timing.now(), network: ctx.network }) });
}

async function readServer(
  ctx: CollectorRunContext<'opcua'>,
  guard: OpcuaSafetyGuard,
  record: OpcuaServerRecord,
  failures: CollectorFailure[],
  signal: AbortSignal,
  finish: (status: DiscoveryHostStatus) => CollectorOutcome,
): Promise<CollectorOutcome> {
  const sectionFailure = (error: unknown, section: string): void => {
    const e = error instanceof OpcuaGuardError ? error : new OpcuaGuardError('malformed', error instanceof Error ? error.message : String(error));
    failures.push({ reason: signal.aborted ? 'cancelled' : e.reason, detail: `${record.endpointUrl}: ${e.message}`, section });
  };
  const done = (): CollectorOutcome => {
    // A server that broke off, stalled or sent garbage part-way is that target's error, with what it
    // did say kept; a server's own "bad node" answers are not.
    const hard = failures.find((f) => f.reason in HARD_FAILURE);
    const outcome = finish(signal.aborted ? 'cancelled' : hard ? (HARD_FAILURE[hard.reason] ?? 'malformed') : 'found');
    outcome.observations = normaliseOpcuaServer(record, { observedAt: ctx.timing.now(), network: ctx.network });
    return outcome;
  };
  try {
    const identity = await readServerIdentity(guard);
    record.buildInfo = identity.buildInfo;
    record.serverState = identity.serverState;
    record.startTime = identity.startTime;
    record.namespaces = identity.namespaces;
    record.operationLimits = identity.operationLimits;
  } catch (error) {
    sectionFailure(error, 'identification');
    const outcome = finish(signal.aborted ? 'cancelled' : STATUS[error instanceof OpcuaGuardError ? error.reason : 'malformed']);
    outcome.observations = normaliseOpcuaServer(record, { observedAt: ctx.timing.now(), network: ctx.network });
    return outcome;
  }
  if (ctx.options.deviceSet && !signal.aborted) {
    try {
      record.devices = (await readDeviceSet(guard, record.namespaces, record.operationLimits)) ?? [];
    } catch (error) {
      sectionFailure(error, 'device-set');
    }
  }
  if (ctx.options.browse && ctx.depth === 'full' && !signal.aborted) {
    try {
      record.browse = await browseAddressSpace(
        guard,
        record.namespaces,
        record.operationLimits,
        { maxNodes: ctx.options.maxNodes, maxDepth: ctx.options.maxDepth },
        signal,
      );
    } catch (error) {
      sectionFailure(error, 'browse');
    }
  }
  return done();
}

function orderCandidates(ctx: CollectorRunContext<'opcua'>, deviceKey: string): Candidate[] {
  if (ctx.credentials.length === 0) return [{ credentialId: '', token: 'Anonymous', credential: null }];
  const remembered = ctx.recallCredential(deviceKey);
  const ordered = [...ctx.credentials].sort((a, b) => Number(b.id === remembered) - Number(a.id === remembered));
  return ordered.flatMap((credential): Candidate[] => {
    if (credential.kind === 'opcua_user') return [{ credentialId: credential.id, token: 'UserName', credential }];
    if (credential.kind === 'opcua_certificate') return [{ credentialId: credential.id, token: 'Certificate', credential }];
    return [];
  });
}

async function userIdentity(ctx: CollectorRunContext<'opcua'>, candidate: Candidate): Promise<UserIdentityInfo> {
  const credential = candidate.credential;
  if (!credential) return { type: UserTokenType.Anonymous };
  const secret = async (slot: string): Promise<string> => {
    const ref = credential.secretRefs[slot];
    const value = ref ? await ctx.readSecret(ref) : null;
    if (!value) throw new Error(`credential set "${credential.name}" has no ${slot} in the keychain`);
    return value;
  };
  if (candidate.token === 'UserName') {
    const userName = credential.settings.userName;
    if (typeof userName !== 'string' || userName === '') throw new Error(`credential set "${credential.name}" has no user name`);
    return { type: UserTokenType.UserName, userName, password: await secret('password') };
  }
  const certificate = await secret('certificate');
  const privateKey = await secret('private_key');
  return { type: UserTokenType.Certificate, certificateData: pemOrBase64ToDer(certificate), privateKey };
}

function pemOrBase64ToDer(text: string): Buffer {
  const body = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(text)?.[1] ?? text;
  return Buffer.from(body.replace(/\s+/g, ''), 'base64');
}

function baseRecord(
  target: SweepTarget,
  endpointUrl: string,
  endpoints: readonly EndpointDescription[],
  servers: readonly ApplicationDescription[],
): OpcuaServerRecord {
  const app = endpoints[0]?.server;
  const withCertificate = endpoints.find((e) => e.serverCertificate && e.serverCertificate.length > 0);
  let certificate: OpcuaServerRecord['serverCertificate'] = null;
  if (withCertificate?.serverCertificate) {
    try {
      const info = describeCertificate(withCertificate.serverCertificate);
      certificate = {
        thumbprint: info.thumbprint,
        subject: info.subject,
        applicationUri: info.applicationUri,
        validFrom: info.validFrom,
        validTo: info.validTo,
        expired: info.validTo !== null && new Date(info.validTo).getTime() < Date.now(),
      };
    } catch {
      certificate = null;
    }
  }
  const applicationUri = text(app?.applicationUri);
  const discoveryUrls = [...(app?.discoveryUrls ?? []), ...servers.filter((s) => s.applicationUri === applicationUri).flatMap((s) => s.discoveryUrls ?? [])];
  return {
    host: target.host,
    port: target.port,
    endpointUrl,
    applicationUri,
    productUri: text(app?.productUri),
    applicationName: text(app?.applicationName),
    applicationType: app ? (['Server', 'Client', 'ClientAndServer', 'DiscoveryServer'][app.applicationType] ?? null) : null,
    discoveryUrls: [...new Set(discoveryUrls.map((u) => String(u)))],
    endpoints: endpoints.map(summariseEndpoint),
    serverCertificate: certificate,
    session: null,
    buildInfo: null,
    serverState: null,
    startTime: null,
    namespaces: [],
    operationLimits: null,
    devices: [],
    browse: null,
  };
}

/** Reads a PEM or DER certificate file into DER (for the CLI's trust-from-file path). */
export async function readCertificateFile(file: string): Promise<Buffer> {
  const bytes = await readFile(file);
  return bytes[0] === 0x30 ? bytes : pemOrBase64ToDer(bytes.toString('utf8'));
}
