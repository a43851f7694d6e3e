// Writes the result of reconciling one closure (see reconcile-store.ts) as a diff against what is
// stored: records whose id and content are unchanged are left alone; changed records are rewritten
// (row, field provenance, submodels, identities, merge explanations, search text) with an
// asset_versions row; new ids are inserted; ids that disappeared are removed, and what people own
// (person tags, lifecycle) plus everything that points at them (relations, discovery hosts) moves to
// the successor: the record that now holds the removed record's smallest member. Synchronous:
// callers run it inside their transaction.
import type { AssetVersionCause } from '../../src-shared/api/reconciliation.js';
import type { AssetFieldName, FieldValue } from '../../src-shared/model/index.js';
import { naturalKeyOf, sha256Hex, splitNaturalKey, stableStringify, type GoldenRecord, type NaturalKey, type ReconcileResult } from '../engine/reconcile/index.js';
import { createBatchInsert, type BatchRow } from './batch-insert.js';
import type { Database } from './database.js';
import { buildSearchBody } from './search-body.js';

export interface ReconcileCause {
  kind: AssetVersionCause;
  /** The run, decision or stewardship item behind the change. */
  id: string | null;
  correlationId: string | null;
}

export interface ApplyContext {
  now: string;
  newId: () => string;
  cause: ReconcileCause;
}

export interface ApplyOutcome {
  created: string[];
  updated: string[];
  removed: string[];
  unchanged: number;
  /** The asset each reconciled natural key belongs to now. */
  assetOf: Map<NaturalKey, string>;
}

const DISPLAY: readonly AssetFieldName[] = ['hostname', 'fqdn', 'primary_ip', 'serial', 'vendor', 'model', 'os_name', 'os_version'];

function text(value: FieldValue | undefined): string | null {
  return value === undefined || value === null || value === '' ? null : String(value);
}

/**
 * Everything a stored record shows, except what changes with the clock alone (decayed confidence,
 * freshness): if this is unchanged, rewriting the record would change nothing a person sees.
 */
export function goldenRecordFingerprint(r: GoldenRecord): string {
  const candidate = (c: { value: FieldValue; sourceId: string; observationId: string; observedAt: string; agreesWithGolden?: boolean }) => [
    c.value,
    c.sourceId,
    c.observationId,
    c.observedAt,
    c.agreesWithGolden ?? null,
  ];
  const fields = Object.entries(r.fields).map(([name, f]) => [name, ...candidate(f), f.competing.map(candidate), f.suggestions.map(candidate)]);
  return sha256Hex(
    stableStringify({
      c: r.assetClass,
      n: r.name,
      s: [r.firstSeen, r.lastSeen],
      m: r.members.map((m) => [m.naturalKey, m.observationId, m.observedAt]),
      f: fields,
      h: r.hardware,
      i: r.interfaces,
      w: r.software,
      t: r.tags,
      d: r.identities,
      g: r.merges,
      q: [r.quality.missingFields, r.quality.disputedFields, r.quality.completeness, r.quality.agreement],
      x: r.sourceStats,
    }),
  );
}

function snapshotOf(r: GoldenRecord): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = { class: r.assetClass, name: r.name };
  for (const [name, f] of Object.entries(r.fields)) out[name] = f.value;
  return out;
}

export function createGoldenRecordWriter(db: Database) {
  const q = {
    assetRow: db.prepare('SELECT rowid, id, class, name, content_hash FROM assets WHERE id = ?'),
    members: db.prepare('SELECT source_id, native_key FROM asset_sources WHERE asset_id = ?'),
    fieldValues: db.prepare('SELECT field, value_json FROM asset_fields WHERE asset_id = ?'),
    insertAsset: db.prepare(
      `INSERT INTO assets (id, class, name, status, hostname, fqdn, primary_ip, serial, vendor, model, os_name, os_version, lifecycle_stage,
        source_count, quality_score, quality_json, content_hash, first_seen, last_seen, created_at, updated_at)
       VALUES (@id, @class, @name, 'active', @hostname, @fqdn, @primary_ip, @serial, @vendor, @model, @os_name, @os_version, NULL,
        @source_count, @quality_score, @quality_json, @content_hash, @first_seen, @last_seen, @now, @now)`,
    ),
    updateAsset: db.prepare(
      `UPDATE assets SET class = @class, name = @name, status = 'active', hostname = @hostname, fqdn = @fqdn, primary_ip = @primary_ip, serial = @serial,
        vendor = @vendor, model = @model, os_name = @os_name, os_version = @os_version, source_count = @source_count, quality_score = @quality_score,
        quality_json = @quality_json, content_hash = @content_hash, first_seen = @first_seen, last_seen = @last_seen, updated_at = @now
       WHERE id = @id`,
    ),
    deleteFields: db.prepare('DELETE FROM asset_fields WHERE asset_id = ?'),
    deleteHardware: db.prepare('DELETE FROM hardware WHERE asset_id = ?'),
    deleteInterfaces: db.prepare('DELETE FROM network_interfaces WHERE asset_id = ?'),
    deleteSoftware: db.prepare('DELETE FROM software WHERE asset_id = ?'),
    deleteObservedTags: db.prepare("DELETE FROM tags WHERE asset_id = ? AND origin = 'observed'"),
    deleteIdentities: db.prepare('DELETE FROM identities WHERE asset_id = ?'),
    deleteMerges: db.prepare('DELETE FROM merge_explanations WHERE asset_id = ?'),
    deleteStats: db.prepare('DELETE FROM asset_source_stats WHERE asset_id = ?'),
    deleteSearch: db.prepare('DELETE FROM asset_search WHERE rowid = ?'),
    nextVersion: db.prepare('SELECT coalesce(max(version), 0) + 1 FROM asset_versions WHERE asset_id = ?').pluck(),
    insertVersion: db.prepare(
      `INSERT INTO asset_versions (id, asset_id, version, at, change, cause, cause_id, correlation_id, snapshot_json, changes_json,
        members_added_json, members_removed_json, successor_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    movePersonTags: db.prepare(
      `INSERT INTO tags (asset_id, key, value, origin) SELECT ?, key, value, 'person' FROM tags WHERE asset_id = ? AND origin = 'person'
       ON CONFLICT (asset_id, key) DO UPDATE SET value = excluded.value, origin = 'person' WHERE tags.origin = 'observed'`,
    ),
    moveLifecycle: db.prepare(
      `INSERT OR IGNORE INTO lifecycle (asset_id, stage, owner, warranty_end, end_of_sale, end_of_life, notes, updated_at)
       SELECT ?, stage, owner, warranty_end, end_of_sale, end_of_life, notes, updated_at FROM lifecycle WHERE asset_id = ?`,
    ),
    syncLifecycleStage: db.prepare('UPDATE assets SET lifecycle_stage = (SELECT stage FROM lifecycle WHERE asset_id = ?) WHERE id = ?'),
    relationsFrom: db.prepare('UPDATE relations SET from_asset_id = ? WHERE from_asset_id = ?'),
    relationsTo: db.prepare('UPDATE relations SET to_asset_id = ? WHERE to_asset_id = ?'),
    dropSelfRelations: db.prepare('DELETE FROM relations WHERE from_asset_id = ? AND to_asset_id = ?'),
    runHosts: db.prepare('UPDATE discovery_run_hosts SET asset_id = ? WHERE asset_id = ?'),
    learned: db.prepare('UPDATE learned_addresses SET learned_from_asset_id = ? WHERE learned_from_asset_id = ?'),
    deleteAsset: db.prepare('DELETE FROM assets WHERE id = ?'),
  };
  // The rows of every rewritten record of one apply() go in together, a few statements per table
  // instead of one per row; nothing in apply() reads these tables between the per-record writes.
  const batch = {
    fields: createBatchInsert(
      db,
      'INSERT INTO asset_fields (asset_id, field, value_json, source_id, observation_id, confidence, observed_at, competing_json, suggestions_json)',
      '(?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    interfaces: createBatchInsert(
      db,
      'INSERT INTO network_interfaces (id, asset_id, name, mac, ips_json, vlan, speed_mbps, oper_status, source_id)',
      '(?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    software: createBatchInsert(db, 'INSERT INTO software (id, asset_id, name, version, vendor, purl, cpe, source_id)', '(?, ?, ?, ?, ?, ?, ?, ?)'),
    tags: createBatchInsert(db, 'INSERT INTO tags (asset_id, key, value, origin)', "(?, ?, ?, 'observed')", 'ON CONFLICT (asset_id, key) DO NOTHING'),
    identities: createBatchInsert(db, 'INSERT OR IGNORE INTO identities (kind, value, asset_id, weight, source_id)', '(?, ?, ?, ?, NULL)'),
    merges: createBatchInsert(
      db,
      'INSERT INTO merge_explanations (asset_id, seq, left_source_id, left_native_key, right_source_id, right_native_key, reason, score, breakdown_json)',
      '(?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    stats: createBatchInsert(db, 'INSERT INTO asset_source_stats (asset_id, source_id, fields, conflicts)', '(?, ?, ?, ?)'),
    members: createBatchInsert(
      db,
      'INSERT INTO asset_sources (source_id, native_key, asset_id, first_seen, last_seen)',
      '(?, ?, ?, ?, ?)',
      `ON CONFLICT (source_id, native_key) DO UPDATE SET asset_id = excluded.asset_id, last_seen = excluded.last_seen,
         first_seen = min(asset_sources.first_seen, excluded.first_seen)`,
    ),
    search: createBatchInsert(db, 'INSERT INTO asset_search (rowid, body)', '(?, ?)'),
    hardware: createBatchInsert(
      db,
      'INSERT INTO hardware (asset_id, vendor, model, serial, firmware)',
      '(?, ?, ?, ?, ?)',
      'ON CONFLICT (asset_id) DO UPDATE SET vendor = excluded.vendor, model = excluded.model, serial = excluded.serial, firmware = excluded.firmware',
    ),
    versions: createBatchInsert(
      db,
      `INSERT INTO asset_versions (id, asset_id, version, at, change, cause, cause_id, correlation_id, snapshot_json, changes_json,
        members_added_json, members_removed_json, successor_id)`,
      '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
  };
  type PendingRows = Record<keyof typeof batch, BatchRow[]>;
  const noPendingRows = (): PendingRows => ({ fields: [], interfaces: [], software: [], tags: [], identities: [], merges: [], stats: [], members: [], search: [], hardware: [], versions: [] });

  function writeVersion(
    ctx: ApplyContext,
    assetId: string,
    change: 'created' | 'updated' | 'merged' | 'split' | 'removed',
    before: Record<string, FieldValue>,
    after: Record<string, FieldValue>,
    added: NaturalKey[],
    removed: NaturalKey[],
    successorId: string | null,
    pending: PendingRows | null,
  ): void {
    const changes: { field: string; before: FieldValue; after: FieldValue }[] = [];
    for (const field of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
      const b = before[field] ?? null;
      const a = after[field] ?? null;
      if (b !== a) changes.push({ field, before: b, after: a });
    }
    const refs = (keys: NaturalKey[]) => JSON.stringify([...keys].sort().map(splitNaturalKey));
    const row = [
      ctx.newId(),
      assetId,
      q.nextVersion.get(assetId) as number,
      ctx.now,
      change,
      ctx.cause.kind,
      ctx.cause.id,
      ctx.cause.correlationId,
      JSON.stringify(after),
      JSON.stringify(changes),
      refs(added),
      refs(removed),
      successorId,
    ];
    if (pending) pending.versions.push(row);
    else q.insertVersion.run(row);
  }

  function writeChildren(r: GoldenRecord, ctx: ApplyContext, rowid: number, isNew: boolean, pending: PendingRows): void {
    const id = r.assetId;
    if (!isNew) {
      q.deleteFields.run(id);
      q.deleteInterfaces.run(id);
      q.deleteSoftware.run(id);
      q.deleteObservedTags.run(id);
      q.deleteIdentities.run(id);
      q.deleteMerges.run(id);
      q.deleteStats.run(id);
    }
    for (const [field, f] of Object.entries(r.fields)) {
      pending.fields.push([id, field, JSON.stringify(f.value), f.sourceId, f.observationId, f.confidence, f.observedAt, JSON.stringify(f.competing), JSON.stringify(f.suggestions)]);
    }
    const hw = r.hardware;
    if (hw.vendor !== null || hw.model !== null || hw.serial !== null || hw.firmware !== null) pending.hardware.push([id, hw.vendor, hw.model, hw.serial, hw.firmware]);
    else if (!isNew) q.deleteHardware.run(id);
    const addresses: string[] = [];
    for (const nic of r.interfaces) {
      const ips = nic.ips.map((ip) => (ip.network === '?' ? { address: ip.address } : { address: ip.address, network: ip.network }));
      pending.interfaces.push([ctx.newId(), id, nic.name, nic.mac, JSON.stringify(ips), nic.vlan, nic.speedMbps, nic.operStatus, nic.sourceIds[0] ?? null]);
      if (nic.mac) addresses.push(nic.mac);
      for (const ip of nic.ips) addresses.push(ip.address);
    }
    for (const sw of r.software) pending.software.push([ctx.newId(), id, sw.name, sw.version, sw.vendor, sw.purl, sw.cpe, sw.sourceIds[0] ?? null]);
    for (const [key, value] of Object.entries(r.tags)) pending.tags.push([id, key, value]);
    for (const claim of r.identities) pending.identities.push([claim.kind, claim.value, id, claim.weight]);
    r.merges.forEach((m, seq) => {
      const left = splitNaturalKey(m.left);
      const right = splitNaturalKey(m.right);
      pending.merges.push([id, seq, left.sourceId, left.nativeKey, right.sourceId, right.nativeKey, m.reason, m.score, JSON.stringify(m.breakdown)]);
    });
    for (const [sourceId, stats] of Object.entries(r.sourceStats)) pending.stats.push([id, sourceId, stats.fields, stats.conflicts]);
    const display = DISPLAY.map((name) => text(r.fields[name]?.value));
    if (!isNew) q.deleteSearch.run(rowid);
    pending.search.push([rowid, buildSearchBody([r.name, ...display, ...addresses])]);
  }

  function rowParams(r: GoldenRecord, fingerprint: string, now: string) {
    const display = Object.fromEntries(DISPLAY.map((name) => [name, text(r.fields[name]?.value)]));
    return {
      id: r.assetId,
      class: r.assetClass,
      name: r.name,
      ...display,
      source_count: r.members.length,
      quality_score: r.quality.score,
      quality_json: JSON.stringify(r.quality),
      content_hash: fingerprint,
      first_seen: r.firstSeen,
      last_seen: r.lastSeen,
      now,
    };
  }

  return {
    /**
     * Applies `result`, the reconciliation of a closure whose members belonged to `previousAssetIds`.
     * Every member of those assets must be in the result (the closure guarantees it).
     */
    apply(result: ReconcileResult, previousAssetIds: ReadonlySet<string>, ctx: ApplyContext): ApplyOutcome {
      const outcome: ApplyOutcome = { created: [], updated: [], removed: [], unchanged: 0, assetOf: new Map() };
      const oldMembers = new Map<string, NaturalKey[]>();
      for (const id of previousAssetIds) {
        oldMembers.set(id, (q.members.all(id) as { source_id: string; native_key: string }[]).map((m) => naturalKeyOf(m.source_id, m.native_key)));
      }
      const snapshotFromDb = (id: string, cls: string, name: string): Record<string, FieldValue> => {
        const out: Record<string, FieldValue> = { class: cls, name };
        for (const f of q.fieldValues.all(id) as { field: string; value_json: string }[]) out[f.field] = JSON.parse(f.value_json) as FieldValue;
        return out;
      };
      const newIds = new Set(result.assets.map((a) => a.assetId));
      for (const r of result.assets) for (const m of r.members) outcome.assetOf.set(m.naturalKey, r.assetId);

      const pending = noPendingRows();
      for (const r of result.assets) {
        const fingerprint = goldenRecordFingerprint(r);
        const existing = q.assetRow.get(r.assetId) as { rowid: number; id: string; class: string; name: string; content_hash: string | null } | undefined;
        const members = r.members.map((m) => m.naturalKey);
        if (existing && existing.content_hash === fingerprint) {
          outcome.unchanged += 1;
          continue;
        }
        const before = existing ? snapshotFromDb(r.assetId, existing.class, existing.name) : {};
        const previous = new Set(oldMembers.get(r.assetId) ?? []);
        const added = members.filter((k) => !previous.has(k));
        const removedMembers = [...previous].filter((k) => !members.includes(k));
        let rowid: number;
        if (existing) {
          q.updateAsset.run(rowParams(r, fingerprint, ctx.now));
          rowid = existing.rowid;
          outcome.updated.push(r.assetId);
        } else {
          rowid = Number(q.insertAsset.run(rowParams(r, fingerprint, ctx.now)).lastInsertRowid);
          outcome.created.push(r.assetId);
        }
        writeChildren(r, ctx, rowid, !existing, pending);
        for (const m of r.members) {
          const { sourceId, nativeKey } = splitNaturalKey(m.naturalKey);
          pending.members.push([sourceId, nativeKey, r.assetId, m.observedAt, m.observedAt]);
        }
        const change = existing ? (removedMembers.length > 0 ? 'split' : 'updated') : 'created';
        writeVersion(ctx, r.assetId, change, before, snapshotOf(r), added, removedMembers, null, pending);
      }

      // Before removals: a removed asset's members must have moved to their new assets first.
      for (const table of Object.keys(batch) as (keyof typeof batch)[]) batch[table].run(pending[table]);

      for (const id of [...previousAssetIds].sort()) {
        if (newIds.has(id)) continue;
        const members = (oldMembers.get(id) ?? []).sort();
        const smallest = members[0];
        const successor = smallest !== undefined ? (outcome.assetOf.get(smallest) ?? null) : null;
        const row = q.assetRow.get(id) as { rowid: number; class: string; name: string } | undefined;
        if (!row) continue;
        writeVersion(ctx, id, successor ? 'merged' : 'removed', snapshotFromDb(id, row.class, row.name), {}, [], members, successor, null);
        if (successor) {
          q.movePersonTags.run(successor, id);
          q.moveLifecycle.run(successor, id);
          q.syncLifecycleStage.run(successor, successor);
          q.relationsFrom.run(successor, id);
          q.relationsTo.run(successor, id);
          q.dropSelfRelations.run(successor, successor);
          q.runHosts.run(successor, id);
          q.learned.run(successor, id);
        }
        q.deleteSearch.run(row.rowid);
        q.deleteAsset.run(id);
        outcome.removed.push(id);
      }
      return outcome;
    },
  };
}

export type GoldenRecordWriter = ReturnType<typeof createGoldenRecordWriter>;
