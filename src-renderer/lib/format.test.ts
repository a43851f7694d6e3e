// Display formatting follows the locale where people read it (counts, calendar dates) and stays
// ISO-like where the UI sorts or compares text (date-times in lists).
import { describe, expect, it } from 'vitest';
import { formatCount, formatDate, formatTime } from './format.js';

describe('format', () => {
  it('groups counts the way the locale does', () => {
    expect(formatCount(1234567, 'en-US')).toBe('1,234,567');
    expect(formatCount(1234567, 'de-DE')).toBe('1.234.567');
    expect(formatCount(1234567, 'fr-FR').replace(/\s/g, ' ')).toBe('1 234 567');
  });

  it('shows a calendar date in the locale order, not mm/dd/yyyy everywhere', () => {
    expect(formatDate('2027-03-31', 'en-GB')).toBe('31 Mar 2027');
    expect(formatDate('2027-03-31', 'de-DE')).toBe('31.03.2027');
    expect(formatDate('2027-03-31', 'en-US')).toBe('Mar 31, 2027');
    // Stored dates have no time zone: the day never shifts, whatever the machine's zone.
    expect(formatDate('2027-01-01', 'en-GB')).toBe('1 Jan 2027');
    expect(formatDate(null)).toBe('—');
    expect(formatDate('31/03/2027', 'en-GB')).toBe('31/03/2027');
    expect(formatDate('2027-02-30', 'en-GB')).toBe('2027-02-30');
  });

  it('keeps date-times sortable: YYYY-MM-DD HH:MM', () => {
    expect(formatTime('2024-05-02T06:15:00.000Z')).toMatch(/^2024-05-0[12] \d\d:\d\d$/);
    expect(formatTime('not a time')).toBe('not a time');
  });
});
