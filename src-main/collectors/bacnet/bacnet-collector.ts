// The BACnet/IP collector. One run binds one UDP socket (the safety guard's), registers with a BBMD
// when the scope names one, and for each target sends Who-Is in every configured instance range —
// to the target itself and, through it as a router, to every configured remote network — collects
// I-Am replies for iAmWaitMs, then reads each device that answered (Device object, and the object
// list when browsing) and normalises it. One target can yield many devices (a router's networks).
// With a BBMD the Who-Is goes once per run as Distribute-Broadcast-To-Network and each target takes
// the I-Ams that came from its address.
import type { DiscoverySettings } from '../../../src-shared/api/discovery.js';
import type { DiscoveryHostStatus } from '../../../src-shared/api/discovery.js';
import type { ObservationInput } from '../../../src-shared/model/observation.js';
import type { Collector, CollectorFailure, CollectorOutcome, CollectorPlan, CollectorRunContext, CollectorSession, OptionsOf } from '../collector.js';
import { DEFAULT_BREAKER_THRESHOLD } from '../sweep/device-channel.js';
import type { SweepTarget } from '../sweep/target-plan.js';
import { classifyBacnetError, toCollectorFailure } from './bacnet-error.js';
import { readBacnetDevice } from './bacnet-device-reader.js';
import { normaliseBacnetDevice } from './bacnet-normaliser.js';
import { BacnetSafetyGuard, type BacnetChannel, type BacnetIAm, type InstanceRange } from './bacnet-safety-guard.js';
import { BACNET_PORT, normaliseBacnetAddress } from './bacnet-transport.js';

type BacnetOptions = OptionsOf<'bacnet'>;

/** Objects per ReadPropertyMultiple when estimating a plan (the reader sizes batches to the device). */
const PLAN_OBJECTS_PER_REQUEST = 8;

const STATUS_FOR_REASON: Record<string, DiscoveryHostStatus> = {
  timeout: 'timeout',
  breaker_open: 'timeout',
  malformed: 'malformed',
  error: 'malformed',
  abort: 'malformed',
  refused: 'malformed',
  cancelled: 'cancelled',
};

export class BacnetCollector implements Collector<'bacnet'> {
  readonly protocol = 'bacnet' as const;
  readonly defaultPorts = [BACNET_PORT] as const;
  readonly serialisePerAddress = true;

  plan(options: BacnetOptions, _settings: DiscoverySettings): CollectorPlan {
    const whoIs = options.instanceRanges.length * (1 + options.networks.length);
    const browse = options.browseObjects ? 2 + Math.ceil(options.maxObjects / 40) + Math.ceil(options.maxObjects / PLAN_OBJECTS_PER_REQUEST) : 0;
    const warnings: string[] = [];
    if (options.bbmd) warnings.push(`registers as a foreign device with the BBMD ${options.bbmd.host}:${options.bbmd.port} for ${options.bbmd.ttlSeconds} s and broadcasts Who-Is through it`);
    if (options.localPort === BACNET_PORT) warnings.push('binds UDP 47808: a BACnet stack already running on this computer would conflict');
    if (options.browseObjects && options.maxObjects > 5000) warnings.push(`reads up to ${options.maxObjects} objects per device: a large controller costs many requests`);
    if (options.networks.length > 0) warnings.push(`asks routers for devices on network(s) ${options.networks.join(', ')}`);
    return {
      // Who-Is, then per device one RPM of the Device object (plus the browse): "at most" for one device.
      requestsPerTarget: whoIs + 1 + browse,
      fixedDurationMs: options.iAmWaitMs,
      warnings,
      needsCredentials: false,
    };
  }

  async open(context: CollectorRunContext<'bacnet'>): Promise<CollectorSession> {
    const { settings, options } = context;
    const guard = await BacnetSafetyGuard.open({
      localAddress: options.localAddress,
      localPort: options.localPort,
      gate: context.gate,
      recorder: context.recorder,
      timing: context.timing,
      limits: { timeoutMs: settings.timeoutMs, retries: settings.retries, backoff: settings.backoff, breakerThreshold: DEFAULT_BREAKER_THRESHOLD },
    });
    const session = new BacnetSession(context, guard);
    try {
      if (options.bbmd) await session.register();
    } catch (error) {
      await guard.close();
      throw error;
    }
    return session;
  }
}

class BacnetSession implements CollectorSession {
  readonly #ctx: CollectorRunContext<'bacnet'>;
  readonly #guard: BacnetSafetyGuard;
  readonly #bbmd: string | null;
  #registeredAtMs: number | null = null;
  #bbmdFailure: CollectorFailure | null = null;
  #bbmdRound: Promise<BacnetIAm[]> | null = null;

  constructor(context: CollectorRunContext<'bacnet'>, guard: BacnetSafetyGuard) {
    this.#ctx = context;
    this.#guard = guard;
    const bbmd = context.options.bbmd;
    this.#bbmd = bbmd ? normaliseBacnetAddress(`${bbmd.host}:${bbmd.port}`) : null;
  }

  /** Foreign-device registration; a failure is reported on every target and Who-Is goes unicast. */
  async register(signal?: AbortSignal): Promise<void> {
    const bbmd = this.#ctx.options.bbmd;
    if (!bbmd || !this.#bbmd) return;
    try {
      await this.#guard.registerForeignDevice(this.#guard.channel(this.#bbmd, signal), this.#bbmd, bbmd.ttlSeconds);
      this.#registeredAtMs = this.#ctx.timing.nowMs();
      this.#bbmdFailure = null;
    } catch (error) {
      if (classifyBacnetError(error).reason === 'cancelled') throw error;
      this.#registeredAtMs = null;
      this.#bbmdFailure = toCollectorFailure(error, 'bbmd', `foreign-device registration with the BBMD ${this.#bbmd}`);
    }
  }

  async probe(target: SweepTarget, signal: AbortSignal): Promise<CollectorOutcome> {
    const ctx = this.#ctx;
    const started = ctx.timing.nowMs();
    const failures: CollectorFailure[] = [];
    const observations: ObservationInput[] = [];
    const channels: BacnetChannel[] = [];
    const targetAddress = normaliseBacnetAddress(`${target.host}:${target.port}`);
    const finish = (status: DiscoveryHostStatus): CollectorOutcome => ({
      target,
      status,
      observations,
      failures,
      attempts: [],
      requestCount: channels.reduce((n, c) => n + c.requestCount, 0),
      durationMs: Math.round(ctx.timing.nowMs() - started),
    });
    if (!ctx.inScope(target.host)) {
      failures.push({ reason: 'out_of_scope', detail: `${target.host} is not in the run's scope` });
      return finish('out_of_scope');
    }
    if (signal.aborted) return this.#cancelled(failures, finish);

    // --- Who-Is and I-Am --------------------------------------------------------------------------
    let iAms: BacnetIAm[];
    let flooded = false;
    try {
      const collected = await this.#whoIs(targetAddress, signal, channels, failures);
      iAms = collected.iAms;
      flooded = collected.flooded;
    } catch (error) {
      const info = classifyBacnetError(error);
      if (info.reason === 'cancelled' || signal.aborted) return this.#cancelled(failures, finish);
      failures.push(toCollectorFailure(error, 'who-is', `Who-Is to ${targetAddress}`));
      return finish(STATUS_FOR_REASON[info.reason] ?? 'network');
    }
    if (iAms.length === 0) {
      failures.push({ reason: 'no_response', detail: `no I-Am from ${targetAddress} within ${ctx.options.iAmWaitMs} ms`, section: 'who-is' });
      return finish('no_response');
    }

    // --- read each device -----------------------------------------------------------------------
    let identified = 0;
    for (const iAm of iAms) {
      if (signal.aborted) return this.#cancelled(failures, finish);
      const channel = this.#guard.channel(iAm.device.address, signal);
      channels.push(channel);
      const record = await readBacnetDevice(this.#guard, channel, iAm, { browseObjects: ctx.depth === 'full' && ctx.options.browseObjects, maxObjects: ctx.options.maxObjects });
      if (signal.aborted) return this.#cancelled(failures, finish);
      failures.push(...record.failures.filter((f) => f.reason !== 'rpm_fallback'));
      if (!record.identificationFailed) identified += 1;
      observations.push(normaliseBacnetDevice(record, { observedAt: ctx.timing.now(), network: ctx.network }));
    }
    if (flooded) return finish('limit');
    if (identified === 0) {
      const first = failures.find((f) => f.section === 'identification');
      return finish((first && STATUS_FOR_REASON[first.reason]) ?? 'timeout');
    }
    return finish('found');
  }

  async dispose(): Promise<void> {
    await this.#guard.close();
  }

  #cancelled(failures: CollectorFailure[], finish: (status: DiscoveryHostStatus) => CollectorOutcome): CollectorOutcome {
    failures.push({ reason: 'cancelled', detail: 'run cancelled' });
    return finish('cancelled');
  }

  async #whoIs(targetAddress: string, signal: AbortSignal, channels: BacnetChannel[], failures: CollectorFailure[]): Promise<{ iAms: BacnetIAm[]; flooded: boolean }> {
    const { options } = this.#ctx;
    const inRange = (instance: number): boolean => options.instanceRanges.some((r) => instance >= r.low && instance <= r.high);
    const found = new Map<string, BacnetIAm>();
    let flooded = false;
    const accept = (iAm: BacnetIAm): void => {
      if (iAm.device.address !== targetAddress || !inRange(iAm.instance)) return;
      const key = `${iAm.device.net ?? 0}/${iAm.instance}`;
      if (found.has(key)) return;
      if (found.size >= options.maxDevicesPerTarget) {
        flooded = true;
        return;
      }
      found.set(key, iAm);
    };

    if (this.#bbmd && (await this.#ensureRegistered(signal))) {
      for (const iAm of await this.#broadcastRound(signal)) accept(iAm);
    } else {
      if (this.#bbmdFailure) failures.push(this.#bbmdFailure);
      const channel = this.#guard.channel(targetAddress, signal);
      channels.push(channel);
      const stop = this.#guard.onIAm(accept);
      try {
        for (const range of options.instanceRanges) await this.#guard.whoIs(channel, { address: targetAddress }, range);
        for (const net of options.networks) {
          for (const range of options.instanceRanges) await this.#guard.whoIs(channel, { address: targetAddress, net }, range);
        }
        await this.#ctx.timing.sleep(options.iAmWaitMs, signal);
      } finally {
        stop();
      }
    }
    if (flooded) {
      failures.push({ reason: 'limit', detail: `more than ${options.maxDevicesPerTarget} devices answered through ${targetAddress}; read the first ${options.maxDevicesPerTarget}`, section: 'who-is' });
    }
    const iAms = [...found.values()].sort((a, b) => (a.device.net ?? 0) - (b.device.net ?? 0) || a.instance - b.instance);
    return { iAms, flooded };
  }

  /** Registers again when half the TTL has passed, so a long run stays registered. */
  async #ensureRegistered(signal: AbortSignal): Promise<boolean> {
    const bbmd = this.#ctx.options.bbmd;
    if (!bbmd) return false;
    const due = this.#registeredAtMs === null || this.#ctx.timing.nowMs() - this.#registeredAtMs > (bbmd.ttlSeconds * 1000) / 2;
    if (due && !this.#bbmdFailure) await this.register(signal);
    return this.#registeredAtMs !== null;
  }

  /** One Who-Is per range through the BBMD for the whole run; every I-Am within the wait is kept. */
  #broadcastRound(signal: AbortSignal): Promise<BacnetIAm[]> {
    if (!this.#bbmdRound) {
      const bbmd = this.#bbmd!;
      const round = async (): Promise<BacnetIAm[]> => {
        const all: BacnetIAm[] = [];
        const stop = this.#guard.onIAm((iAm) => {
          if (all.length < this.#ctx.options.maxDevicesPerTarget * 16 && this.#ctx.inScope(iAm.device.address.split(':')[0] ?? '')) all.push(iAm);
        });
        try {
          const channel = this.#guard.channel(bbmd, signal);
          for (const range of this.#ctx.options.instanceRanges) await this.#guard.whoIsThroughBbmd(channel, bbmd, range);
          await this.#ctx.timing.sleep(this.#ctx.options.iAmWaitMs, signal);
        } finally {
          stop();
        }
        return all;
      };
      this.#bbmdRound = round();
      // A cancelled round is not reused by the next probe of the run.
      this.#bbmdRound.catch(() => {
        this.#bbmdRound = null;
      });
    }
    return this.#bbmdRound;
  }
}

/** Ranges as the guard takes them (exported for the demo plant and tests). */
export type { InstanceRange };
