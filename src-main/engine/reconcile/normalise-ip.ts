// IP addresses qualified by the network they were seen on. A private (site-scoped) address is only
// meaningful within its site or network ("10.0.0.5 on plant A" and "10.0.0.5 on plant B" are two
// things); public addresses are global. Loopback, link-local, multicast, broadcast, unspecified and
// reserved addresses identify nothing, nor do the defaults virtualisation tools put on every host.
// Every notation (IPv6 compressed or not, upper case, zone ids, prefix lengths, leading zeros)
// becomes one canonical text (src-shared/lib/canonical-ip.ts, RFC 5952 for IPv6).
import { identifiesHost, parseIp } from '../../../src-shared/lib/canonical-ip.js';

export interface NormalisedIp {
  address: string;
  /** The network qualifier: the observed network, "public", or "?" when a private IP came without one. */
  network: string;
  /** "network/address", the identity key. */
  key: string;
}

/** Default addresses that virtualisation tools put on every host: they identify nothing. */
const UBIQUITOUS: ReadonlySet<string> = new Set(['172.17.0.1', '192.168.122.1', '10.0.2.15', '10.0.2.2', '192.168.56.1', '192.168.99.1', '172.18.0.1']);

export function normaliseIp(input: string | null | undefined, network?: string | null): NormalisedIp | null {
  if (typeof input !== 'string') return null;
  const ip = parseIp(input.trim());
  if (!ip || !identifiesHost(ip) || UBIQUITOUS.has(ip.address)) return null;
  const net = typeof network === 'string' && network.trim().length > 0 ? network.trim().toLowerCase() : '?';
  const qualifier = ip.scope === 'global' ? 'public' : net;
  return { address: ip.address, network: qualifier, key: `${qualifier}/${ip.address}` };
}
