// DB-backed reconciliation, one closure at a time: load the closure of the changed natural keys
// (reconcile-store.ts), run the pure engine on it, write the difference (golden-record-writer.ts)
// and keep the stewardship queue in step. Memory is bounded by the closure, not by the inventory.
// A rebuild walks every stored record the same way, batching closures, so rebuild and incremental
// reconciliation share one code path and one result. Synchronous: callers hold the transaction.
import { reconcileLatest, type NaturalKey, type ReconcileConfig } from '../engine/reconcile/index.js';
import type { Database } from './database.js';
import { createGoldenRecordWriter, type ApplyContext, type ApplyOutcome } from './golden-record-writer.js';
import { createReconcileStore, type ReconcileStore } from './reconcile-store.js';
import { createStewardshipSync } from './stewardship-repository.js';

export interface ReconcileOutcomeCounts extends ApplyOutcome {
  stewardshipOpened: number;
  stewardshipResolved: number;
}

export interface ComponentReconciler {
  readonly store: ReconcileStore;
  readonly config: ReconcileConfig;
  reconcile(changed: Iterable<NaturalKey>, ctx: ApplyContext): ReconcileOutcomeCounts;
  /** Recomputes every record (and gives every stored natural key a head first). */
  rebuild(ctx: ApplyContext, options?: { batchSize?: number }): ReconcileOutcomeCounts;
}

function emptyOutcome(): ReconcileOutcomeCounts {
  return { created: [], updated: [], removed: [], unchanged: 0, assetOf: new Map(), stewardshipOpened: 0, stewardshipResolved: 0 };
}

function mergeInto(total: ReconcileOutcomeCounts, part: ReconcileOutcomeCounts): void {
  total.created.push(...part.created);
  total.updated.push(...part.updated);
  total.removed.push(...part.removed);
  total.unchanged += part.unchanged;
  for (const [k, v] of part.assetOf) total.assetOf.set(k, v);
  total.stewardshipOpened += part.stewardshipOpened;
  total.stewardshipResolved += part.stewardshipResolved;
}

export function createComponentReconciler(db: Database, config: ReconcileConfig): ComponentReconciler {
  const store = createReconcileStore(db, config);
  const writer = createGoldenRecordWriter(db);
  const syncStewardship = createStewardshipSync(db);

  function run(closure: ReturnType<ReconcileStore['closure']>, ctx: ApplyContext): ReconcileOutcomeCounts {
    // The closure holds one prepared head per natural key: what reconcileAll would derive from them.
    const result = reconcileLatest(closure.observations, closure.decisions, config, ctx.now);
    const applied = writer.apply(result, closure.currentAssetIds, ctx);
    const steward = syncStewardship(closure.observations.keys(), result.stewardship, ctx.now);
    return { ...applied, stewardshipOpened: steward.opened, stewardshipResolved: steward.resolved };
  }

  return {
    store,
    config,
    reconcile(changed, ctx) {
      const seeds = [...changed];
      if (seeds.length === 0) return emptyOutcome();
      return run(store.closure(seeds), ctx);
    },

    rebuild(ctx, options = {}) {
      const batchSize = options.batchSize ?? 5000;
      // Records stored before reconciliation kept heads (e.g. an upgraded database) get them now.
      const headless = db
        .prepare(
          `SELECT o.id, o.source_id, o.native_key FROM observations o
           WHERE NOT EXISTS (SELECT 1 FROM observation_heads h WHERE h.source_id = o.source_id AND h.native_key = o.native_key)
           ORDER BY o.source_id, o.native_key, o.observed_at, o.id`,
        )
        .all() as { id: string; source_id: string; native_key: string }[];
      for (const r of headless) store.offerHead(r.id, r.source_id, r.native_key);

      const total = emptyOutcome();
      const done = new Set<NaturalKey>();
      let batch: ReturnType<ReconcileStore['closure']> | null = null;
      const flush = () => {
        if (batch) mergeInto(total, run(batch, ctx));
        batch = null;
      };
      for (const key of store.allHeadKeys()) {
        if (done.has(key)) continue;
        const closure = store.closure([key]);
        for (const k of closure.observations.keys()) done.add(k);
        if (!batch) batch = closure;
        else {
          for (const [k, v] of closure.observations) batch.observations.set(k, v);
          batch.decisions.push(...closure.decisions);
          for (const id of closure.currentAssetIds) batch.currentAssetIds.add(id);
        }
        if (batch.observations.size >= batchSize) flush();
      }
      flush();
      // Assets no record belongs to any more (none should exist; an interrupted legacy write could leave one).
      const orphans = db.prepare('SELECT id FROM assets a WHERE NOT EXISTS (SELECT 1 FROM asset_sources m WHERE m.asset_id = a.id)').pluck().all() as string[];
      if (orphans.length > 0) {
        const removed = writer.apply({ assets: [], stewardship: [], sourceQuality: [] }, new Set(orphans), ctx);
        total.removed.push(...removed.removed);
      }
      return total;
    },
  };
}
