// Keeps asset statuses true as time passes: sweeps for stale (and active again) assets at start,
// after every import, and every hour, through the write queue, and publishes what changed.
import type { Database } from '../db/database.js';
import { sweepStaleAssets } from '../db/sweep-stale-assets.js';
import type { ReconcileConfig } from '../engine/reconcile/index.js';
import type { SchedulerTimers } from './runs/job-scheduler.js';
import type { EventPublisher } from './event-bus.js';
import type { WriteQueue } from './write-queue.js';

const HOUR_MS = 3_600_000;

export interface StalenessService {
  sweep(): Promise<{ becameStale: number; becameActive: number }>;
  start(): void;
  stop(): void;
}

export function createStalenessService(deps: { db: Database; writes: WriteQueue; events: EventPublisher; config: ReconcileConfig; now: () => Date; timers: SchedulerTimers }): StalenessService {
  let handle: unknown = null;
  let stopped = false;
  async function sweep() {
    const result = await deps.writes.run('stale.sweep', () => sweepStaleAssets(deps.db, deps.config, deps.now()));
    const count = result.becameStale + result.becameActive;
    if (count > 0) deps.events.publish('assets.changed', { reason: 'staleness', assetIds: [], count });
    return result;
  }
  const schedule = (): void => {
    if (stopped) return;
    handle = deps.timers.setTimeout(() => {
      void sweep().finally(schedule);
    }, HOUR_MS);
  };
  return {
    sweep,
    start() {
      stopped = false;
      schedule();
    },
    stop() {
      stopped = true;
      if (handle !== null) deps.timers.clearTimeout(handle);
      handle = null;
    },
  };
}
