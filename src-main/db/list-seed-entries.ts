// Reads the entries of every imported OT seed list (sources of kind ot_seed) as their newest
// observation says them, with the asset each belongs to now: what the seed target list is made of.
import type { Database } from './database.js';
import type { ObservationBody } from './record-heads.js';

export interface SeedEntry {
  sourceName: string;
  nativeKey: string;
  body: ObservationBody;
  assetUid: string | null;
}

export function listSeedEntries(db: Database): SeedEntry[] {
  const rows = db
    .prepare(
      `SELECT s.name AS source_name, r.native_key, o.body, a.uid FROM sources s
       JOIN records r ON r.source_seq = s.seq JOIN observations o ON o.id = r.head_id LEFT JOIN assets a ON a.id = r.asset_id
       WHERE s.kind = 'ot_seed' ORDER BY s.name, r.native_key`,
    )
    .all() as { source_name: string; native_key: string; body: string; uid: string | null }[];
  return rows.map((r) => ({ sourceName: r.source_name, nativeKey: r.native_key, body: JSON.parse(r.body) as ObservationBody, assetUid: r.uid }));
}
