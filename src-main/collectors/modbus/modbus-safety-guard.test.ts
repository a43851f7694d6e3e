import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryRequestRecorder } from '../request-recorder.js';
import { PacedRequestGate } from '../sweep/request-gate.js';
import { systemTiming } from '../sweep/timing.js';
import type { DemoModbusPlant, DemoModbusPlantDevice } from './demo/demo-modbus-plant.js';
import { isModbusError } from './modbus-error.js';
import { ModbusCollector } from './modbus-collector.js';
import { ModbusSafetyGuard } from './modbus-safety-guard.js';
import { testRunContext } from '../collector-test-context.js';
import { probeOnce, RecordingProxy, startTestPlant } from './test-support.js';

const ALLOWED_CODES = [1, 2, 3, 4, 43];

describe('Modbus safety guard: only functions 1, 2, 3, 4 and 43/14 reach a device', () => {
  let plant: DemoModbusPlant;
  const proxies: RecordingProxy[] = [];
  const device = (name: string): DemoModbusPlantDevice => {
    const d = plant.devices.find((x) => x.name === name);
    if (!d) throw new Error(`no demo device ${name}`);
    return d;
  };
  const proxyTo = async (name: string): Promise<RecordingProxy> => {
    const d = device(name);
    const proxy = await RecordingProxy.start(d.host, d.port);
    proxies.push(proxy);
    return proxy;
  };

  beforeAll(async () => {
    plant = await startTestPlant();
  });
  afterAll(async () => {
    await Promise.all(proxies.map((p) => p.close()));
    await plant.close();
  });

  it('refuses writes, diagnostics and other encapsulated interfaces: recorded as refused, nothing on the wire', async () => {
    const proxy = await proxyTo('plc1');
    const recorder = new MemoryRequestRecorder();
    const guard = new ModbusSafetyGuard({
      host: proxy.host,
      port: proxy.port,
      gate: new PacedRequestGate({ ratePerSecond: 1000, perHostIntervalMs: 0, timing: systemTiming }),
      recorder,
      timing: systemTiming,
      limits: { timeoutMs: 2000, retries: 0, backoff: 1 },
    });
    await guard.open();
    try {
      const forbidden: Array<[string, Buffer]> = [
        ['write single coil (5)', Buffer.from([5, 0, 0, 0xff, 0])],
        ['write single register (6)', Buffer.from([6, 0, 0, 0, 1])],
        ['diagnostics (8)', Buffer.from([8, 0, 1, 0, 0])],
        ['write multiple coils (15)', Buffer.from([15, 0, 0, 0, 8, 1, 0xff])],
        ['write multiple registers (16)', Buffer.from([16, 0, 0, 0, 1, 2, 0, 1])],
        ['mask write register (22)', Buffer.from([22, 0, 0, 0xff, 0xff, 0, 0])],
        ['read/write multiple registers (23)', Buffer.from([23, 0, 0, 0, 1, 0, 0, 0, 1, 2, 0, 1])],
        ['CANopen general reference (43/13)', Buffer.from([43, 13, 0, 0])],
        ['report server id (17)', Buffer.from([17])],
      ];
      for (const [label, pdu] of forbidden) {
        const error = await guard.sendPdu(1, pdu).then(
          () => null,
          (e: unknown) => e,
        );
        expect(isModbusError(error) && error.reason, label).toBe('refused');
      }
      // A real read still works on the same connection afterwards.
      expect(await guard.readHoldingRegisters(1, 0, 2)).toHaveLength(2);
    } finally {
      await guard.close();
    }
    expect(recorder.refused().map((r) => r.code)).toEqual([5, 6, 8, 15, 16, 22, 23, 43, 17]);
    expect(recorder.refused().map((r) => r.service)).toContain('encapsulated-interface-13');
    expect(recorder.requests.filter((r) => r.allowed).map((r) => r.service)).toEqual(['read-holding-registers']);
    expect(proxy.frames.map((f) => f.functionCode)).toEqual([3]);
  });

  it('across every option combination, only 1, 2, 3, 4 and 43 / MEI 14 are ever sent (proxy capture and recorder agree)', async () => {
    const allRanges = [
      { table: 'coils' as const, start: 0, count: 64 },
      { table: 'discrete_inputs' as const, start: 0, count: 32 },
      { table: 'holding_registers' as const, start: 0, count: 300 },
      { table: 'input_registers' as const, start: 0, count: 50 },
    ];
    const combos = [];
    for (const identification of [true, false])
      for (const sunspecAddresses of [[], [40000, 0, 50000]])
        for (const profiles of [['auto'], [], ['example-modicon-like-plc', 'sunspec-inverter', 'example-abb-like-drive']])
          for (const registerRanges of [[], allRanges])
            for (const depth of ['identify', 'full'] as const) combos.push({ identification, sunspecAddresses, profiles, registerRanges, depth });
    const names = ['plc1', 'plc2', 'inverter1', 'gateway1'];
    const proxiesByDevice = await Promise.all(names.map((n) => proxyTo(n)));
    let allowedRecorded = 0;
    for (const [i, combo] of combos.entries()) {
      const { depth, ...options } = combo;
      for (const [d, proxy] of proxiesByDevice.entries()) {
        // The gateway gets its three units and one it does not have; a PLC sometimes a unit id it ignores.
        const unitIds = names[d] === 'gateway1' ? [1, 2, 3, 4] : i % 8 === 0 ? [1, 2] : [1];
        const { context } = await probeOnce(proxy, { ...options, unitIds }, { depth, settings: { timeoutMs: 300 } });
        expect(context.recorder.refused()).toEqual([]);
        for (const r of context.recorder.requests) expect(ALLOWED_CODES).toContain(r.code);
        allowedRecorded += context.recorder.requests.length;
      }
    }
    const frames = proxiesByDevice.flatMap((p) => p.frames);
    expect(frames.length).toBeGreaterThan(combos.length * 4);
    expect([...new Set(frames.map((f) => f.functionCode))].sort((a, b) => a - b)).toEqual(ALLOWED_CODES);
    expect(frames.filter((f) => f.functionCode === 43).every((f) => f.mei === 14)).toBe(true);
    // Every request the proxies saw went through the guard's recorder (retries are 0 here).
    expect(frames.length).toBe(allowedRecorded);
  }, 120_000);

  it('keeps the per-device spacing between requests (recorder timestamps and proxy arrivals)', async () => {
    const proxy = await proxyTo('gateway1');
    const spacing = 40;
    const { context } = await probeOnce(proxy, { unitIds: [1, 2] }, { settings: { perHostIntervalMs: spacing, ratePerSecond: 1000 } });
    const times = context.recorder.requests.map((r) => r.atMs);
    expect(times.length).toBeGreaterThan(10);
    expect(proxy.frames).toHaveLength(times.length);
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0));
    // Sub-millisecond slack: the recorder stamps a request a microtask after the gate lets it go.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(spacing - 1);
  });

  it('cancel stops all traffic: nothing more reaches the device after the abort, and the connection is closed', async () => {
    const proxy = await proxyTo('plc1');
    const context = testRunContext({
      options: { protocol: 'modbus', unitIds: [1], registerRanges: [{ table: 'holding_registers', start: 0, count: 300 }, { table: 'coils', start: 0, count: 64 }] },
      settings: { perHostIntervalMs: 50, timeoutMs: 2000, retries: 0 },
    });
    const session = await new ModbusCollector().open(context);
    const controller = new AbortController();
    const probe = session.probe({ host: proxy.host, port: proxy.port }, controller.signal);
    while (proxy.frames.length < 3) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    const framesAtAbort = proxy.frames.length;
    const outcome = await probe;
    await session.dispose();
    await new Promise((r) => setTimeout(r, 300));
    expect(outcome.status).toBe('cancelled');
    // At most the one request already on its way when the abort came.
    expect(proxy.frames.length - framesAtAbort).toBeLessThanOrEqual(1);
    expect(proxy.openConnections).toBe(0);
    const recordedAfter = context.recorder.requests.length;
    expect(recordedAfter).toBeLessThanOrEqual(framesAtAbort + 1);
  });

  it('dispose during a probe closes the device connection and nothing is sent afterwards', async () => {
    const proxy = await proxyTo('gateway1');
    const context = testRunContext({ options: { protocol: 'modbus', unitIds: [1, 2, 3] }, settings: { perHostIntervalMs: 50, timeoutMs: 2000, retries: 0 } });
    const session = await new ModbusCollector().open(context);
    const probe = session.probe({ host: proxy.host, port: proxy.port }, new AbortController().signal);
    while (proxy.frames.length < 2) await new Promise((r) => setTimeout(r, 5));
    await session.dispose();
    const framesAtDispose = proxy.frames.length;
    await probe;
    await new Promise((r) => setTimeout(r, 300));
    expect(proxy.frames.length - framesAtDispose).toBe(0);
    expect(proxy.openConnections).toBe(0);
  });
});
