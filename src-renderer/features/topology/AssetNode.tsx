// A topology node: the asset's class icon, name, class and primary IP in a calm grey box. Handles
// on all four sides (invisible) let the graph attach each link to the side facing its other end.
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { ASSET_CLASS_LABELS, type AssetClass } from '../../../src-shared/model/asset-classes.js';
import { AssetClassIcon } from '../../components/AssetClassIcon.js';

export type AssetNodeData = { name: string; assetClass: AssetClass; primaryIp: string | null; linkCount: number };
export type AssetFlowNode = Node<AssetNodeData, 'asset'>;

const SIDES = [
  ['top', Position.Top],
  ['bottom', Position.Bottom],
  ['left', Position.Left],
  ['right', Position.Right],
] as const;

export function AssetNode({ data }: NodeProps<AssetFlowNode>) {
  return (
    <div className="fw-topology-node" title={`${data.name} — open the asset`} data-testid="topology-node" data-name={data.name}>
      {SIDES.map(([id, position]) => (
        <Handle key={`s-${id}`} id={`s-${id}`} type="source" position={position} isConnectable={false} className="fw-topology-handle" />
      ))}
      {SIDES.map(([id, position]) => (
        <Handle key={`t-${id}`} id={`t-${id}`} type="target" position={position} isConnectable={false} className="fw-topology-handle" />
      ))}
      <div className="fw-topology-node-icon">
        <AssetClassIcon assetClass={data.assetClass} size={20} />
      </div>
      <div className="fw-topology-node-text">
        <div className="fw-topology-node-name">{data.name}</div>
        <div className="fw-topology-node-meta">
          {ASSET_CLASS_LABELS[data.assetClass]}
          {data.primaryIp ? ` · ${data.primaryIp}` : ''}
        </div>
      </div>
    </div>
  );
}
