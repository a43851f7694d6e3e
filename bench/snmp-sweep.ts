// Sweep benchmarks on loopback: a /24 where 250 addresses are silent and 4 agents answer
// (127.0.2.0/24), requests per second under the caps, and memory for a /16 sweep plan.
import { MapCredentialMemory } from '../src-main/collectors/snmp/credential-memory.js';
import { startDemoNetwork } from '../src-main/collectors/snmp/demo/demo-network.js';
import { demoRouter, demoServer, demoSwitch, demoUps } from '../src-main/collectors/snmp/demo/demo-devices.js';
import { DEFAULT_SNMP_GUARD_LIMITS } from '../src-main/collectors/snmp/snmp-safety-guard.js';
import { DISCOVERY_DEFAULTS } from '../src-shared/api/discovery.js';
import { DEFAULT_SWEEP_RATE_PER_SECOND, SnmpCollector } from '../src-main/collectors/snmp/snmp-collector.js';
import { runSweep, type SweepOutcomeLike } from '../src-main/collectors/sweep/sweep-runner.js';
import { TargetPlan } from '../src-main/collectors/sweep/target-plan.js';
import { MemoryCredentialStore } from '../src-main/secrets/memory-credential-store.js';
import { round, rssMiB, writeBenchResult } from './lib/bench-report.js';

const port = 20_161;
const credentials = [{ id: 'bench', version: 'v2c', communityRef: 'bench/community' }] as const;
const store = new MemoryCredentialStore({ 'bench/community': 'fieldwise-demo' });

async function main(): Promise<void> {
  const live = ['127.0.2.10', '127.0.2.20', '127.0.2.30', '127.0.2.40'];
  const net = await startDemoNetwork({ basePort: port, hosts: live, devices: [demoSwitch('sw1'), demoRouter(), demoServer(), demoUps()] });
  try {
    const plan = TargetPlan.parse({ include: ['127.0.2.0/24'], ports: [port] });
    const collector = new SnmpCollector({ store, memory: new MapCredentialMemory() });
    const started = performance.now();
    const report = await collector.sweep(plan, credentials, { depth: 'identify' });
    const wallMs = performance.now() - started;
    const requests = report.outcomes.reduce((n, o) => n + o.requestCount, 0);
    const statuses = report.outcomes.reduce<Record<string, number>>((m, o) => ({ ...m, [o.status]: (m[o.status] ?? 0) + 1 }), {});

    // Full collection of every found host in the same sweep, for the time a realistic run takes.
    const fullStarted = performance.now();
    const full = await new SnmpCollector({ store, memory: new MapCredentialMemory() }).sweep(plan, credentials, {});
    const fullMs = performance.now() - fullStarted;

    // The same /24 with the settings a discovery scope starts from (what the UI and CLI run).
    const scopeStarted = performance.now();
    const scoped = await new SnmpCollector({ store, memory: new MapCredentialMemory() }).sweep(plan, credentials, {
      depth: 'identify',
      concurrency: DISCOVERY_DEFAULTS.concurrency,
      ratePerSecond: DISCOVERY_DEFAULTS.ratePerSecond,
      perHostIntervalMs: DISCOVERY_DEFAULTS.perHostIntervalMs,
      limits: { timeoutMs: DISCOVERY_DEFAULTS.timeoutMs, retries: DISCOVERY_DEFAULTS.retries, backoff: DISCOVERY_DEFAULTS.backoff },
    });
    const scopeMs = performance.now() - scopeStarted;

    // Sustained request rate against the live agents under a 500/s cap and with the collector's own default cap.
    const rate = async (ratePerSecond: number): Promise<number> => {
      const c = new SnmpCollector({ store, memory: new MapCredentialMemory() });
      const livePlan = TargetPlan.parse({ include: live, ports: [port] });
      const t0 = performance.now();
      let n = 0;
      for (let i = 0; i < 5; i++) {
        const r = await c.sweep(livePlan, credentials, { ratePerSecond, perHostIntervalMs: 0 });
        n += r.outcomes.reduce((s, o) => s + o.requestCount, 0);
      }
      return n / ((performance.now() - t0) / 1000);
    };
    const rpsCapped = await rate(500);
    const rpsDefault = await rate(DEFAULT_SWEEP_RATE_PER_SECOND);

    // Peak memory of a /16 plan walked through the sweep runner (probe does no I/O).
    const rssBefore = rssMiB();
    const big = TargetPlan.parse({ include: ['10.20.0.0/16'] });
    let peak = rssBefore;
    const bigStarted = performance.now();
    const bigReport = await runSweep(big, async (target): Promise<SweepOutcomeLike> => ({ target, status: 'no_response' }), {
      concurrency: 256,
      onProbeError: (target): SweepOutcomeLike => ({ target, status: 'malformed' }),
      onProgress: (p) => {
        if (p.done % 4096 === 0) peak = Math.max(peak, rssMiB());
      },
    });
    const bigMs = performance.now() - bigStarted;

    writeBenchResult('snmp-sweep', {
      'sweep /24 targets': plan.size,
      'sweep /24 found': statuses.found ?? 0,
      'sweep /24 no_response': statuses.no_response ?? 0,
      'per-request timeout ms': DEFAULT_SNMP_GUARD_LIMITS.timeoutMs,
      'retries': DEFAULT_SNMP_GUARD_LIMITS.retries,
      'sweep /24 identify wall ms': round(wallMs, 0),
      'sweep /24 wall / timeout': round(wallMs / DEFAULT_SNMP_GUARD_LIMITS.timeoutMs, 2),
      'sweep /24 requests sent': requests,
      'sweep /24 full collection wall ms': round(fullMs, 0),
      'sweep /24 full collection found': full.progress.found,
      'req/s sustained (cap 500/s)': round(rpsCapped, 0),
      [`req/s sustained (collector default cap ${DEFAULT_SWEEP_RATE_PER_SECOND}/s)`]: round(rpsDefault, 0),
      'sweep /24 identify wall ms, discovery scope defaults': round(scopeMs, 0),
      'sweep /24 found, discovery scope defaults': scoped.progress.found,
      '/16 plan addresses': big.size,
      '/16 plan sweep-runner ms (no I/O)': round(bigMs, 0),
      '/16 outcomes kept': bigReport.outcomes.length,
      '/16 rss before MiB': rssBefore,
      '/16 rss peak MiB': Math.max(peak, rssMiB()),
    });
  } finally {
    await net.close();
  }
}

await main();
