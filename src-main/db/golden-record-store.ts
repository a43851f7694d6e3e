// Writes the result of reconciling one closure as a difference against what is stored: a record
// whose content fingerprint is unchanged is left alone (only its dates and status move); a changed
// one is rewritten (row, search text, observed tags, software, sites, product counts) with a version row holding what
// changed; a new one is inserted; one that disappeared is removed, and what people own (their tags,
// lifecycle) and what points at it (discovery hosts, learned addresses) moves to its successor: the
// asset that now holds the member it was named after. Rows of the whole closure go in together, a few
// statements per table. Synchronous: callers hold the transaction.
import { createHash } from 'node:crypto';
import type { AssetVersionCause } from '../../src-shared/api/reconciliation.js';
import type { AssetClass, FieldValue } from '../../src-shared/model/index.js';
import { type GoldenRecord, type NaturalKey, type ReconcileResult } from '../engine/reconcile/index.js';
import { encodeAssetBody, decodeAssetBody, bodyValues, type AssetBody } from './asset-body.js';
import { missingFieldsOf, productKey, sitesOf } from './asset-dimensions.js';
import { createBatchInsert } from './batch-insert.js';
import type { Database } from './database.js';
import { ipSortKey } from './ip-sort-key.js';
import type { LoadedRecord } from './record-heads.js';
import { assetSearchText, refreshAssetSearch } from './asset-search-text.js';
import type { SourceDirectory } from './source-directory.js';
import { createStewardshipSync } from './stewardship-repository.js';

export interface ReconcileCause {
  kind: AssetVersionCause;
  /** The run, decision or stewardship item behind the change. */
  id: string | null;
  correlationId: string | null;
}

export interface ApplyContext {
  now: string;
  cause: ReconcileCause;
}

export interface AssetRef {
  id: number;
  uid: string;
}

export interface ApplyOutcome {
  created: string[];
  updated: string[];
  removed: string[];
  unchanged: number;
  /** The asset each reconciled record belongs to now. */
  assetOfRecord: Map<number, AssetRef>;
  /** Records alone in their asset and sharing no identifier with another record. */
  soloRecords: Set<number>;
  stewardshipOpened: number;
  stewardshipResolved: number;
}

interface StoredAsset {
  id: number;
  uid: string;
  class: AssetClass;
  name: string;
  status: string;
  content_hash: string;
  body: string;
  first_seen: string;
  last_seen: string;
  created_at: string;
  created_cause: string | null;
}

const DISPLAY_FIELDS = ['hostname', 'fqdn', 'primary_ip', 'serial', 'vendor', 'model', 'os_name', 'os_version'] as const;

function text(value: FieldValue | undefined): string | null {
  return value === undefined || value === null || value === '' ? null : String(value);
}

export function fingerprintOf(r: GoldenRecord, bodyText: string): string {
  return createHash('sha256').update(`${r.assetClass}\u0000${r.name}\u0000${bodyText}`).digest('hex').slice(0, 32);
}

export function createGoldenRecordStore(db: Database, sources: SourceDirectory) {
  const q = {
    assetsById: db.prepare(
      'SELECT a.id, a.uid, a.class, a.name, a.status, a.content_hash, a.body, a.first_seen, a.last_seen, a.created_at, a.created_cause FROM json_each(?) j CROSS JOIN assets a ON a.id = j.value',
    ),
    maxAssetId: db.prepare('SELECT coalesce(max(id), 0) FROM assets').pluck(),
    updateAsset: db.prepare(
      `UPDATE assets SET class = @class, name = @name, status = CASE WHEN status = 'retired' THEN status ELSE @status END, hostname = @hostname, fqdn = @fqdn,
        primary_ip = @primary_ip, ip_sort = @ip_sort, serial = @serial, vendor = @vendor, model = @model, os_name = @os_name, os_version = @os_version,
        source_count = @source_count, quality = @quality, first_seen = @first_seen, last_seen = @last_seen, updated_at = @now,
        content_hash = @content_hash, body = @body WHERE id = @id`,
    ),
    // Columns in a SET rewrite every index holding them even when unchanged (status is in all the
    // list indexes): dates and status are set apart, each only when it moved.
    touchAsset: db.prepare('UPDATE assets SET first_seen = ?, last_seen = ?, source_count = ? WHERE id = ?'),
    setAssetStatus: db.prepare("UPDATE assets SET status = ? WHERE id = ? AND status <> 'retired'"),
    personTags: db.prepare("SELECT key, value FROM tags WHERE asset_id = ? AND origin = 'person'"),
    deleteObservedTags: db.prepare("DELETE FROM tags WHERE asset_id = ? AND origin = 'observed'"),
    deleteSoftware: db.prepare('DELETE FROM asset_software WHERE asset_id = ?'),
    oldProducts: db.prepare('SELECT DISTINCT s.name, s.vendor FROM asset_software a JOIN software s ON s.id = a.software_id WHERE a.asset_id = ?'),
    deleteSites: db.prepare('DELETE FROM asset_sites WHERE asset_id = ?'),
    deleteSearch: db.prepare('DELETE FROM asset_search WHERE rowid = ?'),
    softwareId: db.prepare('SELECT id FROM software WHERE name = ? AND version = ? AND vendor = ?').pluck(),
    insertSoftware: db.prepare('INSERT INTO software (name, version, vendor, purl, cpe) VALUES (?, ?, ?, ?, ?)'),
    nextVersion: db.prepare('SELECT coalesce(max(version), 1) + 1 FROM asset_versions WHERE asset_uid = ?').pluck(),
    withHistory: db.prepare('SELECT DISTINCT v.asset_uid FROM json_each(?) j CROSS JOIN asset_versions v ON v.asset_uid = j.value').pluck(),
    insertVersion: db.prepare(
      `INSERT INTO asset_versions (asset_uid, version, at, change, cause, cause_id, correlation_id, changes, members_added, members_removed, successor_uid)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    movePersonTags: db.prepare(
      `INSERT INTO tags (asset_id, key, value, origin) SELECT ?, key, value, 'person' FROM tags WHERE asset_id = ? AND origin = 'person'
       ON CONFLICT (asset_id, key) DO UPDATE SET value = excluded.value, origin = 'person' WHERE tags.origin = 'observed'`,
    ),
    moveLifecycle: db.prepare(
      `INSERT OR IGNORE INTO lifecycle (asset_id, stage, owner, warranty_end, end_of_sale, end_of_life, notes, updated_at)
       SELECT ?, stage, owner, warranty_end, end_of_sale, end_of_life, notes, updated_at FROM lifecycle WHERE asset_id = ?`,
    ),
    syncLifecycle: db.prepare('UPDATE assets SET lifecycle_stage = (SELECT stage FROM lifecycle WHERE asset_id = ?), owner = (SELECT owner FROM lifecycle WHERE asset_id = ?) WHERE id = ?'),
    deleteTags: db.prepare('DELETE FROM tags WHERE asset_id = ?'),
    deleteLifecycle: db.prepare('DELETE FROM lifecycle WHERE asset_id = ?'),
    runHosts: db.prepare('UPDATE discovery_run_hosts SET asset_uid = ? WHERE asset_uid = ?'),
    learned: db.prepare('UPDATE learned_addresses SET learned_from_asset_uid = ? WHERE learned_from_asset_uid = ?'),
    deleteDerived: db.prepare('DELETE FROM derived_relations WHERE from_asset_id = ? OR to_asset_id = ?'),
    deleteAsset: db.prepare('DELETE FROM assets WHERE id = ?'),
    addCount: db.prepare(
      'INSERT INTO asset_counts (dimension, value, count) VALUES (?, ?, ?) ON CONFLICT (dimension, value) DO UPDATE SET count = count + excluded.count',
    ),
    addQuality: db.prepare(
      `INSERT INTO source_quality (source_seq, assets, fields, conflicts) VALUES (?, ?, ?, ?)
       ON CONFLICT (source_seq) DO UPDATE SET assets = assets + excluded.assets, fields = fields + excluded.fields, conflicts = conflicts + excluded.conflicts`,
    ),
  };
  const batch = {
    assets: createBatchInsert(
      db,
      `INSERT INTO assets (id, uid, class, name, status, hostname, fqdn, primary_ip, ip_sort, serial, vendor, model, os_name, os_version,
        source_count, quality, first_seen, last_seen, created_at, created_cause, updated_at, content_hash, body)`,
      '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    search: createBatchInsert(db, 'INSERT INTO asset_search (rowid, body)', '(?, ?)'),
    tags: createBatchInsert(db, 'INSERT INTO tags (asset_id, key, value, origin)', "(?, ?, ?, 'observed')", 'ON CONFLICT (asset_id, key) DO NOTHING'),
    software: createBatchInsert(db, 'INSERT OR IGNORE INTO asset_software (asset_id, software_id)', '(?, ?)'),
    sites: createBatchInsert(db, 'INSERT OR IGNORE INTO asset_sites (asset_id, site)', '(?, ?)'),
    derived: createBatchInsert(db, 'INSERT OR REPLACE INTO derived_relations (from_asset_id, to_asset_id, type, score, breakdown)', '(?, ?, ?, ?, ?)'),
  };
  const syncStewardship = createStewardshipSync(db);
  /** Software dimension ids, remembered for the life of this store (rows are never deleted). */
  const softwareIds = new Map<string, number>();

  function softwareIdOf(sw: GoldenRecord['software'][number]): number {
    const key = `${sw.name}\u0000${sw.version ?? ''}\u0000${sw.vendor ?? ''}`;
    let id = softwareIds.get(key);
    if (id === undefined) {
      id = (q.softwareId.get(sw.name, sw.version ?? '', sw.vendor ?? '') as number | undefined) ?? Number(q.insertSoftware.run(sw.name, sw.version ?? '', sw.vendor ?? '', sw.purl, sw.cpe).lastInsertRowid);
      softwareIds.set(key, id);
    }
    return id;
  }

  /** Per-source statistics and counts change by deltas gathered over one apply, written once at its end. */
  const qualityDelta = new Map<string, [number, number, number]>();
  const countDelta = new Map<string, number>();
  function addQuality(body: AssetBody, sign: 1 | -1): void {
    for (const [ref, [fields, conflicts]] of Object.entries(body.x)) {
      const d = qualityDelta.get(ref) ?? [0, 0, 0];
      d[0] += sign;
      d[1] += sign * fields;
      d[2] += sign * conflicts;
      qualityDelta.set(ref, d);
    }
  }

  function count(dimension: string, value: string, delta: number): void {
    const k = `${dimension}\u0000${value}`;
    countDelta.set(k, (countDelta.get(k) ?? 0) + delta);
  }

  /** The dashboard's dimensions of one golden record (asset-dimensions.ts): its sites and missing fields. */
  function countDimensions(body: AssetBody, sign: 1 | -1): void {
    for (const site of sitesOf(body)) count('site', site, sign);
    for (const field of missingFieldsOf(body)) count('missing', field, sign);
  }

  /** The software page's product counts: the products an asset ran before its software rows are deleted. */
  function uncountProducts(assetId: number): void {
    for (const p of q.oldProducts.all(assetId) as { name: string; vendor: string }[]) count('product', productKey(p.name, p.vendor), -1);
  }

  function flushDeltas(): void {
    for (const [ref, [assets, fields, conflicts]] of qualityDelta) {
      const source = sources.byRef(ref);
      if (source && (assets !== 0 || fields !== 0 || conflicts !== 0)) q.addQuality.run(source.seq, assets, fields, conflicts);
    }
    for (const [k, delta] of countDelta) {
      if (delta === 0) continue;
      const at = k.indexOf('\u0000');
      q.addCount.run(k.slice(0, at), k.slice(at + 1), delta);
    }
    qualityDelta.clear();
    countDelta.clear();
  }

  type Ref = { sourceId: string; nativeKey: string };
  function writeVersion(ctx: ApplyContext, uid: string, change: string, before: Record<string, FieldValue>, after: Record<string, FieldValue>, added: Ref[], removed: Ref[], successor: string | null): void {
    const changes: { field: string; before: FieldValue; after: FieldValue }[] = [];
    for (const field of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
      const b = before[field] ?? null;
      const a = after[field] ?? null;
      if (b !== a) changes.push({ field, before: b, after: a });
    }
    q.insertVersion.run(uid, q.nextVersion.get(uid) as number, ctx.now, change, ctx.cause.kind, ctx.cause.id, ctx.cause.correlationId, JSON.stringify(changes), JSON.stringify(added), JSON.stringify(removed), successor);
  }

  return {
    /**
     * Applies `result`, the reconciliation of `closure` (every member of the assets its records
     * were in is in it). `partnered` lists the closure's records that share an identifier with
     * another record (they are not solo).
     */
    apply(closureRecords: ReadonlyMap<number, LoadedRecord>, byNaturalKey: ReadonlyMap<NaturalKey, LoadedRecord>, previousAssetIds: ReadonlySet<number>, result: ReconcileResult, partnered: ReadonlySet<number>, ctx: ApplyContext): ApplyOutcome {
      const outcome: ApplyOutcome = { created: [], updated: [], removed: [], unchanged: 0, assetOfRecord: new Map(), soloRecords: new Set(), stewardshipOpened: 0, stewardshipResolved: 0 };
      const recordIdOf = (k: NaturalKey): number => byNaturalKey.get(k)?.row.id ?? -1;
      const previous = new Map<string, StoredAsset>();
      const previousById = new Map<number, StoredAsset>();
      if (previousAssetIds.size > 0) {
        for (const a of q.assetsById.all(JSON.stringify([...previousAssetIds])) as StoredAsset[]) {
          previous.set(a.uid, a);
          previousById.set(a.id, a);
        }
      }
      const previousMembers = new Map<number, number[]>();
      for (const r of closureRecords.values()) {
        if (r.row.asset_id === null) continue;
        const list = previousMembers.get(r.row.asset_id) ?? [];
        list.push(r.row.id);
        previousMembers.set(r.row.asset_id, list);
      }
      const refOfRecord = (id: number) => {
        const r = closureRecords.get(id);
        return r ? { sourceId: sources.bySeq(r.row.source_seq).id, nativeKey: r.row.native_key } : null;
      };

      let nextId = (q.maxAssetId.get() as number) + 1;
      // Ids that had a history before (an asset merged away and now separate again) get a 'created' version.
      const newUids = result.assets.filter((r) => !previous.has(r.assetId)).map((r) => r.assetId);
      const hadHistory = new Set(newUids.length > 0 ? (q.withHistory.all(JSON.stringify(newUids)) as string[]) : []);
      const assetRows: unknown[][] = [];
      const searchRows: unknown[][] = [];
      const tagRows: unknown[][] = [];
      const softwareRows: unknown[][] = [];
      const siteRows: unknown[][] = [];
      const keep = new Set<number>();
      for (const r of result.assets) {
        const body = encodeAssetBody(r, recordIdOf);
        const bodyText = JSON.stringify(body);
        const fingerprint = fingerprintOf(r, bodyText);
        const old = previous.get(r.assetId);
        const observed = r.lastSeen !== '';
        const lastSeen = observed ? r.lastSeen : r.firstSeen;
        let id: number;
        if (old && old.content_hash === fingerprint) {
          id = old.id;
          outcome.unchanged += 1;
          if (old.first_seen !== r.firstSeen || old.last_seen !== lastSeen || old.status !== r.status) {
            if (old.first_seen !== r.firstSeen || old.last_seen !== lastSeen) q.touchAsset.run(r.firstSeen, lastSeen, r.members.length, id);
            if (old.status !== r.status) q.setAssetStatus.run(r.status, id);
            if (old.status !== r.status && old.status !== 'retired') {
              count('status', old.status, -1);
              count('status', r.status, 1);
            }
          }
        } else {
          const display = Object.fromEntries(DISPLAY_FIELDS.map((f) => [f, text(r.fields[f]?.value)])) as Record<(typeof DISPLAY_FIELDS)[number], string | null>;
          const params = {
            class: r.assetClass,
            name: r.name,
            status: r.status,
            ...display,
            ip_sort: ipSortKey(display.primary_ip ?? null),
            source_count: r.members.length,
            quality: r.quality.score,
            first_seen: r.firstSeen,
            last_seen: lastSeen,
            now: ctx.now,
            content_hash: fingerprint,
            body: bodyText,
          };
          let personTags: { key: string; value: string }[] = [];
          if (old) {
            id = old.id;
            q.updateAsset.run({ ...params, id });
            q.deleteObservedTags.run(id);
            uncountProducts(id);
            q.deleteSoftware.run(id);
            q.deleteSites.run(id);
            q.deleteSearch.run(id);
            personTags = q.personTags.all(id) as { key: string; value: string }[];
            const oldBody = decodeAssetBody(old.body);
            addQuality(oldBody, -1);
            countDimensions(oldBody, -1);
            if (old.class !== r.assetClass) {
              count('class', old.class, -1);
              count('class', r.assetClass, 1);
            }
            if (old.status !== r.status && old.status !== 'retired') {
              count('status', old.status, -1);
              count('status', r.status, 1);
            }
            const before = new Set(previousMembers.get(id) ?? []);
            const now = new Set(body.m);
            const added = body.m.filter((m) => !before.has(m)).map(refOfRecord).filter((x): x is Ref => x !== null);
            const removed = [...before].filter((m) => !now.has(m)).map(refOfRecord).filter((x): x is Ref => x !== null);
            writeVersion(ctx, r.assetId, removed.length > 0 ? 'split' : 'updated', { class: old.class, name: old.name, ...bodyValues(oldBody) }, { class: r.assetClass, name: r.name, ...bodyValues(body) }, added, removed, null);
            outcome.updated.push(r.assetId);
          } else {
            id = nextId++;
            assetRows.push([
              id, r.assetId, r.assetClass, r.name, r.status, params.hostname, params.fqdn, params.primary_ip, params.ip_sort, params.serial, params.vendor, params.model,
              params.os_name, params.os_version, params.source_count, params.quality, params.first_seen, params.last_seen, ctx.now, ctx.cause.kind, ctx.now, fingerprint, bodyText,
            ]);
            count('class', r.assetClass, 1);
            count('status', r.status, 1);
            count('total', '', 1);
            if (hadHistory.has(r.assetId)) writeVersion(ctx, r.assetId, 'created', {}, { class: r.assetClass, name: r.name, ...bodyValues(body) }, [], [], null);
            outcome.created.push(r.assetId);
          }
          addQuality(body, 1);
          countDimensions(body, 1);
          for (const site of sitesOf(body)) siteRows.push([id, site]);
          const tags = new Map(Object.entries(r.tags));
          for (const t of personTags) tags.set(t.key, t.value);
          searchRows.push([id, assetSearchText(r.name, body, r.software.map((sw) => sw.name), tags)]);
          for (const [k, v] of Object.entries(r.tags)) tagRows.push([id, k, v]);
          for (const sw of r.software) softwareRows.push([id, softwareIdOf(sw)]);
          for (const key of new Set(r.software.map((sw) => productKey(sw.name, sw.vendor ?? '')))) count('product', key, 1);
        }
        keep.add(id);
        for (const m of r.members) {
          const recordId = recordIdOf(m.naturalKey);
          outcome.assetOfRecord.set(recordId, { id, uid: r.assetId });
          if (r.members.length === 1 && !partnered.has(recordId)) outcome.soloRecords.add(recordId);
        }
      }
      batch.assets.run(assetRows);
      batch.search.run(searchRows);
      batch.tags.run(tagRows);
      batch.software.run(softwareRows);
      batch.sites.run(siteRows);

      // Assets that disappeared: the asset now holding the member each was named after succeeds it.
      const successors = new Set<number>();
      for (const old of [...previousById.values()].sort((a, b) => (a.uid < b.uid ? -1 : 1))) {
        if (keep.has(old.id)) continue;
        const members = (previousMembers.get(old.id) ?? []).map((id) => closureRecords.get(id)).filter((r): r is LoadedRecord => r !== undefined);
        // The same member that names an asset (asset-id.ts): the smallest, a person's edit record last.
        const manual = (r: LoadedRecord) => (r.prepared.sourced.sourceKind === 'manual' || r.prepared.sourced.sourceKind === 'ot_manual' ? 1 : 0);
        members.sort((a, b) => manual(a) - manual(b) || (a.prepared.key < b.prepared.key ? -1 : 1));
        const successor = members[0] ? outcome.assetOfRecord.get(members[0].row.id) : undefined;
        const oldBody = decodeAssetBody(old.body);
        writeVersion(
          ctx,
          old.uid,
          successor ? 'merged' : 'removed',
          { class: old.class, name: old.name, ...bodyValues(oldBody) },
          {},
          [],
          members.map((m) => refOfRecord(m.row.id)).filter((x): x is Ref => x !== null),
          successor?.uid ?? null,
        );
        if (successor) {
          q.movePersonTags.run(successor.id, old.id);
          q.moveLifecycle.run(successor.id, old.id);
          q.syncLifecycle.run(successor.id, successor.id, successor.id);
          q.runHosts.run(successor.uid, old.uid);
          q.learned.run(successor.uid, old.uid);
          successors.add(successor.id);
        }
        addQuality(oldBody, -1);
        countDimensions(oldBody, -1);
        count('class', old.class, -1);
        // Retired assets are counted under 'retired' (a person retired them; reconciliation keeps the status).
        count('status', old.status, -1);
        count('total', '', -1);
        q.deleteDerived.run(old.id, old.id);
        q.deleteTags.run(old.id);
        q.deleteLifecycle.run(old.id);
        uncountProducts(old.id);
        q.deleteSoftware.run(old.id);
        q.deleteSites.run(old.id);
        q.deleteSearch.run(old.id);
        q.deleteAsset.run(old.id);
        outcome.removed.push(old.uid);
      }

      // People's tags moved onto successors: their search rows carry tag tokens.
      for (const id of successors) refreshAssetSearch(db, id);

      // Relations the engine derived between this closure's assets.
      for (const id of keep) q.deleteDerived.run(id, id);
      const byUid = new Map<string, number>();
      for (const ref of outcome.assetOfRecord.values()) byUid.set(ref.uid, ref.id);
      batch.derived.run(
        result.relations
          .filter((r) => byUid.has(r.fromAssetId) && byUid.has(r.toAssetId))
          .map((r) => [byUid.get(r.fromAssetId), byUid.get(r.toAssetId), r.type, r.score, JSON.stringify(r.breakdown)]),
      );

      flushDeltas();
      const steward = syncStewardship(closureRecords, byNaturalKey, result.stewardship, outcome.assetOfRecord, ctx.now);
      outcome.stewardshipOpened = steward.opened;
      outcome.stewardshipResolved = steward.resolved;
      return outcome;
    },
  };
}

export type GoldenRecordStore = ReturnType<typeof createGoldenRecordStore>;
