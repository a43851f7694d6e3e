// Hostile and broken devices on loopback: garbage datagrams, truncated APDUs, replies with the wrong
// invoke id, oversize and segmented replies, Error / Reject / Abort to everything, a device that
// answers I-Am but never a read, and a flood of I-Ams. Each is that device's error; the process
// survives and the next device of the same session is read normally. Cancel stops the traffic.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BacnetCollector } from './bacnet-collector.js';
import { bacnetTestContext, HostileBacnetDevice, type HostileMode } from './bacnet-test-support.js';
import { DemoBacnetDevice } from './demo/demo-bacnet-device.js';
import { demoLargeController, demoVavController } from './demo/demo-bacnet-objects.js';

const collector = new BacnetCollector();

describe('hostile BACnet devices', () => {
  let good: DemoBacnetDevice;
  beforeAll(async () => {
    good = await DemoBacnetDevice.start({ host: '127.0.13.1', port: 0, spec: demoVavController(8001, 'VAV-GOOD') });
  });
  afterAll(() => good?.close());

  const cases: Array<[HostileMode, string[]]> = [
    ['garbage', ['timeout', 'breaker_open']],
    ['truncated', ['malformed', 'breaker_open']],
    ['wrong-invoke', ['timeout', 'breaker_open']],
    ['oversize', ['timeout', 'breaker_open']],
    ['segmented', ['abort']],
    ['error', ['error']],
    ['reject', ['abort']],
    ['abort', ['abort']],
    ['silent', ['timeout', 'breaker_open']],
  ];

  it.each(cases)('a device that sends %s is its own error and the run goes on', async (mode, reasons) => {
    const hostile = await HostileBacnetDevice.start({ host: '127.0.13.10', mode, instance: 9100 });
    const ctx = bacnetTestContext({}, { timeoutMs: 300 });
    const session = await collector.open(ctx);
    try {
      const signal = new AbortController().signal;
      const bad = await session.probe({ host: hostile.host, port: hostile.port }, signal);
      // The device answered I-Am, so it is known; what it would not say is recorded as failures.
      expect(bad.observations.map((o) => o.fields.bacnet_device)).toEqual(['9100']);
      expect(bad.observations[0]!.fields.name).toBeUndefined();
      expect(bad.status).not.toBe('found');
      expect(bad.failures.length).toBeGreaterThan(0);
      for (const f of bad.failures) {
        expect(reasons).toContain(f.reason);
        expect(f.detail).toContain(`device 9100 at ${hostile.address}`);
      }
      expect(bad.observations[0]!.tags.bacnet_partial).toContain('identification:');
      // The breaker (or the failed identification) stopped the reads: never a browse of the device.
      expect(bad.requestCount).toBeLessThanOrEqual(1 + 12);

      const next = await session.probe({ host: good.host, port: good.port }, signal);
      expect(next.status).toBe('found');
      expect(next.observations[0]!.fields.name).toBe('VAV-GOOD');
    } finally {
      await session.dispose();
      hostile.close();
    }
  });

  it('stops at maxDevicesPerTarget when a target floods I-Ams', async () => {
    const flood = await HostileBacnetDevice.start({ host: '127.0.13.11', mode: 'flood', instance: 100, floodCount: 300 });
    const ctx = bacnetTestContext({ maxDevicesPerTarget: 25, browseObjects: false }, { timeoutMs: 200 });
    const session = await collector.open(ctx);
    try {
      const outcome = await session.probe({ host: flood.host, port: flood.port }, new AbortController().signal);
      expect(outcome.status).toBe('limit');
      expect(outcome.observations).toHaveLength(25);
      expect(outcome.observations.map((o) => o.fields.bacnet_device)).toEqual(Array.from({ length: 25 }, (_, i) => String(100 + i)));
      expect(outcome.failures).toContainEqual(expect.objectContaining({ reason: 'limit', section: 'who-is' }));
    } finally {
      await session.dispose();
      flood.close();
    }
  });

  it('ignores I-Ams and replies from addresses other than the target', async () => {
    // A second device floods the collector with I-Ams although nobody asked it.
    const target = await DemoBacnetDevice.start({ host: '127.0.13.20', port: 0, spec: demoVavController(8201, 'VAV-TARGET') });
    const intruder = await HostileBacnetDevice.start({ host: '127.0.13.21', mode: 'flood', instance: 8300, floodCount: 5 });
    const ctx = bacnetTestContext({ browseObjects: false });
    const session = await collector.open(ctx);
    try {
      const probe = session.probe({ host: target.host, port: target.port }, new AbortController().signal);
      // The intruder answers a Who-Is nobody sent it: it learns the collector's port from the target's capture.
      while (target.received.length === 0) await new Promise((r) => setTimeout(r, 10));
      const collectorAddress = target.received[0]?.from;
      expect(collectorAddress).toBeDefined();
      const { encodeRoutedIAm } = await import('./demo/demo-bacnet-codec.js');
      const socket = (await import('node:dgram')).createSocket('udp4');
      await new Promise<void>((r) => socket.bind(0, '127.0.13.21', () => r()));
      const [host, port] = collectorAddress!.split(':');
      for (let i = 0; i < 5; i++) socket.send(encodeRoutedIAm(undefined, 8300 + i, 999), Number(port), host);
      const outcome = await probe;
      socket.close();
      expect(outcome.observations.map((o) => o.fields.bacnet_device)).toEqual(['8201']);
    } finally {
      await session.dispose();
      target.close();
      intruder.close();
    }
  });
});

describe('cancel', () => {
  it('stops all traffic to a device being browsed once the run is cancelled', async () => {
    const device = await DemoBacnetDevice.start({ host: '127.0.13.30', port: 0, spec: demoLargeController(8401, 3000), behaviour: { rpm: 'reject' } });
    const ctx = bacnetTestContext({ maxObjects: 3000 }, { perHostIntervalMs: 5 });
    const session = await collector.open(ctx);
    try {
      const controller = new AbortController();
      const probe = session.probe({ host: device.host, port: device.port }, controller.signal);
      while (device.received.length < 40) await new Promise((r) => setTimeout(r, 10));
      controller.abort();
      const cancelledAtMs = ctx.timing.nowMs();
      const outcome = await probe;
      expect(outcome.status).toBe('cancelled');
      // The guard put nothing on the wire after the cancel...
      expect(ctx.recorder.requests.filter((r) => r.atMs > cancelledAtMs)).toEqual([]);
      // ...and a second later the device has received exactly what the guard recorded, nothing more.
      await new Promise((r) => setTimeout(r, 1000));
      expect(device.received.length).toBe(ctx.recorder.requests.length);
      expect(device.received.length).toBeGreaterThanOrEqual(40);
    } finally {
      await session.dispose();
      device.close();
    }
  });

  it('returns cancelled from the I-Am wait and sends nothing more', async () => {
    const device = await DemoBacnetDevice.start({ host: '127.0.13.31', port: 0, spec: demoVavController(8402, 'VAV-CANCEL') });
    const ctx = bacnetTestContext({ iAmWaitMs: 30_000 });
    const session = await collector.open(ctx);
    try {
      const controller = new AbortController();
      const probe = session.probe({ host: device.host, port: device.port }, controller.signal);
      while (device.received.length < 1) await new Promise((r) => setTimeout(r, 10));
      controller.abort();
      const outcome = await probe;
      expect(outcome.status).toBe('cancelled');
      expect(outcome.observations).toEqual([]);
      await new Promise((r) => setTimeout(r, 300));
      expect(device.received).toHaveLength(1);
    } finally {
      await session.dispose();
      device.close();
    }
  });
});
