// Moves assets between 'active' and 'stale' as time passes: an asset no source has seen within its
// class's window (config.staleAfterDays) is stale; one seen again within it is active. Retired
// assets (a person's decision) are left alone, and so are assets only people describe (they are not
// "seen" by anything). The maintained status counts follow. Synchronous: callers hold the transaction.
import { ASSET_CLASSES } from '../../src-shared/model/index.js';
import type { ReconcileConfig } from '../engine/reconcile/index.js';
import type { Database } from './database.js';

const DAY_MS = 86_400_000;

export function sweepStaleAssets(db: Database, config: ReconcileConfig, now: Date): { becameStale: number; becameActive: number } {
  const toStale = db.prepare(
    "UPDATE assets SET status = 'stale' WHERE status = 'active' AND class = ? AND last_seen < ? AND EXISTS (SELECT 1 FROM records r JOIN sources s ON s.seq = r.source_seq WHERE r.asset_id = assets.id AND s.kind <> 'manual')",
  );
  const toActive = db.prepare("UPDATE assets SET status = 'active' WHERE status = 'stale' AND class = ? AND last_seen >= ?");
  const addCount = db.prepare('INSERT INTO asset_counts (dimension, value, count) VALUES (?, ?, ?) ON CONFLICT (dimension, value) DO UPDATE SET count = count + excluded.count');
  let becameStale = 0;
  let becameActive = 0;
  for (const cls of ASSET_CLASSES) {
    const days = config.staleAfterDays[cls] ?? config.staleAfterDays.default;
    const cutoff = new Date(now.getTime() - days * DAY_MS).toISOString();
    becameStale += toStale.run(cls, cutoff).changes;
    becameActive += toActive.run(cls, cutoff).changes;
  }
  const net = becameStale - becameActive;
  if (net !== 0) {
    addCount.run('status', 'stale', net);
    addCount.run('status', 'active', -net);
  }
  return { becameStale, becameActive };
}
