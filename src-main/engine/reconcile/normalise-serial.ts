// Serial numbers: case and whitespace do not matter, and firmware placeholders mean "absent".
import { PLACEHOLDER_SERIALS } from './known-shared-identifiers.js';

export function normaliseSerial(input: string | number | null | undefined): string | null {
  if (input === null || input === undefined) return null;
  const compact = String(input).toUpperCase().replace(/\s+/g, '');
  if (compact.length === 0) return null;
  if (PLACEHOLDER_SERIALS.has(compact)) return null;
  // All zeros, or one character repeated ("XXXXXXXX", "00000000"), is a placeholder too.
  if (/^(.)\1*$/.test(compact)) return null;
  return compact;
}

/**
 * Whether two serials differ by one edit (a substitution, insertion, deletion or swap of two
 * neighbours): a typo, or a second reading of a label. Short serials are left out: there, one
 * character is too much of the value to call the difference a typo.
 */
export function isOneEditApart(a: string, b: string): boolean {
  if (a === b || Math.min(a.length, b.length) < 6 || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  const [longer, shorter] = a.length > b.length ? [a, b] : [b, a];
  return longer.slice(i + 1) === shorter.slice(i);
}
