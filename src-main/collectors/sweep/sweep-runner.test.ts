import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MapCredentialMemory } from '../snmp/credential-memory.js';
import { startDemoNetwork, type DemoNetwork } from '../snmp/demo/demo-network.js';
import { SnmpCollector } from '../snmp/snmp-collector.js';
import { CREDENTIALS, demoCredentialStore, openUdpHandles, randomBasePort } from '../snmp/test-support.js';
import { runSweep, type SweepOutcomeLike, type SweepProgress } from './sweep-runner.js';
import { TargetPlan } from './target-plan.js';

describe('runSweep (generic)', () => {
  it('keeps to the concurrency cap and turns a throwing probe into an outcome', async () => {
    const plan = TargetPlan.parse({ include: ['127.0.0.1-40'] });
    let inFlight = 0;
    let peak = 0;
    const report = await runSweep(
      plan,
      async (target): Promise<SweepOutcomeLike> => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 2));
        inFlight -= 1;
        if (target.host === '127.0.0.7') throw new Error('boom');
        return { target, status: 'found' };
      },
      { concurrency: 5, onProbeError: (target): SweepOutcomeLike => ({ target, status: 'malformed' }) },
    );
    expect(peak).toBe(5);
    expect(report.outcomes).toHaveLength(40);
    expect(report.progress).toMatchObject({ done: 40, found: 39, errors: 1, inFlight: 0 });
  });
});

describe('SNMP sweep over loopback', () => {
  let net: DemoNetwork;
  let udpBefore = 0;
  const basePort = randomBasePort();

  beforeAll(async () => {
    udpBefore = openUdpHandles();
    net = await startDemoNetwork({ host: '127.0.0.1', basePort });
  });
  afterAll(async () => {
    await net.close();
    await new Promise((r) => setTimeout(r, 20));
    expect(openUdpHandles()).toBe(udpBefore);
  });

  it('finds the live agents among dead ports and dead addresses, in about one dead-host cost', async () => {
    // 127.0.0.1 on 10 ports (5 live agents, 5 dead) + 30 dead loopback addresses on the first port.
    const ports = Array.from({ length: 10 }, (_, i) => basePort + i);
    const live = TargetPlan.parse({ include: ['127.0.0.1'], ports });
    const dead = TargetPlan.parse({ include: ['127.0.3.1-30'], ports: [basePort] });
    const targets = [...live, ...dead];
    const plan = Object.assign(targets, { size: targets.length });
    const progress: SweepProgress[] = [];
    const collector = new SnmpCollector({ store: demoCredentialStore(), memory: new MapCredentialMemory() });
    const report = await collector.sweep(plan, [CREDENTIALS.v2c], { limits: { timeoutMs: 250, retries: 1, backoff: 1 }, onProgress: (p) => progress.push(p) });
    const found = report.outcomes.filter((o) => o.status === 'found').map((o) => o.observation?.fields.name);
    expect(found.sort()).toEqual(['rtr1.demo.lan', 'srv1.demo.lan', 'sw1.demo.lan', 'sw2.demo.lan', 'ups1']);
    expect(report.outcomes.filter((o) => o.status === 'no_response')).toHaveLength(35);
    expect(progress.at(-1)).toMatchObject({ done: 40, total: 40, found: 5, errors: 35 });
    // That dead hosts wait in parallel, up to the cap, is the first test's subject (no timing here).
  });

  it('cancels at any moment and reports what was not started', async () => {
    const plan = TargetPlan.parse({ include: ['127.0.4.0/24'], ports: [basePort] });
    const controller = new AbortController();
    const collector = new SnmpCollector({ store: demoCredentialStore(), memory: new MapCredentialMemory() });
    setTimeout(() => controller.abort(), 100);
    // Probes would wait 60 s for an answer: a cancel that waited for them would outlast the test's limit.
    const report = await collector.sweep(plan, [CREDENTIALS.v2c], { concurrency: 16, signal: controller.signal, limits: { timeoutMs: 60_000 } });
    expect(report.cancelled).toBe(true);
    expect(report.outcomes.every((o) => o.status === 'cancelled')).toBe(true);
    expect(report.outcomes.length + report.notStarted).toBe(254);
  });
});
