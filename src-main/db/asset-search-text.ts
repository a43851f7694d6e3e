// The text the free-text index holds for one asset: its name, identifying values, addresses,
// installed software names, and one token per tag (key alone and key=value). Built from the stored
// body, so that it can be rebuilt whenever tags change (the index is contentless: rows cannot be
// read back).
import { decodeAssetBody, type AssetBody } from './asset-body.js';
import type { Database } from './database.js';
import { buildSearchBody, tagToken } from './search-body.js';

const SEARCHED_FIELDS = ['hostname', 'fqdn', 'primary_ip', 'serial', 'vendor', 'model', 'os_name', 'os_version', 'asset_tag', 'bios_uuid', 'cloud_instance_id'] as const;

export function assetSearchText(name: string, body: AssetBody, softwareNames: readonly string[], tags: ReadonlyMap<string, string>): string {
  const values: (string | null)[] = [name];
  for (const f of SEARCHED_FIELDS) {
    const v = body.f[f]?.[0];
    values.push(v === undefined || v === null ? null : String(v));
  }
  for (const nic of body.n) {
    values.push(nic.mac);
    for (const ip of nic.ips) values.push(ip.address);
  }
  values.push(...softwareNames);
  const tokens: string[] = [];
  for (const [k, v] of tags) tokens.push(tagToken(k), tagToken(k, v));
  return `${buildSearchBody(values)} ${tokens.join(' ')}`.trim();
}

/** Rewrites one asset's search row from what is stored (after its tags changed). */
export function refreshAssetSearch(db: Database, assetId: number): void {
  const asset = db.prepare('SELECT name, body FROM assets WHERE id = ?').get(assetId) as { name: string; body: string } | undefined;
  if (!asset) return;
  const software = db.prepare('SELECT s.name FROM asset_software a JOIN software s ON s.id = a.software_id WHERE a.asset_id = ?').pluck().all(assetId) as string[];
  const tags = new Map((db.prepare('SELECT key, value FROM tags WHERE asset_id = ?').all(assetId) as { key: string; value: string }[]).map((t) => [t.key, t.value] as const));
  db.prepare('DELETE FROM asset_search WHERE rowid = ?').run(assetId);
  db.prepare('INSERT INTO asset_search (rowid, body) VALUES (?, ?)').run(assetId, assetSearchText(asset.name, decodeAssetBody(asset.body), software, tags));
}

/** refreshAssetSearch for many assets (after a bulk tag change), with each statement prepared once. */
export function refreshAssetSearchMany(db: Database, assetIds: Iterable<number>): void {
  const q = {
    asset: db.prepare('SELECT name, body FROM assets WHERE id = ?'),
    software: db.prepare('SELECT s.name FROM asset_software a JOIN software s ON s.id = a.software_id WHERE a.asset_id = ?').pluck(),
    tags: db.prepare('SELECT key, value FROM tags WHERE asset_id = ?'),
    delete: db.prepare('DELETE FROM asset_search WHERE rowid = ?'),
    insert: db.prepare('INSERT INTO asset_search (rowid, body) VALUES (?, ?)'),
  };
  for (const id of assetIds) {
    const asset = q.asset.get(id) as { name: string; body: string } | undefined;
    if (!asset) continue;
    const software = q.software.all(id) as string[];
    const tags = new Map((q.tags.all(id) as { key: string; value: string }[]).map((t) => [t.key, t.value] as const));
    q.delete.run(id);
    q.insert.run(id, assetSearchText(asset.name, decodeAssetBody(asset.body), software, tags));
  }
}
