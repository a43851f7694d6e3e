// Removes values a person set by hand, so that the field falls back to what the sources say: the
// newest non-manual observation of this asset that has the field, or no value at all.
import type { AssetFieldName, FieldValue, ObservationInput } from '../../src-shared/model/index.js';
import { displayName } from '../engine/placeholder/placeholder-merge.js';
import type { Database } from './database.js';
import { buildSearchBody } from './search-body.js';

const SOURCE_CONFIDENCE_FALLBACK = 0.8;

export function revertManualFields(db: Database, assetId: string, fields: readonly AssetFieldName[], now: string): AssetFieldName[] {
  const reverted: AssetFieldName[] = [];
  const manualRow = db.prepare(
    `SELECT f.field FROM asset_fields f JOIN sources s ON s.id = f.source_id WHERE f.asset_id = ? AND f.field = ? AND s.kind = 'manual'`,
  );
  const newestCollected = db.prepare(
    `SELECT o.id, o.source_id, o.observed_at, json_extract(o.fields_json, '$.' || ?) AS value, json_type(o.fields_json, '$.' || ?) AS type
     FROM observations o JOIN sources s ON s.id = o.source_id
     WHERE o.asset_id = ? AND s.kind <> 'manual' AND json_type(o.fields_json, '$.' || ?) NOT IN ('null')
     ORDER BY o.observed_at DESC, o.created_at DESC LIMIT 1`,
  );
  for (const field of fields) {
    if (!manualRow.get(assetId, field)) continue;
    db.prepare('DELETE FROM asset_fields WHERE asset_id = ? AND field = ?').run(assetId, field);
    const row = newestCollected.get(field, field, assetId, field) as { id: string; source_id: string; observed_at: string; value: FieldValue; type: string } | undefined;
    if (row) {
      const value: FieldValue = row.type === 'true' ? true : row.type === 'false' ? false : row.value;
      db.prepare(
        'INSERT INTO asset_fields (asset_id, field, value_json, source_id, observation_id, confidence, observed_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(assetId, field, JSON.stringify(value), row.source_id, row.id, SOURCE_CONFIDENCE_FALLBACK, row.observed_at);
    }
    reverted.push(field);
  }
  if (reverted.length > 0) refreshAssetProjection(db, assetId, now);
  return reverted;
}

/** Recomputes the asset row's display columns and search text from its fields. */
export function refreshAssetProjection(db: Database, assetId: string, now: string): void {
  const values = new Map<string, FieldValue>(
    (db.prepare('SELECT field, value_json FROM asset_fields WHERE asset_id = ?').all(assetId) as { field: string; value_json: string }[]).map((r) => [
      r.field,
      JSON.parse(r.value_json) as FieldValue,
    ]),
  );
  const text = (name: string): string | null => {
    const v = values.get(name);
    return v === undefined || v === null || v === '' ? null : String(v);
  };
  const row = db.prepare('SELECT rowid, name FROM assets WHERE id = ?').get(assetId) as { rowid: number; name: string };
  const name = displayName(Object.fromEntries(values) as ObservationInput['fields'], row.name);
  const columns = { hostname: text('hostname'), fqdn: text('fqdn'), primary_ip: text('primary_ip'), serial: text('serial'), vendor: text('vendor'), model: text('model'), os_name: text('os_name'), os_version: text('os_version') };
  db.prepare(
    `UPDATE assets SET name = @name, hostname = @hostname, fqdn = @fqdn, primary_ip = @primary_ip, serial = @serial, vendor = @vendor,
      model = @model, os_name = @os_name, os_version = @os_version, updated_at = @now WHERE id = @id`,
  ).run({ ...columns, name, now, id: assetId });
  const addresses: string[] = [];
  for (const nic of db.prepare('SELECT mac, ips_json FROM network_interfaces WHERE asset_id = ?').all(assetId) as { mac: string | null; ips_json: string }[]) {
    if (nic.mac) addresses.push(nic.mac);
    for (const ip of JSON.parse(nic.ips_json) as { address: string }[]) addresses.push(ip.address);
  }
  db.prepare('DELETE FROM asset_search WHERE rowid = ?').run(row.rowid);
  db.prepare('INSERT INTO asset_search (rowid, body) VALUES (?, ?)').run(row.rowid, buildSearchBody([name, ...Object.values(columns), ...addresses]));
}
