// The address people know a host by, when its source did not name one: the first address of the
// first interface that has one, preferring IPv4 and skipping loopback and link-local addresses.
import type { ObservationInput } from '../../src-shared/model/index.js';

function isUsable(address: string): boolean {
  return !address.startsWith('127.') && !address.startsWith('169.254.') && address !== '::1' && !address.toLowerCase().startsWith('fe80:');
}

export function derivePrimaryIp(observation: ObservationInput): string | null {
  const explicit = observation.fields.primary_ip;
  if (typeof explicit === 'string' && explicit) return explicit;
  const addresses = observation.interfaces.flatMap((nic) => nic.ips.map((ip) => ip.address)).filter(isUsable);
  return addresses.find((a) => a.includes('.')) ?? addresses[0] ?? null;
}
