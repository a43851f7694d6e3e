// Deep address-space browsing: breadth-first from the Objects folder along hierarchical references,
// with Browse batched to the server's MaxNodesPerBrowse, BrowseNext for continuation points (no more
// outstanding than MaxBrowseContinuationPoints), and the DataType of every variable read in batches
// of MaxNodesPerRead. Bounded by maxNodes and maxDepth; continuation points still held when the walk
// stops are released. The Server object (its diagnostics change with every session) is counted but
// not walked. Keeps no node list: only counts per namespace and a stable hash of the
// structure (sorted lines of parent, reference type, browse name, node class, data type), so a later
// run can tell whether the address space changed.
import { createHash } from 'node:crypto';
import { AttributeIds, coerceNodeId, NodeClass, ObjectIds, StatusCodes, type NodeId, type ReferenceDescription } from 'node-opcua';
import { abortError } from '../sweep/timing.js';
import type { OpcuaSafetyGuard } from './opcua-safety-guard.js';
import type { OpcuaBrowseSummary, OpcuaOperationLimits } from './opcua-server-record.js';
import { batchSizes, OPCUA_BATCH_CAPS } from './opcua-server-reader.js';

export interface BrowseLimits {
  maxNodes: number;
  maxDepth: number;
  /** References per node per Browse reply (the rest come through BrowseNext). */
  maxReferencesPerNode?: number;
}

interface Pending {
  nodeId: NodeId;
  key: string;
  depth: number;
}

export async function browseAddressSpace(
  guard: OpcuaSafetyGuard,
  namespaces: readonly string[],
  serverLimits: OpcuaOperationLimits | null,
  limits: BrowseLimits,
  signal?: AbortSignal,
): Promise<OpcuaBrowseSummary> {
  const sizes = batchSizes(serverLimits);
  const maxRefs = limits.maxReferencesPerNode ?? OPCUA_BATCH_CAPS.referencesPerNode;
  const rootKey = `i=${ObjectIds.ObjectsFolder}`;
  const visited = new Set<string>([rootKey, `ns=0;i=${ObjectIds.ObjectsFolder}`]);
  let queue: Pending[] = [];
  let queueHead = 0;
  const lines: string[] = [];
  const variableLine = new Map<string, number>(); // variable key → index in lines, for its data type
  let toRead: Array<{ nodeId: NodeId; key: string }> = [];
  const perNamespace = new Map<number, number>();
  const summary = {
    nodeCount: 0,
    variableCount: 0,
    maxDepthReached: 0,
    truncated: false,
    browseRequests: 0,
    browseNextRequests: 0,
    readRequests: 0,
    continuationPointsReleased: 0,
  };
  let stop = false;
  let held: Buffer[] = []; // continuation points the server still holds for us
  const check = (): void => {
    if (signal?.aborted) throw abortError();
  };

  const flushReads = async (force: boolean): Promise<void> => {
    while (toRead.length >= sizes.read || (force && toRead.length > 0)) {
      check();
      const batch = toRead.slice(0, sizes.read);
      toRead = toRead.slice(batch.length);
      summary.readRequests += 1;
      const values = await guard.read(batch.map((b) => ({ nodeId: b.nodeId, attributeId: AttributeIds.DataType })));
      batch.forEach((b, i) => {
        const dv = values[i];
        const at = variableLine.get(b.key);
        if (at === undefined) return;
        const dataType = dv?.statusCode.isGood() ? String((dv.value.value as { toString(): string } | null)?.toString() ?? '') : 'bad';
        lines[at] = `${lines[at] ?? ''}|${dataType}`;
      });
    }
  };

  const take = (parent: Pending, references: readonly ReferenceDescription[]): void => {
    for (const ref of references) {
      if (!ref.isForward || ref.nodeId.serverIndex !== 0) continue;
      const key = ref.nodeId.toString();
      lines.push(`${parent.key}|${ref.referenceTypeId.toString()}|${ref.browseName.toString()}|${NodeClass[ref.nodeClass] ?? ref.nodeClass}|${key}`);
      if (visited.has(key)) continue;
      if (summary.nodeCount >= limits.maxNodes) {
        summary.truncated = true;
        stop = true;
        continue;
      }
      visited.add(key);
      summary.nodeCount += 1;
      const ns = ref.nodeId.namespace;
      perNamespace.set(ns, (perNamespace.get(ns) ?? 0) + 1);
      const depth = parent.depth + 1;
      summary.maxDepthReached = Math.max(summary.maxDepthReached, depth);
      if (ref.nodeClass === NodeClass.Variable) {
        summary.variableCount += 1;
        variableLine.set(key, lines.length - 1);
        toRead.push({ nodeId: ref.nodeId, key });
      }
      // The Server object holds the server's own diagnostics (a node per session, this one's
      // included): read directly, never walked, so the structure hash stays the plant's.
      if (ref.nodeId.namespace === 0 && ref.nodeId.value === ObjectIds.Server) continue;
      if (depth < limits.maxDepth) queue.push({ nodeId: ref.nodeId, key, depth });
      else if (ref.nodeClass === NodeClass.Object) summary.truncated = true;
    }
  };

  // Follows continuation points to their end, in batches the server can hold.
  const drain = async (owners: Array<{ parent: Pending; cp: Buffer }>): Promise<void> => {
    let pending = owners;
    while (pending.length > 0) {
      check();
      if (stop) {
        held = pending.map((p) => p.cp);
        return;
      }
      const batch = pending.slice(0, sizes.continuationPoints);
      const rest = pending.slice(batch.length);
      summary.browseNextRequests += 1;
      const results = await guard.browseNext(
        batch.map((p) => p.cp),
        false,
      );
      const again: typeof pending = [];
      results.forEach((r, i) => {
        const owner = batch[i];
        if (!owner) return;
        take(owner.parent, r.references ?? []);
        if (r.continuationPoint && r.continuationPoint.length > 0) again.push({ parent: owner.parent, cp: r.continuationPoint });
      });
      pending = [...again, ...rest];
    }
  };

  try {
    queue.push({ nodeId: coerceNodeId(ObjectIds.ObjectsFolder), key: rootKey, depth: 0 });
    // One Browse batch may leave at most MaxBrowseContinuationPoints open; nodes refused for lack of
    // them are browsed again in a later batch.
    const batchSize = Math.max(1, sizes.browse);
    const retry: Pending[] = [];
    while (!stop && (queueHead < queue.length || retry.length > 0)) {
      check();
      const fromRetry = retry.length > 0;
      const batch: Pending[] = fromRetry ? retry.splice(0, Math.max(1, sizes.continuationPoints)) : queue.slice(queueHead, queueHead + batchSize);
      if (!fromRetry) queueHead += batch.length;
      summary.browseRequests += 1;
      const results = await guard.browse(
        batch.map((p) => ({ nodeId: p.nodeId })),
        maxRefs,
      );
      const owners: Array<{ parent: Pending; cp: Buffer }> = [];
      results.forEach((r, i) => {
        const parent = batch[i];
        if (!parent) return;
        if (r.statusCode.equals(StatusCodes.BadNoContinuationPoints)) {
          retry.push(parent);
          return;
        }
        take(parent, r.references ?? []);
        if (r.continuationPoint && r.continuationPoint.length > 0) owners.push({ parent, cp: r.continuationPoint });
      });
      await drain(owners);
      await flushReads(false);
      // Compact the queue now and then so a long walk does not keep every visited entry.
      if (queueHead > 50_000) {
        queue = queue.slice(queueHead);
        queueHead = 0;
      }
    }
    if (queueHead < queue.length) summary.truncated = true;
    await flushReads(true);
  } finally {
    if (held.length > 0 && !signal?.aborted) {
      for (let start = 0; start < held.length; start += sizes.continuationPoints) {
        const batch = held.slice(start, start + sizes.continuationPoints);
        summary.browseNextRequests += 1;
        await guard.browseNext(batch, true).catch(() => undefined);
        summary.continuationPointsReleased += batch.length;
      }
    }
  }

  lines.sort();
  const hash = createHash('sha256');
  for (const line of lines) hash.update(line).update('\n');
  const nodesPerNamespace: Record<string, number> = {};
  for (const [index, n] of [...perNamespace].sort((a, b) => a[0] - b[0])) nodesPerNamespace[namespaces[index] ?? `ns=${index}`] = n;
  return { ...summary, nodesPerNamespace, structureHash: hash.digest('hex') };
}
