// A topology link drawn as a straight line with each port written next to the device it belongs
// to (as on a hand-drawn network diagram), instead of one label in the middle that hides which end
// is which. Solid and thicker for LLDP/CDP evidence, dashed for weak evidence.
import { BaseEdge, EdgeLabelRenderer, getStraightPath, type Edge, type EdgeProps } from '@xyflow/react';

export type PortEdgeData = { sourcePort: string | null; targetPort: string | null; confidence: number };
export type PortFlowEdge = Edge<PortEdgeData, 'port'>;

/** How far along the line (0..1) each port label sits. */
const LABEL_AT = 0.2;

function PortLabel({ x, y, text, testId }: { x: number; y: number; text: string; testId: string }) {
  return (
    <div className="fw-topology-port nodrag nopan" style={{ transform: `translate(-50%, -50%) translate(${x}px, ${y}px)` }} data-testid={testId}>
      {text}
    </div>
  );
}

export function PortEdge({ id, sourceX, sourceY, targetX, targetY, data, style }: EdgeProps<PortFlowEdge>) {
  const [path] = getStraightPath({ sourceX, sourceY, targetX, targetY });
  const along = (t: number) => ({ x: sourceX + (targetX - sourceX) * t, y: sourceY + (targetY - sourceY) * t });
  const near = along(LABEL_AT);
  const far = along(1 - LABEL_AT);
  return (
    <>
      <BaseEdge id={id} path={path} style={style} />
      <EdgeLabelRenderer>
        {data?.sourcePort && <PortLabel x={near.x} y={near.y} text={data.sourcePort} testId="topology-port" />}
        {data?.targetPort && <PortLabel x={far.x} y={far.y} text={data.targetPort} testId="topology-port" />}
      </EdgeLabelRenderer>
    </>
  );
}
