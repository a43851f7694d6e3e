// Injected time for everything that waits: a monotonic clock for rates and spacing, a wall clock
// for timestamps, and an abortable sleep. Tests pass their own; production uses systemTiming.
import { performance } from 'node:perf_hooks';

export interface Timing {
  /** Monotonic milliseconds, for rates and spacing. */
  nowMs(): number;
  /** Wall clock, for observedAt and run records. */
  now(): Date;
  /** Resolves after `ms`; rejects with an AbortError as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export function abortError(): Error {
  const error = new Error('aborted');
  error.name = 'AbortError';
  return error;
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortError());
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export const systemTiming: Timing = {
  nowMs: () => performance.now(),
  now: () => new Date(),
  sleep: abortableSleep,
};
