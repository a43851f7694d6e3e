// Throughput of the pure reconciliation engine: observations/s through normalise -> block/score ->
// identity graph -> golden records (reconcileAll) over a large synthetic fleet, p95 latency of the
// incremental apply of one changed observation into a ~100k-asset state, and peak RSS.
// Run: npx tsx bench/reconcile-throughput.ts [observations=1000000] [incrementalAssets=100000] [samples=2000]
// One million observations need about 10 GB: NODE_OPTIONS=--max-old-space-size=16000 for that size.
// Smaller sizes write bench/results/reconcile-throughput-<size>.json.
import { DEFAULT_RECONCILE_CONFIG, IncrementalReconciler, reconcileAll, type SourcedObservation } from '../src-main/engine/reconcile/index.js';
import { generateFleet, mulberry32 } from '../src-main/fleet/index.js';
import { round, rssMiB, summarise, writeBenchResult } from './lib/bench-report.js';

const targetObservations = Number(process.argv[2] ?? 1_000_000);
const incrementalAssets = Number(process.argv[3] ?? 100_000);
const samples = Number(process.argv[4] ?? 2_000);
/** Observations per true asset in the generator's default mix (measured on the accuracy fleet). */
const OBSERVATIONS_PER_ASSET = 1.185;
const peakRssMiB = (): number => round(process.resourceUsage().maxRSS / 1024, 1);

// 1. Incremental: one changed observation at a time into a ~100k-asset state.
const small = generateFleet({ seed: 7, trueAssets: incrementalAssets, maxSoftwarePerHost: 4 });
const reconciler = new IncrementalReconciler({ config: DEFAULT_RECONCILE_CONFIG, now: small.now });
let t = performance.now();
reconciler.apply(small.observations);
const bulkLoadMs = performance.now() - t;
const rng = mulberry32(99);
const latencies: number[] = [];
// This machine is shared: CPU time (user + system of this process) is reported next to wall time.
const cpuLatencies: number[] = [];
const cpuMs = (since: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
};
const nowMs = Date.parse(small.now);
for (let i = 0; i < samples; i++) {
  const base = rng.pick(small.observations);
  const fields = { ...base.observation.fields, uptime_seconds: rng.int(1, 1e7) };
  if (rng.chance(0.2)) fields.hostname = `renamed-${i}`; // some changes touch identity, most only attributes
  const changed: SourcedObservation = {
    ...base,
    observationId: `bench-${i}`,
    observation: { ...base.observation, fields, observedAt: new Date(nowMs - 60_000 + i).toISOString() },
  };
  const c = process.cpuUsage();
  t = performance.now();
  reconciler.apply([changed]);
  latencies.push(performance.now() - t);
  cpuLatencies.push(cpuMs(c));
}
const incremental = summarise(latencies);
const incrementalCpu = summarise(cpuLatencies);
const incrementalAssetCount = reconciler.assetCount;
const incrementalObservations = reconciler.observationCount;
const rssAfterIncremental = rssMiB();

// 2. Batch: the whole pipeline over a large fleet.
t = performance.now();
const fleet = generateFleet({ seed: 1, trueAssets: Math.round(targetObservations / OBSERVATIONS_PER_ASSET), maxSoftwarePerHost: 4 });
const generateMs = performance.now() - t;
const batchCpu = process.cpuUsage();
t = performance.now();
const result = reconcileAll(fleet.observations, [], DEFAULT_RECONCILE_CONFIG, fleet.now);
const batchMs = performance.now() - t;
const batchCpuMs = cpuMs(batchCpu);

writeBenchResult(targetObservations === 1_000_000 ? 'reconcile-throughput' : `reconcile-throughput-${targetObservations}`, {
  batchObservations: fleet.observations.length,
  batchAssets: result.assets.length,
  batchGenerateMs: round(generateMs, 0),
  batchReconcileMs: round(batchMs, 0),
  batchObservationsPerSecond: round(fleet.observations.length / (batchMs / 1000), 0),
  batchCpuMs: round(batchCpuMs, 0),
  batchObservationsPerCpuSecond: round(fleet.observations.length / (batchCpuMs / 1000), 0),
  incrementalStateAssets: incrementalAssetCount,
  incrementalStateObservations: incrementalObservations,
  incrementalBulkLoadMs: round(bulkLoadMs, 0),
  incrementalApplyOneP50Ms: incremental.p50,
  incrementalApplyOneP95Ms: incremental.p95,
  incrementalApplyOneMaxMs: incremental.max,
  incrementalApplyOneCpuP50Ms: incrementalCpu.p50,
  incrementalApplyOneCpuP95Ms: incrementalCpu.p95,
  incrementalSamples: incremental.n,
  rssAfterIncrementalMiB: rssAfterIncremental,
  rssEndMiB: rssMiB(),
  peakRssMiB: peakRssMiB(),
  cpus: (await import('node:os')).cpus().length,
  loadAverage1m: round((await import('node:os')).loadavg()[0] ?? 0, 2),
});
