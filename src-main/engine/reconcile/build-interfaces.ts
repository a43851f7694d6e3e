// Canonical network interfaces of an asset: one per MAC, with every IP any source saw on it
// (qualified by network). Interfaces reported without a MAC are grouped by name.
import { normaliseIp } from './normalise-ip.js';
import { normaliseMac } from './normalise-mac.js';
import type { RankedObservation } from './rank-observations.js';
import type { CanonicalInterface } from './reconcile-result.js';

export function buildInterfaces(ranked: readonly RankedObservation[]): CanonicalInterface[] {
  const byKey = new Map<string, CanonicalInterface & { ipKeys: Set<string>; sources: Set<string> }>();
  for (const r of ranked) {
    for (const iface of r.obs.sourced.observation.interfaces) {
      const mac = normaliseMac(iface.mac);
      const name = typeof iface.name === 'string' && iface.name.trim().length > 0 ? iface.name.trim() : null;
      const key = mac ? `mac:${mac.mac}` : `name:${(name ?? '').toLowerCase()}`;
      let entry = byKey.get(key);
      if (!entry) {
        entry = {
          mac: mac?.mac ?? null,
          macKind: mac?.kind ?? null,
          name: null,
          ips: [],
          vlan: null,
          speedMbps: null,
          operStatus: null,
          sourceIds: [],
          ipKeys: new Set(),
          sources: new Set(),
        };
        byKey.set(key, entry);
      }
      // Ranked best-first, so the first source to give an attribute wins it.
      entry.name ??= name;
      entry.vlan ??= iface.vlan ?? null;
      entry.speedMbps ??= iface.speedMbps ?? null;
      entry.operStatus ??= iface.operStatus ?? null;
      entry.sources.add(r.obs.sourced.sourceId);
      for (const ip of iface.ips) {
        const n = normaliseIp(ip.address, ip.network);
        if (n && !entry.ipKeys.has(n.key)) {
          entry.ipKeys.add(n.key);
          entry.ips.push({ address: n.address, network: n.network });
        }
      }
    }
  }
  return [...byKey.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, e]) => ({
      mac: e.mac,
      macKind: e.macKind,
      name: e.name,
      ips: [...e.ips].sort((x, y) => (`${x.network}/${x.address}` < `${y.network}/${y.address}` ? -1 : 1)),
      vlan: e.vlan,
      speedMbps: e.speedMbps,
      operStatus: e.operStatus,
      sourceIds: [...e.sources].sort(),
    }));
}
