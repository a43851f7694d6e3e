// What the home dashboard counts per asset beyond class and status, read from a golden record's
// stored body: its sites and the required fields it lacks; and the key of the software page's
// product counts (assets running any version of a product). The writer adds and removes these counts
// as records change (golden-record-store.ts); migration 0007 computes the same from stored bodies,
// and both must agree (services/dashboard/dashboard-service.test.ts).
import type { AssetBody } from './asset-body.js';

/** Network qualifiers that name no site: an IP that came without a network, and public addresses. */
const NOT_A_SITE: ReadonlySet<string> = new Set(['', '?', 'public']);

/**
 * The sites an asset is on: the named networks its interfaces' IPs belong to (normalised to lower
 * case by the engine), sorted; [''] when it has none.
 */
export function sitesOf(body: AssetBody): string[] {
  const sites = new Set<string>();
  for (const nic of body.n) {
    for (const ip of nic.ips) {
      const network: unknown = ip.network;
      if (typeof network === 'string' && !NOT_A_SITE.has(network)) sites.add(network);
    }
  }
  return sites.size === 0 ? [''] : [...sites].sort();
}

/** The fields its class requires that no source gave (its quality breakdown's missing fields). */
export function missingFieldsOf(body: AssetBody): readonly string[] {
  return body.q?.missingFields ?? [];
}

/** asset_counts value of a product (dimension 'product'): name and vendor ('' when none), as the software table stores them. */
export function productKey(name: string, vendor: string): string {
  return `${name}\u0000${vendor}`;
}
