// Canonical installed software: deduplicated by normalised name + version + vendor (a source that
// omits the vendor joins the entry of a source that gives it), with a purl and, when vendor and
// version are known, a CPE 2.3 name.
import { normaliseVendor } from './normalise-vendor.js';
import type { RankedObservation } from './rank-observations.js';
import type { CanonicalSoftware } from './reconcile-result.js';

function cpeToken(value: string): string {
  return value
    .toLowerCase()
    .trim()
    .replace(/\s+/g, '_')
    .replace(/[^a-z0-9._\-~]/g, (c) => `\\${c}`);
}

export function softwarePurl(name: string, version: string | null): string {
  const base = `pkg:generic/${encodeURIComponent(name.toLowerCase().replace(/\s+/g, '-'))}`;
  return version ? `${base}@${encodeURIComponent(version)}` : base;
}

export function softwareCpe(vendorKey: string | null, name: string, version: string | null): string | null {
  if (!vendorKey || !version) return null;
  return `cpe:2.3:a:${cpeToken(vendorKey)}:${cpeToken(name)}:${cpeToken(version)}:*:*:*:*:*:*:*`;
}

export function buildSoftware(ranked: readonly RankedObservation[]): CanonicalSoftware[] {
  interface Entry { name: string; version: string | null; vendor: string | null; vendorKey: string | null; sources: Set<string> }
  const items: { nameKey: string; version: string | null; vendor: ReturnType<typeof normaliseVendor>; name: string; sourceId: string }[] = [];
  const vendorByNameVersion = new Map<string, ReturnType<typeof normaliseVendor>>();
  for (const r of ranked) {
    for (const sw of r.obs.sourced.observation.software) {
      const name = sw.name.trim().replace(/\s+/g, ' ');
      if (name.length === 0) continue;
      const version = sw.version?.trim() || null;
      const vendor = normaliseVendor(sw.vendor ?? null);
      const nameKey = name.toLowerCase();
      const nv = `${nameKey}\u001f${version ?? ''}`;
      if (vendor && !vendorByNameVersion.has(nv)) vendorByNameVersion.set(nv, vendor);
      items.push({ nameKey, version, vendor, name, sourceId: r.obs.sourced.sourceId });
    }
  }
  const entries = new Map<string, Entry>();
  for (const item of items) {
    const vendor = item.vendor ?? vendorByNameVersion.get(`${item.nameKey}\u001f${item.version ?? ''}`) ?? null;
    const key = `${item.nameKey}\u001f${item.version ?? ''}\u001f${vendor?.key ?? ''}`;
    let entry = entries.get(key);
    if (!entry) {
      entry = { name: item.name, version: item.version, vendor: vendor?.name ?? null, vendorKey: vendor?.key ?? null, sources: new Set() };
      entries.set(key, entry);
    }
    entry.sources.add(item.sourceId);
  }
  return [...entries.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, e]) => ({
      name: e.name,
      version: e.version,
      vendor: e.vendor,
      purl: softwarePurl(e.name, e.version),
      cpe: softwareCpe(e.vendorKey, e.name, e.version),
      sourceIds: [...e.sources].sort(),
    }));
}
