// A sortable form of an IP address: 16 bytes, IPv4 mapped into IPv6 (::ffff:a.b.c.d), so that
// addresses sort numerically (10.0.0.9 before 10.0.0.10) and v4 before v6 in one index.
export function ipSortKey(address: string | null): Buffer | null {
  if (!address) return null;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  const out = Buffer.alloc(16);
  if (v4) {
    out[10] = 0xff;
    out[11] = 0xff;
    for (let i = 0; i < 4; i++) out[12 + i] = Number(v4[i + 1]) & 0xff;
    return out;
  }
  if (!address.includes(':')) return null;
  const [head = '', tail] = address.replace(/%.*$/, '').split('::');
  const parse = (part: string): number[] => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const groups = tail === undefined ? left : [...left, ...new Array<number>(Math.max(0, 8 - left.length - right.length)).fill(0), ...right];
  if (groups.length !== 8 || groups.some((g) => !Number.isInteger(g) || g < 0 || g > 0xffff)) return null;
  groups.forEach((g, i) => out.writeUInt16BE(g, i * 2));
  return out;
}
