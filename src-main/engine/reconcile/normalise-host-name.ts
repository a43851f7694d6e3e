// Hostnames and FQDNs: lower case, no trailing dot, no NetBIOS domain prefix; the hostname is the
// first label of an FQDN. Values that are really IP addresses or placeholders are absent.

import { PLACEHOLDER_HOST_NAMES as PLACEHOLDER_HOSTS } from './known-shared-identifiers.js';

function clean(input: string | number | boolean | null | undefined): string | null {
  if (typeof input !== 'string') return null;
  let value = input.trim().toLowerCase();
  const backslash = value.lastIndexOf('\\');
  if (backslash >= 0) value = value.slice(backslash + 1);
  value = value.replace(/\.+$/, '');
  if (value.length === 0 || PLACEHOLDER_HOSTS.has(value)) return null;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(value) || value.includes(':')) return null;
  if (!/^[a-z0-9_][a-z0-9_.-]*$/.test(value)) return null;
  return value;
}

/** The short host name: first label, lower case. Accepts either a short name or an FQDN. */
export function normaliseHostname(input: string | number | boolean | null | undefined): string | null {
  const value = clean(input);
  if (value === null) return null;
  const first = value.split('.')[0] ?? '';
  return first.length > 0 && !PLACEHOLDER_HOSTS.has(first) ? first : null;
}

/** A fully qualified name (at least two labels), lower case; short names are not FQDNs. */
export function normaliseFqdn(input: string | number | boolean | null | undefined): string | null {
  const value = clean(input);
  if (value === null || !value.includes('.')) return null;
  return normaliseHostname(value) === null ? null : value;
}
