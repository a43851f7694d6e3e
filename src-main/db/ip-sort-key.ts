// A sortable form of an IP address: 16 bytes, IPv4 mapped into IPv6 (::ffff:a.b.c.d), so that
// addresses sort numerically (10.0.0.9 before 10.0.0.10) and v4 before v6 in one index. Anything
// that is not an address gets no key (null), so it sorts with the assets that have no IP.
const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HEX_GROUP = /^[0-9a-f]{1,4}$/i;

function v4Bytes(text: string): number[] | null {
  const m = V4.exec(text);
  if (!m) return null;
  const bytes = m.slice(1).map(Number);
  return bytes.every((b) => b <= 255) ? bytes : null;
}

/** The eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 counts as two), or null. */
function v6Groups(text: string): number[] | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    const pieces = part.split(':');
    for (const [i, piece] of pieces.entries()) {
      if (i === pieces.length - 1 && piece.includes('.')) {
        const v4 = v4Bytes(piece);
        if (!v4) return null;
        out.push(((v4[0] as number) << 8) | (v4[1] as number), ((v4[2] as number) << 8) | (v4[3] as number));
      } else if (HEX_GROUP.test(piece)) {
        out.push(parseInt(piece, 16));
      } else {
        return null;
      }
    }
    return out;
  };
  const left = parse(halves[0] ?? '');
  const right = halves.length === 2 ? parse(halves[1] ?? '') : [];
  if (!left || !right) return null;
  if (halves.length === 1) return left.length === 8 ? left : null;
  const missing = 8 - left.length - right.length;
  return missing >= 1 ? [...left, ...new Array<number>(missing).fill(0), ...right] : null;
}

export function ipSortKey(address: string | null): Buffer | null {
  if (!address) return null;
  const text = address.trim();
  const out = Buffer.alloc(16);
  const v4 = v4Bytes(text);
  if (v4) {
    out[10] = 0xff;
    out[11] = 0xff;
    v4.forEach((b, i) => (out[12 + i] = b));
    return out;
  }
  if (!text.includes(':')) return null;
  // A zone index (fe80::1%eth0) names the interface, not the address.
  const groups = v6Groups(text.replace(/%.*$/, ''));
  if (!groups) return null;
  groups.forEach((g, i) => out.writeUInt16BE(g, i * 2));
  return out;
}
