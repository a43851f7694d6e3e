// Moves assets between 'active' and 'stale' as time passes: an asset no source has seen within its
// class's window (config.staleAfterDays) is stale; one seen again within it is active. Retired
// assets (a person's decision) are left alone, and so are assets only people describe (they are not
// "seen" by anything). The maintained status counts follow. Synchronous: callers hold the transaction.
import { ASSET_CLASSES } from '../../src-shared/model/index.js';
import type { ReconcileConfig } from '../engine/reconcile/index.js';
import type { Database } from './database.js';

const DAY_MS = 86_400_000;

export function sweepStaleAssets(db: Database, config: ReconcileConfig, now: Date): { becameStale: number; becameActive: number } {
  // One statement per direction, driven by the last-seen index: a stale candidate was last seen
  // before the shortest window's cutoff, an active-again one after the longest's. The per-class
  // cutoff is then checked on that range only, so a sweep of a large inventory reads the old (or
  // recent) end of one index instead of the whole table once per class.
  const cutoffOf = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  const windows = ASSET_CLASSES.map((cls) => [cls, config.staleAfterDays[cls] ?? config.staleAfterDays.default] as const);
  const caseSql = `CASE class ${windows.map(([cls]) => `WHEN '${cls}' THEN ?`).join(' ')} ELSE ? END`;
  const cutoffs = [...windows.map(([, days]) => cutoffOf(days)), cutoffOf(config.staleAfterDays.default)];
  const newest = cutoffs.reduce((a, b) => (a > b ? a : b));
  const oldest = cutoffs.reduce((a, b) => (a < b ? a : b));
  const toStale = db.prepare(
    `UPDATE assets SET status = 'stale' WHERE last_seen < ? AND +status = 'active' AND last_seen < ${caseSql}
       AND EXISTS (SELECT 1 FROM records r JOIN sources s ON s.seq = r.source_seq WHERE r.asset_id = assets.id AND s.kind NOT IN ('manual', 'ot_manual'))`,
  );
  const toActive = db.prepare(`UPDATE assets SET status = 'active' WHERE last_seen >= ? AND +status = 'stale' AND last_seen >= ${caseSql}`);
  const addCount = db.prepare('INSERT INTO asset_counts (dimension, value, count) VALUES (?, ?, ?) ON CONFLICT (dimension, value) DO UPDATE SET count = count + excluded.count');
  const becameStale = toStale.run(newest, ...cutoffs).changes;
  const becameActive = toActive.run(oldest, ...cutoffs).changes;
  const net = becameStale - becameActive;
  if (net !== 0) {
    addCount.run('status', 'stale', net);
    addCount.run('status', 'active', -net);
  }
  return { becameStale, becameActive };
}
