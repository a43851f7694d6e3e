// Display formatting for numbers, sizes, times and field values. Pure functions.
import type { FieldValue } from '../../src-shared/model/asset-fields.js';

// Numbers and calendar dates follow the user's locale (the browser's or Electron's language, or
// the locale given); date-times in lists stay ISO-like (formatTime) so that they sort as text and
// read the same for everyone.

const userCountFormat = new Intl.NumberFormat();

/** A whole number with the locale's grouping (12,345 / 12.345 / 12 345); the user's by default. */
export function formatCount(value: number, locale?: string): string {
  return (locale === undefined ? userCountFormat : new Intl.NumberFormat(locale)).format(value);
}

/**
 * A calendar date (YYYY-MM-DD, as stored) in the locale's own order and words, e.g. "31 Mar 2027"
 * (en-GB), "31.03.2027" (de-DE), "Mar 31, 2027" (en-US). Anything else is shown as is.
 */
export function formatDate(isoDate: string | null | undefined, locale?: string): string {
  if (!isoDate) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (date.toISOString().slice(0, 10) !== isoDate) return isoDate;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${ms} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}

/** ISO-8601 UTC in, a compact local date-time out (YYYY-MM-DD HH:MM, sortable, never mm/dd/yyyy). Unparseable input is shown as is. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function formatFieldValue(value: FieldValue): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return Number.isInteger(value) ? formatCount(value) : String(value);
  return value;
}

export function formatConfidence(confidence: number): string {
  const percent = confidence <= 1 ? confidence * 100 : confidence;
  return `${Math.round(percent)} %`;
}
