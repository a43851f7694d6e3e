// The identity-key index (record_keys): which records carry each identifier value, and so how many
// devices of one source share it (the engine's term frequencies). Values shared by
// `sharedValueFrequency` devices of one source or more, or on more than MAX_RECORDS_PER_VALUE records
// in all, are listed in shared_keys: they identify nothing, so their (possibly long) lists are never
// read again while they stay that common.
import { valueFrequency, type IdentifierFrequencies } from '../engine/reconcile/index.js';
import { createBatchInsert } from './batch-insert.js';
import type { Database } from './database.js';

export interface KeyMember {
  sourceSeq: number;
  recordId: number;
}

export interface KeyIndex extends IdentifierFrequencies {
  /** Members of each key (shared keys excepted: they are reported by `isShared`). Cached per transaction. */
  members(keys: Iterable<string>): Map<string, KeyMember[]>;
  isShared(key: string): boolean;
  /** Every member of these keys, shared ones included (read from the table; for blocks that must be weighed again). */
  allMembers(keys: Iterable<string>): Map<string, KeyMember[]>;
  /** Keys this index found to have become shared since the last call (their blocks are weighed again once). */
  takeNewlyShared(): string[];
  add(rows: readonly (readonly [string, number, number])[]): void;
  remove(rows: readonly (readonly [string, number, number])[]): void;
  /** Forgets cached lists (after writes, or at the end of a transaction). */
  reset(): void;
}

export function createKeyIndex(db: Database, cap: number): KeyIndex {
  const q = {
    rows: db.prepare('SELECT k.key, k.source_seq, k.record_id FROM json_each(?) j CROSS JOIN record_keys k ON k.key = j.value'),
    shared: db.prepare('SELECT s.key FROM json_each(?) j CROSS JOIN shared_keys s ON s.key = j.value').pluck(),
    countOne: db.prepare('SELECT source_seq, count(*) AS n FROM record_keys WHERE key = ? GROUP BY source_seq'),
    markShared: db.prepare('INSERT OR IGNORE INTO shared_keys (key) VALUES (?)'),
    membersOf: db.prepare('SELECT source_seq, record_id FROM record_keys WHERE key = ?'),
    unmarkShared: db.prepare('DELETE FROM shared_keys WHERE key = ?'),
    isSharedStored: db.prepare('SELECT 1 FROM shared_keys WHERE key = ?'),
    remove: db.prepare('DELETE FROM record_keys WHERE key = ? AND source_seq = ? AND record_id = ?'),
  };
  const insert = createBatchInsert(db, 'INSERT OR IGNORE INTO record_keys (key, source_seq, record_id)', '(?, ?, ?)');
  const lists = new Map<string, KeyMember[]>();
  const shared = new Set<string>();
  const known = new Set<string>();

  const frequencies = new Map<string, number>();
  const newlyShared = new Set<string>();
  const frequencyOf = (list: readonly KeyMember[]): number => {
    const counts = new Map<number, number>();
    let max = 0;
    for (const m of list) {
      const n = (counts.get(m.sourceSeq) ?? 0) + 1;
      counts.set(m.sourceSeq, n);
      if (n > max) max = n;
    }
    return valueFrequency(max, list.length, cap);
  };

  function fetch(keys: readonly string[]): void {
    for (let start = 0; start < keys.length; start += 5000) {
      const slice = JSON.stringify(keys.slice(start, start + 5000));
      for (const k of q.shared.all(slice) as string[]) shared.add(k);
      const found = new Map<string, KeyMember[]>();
      for (const r of q.rows.all(slice) as { key: string; source_seq: number; record_id: number }[]) {
        if (shared.has(r.key)) continue;
        const list = found.get(r.key);
        const m = { sourceSeq: r.source_seq, recordId: r.record_id };
        if (list) list.push(m);
        else found.set(r.key, [m]);
      }
      for (const k of keys.slice(start, start + 5000)) {
        known.add(k);
        if (shared.has(k)) continue;
        const list = found.get(k) ?? [];
        const frequency = frequencyOf(list);
        if (frequency >= cap) {
          if (q.markShared.run(k).changes > 0) newlyShared.add(k);
          shared.add(k);
        } else {
          lists.set(k, list);
          frequencies.set(k, frequency);
        }
      }
    }
  }

  return {
    members(wanted) {
      const keys = [...wanted];
      const missing: string[] = [];
      for (const k of keys) if (!known.has(k)) missing.push(k);
      if (missing.length > 0) fetch([...new Set(missing)]);
      const out = new Map<string, KeyMember[]>();
      for (const k of keys) {
        const list = lists.get(k);
        if (list) out.set(k, list);
      }
      return out;
    },
    allMembers(wanted) {
      const out = this.members(wanted);
      for (const k of wanted) {
        if (out.has(k) || !shared.has(k)) continue;
        out.set(k, (q.membersOf.all(k) as { source_seq: number; record_id: number }[]).map((r) => ({ sourceSeq: r.source_seq, recordId: r.record_id })));
      }
      return out;
    },
    takeNewlyShared() {
      const list = [...newlyShared];
      newlyShared.clear();
      return list;
    },
    isShared(key) {
      if (!known.has(key)) fetch([key]);
      return shared.has(key);
    },
    frequency(key) {
      if (!known.has(key)) fetch([key]);
      if (shared.has(key)) return cap;
      return frequencies.get(key) ?? 1;
    },
    add(rows) {
      insert.run(rows);
      for (const [k] of rows) {
        known.delete(k);
        lists.delete(k);
        frequencies.delete(k);
      }
    },
    remove(rows) {
      for (const [k, seq, id] of rows) {
        q.remove.run(k, seq, id);
        known.delete(k);
        lists.delete(k);
        frequencies.delete(k);
        // A shared value may stop being shared when records drop it: count it again.
        if (shared.has(k) || q.isSharedStored.get(k) !== undefined) {
          shared.delete(k);
          const counts = (q.countOne.all(k) as { n: number }[]).map((r) => r.n);
          if (valueFrequency(Math.max(0, ...counts), counts.reduce((a, b) => a + b, 0), cap) < cap) q.unmarkShared.run(k);
        }
      }
    },
    reset() {
      lists.clear();
      frequencies.clear();
      shared.clear();
      known.clear();
    },
  };
}
