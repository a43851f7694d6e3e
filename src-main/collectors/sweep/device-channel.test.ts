// The guarded send path every OT collector shares. The `send` functions here stand for the wire (a
// device that answers, stalls or fails); the channel's own rules are what is checked: the
// allow-list, one request at a time per device, retries with backoff, the breaker, and cancel.
// Real timers with small numbers; nothing asserts how long anything took.
import { describe, expect, it } from 'vitest';
import { MemoryRequestRecorder } from '../request-recorder.js';
import { DeviceChannel, DeviceChannelError, type DeviceChannelLimits } from './device-channel.js';
import { PacedRequestGate } from './request-gate.js';
import { abortableSleep, systemTiming } from './timing.js';

type Service = 'read' | 'write';

function channel(limits: Partial<DeviceChannelLimits> = {}, signal?: AbortSignal) {
  const recorder = new MemoryRequestRecorder();
  const device = new DeviceChannel<Service>({
    protocol: 'test',
    host: '127.0.0.1',
    port: 5020,
    allowed: new Set<Service>(['read']),
    gate: new PacedRequestGate({ ratePerSecond: 5000, perHostIntervalMs: 0, timing: systemTiming }),
    recorder,
    timing: systemTiming,
    limits: { timeoutMs: 2000, retries: 0, backoff: 1, breakerThreshold: 3, ...limits },
    ...(signal ? { signal } : {}),
  });
  return { device, recorder };
}

/** A device that never answers: the attempt ends only when the channel aborts it. */
function stall(attempt: { signal: AbortSignal }): Promise<never> {
  return new Promise((_resolve, reject) => attempt.signal.addEventListener('abort', () => reject(new Error('aborted by the channel')), { once: true }));
}

async function reason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return error instanceof DeviceChannelError ? error.reason : `other: ${String(error)}`;
  }
  return 'resolved';
}

describe('DeviceChannel', () => {
  it('refuses a service outside the allow-list: recorded as refused, nothing sent', async () => {
    const { device, recorder } = channel();
    let sent = 0;
    expect(await reason(device.send('write', async () => void (sent += 1), { code: 6 }))).toBe('refused');
    expect(sent).toBe(0);
    expect(device.requestCount).toBe(0);
    expect(recorder.requests).toEqual([
      { protocol: 'test', host: '127.0.0.1', port: 5020, service: 'write', code: 6, allowed: false, atMs: expect.any(Number) },
    ]);
    // A refusal is not the device's failure: the breaker stays shut.
    expect(device.breakerOpen).toBe(false);
  });

  it('sends one request at a time to a device, in the order asked', async () => {
    const { device, recorder } = channel();
    let inFlight = 0;
    let maxInFlight = 0;
    const order: number[] = [];
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        device.send('read', async () => {
          inFlight += 1;
          maxInFlight = Math.max(maxInFlight, inFlight);
          order.push(n);
          await abortableSleep(5);
          inFlight -= 1;
          return n * 10;
        }),
      ),
    );
    expect(results).toEqual([10, 20, 30, 40, 50]);
    expect(maxInFlight).toBe(1);
    expect(order).toEqual([1, 2, 3, 4, 5]);
    expect(recorder.requests.map((r) => r.allowed)).toEqual([true, true, true, true, true]);
  });

  it('retries a timed-out request with a growing timeout, then gives up', async () => {
    const { device, recorder } = channel({ timeoutMs: 20, retries: 2, backoff: 2 });
    const timeouts: number[] = [];
    expect(
      await reason(
        device.send('read', (attempt) => {
          timeouts.push(attempt.timeoutMs);
          return stall(attempt);
        }),
      ),
    ).toBe('timeout');
    expect(timeouts).toEqual([20, 40, 80]);
    expect(device.requestCount).toBe(3);
    expect(recorder.requests).toHaveLength(3);

    // A reply on the second attempt ends it.
    let attempts = 0;
    const value = await device.send('read', (attempt) => (++attempts === 1 ? stall(attempt) : Promise.resolve('ok')));
    expect(value).toBe('ok');
    expect(attempts).toBe(2);
    // A request that must not be repeated is sent once.
    let once = 0;
    expect(await reason(device.send('read', (attempt) => (once++, stall(attempt)), { retry: false }))).toBe('timeout');
    expect(once).toBe(1);
  });

  it('opens the breaker after N failed requests in a row; a success in between resets the count', async () => {
    const { device, recorder } = channel({ breakerThreshold: 2 });
    const fail = () => Promise.reject(new Error('exception reply'));
    expect(await reason(device.send('read', fail))).toBe('other: Error: exception reply');
    await device.send('read', () => Promise.resolve(1));
    expect(await reason(device.send('read', fail))).toBe('other: Error: exception reply');
    expect(device.breakerOpen).toBe(false);
    expect(await reason(device.send('read', fail))).toBe('other: Error: exception reply');
    expect(device.breakerOpen).toBe(true);
    let sent = 0;
    expect(await reason(device.send('read', async () => void (sent += 1)))).toBe('breaker_open');
    expect(sent).toBe(0);
    expect(recorder.requests).toHaveLength(4);
  });

  it('rejects at once on cancel: the request on the wire and those queued behind it', async () => {
    const controller = new AbortController();
    // A minute-long timeout: only cancel can end this test within its time limit.
    const { device } = channel({ timeoutMs: 60_000, retries: 3 }, controller.signal);
    let attemptAborted = false;
    let started!: () => void;
    const onWire = new Promise<void>((resolve) => (started = resolve));
    const first = device.send('read', (attempt) => {
      attempt.signal.addEventListener('abort', () => (attemptAborted = true), { once: true });
      started();
      return stall(attempt);
    });
    let queuedSent = 0;
    const queued = device.send('read', async () => void (queuedSent += 1));
    await onWire;
    controller.abort();
    expect(await reason(first)).toBe('cancelled');
    expect(await reason(queued)).toBe('cancelled');
    expect(attemptAborted).toBe(true);
    expect(queuedSent).toBe(0);
    expect(device.requestCount).toBe(1);
  }, 10_000);
});
