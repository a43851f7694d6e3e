// Reads the relation graph for the topology view. Relations are stored as claims a source record
// made about a target identifier (relation_claims) and are resolved here, when read, to whichever
// asset holds a record with that identifier now: a target that names no asset, or several, draws no
// edge. Relations the engine derived (a replaced device) are edges too.
import type { Topology } from '../../src-shared/api/index.js';
import type { Database } from './database.js';

interface ClaimRow {
  record_id: number;
  type: Topology['edges'][number]['type'];
  target_key: string;
  local_port: string;
  remote_port: string | null;
  confidence: number;
  from_asset: number | null;
  source_seq: number;
  first_seen: string;
  last_seen: string;
}

const CLAIM_COLUMNS = `c.record_id, c.type, c.target_key, c.local_port, c.remote_port, c.confidence, r.asset_id AS from_asset, r.source_seq, r.first_seen, r.last_seen`;

/** Resolves target identifiers to assets, remembering each answer for one read. */
export function createTargetResolver(db: Database) {
  const byKey = db.prepare('SELECT DISTINCT t.asset_id FROM record_keys k JOIN records t ON t.id = k.record_id WHERE k.key = ? AND t.asset_id IS NOT NULL LIMIT 3').pluck();
  const byNative = db.prepare('SELECT DISTINCT asset_id FROM records WHERE source_seq = ? AND native_key = ? AND asset_id IS NOT NULL LIMIT 3').pluck();
  const cache = new Map<string, number[]>();
  const lookup = (key: string, sourceSeq: number): number[] => {
    const cacheKey = key.startsWith('native:') ? `${sourceSeq}\u0000${key}` : key;
    let found = cache.get(cacheKey);
    if (!found) {
      found = key.startsWith('native:') ? (byNative.all(sourceSeq, key.slice('native:'.length)) as number[]) : (byKey.all(key) as number[]);
      // A system name given as an FQDN may be known only by its short name.
      if (found.length === 0 && key.startsWith('fqdn:')) found = byKey.all(`host:${key.slice(5).split('.')[0] ?? ''}`) as number[];
      cache.set(cacheKey, found);
    }
    return found;
  };
  return {
    /** The one asset a target names (other than `from`), or null. */
    resolve(key: string, sourceSeq: number, from: number | null): number | null {
      const ids = lookup(key, sourceSeq).filter((id) => id !== from);
      return ids.length === 1 ? (ids[0] as number) : null;
    },
  };
}

export function queryTopology(db: Database, query: { sourceId?: string | undefined; assetId?: string | undefined; minConfidence: number; limit: number }): Topology {
  const sourceSeq = query.sourceId ? ((db.prepare('SELECT seq FROM sources WHERE id = ?').pluck().get(query.sourceId) as number | undefined) ?? -1) : null;
  const assetRow = query.assetId ? ((db.prepare('SELECT id FROM assets WHERE uid = ?').pluck().get(query.assetId) as number | undefined) ?? -1) : null;
  let claims: ClaimRow[];
  if (assetRow !== null) {
    const outgoing = db.prepare(`SELECT ${CLAIM_COLUMNS} FROM records r JOIN relation_claims c ON c.record_id = r.id WHERE r.asset_id = ?`).all(assetRow) as ClaimRow[];
    const incoming = db
      .prepare(
        `SELECT ${CLAIM_COLUMNS} FROM records m JOIN record_keys k ON k.record_id = m.id JOIN relation_claims c ON c.target_key = k.key JOIN records r ON r.id = c.record_id
         WHERE m.asset_id = ?`,
      )
      .all(assetRow) as ClaimRow[];
    claims = [...outgoing, ...incoming];
  } else {
    claims = db.prepare(`SELECT ${CLAIM_COLUMNS} FROM relation_claims c JOIN records r ON r.id = c.record_id WHERE (? IS NULL OR r.source_seq = ?)`).all(sourceSeq, sourceSeq) as ClaimRow[];
  }
  const resolver = createTargetResolver(db);
  const sourceBySeq = new Map((db.prepare('SELECT seq, id, name FROM sources').all() as { seq: number; id: string; name: string }[]).map((s) => [s.seq, s] as const));
  const edges = new Map<string, Topology['edges'][number] & { from: number; to: number }>();
  for (const c of claims) {
    if (c.confidence < query.minConfidence || c.from_asset === null) continue;
    if (sourceSeq !== null && c.source_seq !== sourceSeq) continue;
    const to = resolver.resolve(c.target_key, c.source_seq, c.from_asset);
    if (to === null) continue;
    if (assetRow !== null && c.from_asset !== assetRow && to !== assetRow) continue;
    const id = `${c.from_asset}:${c.type}:${to}:${c.local_port}:${c.source_seq}`;
    const existing = edges.get(id);
    if (existing) {
      existing.confidence = Math.max(existing.confidence, c.confidence);
      existing.remotePort ??= c.remote_port;
      if (c.first_seen < existing.firstSeen) existing.firstSeen = c.first_seen;
      if (c.last_seen > existing.lastSeen) existing.lastSeen = c.last_seen;
      continue;
    }
    const source = sourceBySeq.get(c.source_seq);
    edges.set(id, {
      id,
      from: c.from_asset,
      to,
      type: c.type,
      fromAssetId: '',
      toAssetId: '',
      localPort: c.local_port === '' ? null : c.local_port,
      remotePort: c.remote_port,
      confidence: c.confidence,
      sourceId: source?.id ?? null,
      sourceName: source?.name ?? null,
      firstSeen: c.first_seen,
      lastSeen: c.last_seen,
    });
  }
  if (sourceSeq === null) {
    const derived = db
      .prepare(
        `SELECT d.from_asset_id, d.to_asset_id, d.type, a.last_seen AS from_seen, b.first_seen AS to_seen FROM derived_relations d
         JOIN assets a ON a.id = d.from_asset_id JOIN assets b ON b.id = d.to_asset_id WHERE ? IS NULL OR d.from_asset_id = ? OR d.to_asset_id = ?`,
      )
      .all(assetRow, assetRow, assetRow) as { from_asset_id: number; to_asset_id: number; type: Topology['edges'][number]['type']; from_seen: string; to_seen: string }[];
    for (const d of derived) {
      const id = `${d.from_asset_id}:${d.type}:${d.to_asset_id}`;
      edges.set(id, { id, from: d.from_asset_id, to: d.to_asset_id, type: d.type, fromAssetId: '', toAssetId: '', localPort: null, remotePort: null, confidence: 1, sourceId: null, sourceName: null, firstSeen: d.to_seen, lastSeen: d.from_seen });
    }
  }
  const sorted = [...edges.values()].sort((a, b) => b.confidence - a.confidence || (a.id < b.id ? -1 : 1));
  const truncated = sorted.length > query.limit;
  const kept = sorted.slice(0, query.limit);
  const nodeIds = new Set<number>();
  for (const e of kept) {
    nodeIds.add(e.from);
    nodeIds.add(e.to);
  }
  // The assets a source observed are nodes even when no edge reaches them (an isolated device).
  if (sourceSeq !== null) for (const id of db.prepare('SELECT DISTINCT asset_id FROM records WHERE source_seq = ? AND asset_id IS NOT NULL').pluck().all(sourceSeq) as number[]) nodeIds.add(id);
  const rows = db
    .prepare('SELECT a.id, a.uid, a.name, a.class, a.primary_ip FROM json_each(?) j CROSS JOIN assets a ON a.id = j.value')
    .all(JSON.stringify([...nodeIds])) as { id: number; uid: string; name: string; class: Topology['nodes'][number]['class']; primary_ip: string | null }[];
  const uidOf = new Map(rows.map((r) => [r.id, r.uid] as const));
  const nodes = rows.map((r) => ({ assetId: r.uid, name: r.name, class: r.class, primaryIp: r.primary_ip })).sort((a, b) => a.name.localeCompare(b.name));
  const out = kept.map(({ from, to, ...e }) => ({ ...e, fromAssetId: uidOf.get(from) ?? '', toAssetId: uidOf.get(to) ?? '' }));
  return { nodes, edges: out, truncated };
}
