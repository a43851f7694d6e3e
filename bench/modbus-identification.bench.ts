// Modbus: identification of 100 simulated devices (on 127.0.0.2–127.0.0.101) at the default OT
// politeness (DISCOVERY_OT_DEFAULTS: 20 requests/s overall, 4 devices at a time, 100 ms between
// requests to one device). Figures: wall time, requests, and the smallest gap the recorder saw
// between two requests to the same device — the proof that per-device spacing held, also with the
// global rate cap lifted (where the spacing is what binds). Anchors, in the same run: the same
// sweep with no per-device spacing, and with no pacing at all.
import { DISCOVERY_OT_DEFAULTS, type DiscoverySettings } from '../src-shared/api/discovery.js';
import { testRunContext } from '../src-main/collectors/collector-test-context.js';
import type { CollectorOutcome } from '../src-main/collectors/collector.js';
import { demoModiconPlc, demoWagoLikePlc } from '../src-main/collectors/modbus/demo/demo-modbus-devices.js';
import { startDemoModbusPlant, type DemoModbusPlant } from '../src-main/collectors/modbus/demo/demo-modbus-plant.js';
import { ModbusCollector } from '../src-main/collectors/modbus/modbus-collector.js';
import { runSweep } from '../src-main/collectors/sweep/sweep-runner.js';
import { round, rssMiB, writeBenchResult } from './lib/bench-report.js';

const DEVICES = 100;

async function startPlant(): Promise<DemoModbusPlant> {
  const hosts = Array.from({ length: DEVICES }, (_, i) => `127.0.0.${i + 2}`);
  const devices = hosts.map((_, i) => (i % 2 === 0 ? demoModiconPlc(`plc${i}`, `SN${String(i).padStart(6, '0')}`) : demoWagoLikePlc(`plc${i}`)));
  for (let attempt = 0; ; attempt++) {
    try {
      return await startDemoModbusPlant({ hosts, basePort: 31_000 + Math.floor(Math.random() * 20_000), devices });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt > 10) throw error;
    }
  }
}

interface RunFigures {
  wallMs: number;
  found: number;
  requests: number;
  minDeviceGapMs: number;
  observedRatePerSecond: number;
}

async function sweep(plant: DemoModbusPlant, settings: DiscoverySettings): Promise<RunFigures> {
  const context = testRunContext({ options: { protocol: 'modbus', unitIds: [1] }, settings, depth: 'identify' });
  const session = await new ModbusCollector().open(context);
  const targets = plant.devices.map((d) => ({ host: d.host, port: d.port }));
  const t0 = performance.now();
  const report = await runSweep<CollectorOutcome>(Object.assign(targets, { size: targets.length }), (target, signal) => session.probe(target, signal), {
    concurrency: settings.concurrency,
    onProbeError: (target, error) => ({ target, status: 'malformed', observations: [], failures: [{ reason: 'malformed', detail: String(error) }], attempts: [], requestCount: 0, durationMs: 0 }),
  });
  const wallMs = performance.now() - t0;
  await session.dispose();
  const byDevice = new Map<string, number[]>();
  for (const r of context.recorder.requests) {
    const key = `${r.host}:${r.port}`;
    byDevice.set(key, [...(byDevice.get(key) ?? []), r.atMs]);
  }
  let minGap = Number.POSITIVE_INFINITY;
  for (const times of byDevice.values()) for (let i = 1; i < times.length; i++) minGap = Math.min(minGap, (times[i] ?? 0) - (times[i - 1] ?? 0));
  const requests = context.recorder.requests.length;
  return { wallMs: round(wallMs), found: report.outcomes.filter((o) => o.status === 'found').length, requests, minDeviceGapMs: round(minGap), observedRatePerSecond: round(requests / (wallMs / 1000), 1) };
}

async function main(): Promise<void> {
  const plant = await startPlant();
  try {
    const polite = await sweep(plant, { ...DISCOVERY_OT_DEFAULTS });
    // The global rate cap binds at the defaults; without it, the per-device spacing is what binds.
    const spacingOnly = await sweep(plant, { ...DISCOVERY_OT_DEFAULTS, ratePerSecond: 5000 });
    const noSpacing = await sweep(plant, { ...DISCOVERY_OT_DEFAULTS, perHostIntervalMs: 0 });
    const unpaced = await sweep(plant, { ...DISCOVERY_OT_DEFAULTS, perHostIntervalMs: 0, ratePerSecond: 5000 });
    writeBenchResult('modbus-identification', {
      devices: DEVICES,
      'default politeness': `${DISCOVERY_OT_DEFAULTS.ratePerSecond}/s overall, ${DISCOVERY_OT_DEFAULTS.concurrency} at a time, ${DISCOVERY_OT_DEFAULTS.perHostIntervalMs} ms per device`,
      'defaults: wall time s': round(polite.wallMs / 1000),
      'defaults: devices identified': polite.found,
      'defaults: requests': polite.requests,
      'defaults: observed requests/s': polite.observedRatePerSecond,
      'defaults: min gap per device ms': polite.minDeviceGapMs,
      'spacing respected': polite.minDeviceGapMs >= DISCOVERY_OT_DEFAULTS.perHostIntervalMs - 1,
      'spacing only (no rate cap): wall time s': round(spacingOnly.wallMs / 1000),
      'spacing only: min gap per device ms': spacingOnly.minDeviceGapMs,
      'spacing only: spacing respected': spacingOnly.minDeviceGapMs >= DISCOVERY_OT_DEFAULTS.perHostIntervalMs - 1,
      'anchor no spacing: wall time s': round(noSpacing.wallMs / 1000),
      'anchor no spacing: min gap per device ms': noSpacing.minDeviceGapMs,
      'anchor unpaced: wall time s': round(unpaced.wallMs / 1000),
      'anchor unpaced: devices identified': unpaced.found,
      'defaults / unpaced wall time ratio': round(polite.wallMs / unpaced.wallMs, 1),
      'defaults / no-spacing wall time ratio': round(polite.wallMs / noSpacing.wallMs, 2),
      'rss MiB': rssMiB(),
    });
  } finally {
    await plant.close();
  }
}

await main();
