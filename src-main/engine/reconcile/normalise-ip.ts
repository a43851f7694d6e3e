// IP addresses qualified by the network they were seen on. A private address is only meaningful
// within its site or network ("10.0.0.5 on plant A" and "10.0.0.5 on plant B" are two things);
// public addresses are global. Loopback, link-local and unspecified addresses identify nothing.

export interface NormalisedIp {
  address: string;
  /** The network qualifier: the observed network, "public", or "?" when a private IP came without one. */
  network: string;
  /** "network/address", the identity key. */
  key: string;
}

function parseV4(input: string): number[] | null {
  const parts = input.split('.');
  if (parts.length !== 4) return null;
  const octets: number[] = [];
  for (const part of parts) {
    if (part.length === 0 || part.length > 3) return null;
    const n = Number(part);
    if (!Number.isInteger(n) || n > 255 || n < 0 || !/^\d+$/.test(part)) return null;
    octets.push(n);
  }
  return octets;
}

/** Default addresses that virtualisation tools put on every host: they identify nothing. */
const UBIQUITOUS_V4: ReadonlySet<string> = new Set(['172.17.0.1', '192.168.122.1', '10.0.2.15', '10.0.2.2', '192.168.56.1', '192.168.99.1']);

function isPrivateV4(a: number, b: number): boolean {
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
}

function isUselessV4(address: string, a: number, b: number): boolean {
  return UBIQUITOUS_V4.has(address) || a === 0 || a === 127 || (a === 169 && b === 254) || a >= 224;
}

export function normaliseIp(input: string | null | undefined, network?: string | null): NormalisedIp | null {
  if (typeof input !== 'string') return null;
  const raw = input.trim().toLowerCase().replace(/\/\d+$/, '');
  const net = typeof network === 'string' && network.trim().length > 0 ? network.trim().toLowerCase() : '?';
  const octets = parseV4(raw);
  if (octets !== null) {
    const [a = 0, b = 0] = octets;
    const v4 = octets.join('.');
    if (isUselessV4(v4, a, b)) return null;
    const qualifier = isPrivateV4(a, b) ? net : 'public';
    return { address: v4, network: qualifier, key: `${qualifier}/${v4}` };
  }
  const v6 = raw.replace(/%.*$/, '');
  if (!/^[0-9a-f:]+$/.test(v6) || !v6.includes(':')) return null;
  if (v6 === '::' || v6 === '::1' || v6.startsWith('fe80')) return null;
  const qualifier = v6.startsWith('fc') || v6.startsWith('fd') ? net : 'public';
  return { address: v6, network: qualifier, key: `${qualifier}/${v6}` };
}
