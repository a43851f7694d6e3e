// An identifier that names one asset and no other: what a relation to that asset is claimed by
// (relation_claims hold the target's identifier, not its id, so the relation follows merges and
// unmerges). The most specific kind wins: a serial or an OPC UA URI before a host name or an IP.
import type { Database } from './database.js';

const PREFERRED_KINDS = ['serial', 'opcua', 'bacnet', 'modbus', 'cloud', 'uuid', 'tag', 'mac', 'fqdn', 'host', 'ip'] as const;

/** The asset's most specific identity key that no other asset holds, or null when it has none. */
export function uniqueAssetKey(db: Database, assetUid: string): string | null {
  const keys = db
    .prepare(
      `SELECT DISTINCT k.key FROM assets a JOIN records r ON r.asset_id = a.id JOIN record_keys k ON k.record_id = r.id
       WHERE a.uid = ? AND NOT EXISTS (SELECT 1 FROM shared_keys s WHERE s.key = k.key)
         AND NOT EXISTS (SELECT 1 FROM record_keys o JOIN records orr ON orr.id = o.record_id WHERE o.key = k.key AND orr.asset_id IS NOT a.id)`,
    )
    .pluck()
    .all(assetUid) as string[];
  const rank = (key: string): number => {
    const i = (PREFERRED_KINDS as readonly string[]).indexOf(key.slice(0, key.indexOf(':')));
    return i < 0 ? PREFERRED_KINDS.length : i;
  };
  return keys.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))[0] ?? null;
}
