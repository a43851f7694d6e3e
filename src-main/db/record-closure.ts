// The closure of a set of changed records: everything whose golden record can depend on them. It
// starts from the changed records and adds, wave by wave until nothing new appears: the other
// members of the assets they are in now, the partners of their active force-merge decisions, every
// record sharing a blocking key with them whose pair score makes an edge of the identity graph,
// and every member of a block whose value frequency the change moved (term frequencies change the
// weights of every pair in that block). Each wave is a handful of set queries, however many
// records it holds. A component's records depend only on its own records, decisions and the
// frequencies of its identifiers, so reconciling the closure gives what a full rebuild gives.
import {
  BLOCKING_KEY_KINDS,
  identityKeyKind,
  isCandidateEdge,
  naturalKeyOf,
  scorePair,
  type MatchDecision,
  type NaturalKey,
  type PreparedObservation,
  type ReconcileConfig,
} from '../engine/reconcile/index.js';
import type { Database } from './database.js';
import type { KeyIndex } from './key-index.js';
import type { HeadLoader, LoadedRecord } from './record-heads.js';
import type { SourceDirectory } from './source-directory.js';

export interface RecordClosure {
  records: Map<number, LoadedRecord>;
  byNaturalKey: Map<NaturalKey, LoadedRecord>;
  decisions: MatchDecision[];
  /** Assets the closure's records belong to now (before this reconciliation). */
  previousAssetIds: Set<number>;
}

export interface ClosureDeps {
  db: Database;
  config: ReconcileConfig;
  keys: KeyIndex;
  heads: HeadLoader;
  sources: SourceDirectory;
}

export function createClosureBuilder(deps: ClosureDeps) {
  const { db, config, keys } = deps;
  const q = {
    mates: db.prepare('SELECT r.id FROM json_each(?) j CROSS JOIN records r ON r.asset_id = j.value').pluck(),
    decisions: db.prepare(
      `SELECT d.kind, d.left_record_id, d.right_record_id FROM json_each(?) j CROSS JOIN match_decisions d ON d.left_record_id = j.value AND d.revoked_at IS NULL
       UNION SELECT d.kind, d.left_record_id, d.right_record_id FROM json_each(?) j CROSS JOIN match_decisions d ON d.right_record_id = j.value AND d.revoked_at IS NULL`,
    ),
  };

  return {
    /**
     * `known` holds records already prepared (just ingested ones, whose rows may not be stored yet);
     * `wholeBlocks` are keys whose frequency this change moved: all their members join.
     */
    build(seeds: Iterable<number>, known: ReadonlyMap<number, LoadedRecord>, wholeBlocks: Iterable<string>): RecordClosure {
      const records = new Map<number, LoadedRecord>();
      const neighbours = new Map<number, LoadedRecord>(known);
      const previousAssetIds = new Set<number>();
      const decisionRows = new Map<string, { kind: MatchDecision['kind']; left: number; right: number }>();
      const loadInto = (ids: readonly number[]): void => {
        const missing = ids.filter((id) => !neighbours.has(id));
        for (const r of deps.heads.load(missing)) neighbours.set(r.row.id, r);
      };

      let frontier = new Set<number>(seeds);
      for (const [, members] of keys.allMembers([...wholeBlocks])) for (const m of members) frontier.add(m.recordId);

      while (frontier.size > 0) {
        const wave = [...frontier].filter((id) => !records.has(id));
        frontier = new Set();
        if (wave.length === 0) break;
        loadInto(wave);
        const added: LoadedRecord[] = [];
        for (const id of wave) {
          const r = neighbours.get(id);
          if (!r) continue;
          records.set(id, r);
          added.push(r);
        }
        const next = (id: number): void => {
          if (!records.has(id)) frontier.add(id);
        };

        // Mates in the assets they belong to now.
        const assets: number[] = [];
        for (const r of added) {
          if (r.row.asset_id !== null && !previousAssetIds.has(r.row.asset_id)) {
            previousAssetIds.add(r.row.asset_id);
            assets.push(r.row.asset_id);
          }
        }
        if (assets.length > 0) for (const id of q.mates.all(JSON.stringify(assets)) as number[]) next(id);

        // Decisions: force-merge partners join; never-merges only matter between members.
        const ids = JSON.stringify(added.map((r) => r.row.id));
        for (const d of q.decisions.all(ids, ids) as { kind: MatchDecision['kind']; left_record_id: number; right_record_id: number }[]) {
          decisionRows.set(`${d.kind}:${d.left_record_id}:${d.right_record_id}`, { kind: d.kind, left: d.left_record_id, right: d.right_record_id });
          if (d.kind === 'force_merge') {
            next(d.left_record_id);
            next(d.right_record_id);
          }
        }

        // Block partners that make an edge.
        const blockKeys = new Set<string>();
        for (const r of added) for (const k of r.prepared.ids.keys) if (BLOCKING_KEY_KINDS.has(identityKeyKind(k))) blockKeys.add(k);
        const lists = keys.members(blockKeys);
        const pairs: [LoadedRecord, number][] = [];
        const partnerIds = new Set<number>();
        for (const r of added) {
          const seen = new Set<number>();
          for (const k of r.prepared.ids.keys) {
            const list = lists.get(k);
            if (!list || keys.frequency(k) >= config.sharedValueFrequency) continue;
            for (const m of list) {
              if (m.recordId === r.row.id || records.has(m.recordId) || seen.has(m.recordId)) continue;
              seen.add(m.recordId);
              pairs.push([r, m.recordId]);
              partnerIds.add(m.recordId);
            }
          }
        }
        loadInto([...partnerIds]);
        // The partners' keys in one query, before scoring asks for their frequencies.
        const partnerKeys = new Set<string>();
        for (const id of partnerIds) for (const k of neighbours.get(id)?.prepared.ids.keys ?? []) partnerKeys.add(k);
        keys.members(partnerKeys);
        for (const [r, partnerId] of pairs) {
          const partner = neighbours.get(partnerId);
          if (partner && isCandidateEdge(scorePair(r.prepared, partner.prepared, config, keys), config)) next(partnerId);
        }
      }

      const byNaturalKey = new Map<NaturalKey, LoadedRecord>();
      for (const r of records.values()) byNaturalKey.set(r.prepared.key, r);
      const naturalKeyOfRecord = (id: number): NaturalKey | undefined => records.get(id)?.prepared.key;
      const decisions: MatchDecision[] = [];
      for (const d of decisionRows.values()) {
        const l = naturalKeyOfRecord(d.left);
        const r = naturalKeyOfRecord(d.right);
        if (!l || !r) continue;
        const left = records.get(d.left)?.prepared as PreparedObservation;
        const right = records.get(d.right)?.prepared as PreparedObservation;
        decisions.push({
          kind: d.kind,
          left: { sourceId: left.sourced.sourceId, nativeKey: left.sourced.observation.nativeKey },
          right: { sourceId: right.sourced.sourceId, nativeKey: right.sourced.observation.nativeKey },
        });
      }
      return { records, byNaturalKey, decisions, previousAssetIds };
    },
  };
}

export type ClosureBuilder = ReturnType<typeof createClosureBuilder>;

/** The natural key of a record, as the engine names it. */
export function recordNaturalKey(sources: SourceDirectory, sourceSeq: number, nativeKey: string): NaturalKey {
  return naturalKeyOf(sources.bySeq(sourceSeq).ref, nativeKey);
}
