// Writes the relations an observation names (an LLDP neighbour by chassis MAC, a CDP neighbour by
// device id, an FDB entry by MAC, an ARP entry by IP) as `relations` rows between assets. A target
// is resolved to an asset by MAC (identities kind 'mac', then network_interfaces.mac), by system
// name (assets.name / hostname / fqdn), by IP (primary_ip, then interface addresses), by serial or
// by the source's native key; a target that matches no asset, or several, is left unresolved.
// Each observation restates every relation its source sees from that asset, so a write sets the
// confidence and ports it reports now and moves last_seen; edges not restated keep their old
// last_seen (and go stale). Synchronous: callers wrap it in a transaction.
import type { ObservedRelation } from '../../src-shared/model/observation.js';
import type { Database } from './database.js';

export interface RelationWriterContext {
  sourceId: string;
  newId: () => string;
}

export interface RelationWriteResult {
  written: number;
  unresolved: number;
  /** The same target named more than once (e.g. an LLDP neighbour also in the FDB on that port). */
  merged: number;
}

export interface RelationWriter {
  /** Writes `relations` observed from `fromAssetId` at `observedAt`. */
  write(fromAssetId: string, relations: readonly ObservedRelation[], observedAt: string): RelationWriteResult;
  /** The asset a relation target names, or null when none or several match. */
  resolve(target: ObservedRelation['target'], excludeAssetId?: string): string | null;
}

function normaliseMac(mac: string): string {
  return mac.trim().toLowerCase().replace(/-/g, ':');
}

export function createRelationWriter(db: Database, ctx: RelationWriterContext): RelationWriter {
  const q = {
    macIdentity: db.prepare("SELECT DISTINCT asset_id FROM identities WHERE kind = 'mac' AND value = ? LIMIT 3").pluck(),
    macInterface: db.prepare('SELECT DISTINCT asset_id FROM network_interfaces WHERE lower(mac) = ? LIMIT 3').pluck(),
    sysName: db
      .prepare(
        `SELECT id FROM assets WHERE lower(name) = @full OR lower(fqdn) = @full OR lower(hostname) = @full OR lower(hostname) = @short
         ORDER BY (lower(name) = @full OR lower(fqdn) = @full) DESC LIMIT 3`,
      )
      .pluck(),
    primaryIp: db.prepare('SELECT id FROM assets WHERE primary_ip = ? LIMIT 3').pluck(),
    interfaceIp: db
      .prepare(
        `SELECT DISTINCT n.asset_id FROM network_interfaces n, json_each(n.ips_json) j
         WHERE json_extract(j.value, '$.address') = @ip AND (@network IS NULL OR coalesce(json_extract(j.value, '$.network'), @network) = @network) LIMIT 3`,
      )
      .pluck(),
    serial: db.prepare('SELECT id FROM assets WHERE lower(serial) = ? LIMIT 3').pluck(),
    nativeKey: db.prepare('SELECT DISTINCT asset_id FROM asset_sources WHERE native_key = ? LIMIT 3').pluck(),
    findEdge: db
      .prepare(`SELECT id FROM relations WHERE type = ? AND from_asset_id = ? AND to_asset_id = ? AND source_id IS ? AND coalesce(local_port, '') = ? LIMIT 1`)
      .pluck(),
    updateEdge: db.prepare('UPDATE relations SET confidence = ?, remote_port = ?, last_seen = max(last_seen, ?), first_seen = min(first_seen, ?) WHERE id = ?'),
    insertEdge: db.prepare(
      `INSERT INTO relations (id, type, from_asset_id, to_asset_id, source_id, confidence, local_port, remote_port, first_seen, last_seen)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  };

  /** One asset, or null when there is none or the identifier is ambiguous. */
  function single(ids: readonly string[], exclude: string | undefined): string | null | 'ambiguous' {
    const distinct = [...new Set(ids)].filter((id) => id !== exclude);
    if (distinct.length === 0) return null;
    return distinct.length === 1 ? (distinct[0] as string) : 'ambiguous';
  }

  function resolve(target: ObservedRelation['target'], exclude?: string): string | null {
    const value = target.value.trim();
    if (!value) return null;
    const attempts: (() => string[])[] = [];
    switch (target.kind) {
      case 'mac': {
        const mac = normaliseMac(value);
        attempts.push(
          () => q.macIdentity.all(mac) as string[],
          () => q.macInterface.all(mac) as string[],
        );
        break;
      }
      case 'sys_name':
      case 'hostname': {
        const full = value.toLowerCase();
        attempts.push(() => q.sysName.all({ full, short: full.split('.')[0] ?? full }) as string[]);
        break;
      }
      case 'ip':
        attempts.push(
          () => q.primaryIp.all(value) as string[],
          () => q.interfaceIp.all({ ip: value, network: target.network ?? null }) as string[],
        );
        break;
      case 'serial':
        attempts.push(() => q.serial.all(value.toLowerCase()) as string[]);
        break;
      case 'native_key':
        attempts.push(() => q.nativeKey.all(value) as string[]);
        break;
    }
    for (const attempt of attempts) {
      const found = single(attempt(), exclude);
      if (found === 'ambiguous') return null;
      if (found) return found;
    }
    return null;
  }

  return {
    resolve,
    write(fromAssetId, relations, observedAt) {
      const result: RelationWriteResult = { written: 0, unresolved: 0, merged: 0 };
      // One edge per (type, target asset, local port): the strongest claim about it wins.
      const edges = new Map<string, { type: ObservedRelation['type']; to: string; localPort: string | null; remotePort: string | null; confidence: number }>();
      for (const relation of relations) {
        const to = resolve(relation.target, fromAssetId);
        if (!to) {
          result.unresolved += 1;
          continue;
        }
        const localPort = relation.localPort ?? null;
        const key = `${relation.type}\u0000${to}\u0000${localPort ?? ''}`;
        const existing = edges.get(key);
        if (existing) {
          result.merged += 1;
          if (relation.confidence > existing.confidence) existing.confidence = relation.confidence;
          existing.remotePort ??= relation.remotePort ?? null;
          continue;
        }
        edges.set(key, { type: relation.type, to, localPort, remotePort: relation.remotePort ?? null, confidence: relation.confidence });
      }
      for (const edge of edges.values()) {
        const id = q.findEdge.get(edge.type, fromAssetId, edge.to, ctx.sourceId, edge.localPort ?? '') as string | undefined;
        if (id) q.updateEdge.run(edge.confidence, edge.remotePort, observedAt, observedAt, id);
        else
          q.insertEdge.run(
            ctx.newId(),
            edge.type,
            fromAssetId,
            edge.to,
            ctx.sourceId,
            edge.confidence,
            edge.localPort,
            edge.remotePort,
            observedAt,
            observedAt,
          );
        result.written += 1;
      }
      return result;
    },
  };
}
