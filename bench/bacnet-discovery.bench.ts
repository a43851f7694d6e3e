// BACnet/IP discovery benchmark on loopback: Who-Is, I-Am collection and the Device-object read
// (plus object lists where noted) of 200 simulated controllers — each a library server on its own
// 127.0.20.x / 127.0.21.x address — and of 200 devices behind one simulated router (one Who-Is
// round). The figure is wall time beyond the configured I-Am wait (one wait per round of targets
// probed together); the anchor is 20 controllers in the same run with the same settings.
import { DISCOVERY_OT_DEFAULTS, type DiscoverySettings } from '../src-shared/api/discovery.js';
import { BacnetCollector } from '../src-main/collectors/bacnet/bacnet-collector.js';
import { DemoBacnetDevice } from '../src-main/collectors/bacnet/demo/demo-bacnet-device.js';
import { demoVavController } from '../src-main/collectors/bacnet/demo/demo-bacnet-objects.js';
import { DemoBacnetRouter } from '../src-main/collectors/bacnet/demo/demo-bacnet-router.js';
import type { CollectorOutcome } from '../src-main/collectors/collector.js';
import { testRunContext } from '../src-main/collectors/collector-test-context.js';
import { runSweep } from '../src-main/collectors/sweep/sweep-runner.js';
import type { SweepTarget } from '../src-main/collectors/sweep/target-plan.js';
import { round, rssMiB, writeBenchResult } from './lib/bench-report.js';

const DEVICES = 200;
const ANCHOR = 20;
const RELAXED: Partial<DiscoverySettings> = { ratePerSecond: 5000, perHostIntervalMs: 0, concurrency: 200, timeoutMs: 3000, retries: 1 };

interface RunResult {
  wallMs: number;
  beyondWaitMs: number;
  found: number;
  devices: number;
  requests: number;
}

async function discover(targets: SweepTarget[], opts: { iAmWaitMs: number; browse: boolean; settings: Partial<DiscoverySettings>; networks?: number[] }): Promise<RunResult> {
  const ctx = testRunContext({
    options: { protocol: 'bacnet', localAddress: '127.0.0.1', localPort: 0, iAmWaitMs: opts.iAmWaitMs, browseObjects: opts.browse, networks: opts.networks ?? [] },
    settings: opts.settings,
  });
  const concurrency = ctx.settings.concurrency;
  const session = await new BacnetCollector().open(ctx);
  const started = performance.now();
  try {
    const plan = Object.assign([...targets], { size: targets.length });
    const report = await runSweep<CollectorOutcome>(plan, (t, signal) => session.probe(t, signal), {
      concurrency,
      onProbeError: (target, error) => ({ target, status: 'malformed', observations: [], failures: [{ reason: 'malformed', detail: String(error) }], attempts: [], requestCount: 0, durationMs: 0 }),
    });
    const wallMs = performance.now() - started;
    const rounds = Math.ceil(targets.length / concurrency);
    return {
      wallMs,
      beyondWaitMs: wallMs - rounds * opts.iAmWaitMs,
      found: report.outcomes.filter((o) => o.status === 'found').length,
      devices: report.outcomes.reduce((n, o) => n + o.observations.length, 0),
      requests: report.outcomes.reduce((n, o) => n + o.requestCount, 0),
    };
  } finally {
    await session.dispose();
  }
}

async function main(): Promise<void> {
  const hostOf = (i: number): string => `127.0.${20 + Math.floor(i / 250)}.${1 + (i % 250)}`;
  const controllers = await Promise.all(Array.from({ length: DEVICES }, (_, i) => DemoBacnetDevice.start({ host: hostOf(i), port: 0, spec: demoVavController(10_000 + i, `VAV-${i}`) })));
  const router = await DemoBacnetRouter.start({
    host: '127.0.22.1',
    port: 0,
    network: 3000,
    devices: Array.from({ length: DEVICES }, (_, i) => ({ mac: i + 1, spec: demoVavController(30_000 + i, `VAV-R-${i}`) })),
  });
  const rssWithDevices = rssMiB();
  try {
    const all = controllers.map((c) => ({ host: c.host, port: c.port }));
    const wait = 1000;
    const identify200 = await discover(all, { iAmWaitMs: wait, browse: false, settings: RELAXED });
    const identify20 = await discover(all.slice(0, ANCHOR), { iAmWaitMs: wait, browse: false, settings: RELAXED });
    const browse200 = await discover(all, { iAmWaitMs: wait, browse: true, settings: RELAXED });
    const browse20 = await discover(all.slice(0, ANCHOR), { iAmWaitMs: wait, browse: true, settings: RELAXED });
    const routed200 = await discover([{ host: router.host, port: router.port }], { iAmWaitMs: wait, browse: false, settings: RELAXED, networks: [3000] });
    // The OT scope defaults (20 requests/s in all, 100 ms between requests to one device, 4 targets at once).
    const politeWait = 500;
    const polite200 = await discover(all, { iAmWaitMs: politeWait, browse: false, settings: { ...DISCOVERY_OT_DEFAULTS } });

    writeBenchResult('bacnet-discovery', {
      'devices': DEVICES,
      'I-Am wait ms (relaxed runs)': wait,
      'relaxed settings': 'rate 5000/s, no spacing, 200 targets at once',
      'identify 200: wall ms': round(identify200.wallMs, 0),
      'identify 200: wall beyond I-Am wait ms': round(identify200.beyondWaitMs, 0),
      'identify 200: devices found': identify200.devices,
      'identify 200: requests': identify200.requests,
      'identify 20 (anchor): wall beyond I-Am wait ms': round(identify20.beyondWaitMs, 0),
      'identify 200 / 20: ratio of time beyond wait': round(identify200.beyondWaitMs / Math.max(1, identify20.beyondWaitMs), 2),
      'browse 200: wall beyond I-Am wait ms': round(browse200.beyondWaitMs, 0),
      'browse 200: devices found': browse200.devices,
      'browse 200: requests': browse200.requests,
      'browse 20 (anchor): wall beyond I-Am wait ms': round(browse20.beyondWaitMs, 0),
      'browse 200 / 20: ratio of time beyond wait': round(browse200.beyondWaitMs / Math.max(1, browse20.beyondWaitMs), 2),
      'routed 200 behind one router: wall beyond I-Am wait ms': round(routed200.beyondWaitMs, 0),
      'routed 200: devices found': routed200.devices,
      'routed 200: requests': routed200.requests,
      'OT defaults identify 200: I-Am wait ms': politeWait,
      'OT defaults identify 200: wall ms': round(polite200.wallMs, 0),
      'OT defaults identify 200: wall beyond I-Am waits ms (50 rounds of 4)': round(polite200.beyondWaitMs, 0),
      'OT defaults identify 200: devices found': polite200.devices,
      'OT defaults identify 200: requests': polite200.requests,
      'OT defaults: requests / s achieved (cap 20/s)': round(polite200.requests / (polite200.wallMs / 1000), 1),
      'rss with 400 simulated devices MiB': rssWithDevices,
    });
  } finally {
    controllers.forEach((c) => c.close());
    router.close();
  }
}

await main();
