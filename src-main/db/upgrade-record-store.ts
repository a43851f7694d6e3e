// Finishes migration 0005 (the record store) on a database that had data: every record's identity
// keys and relation claims are built from its head, every golden record is computed again, and the
// people's data the migration set aside is put back on the asset that now holds the members it
// belonged with — tags and lifecycle by the old asset's smallest member, version history and
// discovery references by the old asset id — then the legacy tables are dropped. Asset ids change
// once here: they are now derived from portable source names, the same in every database.
import type { Database } from './database.js';
import type { ApplyContext } from './golden-record-store.js';
import type { RecordWriter } from './record-writer.js';

const LEGACY_TABLES = ['legacy_stewardship_items', 'legacy_asset_versions', 'legacy_asset_members', 'legacy_tags', 'legacy_lifecycle', 'legacy_assets'] as const;

export function hasLegacyTables(db: Database): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'legacy_assets'").get() !== undefined;
}

export function upgradeRecordStore(db: Database, writer: RecordWriter, ctx: ApplyContext): { records: number; assets: number } {
  const records = db.prepare('SELECT count(*) FROM records').pluck().get() as number;
  if (records > 0) {
    // Content hashes as the engine computes them now (the old ones covered other fields).
    writer.rehashHeads();
    writer.rebuild(ctx, { reindex: true });
    // Old asset id -> the asset holding its smallest member now.
    db.exec(`
      CREATE TEMP TABLE asset_map AS
      SELECT old_asset_id, (SELECT r.asset_id FROM records r WHERE r.source_seq = m.seq AND r.native_key = m.native_key) AS asset_id
      FROM (
        SELECT lm.asset_id AS old_asset_id, s.seq, lm.native_key,
          row_number() OVER (PARTITION BY lm.asset_id ORDER BY s.kind || '/' || s.name, lm.native_key) AS n
        FROM legacy_asset_members lm JOIN sources s ON s.id = lm.source_id
      ) m WHERE n = 1;
      INSERT INTO tags (asset_id, key, value, origin)
        SELECT am.asset_id, t.key, t.value, 'person' FROM legacy_tags t JOIN asset_map am ON am.old_asset_id = t.asset_id
        WHERE t.origin = 'person' AND am.asset_id IS NOT NULL
        ON CONFLICT (asset_id, key) DO UPDATE SET value = excluded.value, origin = 'person';
      INSERT OR IGNORE INTO lifecycle (asset_id, stage, owner, warranty_end, end_of_sale, end_of_life, notes, updated_at)
        SELECT am.asset_id, l.stage, l.owner, l.warranty_end, l.end_of_sale, l.end_of_life, l.notes, l.updated_at
        FROM legacy_lifecycle l JOIN asset_map am ON am.old_asset_id = l.asset_id WHERE am.asset_id IS NOT NULL;
      UPDATE assets SET lifecycle_stage = (SELECT stage FROM lifecycle WHERE asset_id = assets.id), owner = (SELECT owner FROM lifecycle WHERE asset_id = assets.id)
        WHERE id IN (SELECT asset_id FROM lifecycle);
      INSERT INTO asset_versions (asset_uid, version, at, change, cause, cause_id, correlation_id, changes, members_added, members_removed, successor_uid)
        SELECT coalesce(a.uid, v.asset_id), v.version + 100000, v.at, v.change, v.cause, v.cause_id, v.correlation_id, v.changes_json, '[]', '[]', v.successor_id
        FROM legacy_asset_versions v LEFT JOIN asset_map am ON am.old_asset_id = v.asset_id LEFT JOIN assets a ON a.id = am.asset_id
        WHERE v.change <> 'created';
      UPDATE discovery_run_hosts SET asset_uid = (SELECT a.uid FROM asset_map am JOIN assets a ON a.id = am.asset_id WHERE am.old_asset_id = discovery_run_hosts.asset_uid)
        WHERE asset_uid IS NOT NULL;
      UPDATE learned_addresses SET learned_from_asset_uid = (SELECT a.uid FROM asset_map am JOIN assets a ON a.id = am.asset_id WHERE am.old_asset_id = learned_addresses.learned_from_asset_uid)
        WHERE learned_from_asset_uid IS NOT NULL;
      DROP TABLE temp.asset_map;
    `);
    // Person tags moved: refresh the search rows that carry tag tokens.
    writer.refreshSearch(db.prepare("SELECT DISTINCT asset_id FROM tags WHERE origin = 'person'").pluck().all() as number[]);
  }
  for (const table of LEGACY_TABLES) db.exec(`DROP TABLE IF EXISTS ${table}`);
  return { records, assets: db.prepare('SELECT count(*) FROM assets').pluck().get() as number };
}
