// Global packet-rate cap: a token bucket refilled continuously at `ratePerSecond`, holding at
// most `burst` tokens. Waiters are served in arrival order; an aborted waiter leaves the queue.
import { abortError, type Timing } from './timing.js';

export interface TokenBucketOptions {
  ratePerSecond: number;
  burst?: number;
  timing: Timing;
}

export class TokenBucket {
  readonly ratePerSecond: number;
  readonly burst: number;
  readonly #timing: Timing;
  #tokens: number;
  #refilledAt: number;
  #queue: Promise<void> = Promise.resolve();

  constructor(options: TokenBucketOptions) {
    if (!(options.ratePerSecond > 0)) throw new RangeError('ratePerSecond must be > 0');
    this.ratePerSecond = options.ratePerSecond;
    this.burst = Math.max(1, options.burst ?? Math.ceil(options.ratePerSecond / 10));
    this.#timing = options.timing;
    this.#tokens = this.burst;
    this.#refilledAt = options.timing.nowMs();
  }

  /** Waits for one token. Rejects with an AbortError if `signal` aborts first. */
  take(signal?: AbortSignal): Promise<void> {
    const turn = this.#queue.then(() => this.#takeOne(signal));
    // The queue must keep moving whatever happened to this waiter.
    this.#queue = turn.catch(() => undefined);
    return turn;
  }

  async #takeOne(signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (signal?.aborted) throw abortError();
      this.#refill();
      if (this.#tokens >= 1) {
        this.#tokens -= 1;
        return;
      }
      const waitMs = ((1 - this.#tokens) / this.ratePerSecond) * 1000;
      await this.#timing.sleep(Math.max(1, Math.ceil(waitMs)), signal);
    }
  }

  #refill(): void {
    const now = this.#timing.nowMs();
    const elapsed = now - this.#refilledAt;
    if (elapsed > 0) {
      this.#tokens = Math.min(this.burst, this.#tokens + (elapsed / 1000) * this.ratePerSecond);
      this.#refilledAt = now;
    }
  }
}
