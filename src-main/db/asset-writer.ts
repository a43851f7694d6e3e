// Writes observations into the inventory: stores the observation (idempotently), finds or creates
// its asset (through the placeholder merge rules), and updates the golden record with field-level
// provenance, submodels and the search index. Synchronous: callers wrap batches in a transaction.
import { createHash } from 'node:crypto';
import type { AssetFieldName, FieldValue, ObservationInput } from '../../src-shared/model/index.js';
import type { SourceKind } from '../../src-shared/model/source-kinds.js';
import {
  decideAsset,
  displayName,
  fieldsToWrite,
  vendorSerialKey,
  type CurrentFieldValue,
} from '../engine/placeholder/placeholder-merge.js';
import { derivePrimaryIp } from '../engine/derive-primary-ip.js';
import type { Database } from './database.js';
import { buildSearchBody } from './search-body.js';

export type WriteOutcome = 'created' | 'updated' | 'unchanged';

export interface AssetWriterContext {
  sourceId: string;
  sourceKind: SourceKind;
  runId: string | null;
  /** ISO time used for created_at/updated_at. */
  now: () => string;
  newId: () => string;
}

export interface AssetWriter {
  write(observation: ObservationInput, options?: { targetAssetId?: string }): { outcome: WriteOutcome; assetId: string };
}

/** Confidence of a value by source kind, until the reconciliation engine computes it. */
const SOURCE_CONFIDENCE: Record<SourceKind, number> = {
  manual: 1,
  aws: 0.95,
  azure: 0.95,
  gcp: 0.95,
  servers_cache: 0.8,
  desktop_cache: 0.8,
  cloud_manual: 0.75,
  snmp: 0.85,
  opcua: 0.9,
  bacnet: 0.85,
  modbus: 0.7,
};

const DENORMALISED: readonly AssetFieldName[] = ['hostname', 'fqdn', 'primary_ip', 'serial', 'vendor', 'model', 'os_name', 'os_version'];

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function observationContentHash(o: ObservationInput): string {
  const content = stableJson({ k: o.nativeKey, c: o.assetClass, f: o.fields, i: o.interfaces, s: o.software, t: o.tags, r: o.relations });
  return createHash('sha256').update(content).digest('hex');
}

function asText(value: FieldValue | undefined): string | null {
  if (value === undefined || value === null || value === '') return null;
  return String(value);
}

export function createAssetWriter(db: Database, ctx: AssetWriterContext): AssetWriter {
  const q = {
    findKey: db.prepare('SELECT id FROM observations WHERE idempotency_key = ?').pluck(),
    touchSource: db.prepare('UPDATE asset_sources SET last_seen = max(last_seen, ?) WHERE source_id = ? AND native_key = ?'),
    byNativeKey: db.prepare('SELECT asset_id FROM asset_sources WHERE source_id = ? AND native_key = ?').pluck(),
    byIdentity: db.prepare('SELECT asset_id FROM identities WHERE kind = ? AND value = ? LIMIT 1').pluck(),
    insertObservation: db.prepare(
      `INSERT INTO observations (id, source_id, run_id, native_key, observed_at, asset_class, fields_json, interfaces_json, software_json,
        tags_json, relations_json, raw_json, content_hash, idempotency_key, asset_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertAsset: db.prepare(
      `INSERT INTO assets (id, class, name, status, hostname, fqdn, primary_ip, serial, vendor, model, os_name, os_version,
        lifecycle_stage, source_count, quality_score, first_seen, last_seen, created_at, updated_at)
       VALUES (@id, @class, @name, 'active', @hostname, @fqdn, @primary_ip, @serial, @vendor, @model, @os_name, @os_version,
        NULL, 1, NULL, @seen, @seen, @now, @now)`,
    ),
    assetRow: db.prepare('SELECT rowid, id, class, name, first_seen, last_seen FROM assets WHERE id = ?'),
    updateAsset: db.prepare(
      `UPDATE assets SET class = @class, name = @name, hostname = @hostname, fqdn = @fqdn, primary_ip = @primary_ip, serial = @serial,
        vendor = @vendor, model = @model, os_name = @os_name, os_version = @os_version,
        source_count = (SELECT count(*) FROM asset_sources WHERE asset_id = @id),
        first_seen = min(first_seen, @seen), last_seen = max(last_seen, @seen), status = 'active', updated_at = @now
       WHERE id = @id`,
    ),
    touchAsset: db.prepare("UPDATE assets SET last_seen = max(last_seen, ?), status = 'active' WHERE id = ?"),
    upsertField: db.prepare(
      `INSERT INTO asset_fields (asset_id, field, value_json, source_id, observation_id, confidence, observed_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (asset_id, field) DO UPDATE SET value_json = excluded.value_json, source_id = excluded.source_id,
         observation_id = excluded.observation_id, confidence = excluded.confidence, observed_at = excluded.observed_at`,
    ),
    currentFields: db.prepare(
      'SELECT f.field, f.value_json, f.observed_at, s.kind FROM asset_fields f JOIN sources s ON s.id = f.source_id WHERE f.asset_id = ?',
    ),
    upsertHardware: db.prepare(
      `INSERT INTO hardware (asset_id, vendor, model, serial, firmware) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (asset_id) DO UPDATE SET vendor = excluded.vendor, model = excluded.model, serial = excluded.serial, firmware = excluded.firmware`,
    ),
    deleteInterfaces: db.prepare('DELETE FROM network_interfaces WHERE asset_id = ? AND source_id = ?'),
    insertInterface: db.prepare(
      'INSERT INTO network_interfaces (id, asset_id, name, mac, ips_json, vlan, speed_mbps, oper_status, source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    deleteSoftware: db.prepare('DELETE FROM software WHERE asset_id = ? AND source_id = ?'),
    insertSoftware: db.prepare('INSERT INTO software (id, asset_id, name, version, vendor, purl, source_id) VALUES (?, ?, ?, ?, ?, NULL, ?)'),
    upsertTag: db.prepare('INSERT INTO tags (asset_id, key, value) VALUES (?, ?, ?) ON CONFLICT (asset_id, key) DO UPDATE SET value = excluded.value'),
    upsertIdentity: db.prepare(
      'INSERT INTO identities (kind, value, asset_id, weight, source_id) VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, value, asset_id) DO NOTHING',
    ),
    upsertAssetSource: db.prepare(
      `INSERT INTO asset_sources (source_id, native_key, asset_id, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (source_id, native_key) DO UPDATE SET asset_id = excluded.asset_id, last_seen = max(asset_sources.last_seen, excluded.last_seen)`,
    ),
    addresses: db.prepare('SELECT mac, ips_json FROM network_interfaces WHERE asset_id = ?'),
    deleteSearch: db.prepare('DELETE FROM asset_search WHERE rowid = ?'),
    insertSearch: db.prepare('INSERT INTO asset_search (rowid, body) VALUES (?, ?)'),
  };

  const confidence = SOURCE_CONFIDENCE[ctx.sourceKind];

  function writeSubmodels(assetId: string, o: ObservationInput, isNew: boolean): boolean {
    let changed = false;
    const f = o.fields;
    if (f.vendor != null || f.model != null || f.serial != null || f.firmware != null) {
      q.upsertHardware.run(assetId, asText(f.vendor), asText(f.model), asText(f.serial), asText(f.firmware));
    }
    if (o.interfaces.length > 0) {
      if (!isNew) q.deleteInterfaces.run(assetId, ctx.sourceId);
      for (const nic of o.interfaces) {
        q.insertInterface.run(ctx.newId(), assetId, nic.name ?? null, nic.mac ?? null, JSON.stringify(nic.ips), nic.vlan ?? null, nic.speedMbps ?? null, nic.operStatus ?? null, ctx.sourceId);
      }
      changed = true;
    }
    if (o.software.length > 0) {
      if (!isNew) q.deleteSoftware.run(assetId, ctx.sourceId);
      for (const sw of o.software) q.insertSoftware.run(ctx.newId(), assetId, sw.name, sw.version ?? null, sw.vendor ?? null, ctx.sourceId);
      changed = true;
    }
    for (const [key, value] of Object.entries(o.tags)) q.upsertTag.run(assetId, key, value);
    const serialKey = vendorSerialKey(f);
    if (serialKey) q.upsertIdentity.run('vendor_serial', serialKey, assetId, 1, ctx.sourceId);
    for (const nic of o.interfaces) if (nic.mac) q.upsertIdentity.run('mac', nic.mac.toLowerCase(), assetId, 0.5, ctx.sourceId);
    if (typeof f.fqdn === 'string' && f.fqdn) q.upsertIdentity.run('fqdn', f.fqdn.toLowerCase(), assetId, 0.4, ctx.sourceId);
    if (typeof f.cloud_instance_id === 'string' && f.cloud_instance_id) q.upsertIdentity.run('cloud_instance_id', f.cloud_instance_id, assetId, 1, ctx.sourceId);
    return changed;
  }

  function refreshSearch(rowid: number, values: (string | null)[], assetId: string | null): void {
    const all = [...values];
    if (assetId) {
      for (const row of q.addresses.all(assetId) as { mac: string | null; ips_json: string }[]) {
        all.push(row.mac);
        for (const ip of JSON.parse(row.ips_json) as { address: string }[]) all.push(ip.address);
      }
    }
    q.deleteSearch.run(rowid);
    q.insertSearch.run(rowid, buildSearchBody(all));
  }

  function denormalised(fields: Map<AssetFieldName, FieldValue>): Record<string, string | null> {
    const out: Record<string, string | null> = {};
    for (const name of DENORMALISED) out[name] = asText(fields.get(name));
    return out;
  }

  return {
    write(input, options = {}) {
      const primaryIp = derivePrimaryIp(input);
      const o: ObservationInput = primaryIp && input.fields.primary_ip !== primaryIp ? { ...input, fields: { ...input.fields, primary_ip: primaryIp } } : input;
      const contentHash = observationContentHash(o);
      const key = createHash('sha256').update(`${ctx.sourceId}\u0000${o.nativeKey}\u0000${contentHash}`).digest('hex');
      const existingObservation = q.findKey.get(key) as string | undefined;
      if (existingObservation !== undefined) {
        q.touchSource.run(o.observedAt, ctx.sourceId, o.nativeKey);
        const assetId = (options.targetAssetId ?? q.byNativeKey.get(ctx.sourceId, o.nativeKey)) as string | undefined;
        if (assetId) q.touchAsset.run(o.observedAt, assetId);
        return { outcome: 'unchanged', assetId: assetId ?? '' };
      }
      const serialKey = vendorSerialKey(o.fields);
      const decision = options.targetAssetId
        ? { kind: 'update' as const, assetId: options.targetAssetId }
        : decideAsset({
            byNativeKey: (q.byNativeKey.get(ctx.sourceId, o.nativeKey) as string | undefined) ?? null,
            byVendorSerial: serialKey ? ((q.byIdentity.get('vendor_serial', serialKey) as string | undefined) ?? null) : null,
          });
      const observationId = ctx.newId();
      const now = ctx.now();
      const assetClass = o.assetClass ?? 'unknown';
      let assetId: string;
      let outcome: WriteOutcome;
      if (decision.kind === 'create') {
        assetId = ctx.newId();
        const fields = new Map<AssetFieldName, FieldValue>();
        for (const [name, value] of Object.entries(o.fields) as [AssetFieldName, FieldValue | undefined][]) {
          if (value !== undefined && value !== null && value !== '') fields.set(name, value);
        }
        const name = displayName(o.fields, o.nativeKey);
        const info = q.insertAsset.run({ id: assetId, class: assetClass, name, ...denormalised(fields), seen: o.observedAt, now });
        q.insertObservation.run(observationId, ctx.sourceId, ctx.runId, o.nativeKey, o.observedAt, o.assetClass, JSON.stringify(o.fields), JSON.stringify(o.interfaces), JSON.stringify(o.software), JSON.stringify(o.tags), JSON.stringify(o.relations), JSON.stringify(o.raw ?? null), contentHash, key, assetId, now);
        for (const [field, value] of fields) q.upsertField.run(assetId, field, JSON.stringify(value), ctx.sourceId, observationId, confidence, o.observedAt);
        q.upsertAssetSource.run(ctx.sourceId, o.nativeKey, assetId, o.observedAt, o.observedAt);
        writeSubmodels(assetId, o, true);
        const addressValues: (string | null)[] = [];
        for (const nic of o.interfaces) {
          addressValues.push(nic.mac ?? null);
          for (const ip of nic.ips) addressValues.push(ip.address);
        }
        refreshSearch(Number(info.lastInsertRowid), [name, ...Object.values(denormalised(fields)), ...addressValues], null);
        outcome = 'created';
      } else {
        assetId = decision.assetId;
        const row = q.assetRow.get(assetId) as { rowid: number; id: string; class: string; name: string } | undefined;
        if (!row) throw new Error(`Asset ${assetId} does not exist`);
        const current = new Map<AssetFieldName, CurrentFieldValue>();
        for (const r of q.currentFields.all(assetId) as { field: AssetFieldName; value_json: string; observed_at: string; kind: SourceKind }[]) {
          current.set(r.field, { value: JSON.parse(r.value_json) as FieldValue, sourceKind: r.kind, observedAt: r.observed_at });
        }
        q.insertObservation.run(observationId, ctx.sourceId, ctx.runId, o.nativeKey, o.observedAt, o.assetClass, JSON.stringify(o.fields), JSON.stringify(o.interfaces), JSON.stringify(o.software), JSON.stringify(o.tags), JSON.stringify(o.relations), JSON.stringify(o.raw ?? null), contentHash, key, assetId, now);
        const changedFields = fieldsToWrite(current, o, ctx.sourceKind);
        for (const field of changedFields) {
          const value = o.fields[field] as FieldValue;
          q.upsertField.run(assetId, field, JSON.stringify(value), ctx.sourceId, observationId, confidence, o.observedAt);
          current.set(field, { value, sourceKind: ctx.sourceKind, observedAt: o.observedAt });
        }
        q.upsertAssetSource.run(ctx.sourceId, o.nativeKey, assetId, o.observedAt, o.observedAt);
        const submodelsChanged = writeSubmodels(assetId, o, false);
        const values = new Map<AssetFieldName, FieldValue>([...current].map(([k, v]) => [k, v.value]));
        const nameFields = Object.fromEntries(values) as ObservationInput['fields'];
        // A person's choice of class wins; a collector only fills in a class nobody knew yet.
        const nextClass = o.assetClass && (ctx.sourceKind === 'manual' || row.class === 'unknown') ? o.assetClass : row.class;
        const name = displayName(nameFields, row.name);
        q.updateAsset.run({ id: assetId, class: nextClass, name, ...denormalised(values), seen: o.observedAt, now });
        refreshSearch(row.rowid, [name, ...Object.values(denormalised(values))], assetId);
        const classChanged = nextClass !== row.class;
        outcome = changedFields.length > 0 || submodelsChanged || classChanged || Object.keys(o.tags).length > 0 ? 'updated' : 'unchanged';
      }
      return { outcome, assetId };
    },
  };
}
