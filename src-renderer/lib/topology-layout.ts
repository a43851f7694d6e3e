// Places topology nodes without a layout library: network infrastructure (switches, routers,
// firewalls) on the top rows, in an order that keeps linked devices side by side; every other asset
// below, under the infrastructure it hangs off (barycentre ordering). Deterministic: the same graph
// always gets the same picture, so a person finds things where they were.
import type { AssetClass } from '../../src-shared/model/asset-classes.js';
import type { TopologyLink, TopologyNode } from './topology-links.js';

export interface Position {
  x: number;
  y: number;
}

export const LAYOUT = { columnWidth: 360, rowHeight: 150, tierGap: 90, maxPerRow: 6 } as const;

const INFRASTRUCTURE: ReadonlySet<AssetClass> = new Set(['network_device', 'firewall']);

export function layoutTopology(nodes: readonly TopologyNode[], links: readonly TopologyLink[]): Record<string, Position> {
  const neighbours = new Map<string, string[]>();
  for (const link of links) {
    neighbours.set(link.aId, [...(neighbours.get(link.aId) ?? []), link.bId]);
    neighbours.set(link.bId, [...(neighbours.get(link.bId) ?? []), link.aId]);
  }
  const byName = [...nodes].sort((a, b) => a.name.localeCompare(b.name) || a.assetId.localeCompare(b.assetId));
  const infra = byName.filter((n) => INFRASTRUCTURE.has(n.class));
  const others = byName.filter((n) => !INFRASTRUCTURE.has(n.class));

  // Infrastructure: breadth-first from the best-connected device, so neighbours end up adjacent.
  const infraIds = new Set(infra.map((n) => n.assetId));
  const degree = (id: string) => (neighbours.get(id) ?? []).length;
  const ordered: string[] = [];
  const seen = new Set<string>();
  const starts = [...infra].sort((a, b) => degree(b.assetId) - degree(a.assetId));
  for (const start of starts) {
    if (seen.has(start.assetId)) continue;
    const queue = [start.assetId];
    seen.add(start.assetId);
    while (queue.length > 0) {
      const id = queue.shift() as string;
      ordered.push(id);
      const next = (neighbours.get(id) ?? []).filter((n) => infraIds.has(n) && !seen.has(n)).sort();
      for (const n of next) {
        seen.add(n);
        queue.push(n);
      }
    }
  }

  const positions: Record<string, Position> = {};
  const place = (ids: readonly string[], top: number): number => {
    const rows = Math.ceil(ids.length / LAYOUT.maxPerRow);
    ids.forEach((id, i) => {
      positions[id] = { x: (i % LAYOUT.maxPerRow) * LAYOUT.columnWidth, y: top + Math.floor(i / LAYOUT.maxPerRow) * LAYOUT.rowHeight };
    });
    return top + rows * LAYOUT.rowHeight;
  };
  const infraBottom = place(ordered, 0);

  // Everything else: under the infrastructure it is linked to (mean x of its linked devices). A
  // single row is packed around those ideal positions; more than a row's worth falls back to a grid.
  const barycentre = (id: string): number | null => {
    const xs = (neighbours.get(id) ?? []).filter((n) => positions[n] !== undefined).map((n) => (positions[n] as Position).x);
    return xs.length === 0 ? null : xs.reduce((sum, x) => sum + x, 0) / xs.length;
  };
  const top = ordered.length > 0 ? infraBottom + LAYOUT.tierGap : 0;
  const rest = others
    .map((n) => ({ id: n.assetId, ideal: barycentre(n.assetId) }))
    .sort((a, b) => (a.ideal ?? Number.POSITIVE_INFINITY) - (b.ideal ?? Number.POSITIVE_INFINITY));
  if (ordered.length > 0 && rest.length > 0 && rest.length <= LAYOUT.maxPerRow && rest.every((r) => r.ideal !== null)) {
    const xs: number[] = [];
    for (const [i, r] of rest.entries()) xs.push(i === 0 ? (r.ideal as number) : Math.max(r.ideal as number, (xs[i - 1] as number) + LAYOUT.columnWidth));
    // Spread the displacement evenly left and right of the ideal positions.
    const shift = rest.reduce((sum, r, i) => sum + ((xs[i] as number) - (r.ideal as number)), 0) / rest.length;
    rest.forEach((r, i) => {
      positions[r.id] = { x: (xs[i] as number) - shift, y: top };
    });
    return positions;
  }
  place(
    rest.map((r) => r.id),
    top,
  );
  // Centre the grid under the infrastructure.
  const centre = (ids: readonly string[]) => {
    const xs = ids.map((id) => (positions[id] as Position).x);
    return xs.length === 0 ? 0 : (Math.min(...xs) + Math.max(...xs)) / 2;
  };
  const offset = centre(ordered) - centre(rest.map((r) => r.id));
  if (ordered.length > 0) {
    for (const r of rest) (positions[r.id] as Position).x += offset;
  }
  return positions;
}
