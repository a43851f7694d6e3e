// Turns the topology API's directed claims into links a person reads: each agent's claim is one
// directed edge (sw1 says "sw2 is on my Gi1/0/24", sw2 says the same about sw1), and the two claims
// of one cable become one link with a port at each end. Pure, so the merge is unit-tested.
import type { Topology } from '../../src-shared/api/discovery.js';

export type TopologyEdge = Topology['edges'][number];
export type TopologyNode = Topology['nodes'][number];

export interface TopologyLink {
  /** Stable: the two asset ids in sorted order. */
  id: string;
  aId: string;
  bId: string;
  /** The port on a's side / b's side, from the most confident claim that names it. */
  aPort: string | null;
  bPort: string | null;
  /** The highest confidence of the claims. */
  confidence: number;
  /** True when both ends reported the link (a → b and b → a). */
  bothSides: boolean;
  sourceNames: string[];
  lastSeen: string;
  claims: TopologyEdge[];
}

export function mergeLinks(edges: readonly TopologyEdge[]): TopologyLink[] {
  const byPair = new Map<string, TopologyEdge[]>();
  for (const edge of edges) {
    if (edge.type !== 'connected_to' || edge.fromAssetId === edge.toAssetId) continue;
    const [a, b] = [edge.fromAssetId, edge.toAssetId].sort();
    const key = `${a}~${b}`;
    const list = byPair.get(key) ?? [];
    list.push(edge);
    byPair.set(key, list);
  }
  const links: TopologyLink[] = [];
  for (const [id, claims] of byPair) {
    const [aId = '', bId = ''] = id.split('~');
    const byConfidence = [...claims].sort((x, y) => y.confidence - x.confidence);
    const portOf = (assetId: string): string | null => {
      for (const claim of byConfidence) {
        const port = claim.fromAssetId === assetId ? claim.localPort : claim.remotePort;
        if (port) return port;
      }
      return null;
    };
    links.push({
      id,
      aId,
      bId,
      aPort: portOf(aId),
      bPort: portOf(bId),
      confidence: byConfidence[0]?.confidence ?? 0,
      bothSides: claims.some((c) => c.fromAssetId === aId) && claims.some((c) => c.fromAssetId === bId),
      sourceNames: [...new Set(claims.map((c) => c.sourceName).filter((n): n is string => n !== null))].sort(),
      lastSeen:
        claims
          .map((c) => c.lastSeen)
          .sort()
          .at(-1) ?? '',
      claims,
    });
  }
  return links.sort((x, y) => y.confidence - x.confidence || x.id.localeCompare(y.id));
}

export interface Neighbour {
  linkId: string;
  assetId: string;
  name: string;
  class: TopologyNode['class'] | null;
  primaryIp: string | null;
  /** This asset's port, and the neighbour's. */
  localPort: string | null;
  remotePort: string | null;
  confidence: number;
  /** Which end reported the link: both, this asset only, or the neighbour only. */
  reportedBy: 'both' | 'this' | 'neighbour';
  sourceNames: string[];
  lastSeen: string;
}

/** The links of one asset, seen from its side, most confident first. */
export function neighboursOf(assetId: string, topology: Pick<Topology, 'nodes' | 'edges'>): Neighbour[] {
  const nodes = new Map(topology.nodes.map((n) => [n.assetId, n]));
  const touching = topology.edges.filter((e) => e.fromAssetId === assetId || e.toAssetId === assetId);
  return mergeLinks(touching).map((link) => {
    const mine = link.aId === assetId;
    const otherId = mine ? link.bId : link.aId;
    const node = nodes.get(otherId);
    return {
      linkId: link.id,
      assetId: otherId,
      name: node?.name ?? otherId,
      class: node?.class ?? null,
      primaryIp: node?.primaryIp ?? null,
      localPort: mine ? link.aPort : link.bPort,
      remotePort: mine ? link.bPort : link.aPort,
      confidence: link.confidence,
      reportedBy: link.bothSides ? 'both' : link.claims.some((c) => c.fromAssetId === assetId) ? 'this' : 'neighbour',
      sourceNames: link.sourceNames,
      lastSeen: link.lastSeen,
    };
  });
}

/** "Gi1/0/24 ↔ Gi1/0/24", "Gi1/0/1 ↔ ?" — the edge label of a link, a's port first. */
export function linkLabel(link: Pick<TopologyLink, 'aPort' | 'bPort'>): string {
  if (!link.aPort && !link.bPort) return '';
  return `${link.aPort ?? '?'} ↔ ${link.bPort ?? '?'}`;
}
