// The home dashboard: the state of the estate in one call (docs/dashboard.md). Read-only; every
// figure about assets comes with the inventory filter behind it (db/dashboard-queries.ts).
import type { DashboardSummary } from '../../../src-shared/api/dashboard.js';
import { RUN_STATUSES, type RunStatus } from '../../../src-shared/api/runs.js';
import { dashboardAssetFigures } from '../../db/dashboard-queries.js';
import type { Database } from '../../db/database.js';
import { listRuns } from '../../db/runs-repository.js';
import { countStewardship } from '../../db/stewardship-repository.js';

/** How far back the runs' outcome counts reach. */
const RUN_WINDOW_DAYS = 30;

export interface DashboardServiceDeps {
  db: Database;
  now: () => Date;
}

export interface DashboardService {
  summary(input: { recentRuns: number }): DashboardSummary;
}

export function createDashboardService(deps: DashboardServiceDeps): DashboardService {
  const { db } = deps;
  return {
    summary({ recentRuns }) {
      const now = deps.now();
      // One read transaction: every figure describes the same moment, however many statements it takes.
      return db.transaction((): DashboardSummary => {
        const since = new Date(now.getTime() - RUN_WINDOW_DAYS * 86_400_000).toISOString();
        const runCounts = new Map(
          (db.prepare('SELECT status, count(*) AS n FROM discovery_runs WHERE started_at >= ? GROUP BY status').all(since) as { status: RunStatus; n: number }[]).map((r) => [r.status, r.n]),
        );
        const review = countStewardship(db);
        return {
          generatedAt: now.toISOString(),
          ...dashboardAssetFigures(db, now),
          review: { open: review.open, deferred: review.deferred },
          runs: {
            recent: listRuns(db, recentRuns, 0),
            byStatus: RUN_STATUSES.map((status) => ({ status, count: runCounts.get(status) ?? 0 })).filter((s) => s.count > 0),
          },
        };
      }).deferred();
    },
  };
}
