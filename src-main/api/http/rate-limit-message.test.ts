import { describe, expect, it } from 'vitest';
import { describeWindow, rateLimitedError } from './rate-limit-message.js';

describe('rate limit message', () => {
  it('names the configured window in words', () => {
    expect(describeWindow(60_000)).toBe('minute');
    expect(describeWindow(120_000)).toBe('2 minutes');
    expect(describeWindow(1000)).toBe('second');
    expect(describeWindow(30_000)).toBe('30 seconds');
    expect(describeWindow(1500)).toBe('1.5 seconds');
  });

  it('says the window and the wait apart, and sends the wait as Retry-After (whole seconds, at least 1)', () => {
    const error = rateLimitedError({ max: 600, windowMs: 60_000 }, 41_200);
    expect(error.message).toBe('Too many requests from this address: at most 600 per minute; try again in 42 s.');
    expect(error.status).toBe(429);
    expect(error.headers).toEqual({ 'retry-after': '42' });
    expect(rateLimitedError({ max: 3, windowMs: 1000 }, 0).headers).toEqual({ 'retry-after': '1' });
  });
});
