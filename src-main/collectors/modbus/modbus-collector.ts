// The Modbus TCP collector. One session per run; per target (address:port) exactly one TCP
// connection, opened when the target is probed and closed when it is done (controllers allow only
// 3–4 connections and drop the oldest: a scanner must not knock an HMI off its PLC). Through that
// connection and the safety guard, each configured unit id — and no other — is asked for its
// identification, SunSpec models, profile registers and register snapshot. One observation per
// answering unit, the target's first configured unit first.
import type { DiscoveryHostStatus, DiscoverySettings } from '../../../src-shared/api/discovery.js';
import type { ModbusScopeOptions } from '../../../src-shared/api/discovery-protocols.js';
import type { ObservationInput } from '../../../src-shared/model/observation.js';
import type { Collector, CollectorFailure, CollectorOutcome, CollectorPlan, CollectorRunContext, CollectorSession } from '../collector.js';
import { DEFAULT_BREAKER_THRESHOLD } from '../sweep/device-channel.js';
import type { SweepTarget } from '../sweep/target-plan.js';
import { isModbusError, type ModbusErrorReason } from './modbus-error.js';
import { loadModbusProfiles, unknownProfileIds, USER_PROFILE_DIR, type ModbusProfile } from './modbus-profile.js';
import { modbusNativeKey, normaliseModbusUnit } from './modbus-normaliser.js';
import { ModbusSafetyGuard } from './modbus-safety-guard.js';
import { readModbusUnit, toFailure, type ModbusUnitRecord } from './modbus-unit-reader.js';

export const DEFAULT_MODBUS_PORT = 502;

const STATUS_FOR_REASON: Record<ModbusErrorReason | 'out_of_scope', DiscoveryHostStatus> = {
  out_of_scope: 'out_of_scope',
  timeout: 'timeout',
  no_response: 'no_response',
  malformed: 'malformed',
  network: 'network',
  limit: 'limit',
  breaker_open: 'malformed',
  refused: 'malformed',
  // Only reached when no unit answered: e.g. a gateway with nothing behind the configured ids.
  exception: 'no_response',
  cancelled: 'cancelled',
};

function statusFor(reason: string, fallback: DiscoveryHostStatus): DiscoveryHostStatus {
  return (STATUS_FOR_REASON as Record<string, DiscoveryHostStatus | undefined>)[reason] ?? fallback;
}

export class ModbusCollector implements Collector<'modbus'> {
  readonly protocol = 'modbus' as const;
  readonly defaultPorts = [DEFAULT_MODBUS_PORT] as const;
  /** One connection per device: targets on one address are probed one after another. */
  readonly serialisePerAddress = true;

  plan(options: ModbusScopeOptions, settings: DiscoverySettings): CollectorPlan {
    const identification = options.identification ? 2 : 0; // basic + regular, typically
    const sunspec = options.sunspecAddresses.length + 4; // markers, a few model headers, the common model
    const ranges = options.registerRanges.reduce((n, r) => n + Math.ceil(r.count / (r.table === 'coils' || r.table === 'discrete_inputs' ? 2000 : 125)), 0);
    const perUnit = identification + sunspec + ranges + 8; // + profile points
    const warnings: string[] = [];
    if (options.unitIds.length > 1) warnings.push(`${options.unitIds.length} unit ids are asked on every address; a unit that does not answer costs a timeout (${settings.timeoutMs} ms, ${settings.retries} retr${settings.retries === 1 ? 'y' : 'ies'}) and after ${DEFAULT_BREAKER_THRESHOLD} failures in a row the device is left alone`);
    if (settings.perHostIntervalMs < 50) warnings.push(`requests to one device are only ${settings.perHostIntervalMs} ms apart; 100 ms or more is gentler on controllers`);
    return { requestsPerTarget: perUnit * options.unitIds.length, fixedDurationMs: 0, warnings, needsCredentials: false };
  }

  async open(context: CollectorRunContext<'modbus'>): Promise<CollectorSession> {
    const loaded = await loadModbusProfiles(context.dataDir);
    const unknown = unknownProfileIds(loaded.profiles, context.options.profiles);
    const warnings = [...loaded.warnings, ...unknown.map((id) => `Modbus profile "${id}" named in the scope is neither shipped nor in ${USER_PROFILE_DIR}/ of the data directory`)];
    return new ModbusSession(context, loaded.profiles, warnings);
  }
}

class ModbusSession implements CollectorSession {
  readonly warnings: readonly string[];
  readonly #context: CollectorRunContext<'modbus'>;
  readonly #profiles: readonly ModbusProfile[];
  readonly #open = new Set<ModbusSafetyGuard>();
  #disposed = false;

  constructor(context: CollectorRunContext<'modbus'>, profiles: readonly ModbusProfile[], warnings: string[]) {
    this.#context = context;
    this.#profiles = profiles;
    this.warnings = warnings;
  }

  async probe(target: SweepTarget, signal: AbortSignal): Promise<CollectorOutcome> {
    const ctx = this.#context;
    const started = ctx.timing.nowMs();
    const failures: CollectorFailure[] = [];
    const observations: ObservationInput[] = [];
    const finish = (status: DiscoveryHostStatus, requestCount: number): CollectorOutcome => ({
      target,
      status,
      observations,
      failures,
      attempts: [],
      requestCount,
      durationMs: Math.round(ctx.timing.nowMs() - started),
    });
    if (!ctx.inScope(target.host)) {
      failures.push({ reason: 'out_of_scope', detail: `${target.host} is not in the run's scope` });
      return finish('out_of_scope', 0);
    }
    if (this.#disposed || signal.aborted) {
      failures.push({ reason: 'cancelled', detail: 'run cancelled' });
      return finish('cancelled', 0);
    }
    const s = ctx.settings;
    const guard = new ModbusSafetyGuard({
      host: target.host,
      port: target.port,
      gate: ctx.gate,
      recorder: ctx.recorder,
      timing: ctx.timing,
      limits: { timeoutMs: s.timeoutMs, retries: s.retries, backoff: s.backoff },
      signal,
    });
    this.#open.add(guard);
    const records: ModbusUnitRecord[] = [];
    try {
      try {
        await guard.open();
      } catch (error) {
        const failure = toFailure(error, 'connect');
        failures.push(failure);
        return finish(statusFor(failure.reason, 'network'), 0);
      }
      for (const unitId of ctx.options.unitIds) {
        if (signal.aborted) break;
        const record = await readModbusUnit(guard, unitId, { options: ctx.options, depth: ctx.depth, profiles: this.#profiles });
        records.push(record);
        failures.push(...record.failures.map((f) => ({ ...f, section: `unit ${unitId} ${f.section ?? ''}`.trim() })));
        if (guard.breakerOpen) {
          failures.push({ reason: 'breaker_open', detail: `stopped talking to ${target.host}:${target.port} after repeated failures; remaining unit ids were not asked` });
          break;
        }
        // One connection per device per run: once it is gone, the remaining unit ids are not asked.
        if (!guard.connectionUsable) break;
      }
    } catch (error) {
      if (!(isModbusError(error) && error.reason === 'cancelled') && !signal.aborted) {
        failures.push(toFailure(error, 'read'));
        return finish('malformed', guard.requestCount);
      }
    } finally {
      await guard.close();
      this.#open.delete(guard);
    }
    if (signal.aborted) {
      failures.push({ reason: 'cancelled', detail: 'run cancelled' });
      return finish('cancelled', guard.requestCount);
    }

    const answering = records.filter((r) => r.answered);
    const observedAt = ctx.timing.now();
    let gatewayKey: string | undefined;
    for (const record of answering) {
      observations.push(normaliseModbusUnit(record, { observedAt, network: ctx.network, ...(gatewayKey ? { gatewayKey } : {}) }));
      gatewayKey ??= modbusNativeKey(ctx.network, target.host, target.port, record.unitId);
    }
    if (answering.length > 0) {
      // A device that answered, but with frames that do not parse, is marked as such; what it did send is kept.
      const hostile = failures.find((f) => f.reason === 'malformed' || f.reason === 'limit');
      return finish(hostile ? statusFor(hostile.reason, 'malformed') : 'found', guard.requestCount);
    }
    const first = failures[0];
    if (!first) failures.push({ reason: 'no_response', detail: 'no configured unit id answered' });
    return finish(first ? statusFor(first.reason, 'no_response') : 'no_response', guard.requestCount);
  }

  async dispose(): Promise<void> {
    this.#disposed = true;
    await Promise.all([...this.#open].map((g) => g.close()));
    this.#open.clear();
  }
}
