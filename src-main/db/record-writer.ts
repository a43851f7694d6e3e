// The write path of the inventory: observations in, golden records out. write() takes a batch of one
// source's observations and
//   1. stores what is new: an unchanged record costs a last-seen update (batched); a changed or new
//      one gets an observation row, becomes its record's head, and its identity keys and relation
//      claims are brought up to date;
//   2. reconciles the closure of what changed (record-closure.ts) with the engine, against the
//      identifier frequencies of everything stored;
//   3. writes the difference (golden-record-store.ts) and each record's asset.
// Ids are integers handed out from counters read at the start of each batch (the caller holds the
// write transaction, so nobody else can take them). Synchronous: callers wrap batches in a
// transaction, so a failed batch leaves nothing behind.
import type { ObservationInput } from '../../src-shared/model/index.js';
import {
  addressingLookup,
  contentHashOf,
  observationContentText,
  prepareObservation,
  reconcileLatest,
  valueFrequency,
  relationTargetKeys,
  type NaturalKey,
  type NetworkAddressingLookup,
  type PreparedObservation,
  type ReconcileConfig,
  type SourcedObservation,
} from '../engine/reconcile/index.js';
import { refreshAssetSearch } from './asset-search-text.js';
import { createBatchInsert } from './batch-insert.js';
import type { Database } from './database.js';
import { createGoldenRecordStore, type ApplyContext, type ApplyOutcome } from './golden-record-store.js';
import { createKeyIndex } from './key-index.js';
import { createClosureBuilder } from './record-closure.js';
import { createHeadLoader, type LoadedRecord, type RecordRow } from './record-heads.js';
import { createSourceDirectory, type SourceEntry } from './source-directory.js';

export interface IncomingObservation {
  observation: ObservationInput;
  /** Hash of the source's raw record and how it was read (imports): lets an unchanged file skip parsing next time. */
  rawHash?: string | null;
  /** The source's own record, kept as evidence (JSON text); defaults to observation.raw. */
  raw?: string | null;
}

export interface WriteBatch {
  sourceSeq: number;
  runId: string | null;
  items: readonly IncomingObservation[];
}

export type RecordOutcomeKind = 'created' | 'updated' | 'unchanged';

export interface RecordOutcome {
  recordId: number;
  nativeKey: string;
  outcome: RecordOutcomeKind;
  /** The asset the record belongs to now ('' when it has none). */
  assetId: string;
}

export interface WriteResult {
  /** One per item of the batch, in order. */
  records: RecordOutcome[];
  created: string[];
  updated: string[];
  removed: string[];
  stewardshipOpened: number;
  stewardshipResolved: number;
}

export interface ReconcileCounts extends Omit<ApplyOutcome, 'assetOfRecord' | 'soloRecords'> {
  records: number;
}

type ItemState = 'new' | 'changed' | 'unchanged';

const DAY_MS = 86_400_000;

export function createRecordWriter(db: Database, config: ReconcileConfig) {
  const sources = createSourceDirectory(db);
  let addressingOf: NetworkAddressingLookup = loadAddressing();
  const keys = createKeyIndex(db, config.sharedValueFrequency);
  const heads = createHeadLoader(db, { config, sources, get addressingOf() { return addressingOf; } });
  const closures = createClosureBuilder({ db, config, keys, heads, sources });
  const store = createGoldenRecordStore(db, sources);

  function loadAddressing(): NetworkAddressingLookup {
    const rows = db.prepare('SELECT name, addressing FROM networks').all() as { name: string; addressing: 'static' | 'dhcp' | 'unknown' }[];
    return addressingLookup(Object.fromEntries(rows.map((r) => [r.name, r.addressing])));
  }

  const q = {
    existing: db.prepare(
      'SELECT r.id, r.source_seq, r.native_key, r.head_id, r.content_hash, r.raw_hash, r.first_seen, r.last_seen, r.asset_id, r.solo FROM json_each(?) j CROSS JOIN records r ON r.source_seq = ? AND r.native_key = j.value',
    ),
    maxRecord: db.prepare('SELECT coalesce(max(id), 0) FROM records').pluck(),
    maxObservation: db.prepare('SELECT coalesce(max(id), 0) FROM observations').pluck(),
    updateHead: db.prepare('UPDATE records SET head_id = ?, content_hash = ?, raw_hash = ?, first_seen = ?, last_seen = ? WHERE id = ?'),
    bump: db.prepare(
      `UPDATE records SET last_seen = max(records.last_seen, v.ls), first_seen = min(records.first_seen, v.fs), raw_hash = coalesce(v.rh, records.raw_hash)
       FROM (SELECT value->>0 AS id, value->>1 AS ls, value->>2 AS fs, value->>3 AS rh FROM json_each(?)) v WHERE records.id = v.id`,
    ),
    bumpAssets: db.prepare(
      `UPDATE assets SET last_seen = max(assets.last_seen, v.ls), first_seen = min(assets.first_seen, v.fs)
       FROM (SELECT value->>0 AS id, max(value->>1) AS ls, min(value->>2) AS fs FROM json_each(?) GROUP BY value->>0) v WHERE assets.id = v.id`,
    ),
    assetDates: db.prepare('SELECT a.id, a.class, a.status, a.last_seen FROM json_each(?) j CROSS JOIN assets a ON a.id = j.value'),
    setStatus: db.prepare('UPDATE assets SET status = ? WHERE id = ?'),
    addCount: db.prepare('INSERT INTO asset_counts (dimension, value, count) VALUES (?, ?, ?) ON CONFLICT (dimension, value) DO UPDATE SET count = count + excluded.count'),
    setMembership: db.prepare(
      `UPDATE records SET asset_id = v.a, solo = v.s FROM (SELECT value->>0 AS id, value->>1 AS a, value->>2 AS s FROM json_each(?)) v
       WHERE records.id = v.id AND (records.asset_id IS NOT v.a OR records.solo <> v.s)`,
    ),
    deleteClaims: db.prepare('DELETE FROM relation_claims WHERE record_id = ?'),
    chain: db.prepare('SELECT prev_id, content_hash, observed_at FROM observations WHERE id = ?'),
    byIds: db.prepare('SELECT r.id, r.source_seq, r.native_key, r.head_id, r.content_hash, r.raw_hash, r.first_seen, r.last_seen, r.asset_id, r.solo FROM json_each(?) j CROSS JOIN records r ON r.id = j.value'),
    setPrev: db.prepare('UPDATE observations SET prev_id = ? WHERE id = ?'),
    allRecordIds: db.prepare('SELECT id FROM records WHERE id > ? ORDER BY id LIMIT ?').pluck(),
  };
  const insert = {
    observations: createBatchInsert(db, 'INSERT INTO observations (id, record_id, prev_id, run_id, observed_at, content_hash, body, raw)', '(?, ?, ?, ?, ?, ?, ?, ?)'),
    records: createBatchInsert(
      db,
      'INSERT INTO records (id, source_seq, native_key, head_id, content_hash, raw_hash, first_seen, last_seen, asset_id, solo)',
      '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    claims: createBatchInsert(
      db,
      'INSERT OR REPLACE INTO relation_claims (record_id, type, target_key, local_port, remote_port, confidence)',
      '(?, ?, ?, ?, ?, ?)',
    ),
  };

  /**
   * Relation claims of a record's head, by target identity key. The same target on the same port
   * named twice (an LLDP neighbour that is also in the MAC table) is one claim: the strongest
   * confidence, and the remote port whichever names one.
   */
  function claimRows(recordId: number, prepared: PreparedObservation): unknown[][] {
    const network = prepared.ids.ips.find((ip) => ip.network !== 'public' && ip.network !== '?')?.network ?? null;
    const claims = new Map<string, [number, string, string, string, string | null, number]>();
    for (const rel of prepared.sourced.observation.relations) {
      const target = relationTargetKeys(rel.target, network)[0];
      if (!target) continue;
      const localPort = rel.localPort ?? '';
      const key = `${rel.type}\u0000${target}\u0000${localPort}`;
      const existing = claims.get(key);
      if (!existing) claims.set(key, [recordId, rel.type, target, localPort, rel.remotePort ?? null, rel.confidence]);
      else {
        existing[5] = Math.max(existing[5], rel.confidence);
        existing[4] ??= rel.remotePort ?? null;
      }
    }
    return [...claims.values()];
  }

  /** Whether a record's earlier observations (its chain from the head, newest first) hold this content at this time. */
  function olderVersionStored(headId: number, hash: string, at: string): boolean {
    let id: number | null = headId;
    for (let steps = 0; id !== null && steps < 200; steps++) {
      const o = q.chain.get(id) as { prev_id: number | null; content_hash: string; observed_at: string } | undefined;
      if (!o) return false;
      if (o.content_hash === hash && o.observed_at === at) return true;
      id = o.prev_id;
    }
    return false;
  }

  /** Status after a record of the asset was seen again (a stale asset seen recently is active again). */
  function refreshStatus(assetIds: Iterable<number>, nowMs: number): void {
    const ids = [...new Set(assetIds)];
    if (ids.length === 0) return;
    for (const a of q.assetDates.all(JSON.stringify(ids)) as { id: number; class: string; status: string; last_seen: string }[]) {
      if (a.status === 'retired') continue;
      const days = config.staleAfterDays[a.class as keyof typeof config.staleAfterDays] ?? config.staleAfterDays.default;
      const status = nowMs - Date.parse(a.last_seen) > days * DAY_MS ? 'stale' : 'active';
      if (status !== a.status) {
        q.setStatus.run(status, a.id);
        q.addCount.run('status', a.status, -1);
        q.addCount.run('status', status, 1);
      }
    }
  }

  function reconcile(seeds: Iterable<number>, known: ReadonlyMap<number, LoadedRecord>, wholeBlocks: Iterable<string>, ctx: ApplyContext, newRows: Map<number, RecordRow>): ApplyOutcome {
    const closure = closures.build(seeds, known, wholeBlocks);
    const nodes = new Map<NaturalKey, PreparedObservation>();
    for (const r of closure.records.values()) nodes.set(r.prepared.key, r.prepared);
    // One query for every key of the closure, before the engine asks for their frequencies one by one.
    const lists = keys.members(new Set([...closure.records.values()].flatMap((r) => r.prepared.ids.keys)));
    const result = reconcileLatest(nodes, closure.decisions, config, ctx.now, keys);
    // Which records share an identifier with another: they are not solo.
    const partnered = new Set<number>();
    for (const r of closure.records.values()) {
      for (const k of r.prepared.ids.keys) {
        const list = lists.get(k);
        if (!list || list.length > 1) {
          partnered.add(r.row.id);
          break;
        }
      }
    }
    const outcome = store.apply(closure.records, closure.byNaturalKey, closure.previousAssetIds, result, partnered, ctx);
    const newRecordRows: unknown[][] = [];
    const membership: [number, number | null, number][] = [];
    for (const r of closure.records.values()) {
      const asset = outcome.assetOfRecord.get(r.row.id);
      const solo = outcome.soloRecords.has(r.row.id) ? 1 : 0;
      const fresh = newRows.get(r.row.id);
      if (fresh) {
        newRecordRows.push([fresh.id, fresh.source_seq, fresh.native_key, fresh.head_id, fresh.content_hash, fresh.raw_hash, fresh.first_seen, fresh.last_seen, asset?.id ?? null, solo]);
        newRows.delete(r.row.id);
      } else membership.push([r.row.id, asset?.id ?? null, solo]);
    }
    insert.records.run(newRecordRows);
    for (let i = 0; i < membership.length; i += 5000) q.setMembership.run(JSON.stringify(membership.slice(i, i + 5000)));
    keys.reset();
    return outcome;
  }

  function write(batch: WriteBatch, ctx: ApplyContext): WriteResult {
    const source: SourceEntry = sources.bySeq(batch.sourceSeq);
    // The newest version of each native key in the batch (at equal times, the later item: see isNewerObservation).
    const latest = new Map<string, { item: IncomingObservation; sourced: SourcedObservation; hash: string; body: string; index: number[] }>();
    batch.items.forEach((item, index) => {
      const o = item.observation;
      const sourced: SourcedObservation = { observationId: '', sourceId: source.ref, sourceKind: source.kind, observation: { ...o, raw: null } };
      const body = observationContentText(o);
      const hash = contentHashOf(sourced, body);
      const current = latest.get(o.nativeKey);
      if (!current) latest.set(o.nativeKey, { item, sourced, hash, body, index: [index] });
      else {
        current.index.push(index);
        const newer = o.observedAt > current.sourced.observation.observedAt || (o.observedAt === current.sourced.observation.observedAt && hash !== current.hash);
        if (newer) Object.assign(current, { item, sourced, hash, body });
      }
    });

    const existing = new Map<string, RecordRow>();
    const nativeKeys = [...latest.keys()];
    for (let i = 0; i < nativeKeys.length; i += 5000) {
      for (const r of q.existing.all(JSON.stringify(nativeKeys.slice(i, i + 5000)), source.seq) as RecordRow[]) existing.set(r.native_key, r);
    }
    // Old heads of records that change: their keys and claims are replaced.
    const changing: number[] = [];
    for (const [nativeKey, l] of latest) {
      const row = existing.get(nativeKey);
      if (row && row.content_hash !== l.hash) changing.push(row.id);
    }
    const oldHeads = new Map(heads.load(changing).map((r) => [r.row.id, r] as const));

    let nextRecord = (q.maxRecord.get() as number) + 1;
    let nextObservation = (q.maxObservation.get() as number) + 1;
    const observationRows: unknown[][] = [];
    const claimRowsToInsert: unknown[][] = [];
    const keysToAdd: [string, number, number][] = [];
    const keysToRemove: [string, number, number][] = [];
    const bumps: [number, string, string, string | null][] = [];
    const bumpedAssets: [number, string, string][] = [];
    const known = new Map<number, LoadedRecord>();
    const newRows = new Map<number, RecordRow>();
    const seeds = new Set<number>();
    const touchedKeys = new Map<string, number>();
    const stateOf = new Map<string, { state: ItemState; recordId: number }>();
    const touch = (key: string, delta: number) => touchedKeys.set(key, (touchedKeys.get(key) ?? 0) + delta);

    for (const [nativeKey, { item, sourced, hash, body }] of latest) {
      const at = sourced.observation.observedAt;
      const row = existing.get(nativeKey);
      const rawText = item.raw ?? (item.observation.raw === undefined || item.observation.raw === null ? null : JSON.stringify(item.observation.raw));
      if (row && row.content_hash === hash) {
        stateOf.set(nativeKey, { state: 'unchanged', recordId: row.id });
        if (at > row.last_seen || at < row.first_seen || (item.rawHash && item.rawHash !== row.raw_hash)) {
          bumps.push([row.id, at, at, item.rawHash ?? null]);
          if (row.asset_id !== null && (at > row.last_seen || at < row.first_seen)) {
            if (row.solo === 1) bumpedAssets.push([row.asset_id, at, at]);
            else seeds.add(row.id);
          }
        }
        continue;
      }
      if (!row) {
        const recordId = nextRecord++;
        const observationId = nextObservation++;
        observationRows.push([observationId, recordId, null, batch.runId, at, hash, body, rawText]);
        const fresh: RecordRow = { id: recordId, source_seq: source.seq, native_key: nativeKey, head_id: observationId, content_hash: hash, raw_hash: item.rawHash ?? null, first_seen: at, last_seen: at, asset_id: null, solo: 0 };
        const prepared = prepareObservation({ ...sourced, observationId: String(observationId), firstSeenAt: at }, config, addressingOf, hash);
        known.set(recordId, { row: fresh, prepared });
        newRows.set(recordId, fresh);
        seeds.add(recordId);
        for (const k of prepared.ids.keys) {
          keysToAdd.push([k, source.seq, recordId]);
          touch(k, 1);
        }
        claimRowsToInsert.push(...claimRows(recordId, prepared));
        stateOf.set(nativeKey, { state: 'new', recordId });
        continue;
      }
      // At the same time as the record's latest sighting, different content received now wins.
      const isNewer = at >= row.last_seen;
      // An older version seen again (a file imported twice) is stored once.
      if (!isNewer && olderVersionStored(row.head_id, hash, at)) {
        stateOf.set(nativeKey, { state: 'unchanged', recordId: row.id });
        continue;
      }
      const observationId = nextObservation++;
      if (!isNewer) {
        // Kept in the record's chain right behind the head, so that every version stays reachable.
        const head = q.chain.get(row.head_id) as { prev_id: number | null } | undefined;
        observationRows.push([observationId, row.id, head?.prev_id ?? null, batch.runId, at, hash, body, rawText]);
        q.setPrev.run(observationId, row.head_id);
        // An older version arriving late: kept as evidence; it can only move when the record was first seen.
        stateOf.set(nativeKey, { state: 'unchanged', recordId: row.id });
        if (at < row.first_seen) {
          bumps.push([row.id, row.last_seen, at, null]);
          seeds.add(row.id);
        }
        continue;
      }
      observationRows.push([observationId, row.id, row.head_id, batch.runId, at, hash, body, rawText]);
      const firstSeen = at < row.first_seen ? at : row.first_seen;
      q.updateHead.run(observationId, hash, item.rawHash ?? null, firstSeen, at, row.id);
      const updated: RecordRow = { ...row, head_id: observationId, content_hash: hash, raw_hash: item.rawHash ?? null, first_seen: firstSeen, last_seen: at };
      const prepared = prepareObservation({ ...sourced, observationId: String(observationId), firstSeenAt: firstSeen }, config, addressingOf, hash);
      known.set(row.id, { row: updated, prepared });
      seeds.add(row.id);
      const old = oldHeads.get(row.id);
      const oldKeys = new Set(old?.prepared.ids.keys ?? []);
      const newKeys = new Set(prepared.ids.keys);
      for (const k of oldKeys) {
        if (!newKeys.has(k)) {
          keysToRemove.push([k, source.seq, row.id]);
          touch(k, -1);
        }
      }
      for (const k of newKeys) {
        if (!oldKeys.has(k)) {
          keysToAdd.push([k, source.seq, row.id]);
          touch(k, 1);
        }
      }
      if ((old?.prepared.sourced.observation.relations.length ?? 0) > 0) q.deleteClaims.run(row.id);
      claimRowsToInsert.push(...claimRows(row.id, prepared));
      stateOf.set(nativeKey, { state: 'changed', recordId: row.id });
    }

    insert.observations.run(observationRows);
    for (let i = 0; i < bumps.length; i += 5000) q.bump.run(JSON.stringify(bumps.slice(i, i + 5000)));
    for (let i = 0; i < bumpedAssets.length; i += 5000) q.bumpAssets.run(JSON.stringify(bumpedAssets.slice(i, i + 5000)));
    refreshStatus(
      bumpedAssets.map((b) => b[0]),
      Date.parse(ctx.now),
    );
    keys.remove(keysToRemove);
    keys.add(keysToAdd);
    insert.claims.run(claimRowsToInsert);

    // Keys whose frequency (the most records one source has with them) may have moved: every pair
    // in their blocks is weighed again.
    const wholeBlocks: string[] = [];
    if (touchedKeys.size > 0) {
      const lists = keys.members(touchedKeys.keys());
      for (const [k, delta] of touchedKeys) {
        if (delta === 0) continue;
        const list = lists.get(k);
        if (!list) continue;
        let mine = 0;
        let othersMax = 0;
        const others = new Map<number, number>();
        for (const m of list) {
          if (m.sourceSeq === source.seq) mine += 1;
          else {
            const n = (others.get(m.sourceSeq) ?? 0) + 1;
            others.set(m.sourceSeq, n);
            if (n > othersMax) othersMax = n;
          }
        }
        const before = valueFrequency(Math.max(othersMax, mine - delta), list.length - delta, config.sharedValueFrequency);
        const after = valueFrequency(Math.max(othersMax, mine), list.length, config.sharedValueFrequency);
        if (before !== after) wholeBlocks.push(k);
      }
      // A value that just became shared no longer counts for anyone: every pair it linked is weighed again.
      for (const k of keys.takeNewlyShared()) if (touchedKeys.has(k)) wholeBlocks.push(k);
    }

    const outcome = seeds.size > 0 ? reconcile(seeds, known, wholeBlocks, ctx, newRows) : emptyOutcome();
    if (newRows.size > 0) throw new Error(`${newRows.size} new record(s) were not reconciled`);
    const created = new Set(outcome.created);
    const updated = new Set(outcome.updated);
    const assetOf = (recordId: number): string => outcome.assetOfRecord.get(recordId)?.uid ?? '';
    const reportedCreated = new Set<string>();
    const assetUid = db.prepare('SELECT uid FROM assets WHERE id = ?').pluck();
    const records = batch.items.map((item, index): RecordOutcome => {
      const nativeKey = item.observation.nativeKey;
      const s = stateOf.get(nativeKey) as { state: ItemState; recordId: number };
      const existingAsset = existing.get(nativeKey)?.asset_id ?? null;
      const assetId = assetOf(s.recordId) || (existingAsset === null ? '' : ((assetUid.get(existingAsset) as string | undefined) ?? ''));
      // Only the newest version of a native key in the batch counts; the others changed nothing.
      const counted = latest.get(nativeKey)?.item.observation.observedAt === item.observation.observedAt && (latest.get(nativeKey)?.index.at(-1) ?? index) >= index;
      if (s.state === 'unchanged' || !counted) return { recordId: s.recordId, nativeKey, outcome: 'unchanged', assetId };
      if (created.has(assetId) && !reportedCreated.has(assetId)) {
        reportedCreated.add(assetId);
        return { recordId: s.recordId, nativeKey, outcome: 'created', assetId };
      }
      return { recordId: s.recordId, nativeKey, outcome: created.has(assetId) || updated.has(assetId) ? 'updated' : 'unchanged', assetId };
    });
    return {
      records,
      created: outcome.created,
      updated: outcome.updated,
      removed: outcome.removed,
      stewardshipOpened: outcome.stewardshipOpened,
      stewardshipResolved: outcome.stewardshipResolved,
    };
  }

  function emptyOutcome(): ApplyOutcome {
    return { created: [], updated: [], removed: [], unchanged: 0, assetOfRecord: new Map(), soloRecords: new Set(), stewardshipOpened: 0, stewardshipResolved: 0 };
  }

  /**
   * Records seen again with unchanged content (by id): their last (or first) sighting moves. A record
   * alone in its asset and sharing no identifier only moves dates; any other is reconciled again,
   * since recency can change which value wins.
   */
  function seenAgain(items: readonly { id: number; at: string }[], ctx: ApplyContext): void {
    const at = new Map(items.map((i) => [i.id, i.at] as const));
    const bumps: [number, string, string, null][] = [];
    const bumpedAssets: [number, string, string][] = [];
    const seeds: number[] = [];
    for (let i = 0; i < items.length; i += 5000) {
      const ids = JSON.stringify(items.slice(i, i + 5000).map((x) => x.id));
      for (const r of q.byIds.all(ids) as RecordRow[]) {
        const when = at.get(r.id) as string;
        if (!(when > r.last_seen || when < r.first_seen)) continue;
        bumps.push([r.id, when, when, null]);
        if (r.asset_id === null) continue;
        if (r.solo === 1) bumpedAssets.push([r.asset_id, when, when]);
        else seeds.push(r.id);
      }
    }
    for (let i = 0; i < bumps.length; i += 5000) q.bump.run(JSON.stringify(bumps.slice(i, i + 5000)));
    for (let i = 0; i < bumpedAssets.length; i += 5000) q.bumpAssets.run(JSON.stringify(bumpedAssets.slice(i, i + 5000)));
    refreshStatus(
      bumpedAssets.map((b) => b[0]),
      Date.parse(ctx.now),
    );
    if (seeds.length > 0) reconcile(seeds, new Map(), [], ctx, new Map());
  }

  return {
    sources,
    config,
    write,
    seenAgain,
    /** Reconciles the closure of these records (after a decision, a network's addressing change, ...). */
    reconcileRecords(recordIds: Iterable<number>, ctx: ApplyContext): ApplyOutcome {
      const ids = [...recordIds];
      return ids.length === 0 ? emptyOutcome() : reconcile(ids, new Map(), [], ctx, new Map());
    },
    /** Recomputes the stored content hash of every record's head (after the engine's hash changed). */
    rehashHeads(): void {
      const update = db.prepare('UPDATE records SET content_hash = ? WHERE id = ?');
      const updateObservation = db.prepare('UPDATE observations SET content_hash = ? WHERE id = ?');
      let after = 0;
      for (;;) {
        const ids = q.allRecordIds.all(after, 5000) as number[];
        if (ids.length === 0) break;
        after = ids[ids.length - 1] as number;
        for (const r of heads.load(ids)) {
          const hash = contentHashOf(r.prepared.sourced);
          update.run(hash, r.row.id);
          updateObservation.run(hash, r.row.head_id);
        }
      }
    },
    /** Rewrites the search rows of these assets from what is stored. */
    refreshSearch(assetIds: Iterable<number>): void {
      for (const id of assetIds) refreshAssetSearch(db, id);
    },
    /** Reads the networks' addressing again (after it changed). */
    refreshNetworks(): void {
      addressingOf = loadAddressing();
    },
    /**
     * Declares how a network hands out addresses; when that changes, every record with an address on
     * it is reconciled again (an IP is worth more on a static network than on DHCP).
     */
    declareNetwork(name: string, addressing: 'static' | 'dhcp' | 'unknown', ctx: ApplyContext): { records: number; outcome: ApplyOutcome } {
      const key = name.trim().toLowerCase();
      const before = db.prepare('SELECT addressing FROM networks WHERE name = ?').pluck().get(key) as string | undefined;
      if (before === addressing) return { records: 0, outcome: emptyOutcome() };
      db.prepare('INSERT INTO networks (name, addressing, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET addressing = excluded.addressing, updated_at = excluded.updated_at').run(key, addressing, ctx.now);
      addressingOf = loadAddressing();
      // A network first declared as 'unknown' changes nothing: unknown is what undeclared networks are.
      if ((before ?? 'unknown') === addressing) return { records: 0, outcome: emptyOutcome() };
      const prefix = `ip:${key}/`;
      const ids = db.prepare('SELECT DISTINCT record_id FROM record_keys WHERE key >= ? AND key < ?').pluck().all(prefix, `${prefix.slice(0, -1)}0`) as number[];
      return { records: ids.length, outcome: ids.length > 0 ? reconcile(ids, new Map(), [], ctx, new Map()) : emptyOutcome() };
    },
    /**
     * Recomputes every golden record from the stored records, closure by closure; with `reindex`,
     * first rebuilds every record's identity keys and relation claims from its head.
     */
    rebuild(ctx: ApplyContext, options: { batchSize?: number; reindex?: boolean; onProgress?: (done: number, total: number) => void } = {}): ReconcileCounts {
      const batchSize = options.batchSize ?? 5000;
      const total = db.prepare('SELECT count(*) FROM records').pluck().get() as number;
      if (options.reindex) {
        db.exec('DELETE FROM record_keys; DELETE FROM shared_keys; DELETE FROM relation_claims;');
        keys.reset();
        let after = 0;
        for (;;) {
          const ids = q.allRecordIds.all(after, batchSize) as number[];
          if (ids.length === 0) break;
          after = ids[ids.length - 1] as number;
          const rows: [string, number, number][] = [];
          const claims: unknown[][] = [];
          for (const r of heads.load(ids)) {
            for (const k of r.prepared.ids.keys) rows.push([k, r.row.source_seq, r.row.id]);
            claims.push(...claimRows(r.row.id, r.prepared));
          }
          keys.add(rows);
          insert.claims.run(claims);
        }
        keys.reset();
      }
      const counts: ReconcileCounts = { records: 0, created: [], updated: [], removed: [], unchanged: 0, stewardshipOpened: 0, stewardshipResolved: 0 };
      const done = new Set<number>();
      let after = 0;
      for (;;) {
        const page = q.allRecordIds.all(after, batchSize) as number[];
        if (page.length === 0) break;
        after = page[page.length - 1] as number;
        const ids = page.filter((id) => !done.has(id));
        if (ids.length === 0) continue;
        const outcome = reconcile(ids, new Map(), [], ctx, new Map());
        for (const id of outcome.assetOfRecord.keys()) done.add(id);
        counts.records += outcome.assetOfRecord.size;
        counts.created.push(...outcome.created);
        counts.updated.push(...outcome.updated);
        counts.removed.push(...outcome.removed);
        counts.unchanged += outcome.unchanged;
        counts.stewardshipOpened += outcome.stewardshipOpened;
        counts.stewardshipResolved += outcome.stewardshipResolved;
        options.onProgress?.(Math.min(done.size, total), total);
      }
      // Assets no record belongs to any more (an interrupted legacy write could leave one).
      const orphans = db.prepare('SELECT a.id FROM assets a WHERE NOT EXISTS (SELECT 1 FROM records r WHERE r.asset_id = a.id)').pluck().all() as number[];
      if (orphans.length > 0) {
        const outcome = store.apply(new Map(), new Map(), new Set(orphans), { assets: [], stewardship: [], relations: [], sourceQuality: [] }, new Set(), ctx);
        counts.removed.push(...outcome.removed);
      }
      return counts;
    },
  };
}

export type RecordWriter = ReturnType<typeof createRecordWriter>;
