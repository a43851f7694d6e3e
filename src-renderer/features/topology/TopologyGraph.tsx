// The topology as a graph (@xyflow/react, bundled): assets as nodes placed by a deterministic tiered
// layout, each cable as one edge with the port written next to each end. Solid lines for confident
// links (LLDP/CDP), dashed for weaker evidence (shared FDB ports, ARP). Click a node, or focus it
// and press Enter, to open the asset.
import '@xyflow/react/dist/style.css';
import { useComputedColorScheme } from '@mantine/core';
import { Background, BackgroundVariant, Controls, ReactFlow } from '@xyflow/react';
import { useMemo, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { LAYOUT, layoutTopology } from '../../lib/topology-layout.js';
import type { TopologyLink, TopologyNode } from '../../lib/topology-links.js';
import { AssetNode, type AssetFlowNode } from './AssetNode.js';
import { PortEdge, type PortFlowEdge } from './PortEdge.js';

const NODE_TYPES = { asset: AssetNode };
const EDGE_TYPES = { port: PortEdge };

function buildGraph(nodes: readonly TopologyNode[], links: readonly TopologyLink[]): { flowNodes: AssetFlowNode[]; flowEdges: PortFlowEdge[] } {
  const positions = layoutTopology(nodes, links);
  const linkCount = new Map<string, number>();
  for (const link of links) {
    linkCount.set(link.aId, (linkCount.get(link.aId) ?? 0) + 1);
    linkCount.set(link.bId, (linkCount.get(link.bId) ?? 0) + 1);
  }
  const flowNodes: AssetFlowNode[] = nodes.map((node) => ({
    id: node.assetId,
    type: 'asset',
    position: positions[node.assetId] ?? { x: 0, y: 0 },
    data: { name: node.name, assetClass: node.class, primaryIp: node.primaryIp, linkCount: linkCount.get(node.assetId) ?? 0 },
    ariaLabel: `${node.name}; press Enter to open`,
  }));
  const flowEdges: PortFlowEdge[] = [];
  for (const link of links) {
    const a = positions[link.aId];
    const b = positions[link.bId];
    if (!a || !b) continue;
    const sameRow = Math.abs(a.y - b.y) < LAYOUT.rowHeight / 2;
    // The source is the upper (or left) end, so lines leave downwards (or rightwards).
    const aFirst = sameRow ? a.x <= b.x : a.y < b.y;
    const [source, target, sourcePort, targetPort] = aFirst ? [link.aId, link.bId, link.aPort, link.bPort] : [link.bId, link.aId, link.bPort, link.aPort];
    const confident = link.confidence >= 0.85;
    const weak = link.confidence < 0.5;
    flowEdges.push({
      id: link.id,
      type: 'port',
      source,
      target,
      sourceHandle: sameRow ? 's-right' : 's-bottom',
      targetHandle: sameRow ? 't-left' : 't-top',
      style: { stroke: 'var(--mantine-color-dimmed)', strokeWidth: confident ? 2 : 1.2, strokeDasharray: weak ? '5 4' : undefined },
      ariaLabel: `Link ${sourcePort ?? ''} to ${targetPort ?? ''}, confidence ${Math.round(link.confidence * 100)} %`,
      data: { sourcePort, targetPort, confidence: link.confidence },
    });
  }
  return { flowNodes, flowEdges };
}

export function TopologyGraph({ nodes, links }: { nodes: readonly TopologyNode[]; links: readonly TopologyLink[] }) {
  const navigate = useNavigate();
  const colorMode = useComputedColorScheme('light');
  const { flowNodes, flowEdges } = useMemo(() => buildGraph(nodes, links), [nodes, links]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key !== 'Enter') return;
    const target = event.target as HTMLElement;
    const id = target.closest('.react-flow__node')?.getAttribute('data-id');
    if (id) navigate(`/assets/${id}`);
  }

  return (
    <div className="fw-topology" onKeyDown={onKeyDown} data-testid="topology-graph" data-nodes={flowNodes.length} data-edges={flowEdges.length}>
      <ReactFlow
        nodes={flowNodes}
        edges={flowEdges}
        nodeTypes={NODE_TYPES}
        edgeTypes={EDGE_TYPES}
        colorMode={colorMode}
        nodesDraggable={false}
        nodesConnectable={false}
        edgesFocusable={false}
        onNodeClick={(_, node) => navigate(`/assets/${node.id}`)}
        fitView
        fitViewOptions={{ padding: 0.15, maxZoom: 1.2 }}
        minZoom={0.1}
        maxZoom={2}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
