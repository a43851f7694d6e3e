// `now` is injected by the caller as a Date, an ISO-8601 string or epoch milliseconds.
export type Instant = Date | string | number;

export function toEpochMs(now: Instant): number {
  const ms = now instanceof Date ? now.getTime() : typeof now === 'number' ? now : Date.parse(now);
  if (!Number.isFinite(ms)) throw new RangeError(`invalid instant: ${String(now)}`);
  return ms;
}
