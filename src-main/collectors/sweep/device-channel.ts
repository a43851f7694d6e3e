// The guarded send path shared by the OT collectors. Every request to one device goes through its
// DeviceChannel, which enforces, in this order: the protocol's allow-list (anything else is refused
// and recorded, never sent), the circuit breaker (a device that failed `breakerThreshold` requests
// in a row is not talked to again in this run), one request at a time per device (no overlap, so
// transaction ids cannot desynchronise), the run's RequestGate (per-device spacing and the global
// packet rate), a timeout per attempt, and retries with backoff. Each protocol's safety guard wraps
// one of these and names its services; the recording hook sees every request, allowed or not.
import type { RequestRecorder } from '../request-recorder.js';
import type { RequestGate } from './request-gate.js';
import { abortError, type Timing } from './timing.js';

export const DEVICE_CHANNEL_ERROR_REASONS = ['refused', 'breaker_open', 'timeout', 'cancelled'] as const;
export type DeviceChannelErrorReason = (typeof DEVICE_CHANNEL_ERROR_REASONS)[number];

/** Thrown by the channel itself; protocol errors from the send function pass through unchanged. */
export class DeviceChannelError extends Error {
  override readonly name = 'DeviceChannelError';
  constructor(
    readonly reason: DeviceChannelErrorReason,
    message: string,
  ) {
    super(message);
  }
}

export interface DeviceChannelLimits {
  /** Wait for one reply before giving up on the attempt. */
  timeoutMs: number;
  /** Re-sends after a timeout (not after an error reply). */
  retries: number;
  /** Timeout multiplier per retry (1 = flat, 2 = doubling). */
  backoff: number;
  /** Consecutive failed requests (after retries) before the channel stops talking to the device. */
  breakerThreshold: number;
}

export const DEFAULT_BREAKER_THRESHOLD = 3;

export interface DeviceChannelOptions<S extends string> {
  protocol: string;
  host: string;
  port: number;
  /** The only services this channel will send. */
  allowed: ReadonlySet<S>;
  gate: RequestGate;
  recorder: RequestRecorder;
  timing: Timing;
  limits: DeviceChannelLimits;
  signal?: AbortSignal;
  /** Whether an error from the send function counts toward the breaker (default: every error does). */
  countsAsFailure?: (error: unknown) => boolean;
}

export interface SendOptions {
  code?: number;
  /** Retry after a timeout (default true); a request that must not be repeated passes false. */
  retry?: boolean;
}

export class DeviceChannel<S extends string> {
  readonly #o: DeviceChannelOptions<S>;
  readonly #key: string;
  #queue: Promise<unknown> = Promise.resolve();
  #consecutiveFailures = 0;
  #sent = 0;

  constructor(options: DeviceChannelOptions<S>) {
    this.#o = options;
    this.#key = `${options.host}:${options.port}`;
  }

  /** Requests actually put on the wire (attempts, including retries). */
  get requestCount(): number {
    return this.#sent;
  }

  get breakerOpen(): boolean {
    return this.#consecutiveFailures >= this.#o.limits.breakerThreshold;
  }

  /**
   * Sends one request through the guard. `send` receives this attempt's timeout and a signal that
   * aborts on timeout or cancel; it must not send anything after that signal aborts.
   */
  send<T>(service: S, send: (attempt: { timeoutMs: number; signal: AbortSignal }) => Promise<T>, options: SendOptions = {}): Promise<T> {
    const run = this.#queue.then(
      () => this.#sendNow(service, send, options),
      () => this.#sendNow(service, send, options),
    );
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #sendNow<T>(service: S, send: (attempt: { timeoutMs: number; signal: AbortSignal }) => Promise<T>, options: SendOptions): Promise<T> {
    const o = this.#o;
    const record = (allowed: boolean) =>
      o.recorder.record({ protocol: o.protocol, host: o.host, port: o.port, service, ...(options.code !== undefined ? { code: options.code } : {}), allowed, atMs: o.timing.nowMs() });
    if (!o.allowed.has(service)) {
      record(false);
      throw new DeviceChannelError('refused', `${o.protocol} ${service} is not a read or identify service; the safety guard refused to send it`);
    }
    if (this.breakerOpen) {
      throw new DeviceChannelError('breaker_open', `stopped talking to ${this.#key} after ${this.#consecutiveFailures} failed requests in a row`);
    }
    const attempts = options.retry === false ? 1 : 1 + o.limits.retries;
    let timeoutMs = o.limits.timeoutMs;
    for (let attempt = 1; ; attempt += 1) {
      if (o.signal?.aborted) throw new DeviceChannelError('cancelled', 'run cancelled');
      try {
        await o.gate.acquire(this.#key, o.signal);
      } catch {
        throw new DeviceChannelError('cancelled', 'run cancelled');
      }
      record(true);
      this.#sent += 1;
      try {
        const result = await withTimeout(send, timeoutMs, o.signal);
        this.#consecutiveFailures = 0;
        return result;
      } catch (error) {
        if (o.signal?.aborted) throw new DeviceChannelError('cancelled', 'run cancelled');
        const timedOut = error instanceof DeviceChannelError && error.reason === 'timeout';
        if (timedOut && attempt < attempts) {
          timeoutMs = Math.round(timeoutMs * o.limits.backoff);
          continue;
        }
        if (o.countsAsFailure?.(error) ?? true) this.#consecutiveFailures += 1;
        throw error;
      }
    }
  }
}

function withTimeout<T>(send: (attempt: { timeoutMs: number; signal: AbortSignal }) => Promise<T>, timeoutMs: number, outer?: AbortSignal): Promise<T> {
  if (outer?.aborted) return Promise.reject(new DeviceChannelError('cancelled', 'run cancelled'));
  const controller = new AbortController();
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => {
      controller.abort(abortError());
      settle(() => reject(new DeviceChannelError('cancelled', 'run cancelled')));
    };
    const timer = setTimeout(() => {
      const error = new DeviceChannelError('timeout', `no reply within ${timeoutMs} ms`);
      controller.abort(error);
      settle(() => reject(error));
    }, timeoutMs);
    outer?.addEventListener('abort', onAbort, { once: true });
    send({ timeoutMs, signal: controller.signal }).then(
      (value) => settle(() => resolve(value)),
      (error: unknown) => settle(() => reject(error)),
    );
  });
}
