// Reads the relation graph for the topology view: edges (optionally only those one source
// observed, or only one asset's, above a confidence) and the assets at their ends.
import type { Topology } from '../../src-shared/api/index.js';
import type { Database } from './database.js';

export function queryTopology(db: Database, query: { sourceId?: string | undefined; assetId?: string | undefined; minConfidence: number; limit: number }): Topology {
  const rows = db
    .prepare(
      `SELECT r.id, r.type, r.from_asset_id, r.to_asset_id, r.local_port, r.remote_port, r.confidence, r.source_id, s.name AS source_name,
        r.first_seen, r.last_seen
       FROM relations r LEFT JOIN sources s ON s.id = r.source_id
       WHERE r.confidence >= @minConfidence AND (@sourceId IS NULL OR r.source_id = @sourceId)
         AND (@assetId IS NULL OR r.from_asset_id = @assetId OR r.to_asset_id = @assetId)
       ORDER BY r.confidence DESC, r.id LIMIT @limit`,
    )
    .all({ minConfidence: query.minConfidence, sourceId: query.sourceId ?? null, assetId: query.assetId ?? null, limit: query.limit + 1 }) as {
    id: string;
    type: Topology['edges'][number]['type'];
    from_asset_id: string;
    to_asset_id: string;
    local_port: string | null;
    remote_port: string | null;
    confidence: number;
    source_id: string | null;
    source_name: string | null;
    first_seen: string;
    last_seen: string;
  }[];
  const truncated = rows.length > query.limit;
  const edges = rows.slice(0, query.limit).map((r) => ({
    id: r.id,
    type: r.type,
    fromAssetId: r.from_asset_id,
    toAssetId: r.to_asset_id,
    localPort: r.local_port,
    remotePort: r.remote_port,
    confidence: r.confidence,
    sourceId: r.source_id,
    sourceName: r.source_name,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
  }));
  const ids = [...new Set(edges.flatMap((e) => [e.fromAssetId, e.toAssetId]))];
  // The assets a source observed are nodes even when no edge reaches them (an isolated device).
  const sourceAssets = query.sourceId
    ? (db.prepare('SELECT DISTINCT asset_id FROM asset_sources WHERE source_id = ?').pluck().all(query.sourceId) as string[])
    : [];
  const all = [...new Set([...ids, ...sourceAssets])];
  const nodes: Topology['nodes'] = [];
  const select = db.prepare('SELECT id, name, class, primary_ip FROM assets WHERE id = ?');
  for (const id of all) {
    const row = select.get(id) as { id: string; name: string; class: Topology['nodes'][number]['class']; primary_ip: string | null } | undefined;
    if (row) nodes.push({ assetId: row.id, name: row.name, class: row.class, primaryIp: row.primary_ip });
  }
  nodes.sort((a, b) => a.name.localeCompare(b.name));
  return { nodes, edges, truncated };
}
