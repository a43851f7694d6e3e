import { describe, expect, it } from 'vitest';
import { PacedRequestGate } from './request-gate.js';
import { TokenBucket } from './token-bucket.js';
import { abortableSleep, type Timing } from './timing.js';

/** A clock that only moves when someone sleeps. */
function fakeTiming(): Timing & { sleeps: number[] } {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    nowMs: () => now,
    now: () => new Date(now),
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw new Error('aborted');
      sleeps.push(ms);
      now += ms;
    },
  };
}

describe('TokenBucket', () => {
  it('lets a burst through, then spaces requests at the rate', async () => {
    const timing = fakeTiming();
    const bucket = new TokenBucket({ ratePerSecond: 100, burst: 5, timing });
    for (let i = 0; i < 15; i++) await bucket.take();
    // 5 free, then 10 more at 100/s = 100 ms of simulated waiting.
    expect(timing.nowMs()).toBeGreaterThanOrEqual(99);
    expect(timing.nowMs()).toBeLessThanOrEqual(110);
  });

  it('rejects an aborted waiter without blocking the queue', async () => {
    const bucket = new TokenBucket({ ratePerSecond: 1000, burst: 1, timing: { nowMs: () => performance.now(), now: () => new Date(), sleep: abortableSleep } });
    await bucket.take();
    const controller = new AbortController();
    controller.abort();
    await expect(bucket.take(controller.signal)).rejects.toThrow(/aborted/);
    await expect(bucket.take()).resolves.toBeUndefined();
  });
});

describe('PacedRequestGate', () => {
  it('spaces requests to one host but not across hosts', async () => {
    const timing = fakeTiming();
    const gate = new PacedRequestGate({ ratePerSecond: 1_000_000, burst: 1000, perHostIntervalMs: 50, timing });
    await gate.acquire('a');
    await gate.acquire('b');
    expect(timing.nowMs()).toBe(0);
    await gate.acquire('a');
    expect(timing.nowMs()).toBe(50);
    gate.release('a');
  });
});
