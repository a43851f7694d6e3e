// The SNMP collector: tries the configured credential sets against a target (the one that worked
// last time first), reads the agent through the safety guard and normalises what it read into an
// ObservationInput. It implements the platform's Collector (the run executor opens a session per
// run and probes each target through it); collectHost and sweep remain for tests and benchmarks of
// SNMP alone. Knows nothing of the database.
import type { DiscoverySettings } from '../../../src-shared/api/discovery.js';
import type { ObservationInput } from '../../../src-shared/model/observation.js';
import type { Collector, CollectorOutcome, CollectorPlan, CollectorRunContext, CollectorSession, OptionsOf } from '../collector.js';
import { noRequestRecorder, type RequestRecorder } from '../request-recorder.js';
import { PacedRequestGate, type RequestGate } from '../sweep/request-gate.js';
import { runSweep, type HostOutcomeStatus, type SweepOptions, type SweepProgress, type SweepReport } from '../sweep/sweep-runner.js';
import type { SweepTarget } from '../sweep/target-plan.js';
import { systemTiming, type Timing } from '../sweep/timing.js';
import { orderByMemory, type CredentialMemory } from './credential-memory.js';
import { resolveSnmpCredential, snmpCredentialOf, type SnmpCredential, type SnmpSecretSource } from './snmp-credential.js';
import { toSnmpFailure, type SnmpErrorReason, type SnmpFailure } from './snmp-error.js';
import { readSnmpHost, readSystemGroup, SNMP_SECTIONS, type SnmpSection } from './snmp-host-reader.js';
import { normaliseSnmpHost } from './snmp-normaliser.js';
import { SnmpSafetyGuard, type SnmpGuardLimits } from './snmp-safety-guard.js';

export const DEFAULT_SNMP_PORT = 161;

export interface SnmpCollectorDeps {
  /** Secrets for collectHost/sweep; a platform run reads them through its context instead. */
  store?: SnmpSecretSource;
  /** Credential memory for collectHost/sweep; a platform run uses its context's. */
  memory?: CredentialMemory;
  timing?: Timing;
}

export interface SnmpCollectOptions {
  /** Shared by every host of a run; a fresh unpaced-per-run gate is made when absent. */
  gate?: RequestGate;
  limits?: Partial<SnmpGuardLimits>;
  signal?: AbortSignal;
  /** Site/network label for the addresses seen. */
  network?: string;
  /** 'identify' reads only the system group; 'full' (default) reads every section. */
  depth?: 'identify' | 'full';
  sections?: readonly SnmpSection[];
  /** When given, targets outside it are refused (addresses learned from agents are never probed). */
  scope?: { has(host: string): boolean };
  /** Sees every request the safety guard sends or refuses. */
  recorder?: RequestRecorder;
}

export interface SnmpCredentialAttempt {
  credentialId: string;
  reason: SnmpErrorReason | 'ok';
}

export interface SnmpHostOutcome {
  target: SweepTarget;
  status: HostOutcomeStatus;
  /** The credential set that worked (an id, never a secret). */
  credentialId?: string;
  observation?: ObservationInput;
  /** Why the host failed, or which sections failed on a partly read host. */
  failures: SnmpFailure[];
  attempts: SnmpCredentialAttempt[];
  requestCount: number;
  durationMs: number;
}

export interface SnmpSweepOptions extends Omit<SnmpCollectOptions, 'gate' | 'scope'> {
  /** Global request cap across the whole sweep (default 1000/s). */
  ratePerSecond?: number;
  /** Minimum spacing between requests to one host (default 5 ms). */
  perHostIntervalMs?: number;
  /** Hosts probed at once (default 256). */
  concurrency?: number;
  onProgress?: (progress: SweepProgress) => void;
  onOutcome?: (outcome: SnmpHostOutcome) => void;
  gate?: RequestGate;
}

export const DEFAULT_SWEEP_RATE_PER_SECOND = 1000;
export const DEFAULT_PER_HOST_INTERVAL_MS = 5;
export const DEFAULT_SNMP_SWEEP_CONCURRENCY = 256;

const STATUS_FOR_REASON: Record<SnmpErrorReason, HostOutcomeStatus> = {
  timeout: 'timeout',
  no_response: 'no_response',
  auth: 'auth_failure',
  malformed: 'malformed',
  limit: 'limit',
  network: 'network',
  agent_error: 'malformed',
  refused: 'malformed',
  credential_missing: 'credential_missing',
  out_of_scope: 'out_of_scope',
  cancelled: 'cancelled',
};

/** Reasons that say the credential was wrong (or unanswered): worth trying the next one. */
const TRY_NEXT_CREDENTIAL = new Set<SnmpErrorReason>(['auth', 'no_response', 'timeout', 'credential_missing', 'agent_error']);

/** Requests a responsive agent costs in a full read (typical, not the per-host cap); 'identify' reads two. */
const REQUESTS_FULL = 60;

export class SnmpCollector implements Collector<'snmp'> {
  readonly protocol = 'snmp' as const;
  readonly defaultPorts = [DEFAULT_SNMP_PORT] as const;
  /** UDP and stateless: ports of one address may be probed side by side (the gate still spaces requests per agent). */
  readonly serialisePerAddress = false;
  readonly #store: SnmpSecretSource | undefined;
  readonly #memory: CredentialMemory | undefined;
  readonly #timing: Timing;

  constructor(deps: SnmpCollectorDeps = {}) {
    this.#store = deps.store;
    this.#memory = deps.memory;
    this.#timing = deps.timing ?? systemTiming;
  }

  plan(_options: OptionsOf<'snmp'>, _settings: DiscoverySettings): CollectorPlan {
    return { requestsPerTarget: REQUESTS_FULL, fixedDurationMs: 0, warnings: [], needsCredentials: true };
  }

  open(context: CollectorRunContext<'snmp'>): Promise<CollectorSession> {
    const credentials = context.credentials.map(snmpCredentialOf);
    const io = {
      store: { get: context.readSecret },
      memory: {
        recall: (key: string) => context.recallCredential(key) ?? undefined,
        remember: (key: string, id: string) => context.rememberCredential(key, id),
      },
      timing: context.timing,
    };
    const s = context.settings;
    const options: SnmpCollectOptions = {
      gate: context.gate,
      limits: { timeoutMs: s.timeoutMs, retries: s.retries, backoff: s.backoff },
      depth: context.depth,
      scope: { has: context.inScope },
      recorder: context.recorder,
      ...(context.network ? { network: context.network } : {}),
    };
    return Promise.resolve({
      probe: async (target, signal) => toCollectorOutcome(await this.#collect(target, credentials, { ...options, signal }, io)),
      // Each probe closes its own guards (one UDP socket per credential tried); nothing stays open.
      dispose: () => Promise.resolve(),
    });
  }

  collectHost(target: SweepTarget, credentials: readonly SnmpCredential[], options: SnmpCollectOptions = {}): Promise<SnmpHostOutcome> {
    if (!this.#store || !this.#memory) throw new Error('SnmpCollector.collectHost needs a credential store and memory; platform runs use open()');
    return this.#collect(target, credentials, options, { store: this.#store, memory: this.#memory, timing: this.#timing });
  }

  async #collect(
    target: SweepTarget,
    credentials: readonly SnmpCredential[],
    options: SnmpCollectOptions,
    io: { store: SnmpSecretSource; memory: CredentialMemory; timing: Timing },
  ): Promise<SnmpHostOutcome> {
    const timing = io.timing;
    const started = timing.nowMs();
    const attempts: SnmpCredentialAttempt[] = [];
    const failures: SnmpFailure[] = [];
    let requestCount = 0;
    const finish = (status: HostOutcomeStatus, extra: Partial<SnmpHostOutcome> = {}): SnmpHostOutcome => ({
      target,
      status,
      failures,
      attempts,
      requestCount,
      durationMs: Math.round(timing.nowMs() - started),
      ...extra,
    });

    if (options.scope && !options.scope.has(target.host)) {
      failures.push({ reason: 'out_of_scope', detail: `${target.host} is not in the run's scope` });
      return finish('out_of_scope');
    }
    if (credentials.length === 0) {
      failures.push({ reason: 'credential_missing', detail: 'no SNMP credential sets configured for this scope' });
      return finish('credential_missing');
    }
    const gate = options.gate ?? new PacedRequestGate({ ratePerSecond: DEFAULT_SWEEP_RATE_PER_SECOND, perHostIntervalMs: DEFAULT_PER_HOST_INTERVAL_MS, timing: timing });
    const deviceKey = `${target.host}:${target.port}`;
    let v3Silent = false;

    for (const credential of orderByMemory(credentials, io.memory.recall(deviceKey))) {
      if (options.signal?.aborted) break;
      // SNMPv3 engine discovery does not depend on the user: one silent v3 attempt means all are.
      if (credential.version === 'v3' && v3Silent) {
        attempts.push({ credentialId: credential.id, reason: 'no_response' });
        continue;
      }
      let guard: SnmpSafetyGuard | undefined;
      try {
        const resolved = await resolveSnmpCredential(credential, io.store);
        guard = SnmpSafetyGuard.open(target, resolved, {
          gate,
          recorder: options.recorder ?? noRequestRecorder,
          nowMs: () => timing.nowMs(),
          ...(options.limits ? { limits: options.limits } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
        });
        const system = await readSystemGroup(guard);
        attempts.push({ credentialId: credential.id, reason: 'ok' });
        io.memory.remember(deviceKey, credential.id);
        const sections = options.depth === 'identify' ? [] : (options.sections ?? SNMP_SECTIONS);
        const record = await readSnmpHost(guard, system, sections);
        requestCount += guard.requestCount;
        failures.push(...record.failures);
        const observation = normaliseSnmpHost(record, { observedAt: timing.now(), ...(options.network ? { network: options.network } : {}) });
        // A hostile or runaway agent is marked as such even though what it did send is kept.
        const hostile = record.failures.find((f) => f.reason === 'malformed' || f.reason === 'limit');
        return finish(hostile ? STATUS_FOR_REASON[hostile.reason] : 'found', { credentialId: credential.id, observation });
      } catch (error) {
        const failure = toSnmpFailure(error, 'system');
        attempts.push({ credentialId: credential.id, reason: failure.reason });
        requestCount += guard?.requestCount ?? 0;
        if (failure.reason === 'no_response' && credential.version === 'v3') v3Silent = true;
        if (!TRY_NEXT_CREDENTIAL.has(failure.reason)) {
          failures.push(failure);
          return finish(STATUS_FOR_REASON[failure.reason]);
        }
      } finally {
        guard?.close();
      }
    }

    if (options.signal?.aborted) {
      failures.push({ reason: 'cancelled', detail: 'run cancelled' });
      return finish('cancelled');
    }
    return finish(...summariseAttempts(attempts, failures));
  }

  /** Probes every target of a plan; see runSweep for concurrency, cancel and progress. */
  async sweep(
    plan: Iterable<SweepTarget> & { readonly size: number; has?(host: string): boolean },
    credentials: readonly SnmpCredential[],
    options: SnmpSweepOptions = {},
  ): Promise<SweepReport<SnmpHostOutcome>> {
    const gate =
      options.gate ??
      new PacedRequestGate({
        ratePerSecond: options.ratePerSecond ?? DEFAULT_SWEEP_RATE_PER_SECOND,
        perHostIntervalMs: options.perHostIntervalMs ?? DEFAULT_PER_HOST_INTERVAL_MS,
        timing: this.#timing,
      });
    const { concurrency, onProgress, onOutcome, ...collect } = options;
    const sweepOptions: SweepOptions<SnmpHostOutcome> = {
      concurrency: concurrency ?? DEFAULT_SNMP_SWEEP_CONCURRENCY,
      onProbeError: (target, error) => ({
        target,
        status: 'malformed',
        failures: [toSnmpFailure(error)],
        attempts: [],
        requestCount: 0,
        durationMs: 0,
      }),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(onProgress ? { onProgress } : {}),
      ...(onOutcome ? { onOutcome } : {}),
    };
    return runSweep(plan, (target, signal) => this.collectHost(target, credentials, { ...collect, gate, signal }), sweepOptions);
  }
}

/** An SNMP outcome as the platform's CollectorOutcome (the device's one observation, if read). */
export function toCollectorOutcome(outcome: SnmpHostOutcome): CollectorOutcome {
  return {
    target: outcome.target,
    status: outcome.status,
    ...(outcome.credentialId ? { credentialId: outcome.credentialId } : {}),
    observations: outcome.observation ? [outcome.observation] : [],
    failures: outcome.failures,
    attempts: outcome.attempts,
    requestCount: outcome.requestCount,
    durationMs: outcome.durationMs,
  };
}

function summariseAttempts(attempts: readonly SnmpCredentialAttempt[], failures: SnmpFailure[]): [HostOutcomeStatus] {
  const reasons = attempts.map((a) => a.reason);
  if (reasons.includes('auth')) {
    failures.push({ reason: 'auth', detail: `the agent rejected ${reasons.filter((r) => r === 'auth').length} of ${attempts.length} credential set(s)` });
    return ['auth_failure'];
  }
  if (reasons.every((r) => r === 'credential_missing')) {
    failures.push({ reason: 'credential_missing', detail: 'no credential set could be resolved from the credential store' });
    return ['credential_missing'];
  }
  if (reasons.includes('timeout')) {
    failures.push({ reason: 'timeout', detail: 'the agent stopped answering' });
    return ['timeout'];
  }
  failures.push({
    reason: 'no_response',
    detail: `no reply to ${attempts.length} credential set(s); on SNMPv1/v2c a wrong community looks exactly like a silent host`,
  });
  return ['no_response'];
}

/** Functional entry point: collect one host with a throwaway collector. */
export function collectSnmpHost(
  target: SweepTarget,
  credentials: readonly SnmpCredential[],
  deps: SnmpCollectorDeps,
  options: SnmpCollectOptions = {},
): Promise<SnmpHostOutcome> {
  return new SnmpCollector(deps).collectHost(target, credentials, options);
}

