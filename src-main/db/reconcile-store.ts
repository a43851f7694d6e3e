// Reading side of DB-backed reconciliation: the latest observation of each natural key (its "head")
// with its blocking keys, and the closure of a set of changed natural keys: everything whose golden
// record can depend on them. A component's records depend only on its own observations and the
// decisions between them, so recomputing that closure gives what a full rebuild would give.
//
// The closure starts from the changed keys and every member of the assets they belong to now, then
// adds, until nothing new appears: the members of the asset of every key reached, the partners of
// its active force-merge decisions, and every record sharing a blocking key with it whose pair score
// makes it an edge of the identity graph. Edges depend only on the two records' current content,
// so this is the union of the current identity-graph components of the changed keys and of the
// assets they used to be in.
import {
  isCandidateEdge,
  isNewerObservation,
  naturalKeyOf,
  prepareObservation,
  scorePair,
  splitNaturalKey,
  type MatchDecision,
  type NaturalKey,
  type PreparedObservation,
  type ReconcileConfig,
  type SourcedObservation,
} from '../engine/reconcile/index.js';
import type { AssetClass, ObservationInput } from '../../src-shared/model/index.js';
import type { SourceKind } from '../../src-shared/model/source-kinds.js';
import { createBatchInsert } from './batch-insert.js';
import type { Database } from './database.js';

interface HeadRow {
  source_id: string;
  native_key: string;
  id: string;
  kind: SourceKind;
  observed_at: string;
  asset_class: string | null;
  fields_json: string;
  interfaces_json: string;
  software_json: string;
  tags_json: string;
  relations_json: string;
}

const HEAD_COLUMNS = `o.source_id, o.native_key, o.id, s.kind, o.observed_at, o.asset_class, o.fields_json, o.interfaces_json, o.software_json, o.tags_json, o.relations_json`;

/** Observations are immutable: an id with its stored content hash always names the same content. */
const cacheKeyOf = (observationId: string, contentHash: string) => `${observationId}\u0000${contentHash}`;

/**
 * The engine's view of a stored observation. The raw payload is evidence only: it is left out so
 * that loading a component stays small (the engine's content hash then covers the normalised input).
 */
export function toSourcedObservation(row: HeadRow): SourcedObservation {
  const observation: ObservationInput = {
    nativeKey: row.native_key,
    observedAt: row.observed_at,
    assetClass: row.asset_class as AssetClass | null,
    fields: JSON.parse(row.fields_json) as ObservationInput['fields'],
    interfaces: JSON.parse(row.interfaces_json) as ObservationInput['interfaces'],
    software: JSON.parse(row.software_json) as ObservationInput['software'],
    tags: JSON.parse(row.tags_json) as ObservationInput['tags'],
    relations: JSON.parse(row.relations_json) as ObservationInput['relations'],
    raw: null,
  };
  return { observationId: row.id, sourceId: row.source_id, sourceKind: row.kind, observation };
}

export interface ReconcileClosure {
  observations: Map<NaturalKey, PreparedObservation>;
  decisions: MatchDecision[];
  /** Ids of the assets the closure's members belong to now. */
  currentAssetIds: Set<string>;
}

/** An observation as just stored: the engine's view of it and its observations.content_hash. */
export interface StoredHead {
  sourced: SourcedObservation;
  contentHash: string;
}

/** Prepared heads offered by writers, kept until the next closure at most (a batch's worth). */
const PREPARED_CACHE_LIMIT = 20_000;

export interface ReconcileStore {
  /** The prepared head of a natural key, or undefined when nothing is stored under it. */
  loadHead(key: NaturalKey): PreparedObservation | undefined;
  /**
   * Makes a newly stored observation the head of its natural key if it is newer than the current
   * head (the engine's rule: later observedAt, then larger content hash). Returns whether it became the head.
   * A writer that has just stored the observation passes what it stored (`stored`), which saves
   * reading it back and lets the next closure use it without preparing it again.
   */
  offerHead(observationId: string, sourceId: string, nativeKey: string, stored?: StoredHead): boolean;
  closure(seeds: Iterable<NaturalKey>): ReconcileClosure;
  /** Every natural key with a head, in key order (for rebuilds). */
  allHeadKeys(): NaturalKey[];
  activeDecisionsTouching(key: NaturalKey): MatchDecision[];
}

export function createReconcileStore(db: Database, config: ReconcileConfig): ReconcileStore {
  const q = {
    head: db.prepare(
      `SELECT ${HEAD_COLUMNS} FROM observation_heads h JOIN observations o ON o.id = h.observation_id JOIN sources s ON s.id = o.source_id
       WHERE h.source_id = ? AND h.native_key = ?`,
    ),
    headRef: db.prepare(
      `SELECT h.observation_id, o.content_hash FROM observation_heads h JOIN observations o ON o.id = h.observation_id
       WHERE h.source_id = ? AND h.native_key = ?`,
    ),
    observation: db.prepare(`SELECT ${HEAD_COLUMNS} FROM observations o JOIN sources s ON s.id = o.source_id WHERE o.id = ?`),
    upsertHead: db.prepare(
      `INSERT INTO observation_heads (source_id, native_key, observation_id, observed_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (source_id, native_key) DO UPDATE SET observation_id = excluded.observation_id, observed_at = excluded.observed_at`,
    ),
    deleteBlockingKeys: db.prepare('DELETE FROM observation_blocking_keys WHERE source_id = ? AND native_key = ?'),
    blockMembers: db.prepare('SELECT source_id, native_key FROM observation_blocking_keys WHERE blocking_key = ?'),
    assetMates: db.prepare(
      `SELECT m.source_id, m.native_key, m.asset_id FROM asset_sources a JOIN asset_sources m ON m.asset_id = a.asset_id
       WHERE a.source_id = ? AND a.native_key = ?`,
    ),
    decisionsLeft: db.prepare(
      `SELECT kind, left_source_id, left_native_key, right_source_id, right_native_key FROM match_decisions
       WHERE left_source_id = ? AND left_native_key = ? AND revoked_at IS NULL`,
    ),
    decisionsRight: db.prepare(
      `SELECT kind, left_source_id, left_native_key, right_source_id, right_native_key FROM match_decisions
       WHERE right_source_id = ? AND right_native_key = ? AND revoked_at IS NULL`,
    ),
    allHeads: db.prepare('SELECT source_id, native_key FROM observation_heads'),
  };
  const insertBlockingKeys = createBatchInsert(db, 'INSERT OR IGNORE INTO observation_blocking_keys (blocking_key, source_id, native_key)', '(?, ?, ?)');

  type DecisionRow = { kind: MatchDecision['kind']; left_source_id: string; left_native_key: string; right_source_id: string; right_native_key: string };
  const toDecision = (r: DecisionRow): MatchDecision => ({
    kind: r.kind,
    left: { sourceId: r.left_source_id, nativeKey: r.left_native_key },
    right: { sourceId: r.right_source_id, nativeKey: r.right_native_key },
  });

  function activeDecisionsTouching(key: NaturalKey): MatchDecision[] {
    const { sourceId, nativeKey } = splitNaturalKey(key);
    return [...(q.decisionsLeft.all(sourceId, nativeKey) as DecisionRow[]), ...(q.decisionsRight.all(sourceId, nativeKey) as DecisionRow[])].map(toDecision);
  }

  /** Heads offered by a writer since the last closure, prepared once. */
  const prepared = new Map<string, PreparedObservation>();

  function loadHead(key: NaturalKey): PreparedObservation | undefined {
    const { sourceId, nativeKey } = splitNaturalKey(key);
    if (prepared.size > 0) {
      const ref = q.headRef.get(sourceId, nativeKey) as { observation_id: string; content_hash: string } | undefined;
      if (!ref) return undefined;
      const cached = prepared.get(cacheKeyOf(ref.observation_id, ref.content_hash));
      if (cached) return cached;
    }
    const row = q.head.get(sourceId, nativeKey) as HeadRow | undefined;
    return row ? prepareObservation(toSourcedObservation(row), config) : undefined;
  }

  return {
    loadHead,
    activeDecisionsTouching,

    offerHead(observationId, sourceId, nativeKey, stored) {
      let sourced: SourcedObservation;
      if (stored) sourced = stored.sourced;
      else {
        const row = q.observation.get(observationId) as HeadRow | undefined;
        if (!row) throw new Error(`Observation ${observationId} is not stored`);
        sourced = toSourcedObservation(row);
      }
      const candidate = prepareObservation(sourced, config);
      const current = loadHead(naturalKeyOf(sourceId, nativeKey));
      if (current && current.sourced.observationId !== observationId) {
        if (!isNewerObservation(candidate, current)) return false;
      }
      q.upsertHead.run(sourceId, nativeKey, observationId, sourced.observation.observedAt);
      if (stored) {
        if (prepared.size >= PREPARED_CACHE_LIMIT) prepared.clear();
        prepared.set(cacheKeyOf(observationId, stored.contentHash), candidate);
      }
      // Blocking keys are only ever stored together with a head: a key without one has none to delete.
      if (current) q.deleteBlockingKeys.run(sourceId, nativeKey);
      insertBlockingKeys.run(candidate.ids.blockingKeys.map((bk) => [bk, sourceId, nativeKey]));
      return true;
    },

    allHeadKeys() {
      return (q.allHeads.all() as { source_id: string; native_key: string }[]).map((r) => naturalKeyOf(r.source_id, r.native_key)).sort();
    },

    closure(seeds) {
      const loaded = new Map<NaturalKey, PreparedObservation>();
      const absent = new Set<NaturalKey>();
      /** Records read as block neighbours but not (yet) part of the closure. */
      const neighbours = new Map<NaturalKey, PreparedObservation>();
      const currentAssetIds = new Set<string>();
      const decisions = new Map<string, MatchDecision>();
      const queue: NaturalKey[] = [...seeds];

      const read = (key: NaturalKey): PreparedObservation | undefined => {
        const cached = neighbours.get(key);
        if (cached) return cached;
        if (absent.has(key)) return undefined;
        const head = loadHead(key);
        if (head) neighbours.set(key, head);
        else absent.add(key);
        return head;
      };

      while (queue.length > 0) {
        const key = queue.pop() as NaturalKey;
        if (loaded.has(key)) continue;
        const obs = read(key);
        if (!obs) continue;
        loaded.set(key, obs);
        neighbours.delete(key);
        const { sourceId, nativeKey } = splitNaturalKey(key);
        for (const mate of q.assetMates.all(sourceId, nativeKey) as { source_id: string; native_key: string; asset_id: string }[]) {
          currentAssetIds.add(mate.asset_id);
          const mateKey = naturalKeyOf(mate.source_id, mate.native_key);
          if (!loaded.has(mateKey)) queue.push(mateKey);
        }
        for (const d of activeDecisionsTouching(key)) {
          const l = naturalKeyOf(d.left.sourceId, d.left.nativeKey);
          const r = naturalKeyOf(d.right.sourceId, d.right.nativeKey);
          decisions.set(`${d.kind}\u001e${l}\u001e${r}`, d);
          if (d.kind === 'force_merge') {
            const other = l === key ? r : l;
            if (!loaded.has(other)) queue.push(other);
          }
        }
        for (const bk of obs.ids.blockingKeys) {
          for (const m of q.blockMembers.all(bk) as { source_id: string; native_key: string }[]) {
            const other = naturalKeyOf(m.source_id, m.native_key);
            if (other === key || loaded.has(other)) continue;
            const candidate = read(other);
            if (candidate && isCandidateEdge(scorePair(obs, candidate, config), config)) queue.push(other);
          }
        }
      }
      // Only decisions whose both sides are in the closure can influence it.
      const relevant = [...decisions.values()].filter(
        (d) => loaded.has(naturalKeyOf(d.left.sourceId, d.left.nativeKey)) && loaded.has(naturalKeyOf(d.right.sourceId, d.right.nativeKey)),
      );
      prepared.clear();
      return { observations: loaded, decisions: relevant, currentAssetIds };
    },
  };
}
