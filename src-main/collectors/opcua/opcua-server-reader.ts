// Reads a server through its safety guard: BuildInfo, ServerStatus, the NamespaceArray and the
// operation limits (one Read), then the Devices companion specification's DeviceSet. Every Browse and
// Read is batched to the server's stated limits (and to the collector's own caps when it states none).
import { AttributeIds, NodeClass, ServerState, StatusCodes, VariableIds, type BrowseResult, type DataValue, type NodeId } from 'node-opcua';
import type { OpcuaBuildInfo, OpcuaDevice, OpcuaOperationLimits } from './opcua-server-record.js';
import type { OpcuaSafetyGuard } from './opcua-safety-guard.js';

export const DI_NAMESPACE_URI = 'http://opcfoundation.org/UA/DI/';
/** DeviceSet's numeric id in the DI namespace (Opc.Ua.Di.NodeSet2: i=5001). */
export const DI_DEVICE_SET_ID = 5001;

/** The collector's own caps, used when a server states none (0) or states more. */
export const OPCUA_BATCH_CAPS = { read: 1000, browse: 250, continuationPoints: 10, referencesPerNode: 1000 } as const;

const DEVICE_PROPERTIES = ['Manufacturer', 'Model', 'SerialNumber', 'HardwareRevision', 'SoftwareRevision', 'DeviceRevision', 'ProductInstanceUri'] as const;
type DeviceProperty = (typeof DEVICE_PROPERTIES)[number];
const DEVICE_FIELD: Record<DeviceProperty, keyof OpcuaDevice> = {
  Manufacturer: 'manufacturer',
  Model: 'model',
  SerialNumber: 'serialNumber',
  HardwareRevision: 'hardwareRevision',
  SoftwareRevision: 'softwareRevision',
  DeviceRevision: 'deviceRevision',
  ProductInstanceUri: 'productInstanceUri',
};

export interface OpcuaServerIdentity {
  buildInfo: OpcuaBuildInfo;
  serverState: string | null;
  startTime: string | null;
  namespaces: string[];
  operationLimits: OpcuaOperationLimits;
}

const IDENTITY_NODES = [
  VariableIds.Server_ServerStatus_BuildInfo_ProductName,
  VariableIds.Server_ServerStatus_BuildInfo_ProductUri,
  VariableIds.Server_ServerStatus_BuildInfo_ManufacturerName,
  VariableIds.Server_ServerStatus_BuildInfo_SoftwareVersion,
  VariableIds.Server_ServerStatus_BuildInfo_BuildNumber,
  VariableIds.Server_ServerStatus_BuildInfo_BuildDate,
  VariableIds.Server_ServerStatus_State,
  VariableIds.Server_ServerStatus_StartTime,
  VariableIds.Server_NamespaceArray,
  VariableIds.Server_ServerCapabilities_OperationLimits_MaxNodesPerRead,
  VariableIds.Server_ServerCapabilities_OperationLimits_MaxNodesPerBrowse,
  VariableIds.Server_ServerCapabilities_MaxBrowseContinuationPoints,
  VariableIds.Server_ServerCapabilities_OperationLimits_MaxNodesPerTranslateBrowsePathsToNodeIds,
] as const;

/** 13 nodes in one Read: below any server's MaxNodesPerRead that is worth talking to (the spec's minimum is far above). */
export async function readServerIdentity(guard: OpcuaSafetyGuard): Promise<OpcuaServerIdentity> {
  const values = await guard.read(IDENTITY_NODES.map((id) => ({ nodeId: `i=${id}` })));
  const at = (i: number): unknown => {
    const dv = values[i];
    return dv && dv.statusCode.isGood() ? (dv.value.value as unknown) : null;
  };
  const state = at(6);
  const namespaces = at(8);
  return {
    buildInfo: {
      productName: text(at(0)),
      productUri: text(at(1)),
      manufacturerName: text(at(2)),
      softwareVersion: text(at(3)),
      buildNumber: text(at(4)),
      buildDate: isoDate(at(5)),
    },
    serverState: typeof state === 'number' ? (ServerState[state] ?? String(state)) : null,
    startTime: isoDate(at(7)),
    namespaces: Array.isArray(namespaces) ? namespaces.map((n) => String(n)) : [],
    operationLimits: {
      maxNodesPerRead: count(at(9)),
      maxNodesPerBrowse: count(at(10)),
      maxBrowseContinuationPoints: count(at(11)),
      maxNodesPerTranslateBrowsePathsToNodeIds: count(at(12)),
    },
  };
}

/** Batch sizes for this server: its stated limit, capped by ours. */
export function batchSizes(limits: OpcuaOperationLimits | null): { read: number; browse: number; continuationPoints: number } {
  const pick = (stated: number | undefined, cap: number) => (stated && stated > 0 ? Math.min(stated, cap) : cap);
  return {
    read: pick(limits?.maxNodesPerRead, OPCUA_BATCH_CAPS.read),
    browse: pick(limits?.maxNodesPerBrowse, OPCUA_BATCH_CAPS.browse),
    continuationPoints: pick(limits?.maxBrowseContinuationPoints, OPCUA_BATCH_CAPS.continuationPoints),
  };
}

export function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object' && 'text' in value) return text((value as { text: unknown }).text);
  const s = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;
  if (s === null) return null;
  const trimmed = s
    .replace(/\p{Cc}/gu, '')
    .trim()
    .slice(0, 500);
  return trimmed === '' ? null : trimmed;
}

function isoDate(value: unknown): string | null {
  if (!(value instanceof Date) || Number.isNaN(value.getTime()) || value.getTime() <= Date.UTC(1601, 0, 2)) return null;
  return value.toISOString();
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : 0;
}

/**
 * Browses every node given, following continuation points to the end (BrowseNext in batches no
 * larger than the server allows), and returns each node's references in order.
 */
export async function browseAll(
  guard: OpcuaSafetyGuard,
  nodeIds: readonly NodeId[] | readonly string[],
  limits: OpcuaOperationLimits | null,
): Promise<BrowseResult['references'][]> {
  const sizes = batchSizes(limits);
  const out: NonNullable<BrowseResult['references']>[] = nodeIds.map(() => []);
  // Browse in batches no larger than the continuation points the server will hold, so one batch
  // can never ask the server for more than it can keep.
  const batch = Math.max(1, Math.min(sizes.browse, sizes.continuationPoints));
  for (let start = 0; start < nodeIds.length; start += batch) {
    const slice = nodeIds.slice(start, start + batch);
    const results = await guard.browse(
      slice.map((nodeId) => ({ nodeId })),
      OPCUA_BATCH_CAPS.referencesPerNode,
    );
    let pending: Array<{ index: number; cp: Buffer }> = [];
    results.forEach((r, i) => {
      out[start + i]?.push(...(r.references ?? []));
      if (r.continuationPoint && r.continuationPoint.length > 0) pending.push({ index: start + i, cp: r.continuationPoint });
    });
    while (pending.length > 0) {
      const next = await guard.browseNext(
        pending.map((p) => p.cp),
        false,
      );
      const still: typeof pending = [];
      next.forEach((r, i) => {
        const p = pending[i];
        if (!p) return;
        out[p.index]?.push(...(r.references ?? []));
        if (r.continuationPoint && r.continuationPoint.length > 0) still.push({ index: p.index, cp: r.continuationPoint });
      });
      pending = still;
    }
  }
  return out;
}

/** Reads values in batches of the server's MaxNodesPerRead. */
export async function readAll(
  guard: OpcuaSafetyGuard,
  nodeIds: readonly NodeId[],
  limits: OpcuaOperationLimits | null,
  attributeId: number = AttributeIds.Value,
): Promise<DataValue[]> {
  const size = batchSizes(limits).read;
  const out: DataValue[] = [];
  for (let start = 0; start < nodeIds.length; start += size) {
    out.push(...(await guard.read(nodeIds.slice(start, start + size).map((nodeId) => ({ nodeId, attributeId })))));
  }
  return out;
}

/**
 * The DeviceSet of the Devices companion specification: each device object under it with its
 * identification properties (read by browse name in the DI namespace; a property in another
 * namespace with the same name is taken when the DI one is missing).
 */
export async function readDeviceSet(
  guard: OpcuaSafetyGuard,
  namespaces: readonly string[],
  limits: OpcuaOperationLimits | null,
): Promise<OpcuaDevice[] | null> {
  const diIndex = namespaces.indexOf(DI_NAMESPACE_URI);
  if (diIndex < 0) return null;
  const [setRefs] = await browseAll(guard, [`ns=${diIndex};i=${DI_DEVICE_SET_ID}`], limits);
  const deviceRefs = (setRefs ?? []).filter((r) => r.isForward && r.nodeClass === NodeClass.Object && r.nodeId.serverIndex === 0);
  if (deviceRefs.length === 0) return [];
  const children = await browseAll(
    guard,
    deviceRefs.map((r) => r.nodeId),
    limits,
  );
  const toRead: Array<{ device: number; field: keyof OpcuaDevice; nodeId: NodeId }> = [];
  deviceRefs.forEach((_ref, device) => {
    const byName = new Map<DeviceProperty, { nodeId: NodeId; di: boolean }>();
    for (const child of children[device] ?? []) {
      const name = child.browseName.name as DeviceProperty;
      if (!DEVICE_PROPERTIES.includes(name) || child.nodeClass !== NodeClass.Variable || child.nodeId.serverIndex !== 0) continue;
      const di = child.browseName.namespaceIndex === diIndex;
      const have = byName.get(name);
      if (!have || (di && !have.di)) byName.set(name, { nodeId: child.nodeId, di });
    }
    for (const [name, { nodeId }] of byName) toRead.push({ device, field: DEVICE_FIELD[name], nodeId });
  });
  const values = await readAll(
    guard,
    toRead.map((t) => t.nodeId),
    limits,
  );
  const devices: OpcuaDevice[] = deviceRefs.map((r) => ({
    nodeId: r.nodeId.toString(),
    browseName: r.browseName.name ?? '',
    displayName: text(r.displayName),
    manufacturer: null,
    model: null,
    serialNumber: null,
    hardwareRevision: null,
    softwareRevision: null,
    deviceRevision: null,
    productInstanceUri: null,
  }));
  toRead.forEach((t, i) => {
    const dv = values[i];
    const device = devices[t.device];
    if (!device || !dv || !dv.statusCode.isGood()) return;
    (device as unknown as Record<string, string | null>)[t.field] = text(dv.value.value);
  });
  // Objects under DeviceSet with no identification at all are folders or features, not devices.
  return devices.filter((d) => DEVICE_PROPERTIES.some((p) => d[DEVICE_FIELD[p]] !== null));
}

export const BAD_NO_CONTINUATION_POINTS = StatusCodes.BadNoContinuationPoints;
