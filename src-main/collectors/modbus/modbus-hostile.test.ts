import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectorOutcome } from '../collector.js';
import { testRunContext } from '../collector-test-context.js';
import type { DemoModbusPlant } from './demo/demo-modbus-plant.js';
import { ModbusCollector } from './modbus-collector.js';
import { DISCOVERY_HOST_STATUSES } from '../../../src-shared/api/discovery.js';
import { FuzzDevice, HOSTILE_BEHAVIOURS, HostileDevice, probeOnce, startTestPlant, type HostileBehaviour } from './test-support.js';

// What each misbehaviour is reported as: always that device's error, never the run's.
const EXPECTED_STATUS: Record<HostileBehaviour, CollectorOutcome['status']> = {
  'wrong-length': 'malformed',
  exception: 'found',
  'wrong-transaction-id': 'malformed',
  garbage: 'malformed',
  'drop-mid-read': 'network',
  'never-answers': 'timeout',
  'wrong-unit': 'malformed',
  'oversized-frame': 'malformed',
  'more-follows-forever': 'malformed',
  'refuses-connection': 'no_response',
  slow: 'timeout',
};

describe('Modbus collector against hostile devices on 127.0.0.1', () => {
  let plant: DemoModbusPlant;
  const devices = new Map<HostileBehaviour, HostileDevice>();

  beforeAll(async () => {
    plant = await startTestPlant();
    for (const behaviour of HOSTILE_BEHAVIOURS) devices.set(behaviour, await HostileDevice.start(behaviour));
  });
  afterAll(async () => {
    await Promise.all([...devices.values()].map((d) => d.close()));
    await plant.close();
  });

  it('records each misbehaviour as that device’s error and carries on with the next target in the same session', async () => {
    const context = testRunContext({
      options: { protocol: 'modbus', unitIds: [1], registerRanges: [{ table: 'holding_registers', start: 0, count: 10 }] },
      settings: { timeoutMs: 300, retries: 1, backoff: 1 },
    });
    const session = await new ModbusCollector().open(context);
    const good = plant.devices.find((d) => d.name === 'plc1');
    if (!good) throw new Error('no plc1');
    const outcomes = new Map<string, CollectorOutcome>();
    try {
      for (const [behaviour, device] of devices) {
        outcomes.set(behaviour, await session.probe({ host: device.host, port: device.port }, new AbortController().signal));
      }
      outcomes.set('good', await session.probe({ host: good.host, port: good.port }, new AbortController().signal));
    } finally {
      await session.dispose();
    }
    for (const behaviour of HOSTILE_BEHAVIOURS) {
      const outcome = outcomes.get(behaviour);
      expect(outcome?.status, behaviour).toBe(EXPECTED_STATUS[behaviour]);
      expect(outcome?.failures.length, behaviour).toBeGreaterThan(0);
      for (const f of outcome?.failures ?? []) expect(f.detail.length, behaviour).toBeGreaterThan(5);
    }
    expect(outcomes.get('good')?.status).toBe('found');
    expect(outcomes.get('good')?.observations[0]?.fields.serial).toBe('21224A0173');
    // Specific reasons a user can read.
    expect(outcomes.get('wrong-transaction-id')?.failures[0]?.detail).toContain('other transaction ids');
    expect(outcomes.get('more-follows-forever')?.failures[0]?.detail).toContain('without progress');
    expect(outcomes.get('drop-mid-read')?.failures[0]?.detail).toContain('closed the connection');
    expect(outcomes.get('slow')?.failures[0]?.detail).toContain('arrived after their timeout');
    expect(outcomes.get('exception')?.failures[0]).toMatchObject({ reason: 'exception', section: 'unit 1 identification' });
    expect(context.recorder.refused()).toEqual([]);
  }, 60_000);

  it('opens the circuit breaker on a device that keeps sending malformed replies and stops talking to it', async () => {
    const device = devices.get('wrong-length');
    if (!device) throw new Error('no device');
    const before = device.requests;
    const ranges = Array.from({ length: 10 }, (_, i) => ({ table: 'holding_registers' as const, start: i * 10, count: 10 }));
    const { outcome } = await probeOnce(device, { unitIds: [1, 2, 3], sunspecAddresses: [], registerRanges: ranges }, { settings: { timeoutMs: 300, retries: 0 } });
    // Three failures in a row (the breaker threshold), then nothing more: not the 10 ranges, not units 2 and 3.
    expect(device.requests - before).toBe(3);
    expect(outcome.failures.some((f) => f.reason === 'breaker_open')).toBe(true);
    expect(outcome.status).toBe('malformed');
  });

  it('stops asking a silent device after the breaker threshold, whatever the number of unit ids', async () => {
    const device = devices.get('never-answers');
    if (!device) throw new Error('no device');
    const before = device.requests;
    const { outcome } = await probeOnce(device, { unitIds: [1, 2, 3, 4, 5, 6] }, { settings: { timeoutMs: 150, retries: 0 } });
    expect(device.requests - before).toBe(3);
    expect(outcome.status).toBe('timeout');
    expect(outcome.observations).toEqual([]);
  });

  it('uses exactly one connection per device per probe, even when it misbehaves', async () => {
    for (const behaviour of ['garbage', 'wrong-unit', 'exception'] as const) {
      const device = devices.get(behaviour);
      if (!device) throw new Error('no device');
      const before = device.connections;
      await probeOnce(device, { unitIds: [1, 2] }, { settings: { timeoutMs: 200, retries: 0 } });
      expect(device.connections - before, behaviour).toBe(1);
    }
  });

  it('survives devices that answer with random bytes (seeded, replayable) and still reads a good device afterwards', async () => {
    const good = plant.devices.find((d) => d.name === 'plc2');
    if (!good) throw new Error('no plc2');
    const seeds = Array.from({ length: 25 }, (_, i) => 1000 + i);
    const fuzzers = await Promise.all(seeds.map((seed) => FuzzDevice.start(seed)));
    const context = testRunContext({
      options: { protocol: 'modbus', unitIds: [1, 2], registerRanges: [{ table: 'holding_registers', start: 0, count: 300 }, { table: 'coils', start: 0, count: 20 }] },
      settings: { timeoutMs: 150, retries: 0 },
    });
    const session = await new ModbusCollector().open(context);
    try {
      for (const [i, fuzzer] of fuzzers.entries()) {
        const outcome = await session.probe({ host: fuzzer.host, port: fuzzer.port }, new AbortController().signal);
        expect(DISCOVERY_HOST_STATUSES, `seed ${seeds[i]}`).toContain(outcome.status);
        for (const f of outcome.failures) expect(typeof f.detail, `seed ${seeds[i]}`).toBe('string');
      }
      const after = await session.probe({ host: good.host, port: good.port }, new AbortController().signal);
      expect(after.status).toBe('found');
    } finally {
      await session.dispose();
      await Promise.all(fuzzers.map((f) => f.close()));
    }
    expect(fuzzers.reduce((n, f) => n + f.requests, 0)).toBeGreaterThan(25);
  }, 60_000);
});
