// Every source record with the asset it belongs to: the input of an accuracy check against a
// labelled sample (reconcile evaluate), and a plain answer to "where did this record go".
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import type { Database } from '../../db/database.js';

export const MEMBER_COLUMNS = ['source_kind', 'source_name', 'native_key', 'asset_id', 'asset_name', 'asset_class'] as const;

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export async function exportMembers(db: Database, format: 'csv' | 'ndjson', out: Writable): Promise<number> {
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  if (format === 'csv') await write(`${MEMBER_COLUMNS.join(',')}\n`);
  let count = 0;
  const rows = db
    .prepare(
      `SELECT s.kind AS source_kind, s.name AS source_name, r.native_key, a.uid AS asset_id, a.name AS asset_name, a.class AS asset_class
       FROM records r JOIN sources s ON s.seq = r.source_seq LEFT JOIN assets a ON a.id = r.asset_id ORDER BY s.kind, s.name, r.native_key`,
    )
    .iterate() as Iterable<Record<(typeof MEMBER_COLUMNS)[number], string | null>>;
  for (const row of rows) {
    count += 1;
    if (format === 'ndjson') await write(`${JSON.stringify(row)}\n`);
    else await write(`${MEMBER_COLUMNS.map((c) => csvCell(row[c] ?? '')).join(',')}\n`);
  }
  return count;
}
