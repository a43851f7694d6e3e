import { describe, expect, it } from 'vitest';
import { createBatchInsert } from './batch-insert.js';
import { openDatabase } from './database.js';

describe('createBatchInsert', () => {
  it('inserts every row in order with the values a one-row statement binds, for any number of rows', () => {
    const db = openDatabase(':memory:');
    try {
      db.exec('CREATE TABLE t (seq INTEGER PRIMARY KEY, label TEXT, weight REAL, note TEXT, origin TEXT NOT NULL)');
      const insert = createBatchInsert(db, 'INSERT INTO t (seq, label, weight, note, origin)', "(?, ?, ?, ?, 'observed')", 'ON CONFLICT (seq) DO NOTHING');
      let next = 0;
      for (const count of [0, 1, 2, 3, 7, 224, 225, 1000]) {
        const rows = Array.from({ length: count }, () => {
          const seq = next++;
          return [seq, `row-${seq}`, seq / 3, seq % 2 === 0 ? null : 'odd'];
        });
        insert.run(rows);
      }
      insert.run([[0, 'duplicate', 0, null]]);
      const stored = db.prepare('SELECT seq, label, weight, note, origin FROM t ORDER BY rowid').all() as { seq: number; label: string; weight: number; note: string | null; origin: string }[];
      expect(stored).toHaveLength(next);
      stored.forEach((r, i) => expect(r).toEqual({ seq: i, label: `row-${i}`, weight: i / 3, note: i % 2 === 0 ? null : 'odd', origin: 'observed' }));
      expect(() => insert.run([[next, 'short']])).toThrow(/expected 4/);
    } finally {
      db.close();
    }
  });
});
