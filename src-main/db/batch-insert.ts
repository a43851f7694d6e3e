// Multi-row INSERTs: many rows in one statement (one call into SQLite per chunk instead of per row),
// with the statement for each chunk size prepared once. Values are bound as parameters exactly as a
// one-row statement binds them, so the stored values are the same; rows go in in the given order.
import type { Database, Statement } from './database.js';

/** SQLite allows 32,766 parameters; chunks stay well below that and keep statements small. */
const MAX_PARAMETERS_PER_STATEMENT = 900;

export type BatchRow = readonly unknown[];

export interface BatchInsert {
  /** Inserts `rows` (each with one value per placeholder of the row template). */
  run(rows: readonly BatchRow[]): void;
}

/**
 * `head` is the statement up to VALUES (`INSERT INTO t (a, b, c)`), `row` one row's template
 * (`(?, ?, 'constant')`), `tail` what follows the values (an ON CONFLICT clause, or '').
 */
export function createBatchInsert(db: Database, head: string, row: string, tail = ''): BatchInsert {
  const perRow = row.split('?').length - 1;
  // Chunks are powers of two, so at most a dozen statements per table are ever prepared and kept.
  const largestChunk = largestPowerOfTwoAtMost(Math.max(1, Math.floor(MAX_PARAMETERS_PER_STATEMENT / perRow)));
  const statements = new Map<number, Statement>();
  const statementFor = (rows: number): Statement => {
    let statement = statements.get(rows);
    if (!statement) {
      statement = db.prepare(`${head} VALUES ${Array.from({ length: rows }, () => row).join(', ')} ${tail}`);
      statements.set(rows, statement);
    }
    return statement;
  };
  return {
    run(rows) {
      let start = 0;
      while (start < rows.length) {
        const size = Math.min(largestChunk, largestPowerOfTwoAtMost(rows.length - start));
        const values: unknown[] = [];
        for (let i = start; i < start + size; i++) {
          const r = rows[i] as BatchRow;
          if (r.length !== perRow) throw new Error(`Batch insert row has ${r.length} values, expected ${perRow}`);
          for (const v of r) values.push(v);
        }
        statementFor(size).run(values);
        start += size;
      }
    },
  };
}

function largestPowerOfTwoAtMost(n: number): number {
  let p = 1;
  while (p * 2 <= n) p *= 2;
  return p;
}
