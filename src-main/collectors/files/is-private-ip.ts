// Whether an address only means something inside one site or network (RFC 1918, CGNAT, loopback,
// link-local, IPv6 unique-local). Such addresses get the import's network name attached, because
// the same 10.0.0.5 on two plants is two different things.
import { isIPv4 } from 'node:net';

export function isPrivateIp(address: string): boolean {
  if (isIPv4(address)) {
    const dot = address.indexOf('.');
    const a = Number(address.slice(0, dot));
    const b = Number(address.slice(dot + 1, address.indexOf('.', dot + 1)));
    return (
      a === 10 ||
      a === 127 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  const lower = address.toLowerCase();
  if (lower === '::1') return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped?.[1] !== undefined) return isPrivateIp(mapped[1]);
  // fc00::/7 (unique local) and fe80::/10 (link-local), judged by the first hextet.
  const first = Number.parseInt(lower.split(':', 1)[0] || '0', 16);
  return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80;
}
