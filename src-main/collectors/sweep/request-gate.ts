// Every request a collector sends passes this gate: per-host spacing first (never hammer one
// device), then a token from the global rate bucket. One gate per run, shared by all hosts.
import { TokenBucket } from './token-bucket.js';
import type { Timing } from './timing.js';

export interface RequestGate {
  /** Resolves when a request to `hostKey` may be sent. Rejects with an AbortError on abort. */
  acquire(hostKey: string, signal?: AbortSignal): Promise<void>;
  /** Forget a host's pacing state once the run is done with it. */
  release(hostKey: string): void;
}

export interface PacedRequestGateOptions {
  /** Global cap on requests per second across all hosts. */
  ratePerSecond: number;
  burst?: number;
  /** Minimum spacing between two requests to the same host. */
  perHostIntervalMs: number;
  timing: Timing;
}

export class PacedRequestGate implements RequestGate {
  readonly #bucket: TokenBucket;
  readonly #perHostIntervalMs: number;
  readonly #timing: Timing;
  readonly #nextSlot = new Map<string, number>();

  constructor(options: PacedRequestGateOptions) {
    this.#bucket = new TokenBucket({ ratePerSecond: options.ratePerSecond, timing: options.timing, ...(options.burst ? { burst: options.burst } : {}) });
    this.#perHostIntervalMs = options.perHostIntervalMs;
    this.#timing = options.timing;
  }

  async acquire(hostKey: string, signal?: AbortSignal): Promise<void> {
    const now = this.#timing.nowMs();
    const slot = Math.max(now, this.#nextSlot.get(hostKey) ?? now);
    // Reserve the slot before waiting, so two callers for one host queue behind each other.
    this.#nextSlot.set(hostKey, slot + this.#perHostIntervalMs);
    if (slot > now) await this.#timing.sleep(slot - now, signal);
    // Timers run on a millisecond loop clock and may fire a little before the monotonic slot:
    // wait out the rest (a few rounds at most), so the spacing is never short.
    for (let round = 0; round < 3 && this.#timing.nowMs() < slot; round++) await this.#timing.sleep(Math.ceil(slot - this.#timing.nowMs()), signal);
    await this.#bucket.take(signal);
    // Timers fire late on a busy machine (and the rate bucket may add a wait): count the spacing
    // from when this request really goes, so the next one is never closer than the interval.
    const goes = this.#timing.nowMs();
    if (goes > slot) this.#nextSlot.set(hostKey, Math.max(this.#nextSlot.get(hostKey) ?? 0, goes + this.#perHostIntervalMs));
  }

  release(hostKey: string): void {
    this.#nextSlot.delete(hostKey);
  }
}

/** No pacing at all: for unit tests of code that needs a gate but not its behaviour. */
export const openRequestGate: RequestGate = {
  acquire: async (_hostKey, signal) => {
    if (signal?.aborted) {
      const error = new Error('aborted');
      error.name = 'AbortError';
      throw error;
    }
  },
  release: () => undefined,
};
