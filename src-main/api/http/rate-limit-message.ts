// The 429 answer: the limit and its window as configured, and how long to wait, in the message and
// in Retry-After (whole seconds, at least 1).
import { HttpApiError } from './http-api-error.js';

/** "minute", "2 minutes", "second", "30 seconds", "1.5 seconds". */
export function describeWindow(windowMs: number): string {
  const [amount, unit] = windowMs % 60_000 === 0 ? [windowMs / 60_000, 'minute'] : [windowMs / 1000, 'second'];
  return amount === 1 ? unit : `${amount} ${unit}s`;
}

export function rateLimitedError(limit: { max: number; windowMs: number }, msUntilReset: number): HttpApiError {
  const retryAfterSeconds = Math.max(1, Math.ceil(msUntilReset / 1000));
  return new HttpApiError(
    'rate_limited',
    `Too many requests from this address: at most ${limit.max} per ${describeWindow(limit.windowMs)}; try again in ${retryAfterSeconds} s.`,
    429,
    { 'retry-after': String(retryAfterSeconds) },
  );
}
