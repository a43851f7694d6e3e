// Numeric OID helpers: ordering (walks must move strictly forward) and subtree tests.

/** Lexicographic comparison of dotted numeric OIDs, component by component. */
export function compareOids(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  const n = Math.min(pa.length, pb.length);
  for (let i = 0; i < n; i++) {
    const d = Number(pa[i]) - Number(pb[i]);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return pa.length === pb.length ? 0 : pa.length < pb.length ? -1 : 1;
}

export function isOidInSubtree(base: string, oid: string): boolean {
  return oid.length > base.length && oid.startsWith(base) && oid.charAt(base.length) === '.';
}

/** The instance suffix of `oid` below `base` ("1.3.6.1.2.1.2.2.1.2" + ".7" → "7"). */
export function oidSuffix(base: string, oid: string): string {
  return oid.slice(base.length + 1);
}

export function isNumericOid(value: string): boolean {
  return /^\d+(\.\d+)+$/.test(value);
}
