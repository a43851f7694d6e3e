import { describe, expect, it } from 'vitest';
import { layoutTopology } from './topology-layout.js';
import { linkLabel, mergeLinks, neighboursOf, type TopologyEdge, type TopologyNode } from './topology-links.js';

function edge(id: string, from: string, to: string, localPort: string | null, remotePort: string | null, confidence: number): TopologyEdge {
  return {
    id,
    type: 'connected_to',
    fromAssetId: from,
    toAssetId: to,
    localPort,
    remotePort,
    confidence,
    sourceId: 's1',
    sourceName: 'Demo network',
    firstSeen: '2025-01-01T00:00:00Z',
    lastSeen: `2025-01-0${id.length}T00:00:00Z`,
  };
}

const nodes: TopologyNode[] = [
  { assetId: 'sw1', name: 'sw1.demo.lan', class: 'network_device', primaryIp: null },
  { assetId: 'sw2', name: 'sw2.demo.lan', class: 'network_device', primaryIp: null },
  { assetId: 'srv', name: 'srv1.demo.lan', class: 'server', primaryIp: '192.0.2.20' },
  { assetId: 'ups', name: 'ups1', class: 'ups', primaryIp: null },
];
const edges: TopologyEdge[] = [
  edge('e1', 'sw1', 'sw2', 'Gi1/0/24', 'Gi1/0/23', 0.9),
  edge('e22', 'sw2', 'sw1', 'Gi1/0/23', 'Gi1/0/24', 0.9),
  edge('e3', 'sw1', 'srv', 'Gi1/0/1', null, 0.5),
  edge('e4', 'srv', 'sw1', null, null, 0.3),
  edge('e5', 'sw2', 'ups', 'Gi1/0/2', null, 0.5),
];

describe('mergeLinks', () => {
  it('merges the two directed claims of one cable into one link with a port at each end', () => {
    const links = mergeLinks(edges);
    expect(links).toHaveLength(3);
    const switches = links.find((l) => l.id === 'sw1~sw2');
    expect(switches).toMatchObject({ aPort: 'Gi1/0/24', bPort: 'Gi1/0/23', bothSides: true, confidence: 0.9, sourceNames: ['Demo network'] });
    expect(switches?.lastSeen).toBe('2025-01-03T00:00:00Z');
    expect(linkLabel(switches!)).toBe('Gi1/0/24 ↔ Gi1/0/23');
    const server = links.find((l) => l.id === 'srv~sw1');
    expect(server).toMatchObject({ aPort: null, bPort: 'Gi1/0/1', confidence: 0.5, bothSides: true });
    expect(linkLabel(server!)).toBe('? ↔ Gi1/0/1');
  });

  it('ignores other relation types and self-loops', () => {
    expect(mergeLinks([{ ...edges[0]!, type: 'runs_on' }, edge('x', 'a', 'a', null, null, 1)])).toEqual([]);
  });
});

describe('neighboursOf', () => {
  it('sees every link from the asset’s own side', () => {
    const fromSw2 = neighboursOf('sw2', { nodes, edges });
    expect(fromSw2.map((n) => [n.name, n.localPort, n.remotePort, n.reportedBy])).toEqual([
      ['sw1.demo.lan', 'Gi1/0/23', 'Gi1/0/24', 'both'],
      ['ups1', 'Gi1/0/2', null, 'this'],
    ]);
    expect(neighboursOf('ups', { nodes, edges })[0]).toMatchObject({ name: 'sw2.demo.lan', localPort: null, remotePort: 'Gi1/0/2', reportedBy: 'neighbour' });
  });
});

describe('layoutTopology', () => {
  it('puts infrastructure on top, others below, without two nodes on one spot, deterministically', () => {
    const links = mergeLinks(edges);
    const positions = layoutTopology(nodes, links);
    expect(positions.sw1!.y).toBe(0);
    expect(positions.srv!.y).toBeGreaterThan(0);
    const spots = Object.values(positions).map((p) => `${p.x},${p.y}`);
    expect(new Set(spots).size).toBe(nodes.length);
    expect(layoutTopology([...nodes].reverse(), links)).toEqual(positions);
  });
});
