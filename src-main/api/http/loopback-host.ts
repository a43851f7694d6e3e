// What counts as loopback, for the address serve mode binds and for the Host header it accepts.
// Checking Host defeats DNS rebinding: a page on evil.example that re-resolves to 127.0.0.1 still
// sends `Host: evil.example`.
import { isIP } from 'node:net';

export function isLoopbackHost(host: string): boolean {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (bare.toLowerCase() === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || bare.toLowerCase() === '0:0:0:0:0:0:0:1';
  return false;
}

/** `http://host:port` with IPv6 literals bracketed. */
export function formatHttpUrl(host: string, port: number): string {
  const needsBrackets = isIP(host) === 6;
  return `http://${needsBrackets ? `[${host}]` : host}:${port}`;
}

/** Host header values a loopback server answers to. */
export function loopbackHostHeaders(port: number): Set<string> {
  const names = ['127.0.0.1', 'localhost', '[::1]'];
  const values = names.map((name) => `${name}:${port}`);
  if (port === 80) values.push(...names);
  return new Set(values);
}
