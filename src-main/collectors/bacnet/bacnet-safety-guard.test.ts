// The BACnet safety guard: only Who-Is, Who-Has, ReadProperty, ReadPropertyMultiple,
// Who-Is-Router-To-Network, Register-Foreign-Device and Distribute-Broadcast-To-Network ever reach
// the wire. Proved twice: by the guard's recorder, and by reading every datagram the simulated
// devices, the router and the BBMD received (their own raw capture) across every configuration.
import { ConfirmedServiceChoice } from '@bacnet-js/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CapturedDatagram } from './demo/demo-bacnet-transport.js';
import { DeviceChannelError } from '../sweep/device-channel.js';
import { DEFAULT_BREAKER_THRESHOLD } from '../sweep/device-channel.js';
import { BacnetCollector } from './bacnet-collector.js';
import { BACNET_ALLOWED_SERVICES, BacnetSafetyGuard } from './bacnet-safety-guard.js';
import { bacnetTestContext, HostileBacnetDevice, servicesIn, type HostileMode } from './bacnet-test-support.js';
import { PDU, readBacnetDatagram } from './bacnet-wire.js';
import { DemoBacnetDevice } from './demo/demo-bacnet-device.js';
import { demoBoilerController, demoLargeController, demoVavController } from './demo/demo-bacnet-objects.js';
import { DEMO_BACNET_REMOTE_NETWORK, startDemoBacnetPlant, type DemoBacnetPlant } from './demo/demo-bacnet-plant.js';
import { DemoBbmd } from './demo/demo-bbmd.js';

const ALLOWED = new Set<string>(BACNET_ALLOWED_SERVICES);

function openGuard(ctx: ReturnType<typeof bacnetTestContext>): Promise<BacnetSafetyGuard> {
  return BacnetSafetyGuard.open({
    localAddress: '127.0.0.1',
    localPort: 0,
    gate: ctx.gate,
    recorder: ctx.recorder,
    timing: ctx.timing,
    limits: { timeoutMs: 1000, retries: 0, backoff: 1, breakerThreshold: DEFAULT_BREAKER_THRESHOLD },
  });
}

describe('BACnet safety guard', () => {
  let device: DemoBacnetDevice;
  beforeAll(async () => {
    device = await DemoBacnetDevice.start({ host: '127.0.12.1', port: 0, spec: demoVavController(5001, 'VAV-GUARD') });
  });
  afterAll(() => device?.close());

  it.each(['WriteProperty', 'WritePropertyMultiple', 'ReinitializeDevice', 'DeviceCommunicationControl', 'CreateObject', 'DeleteObject', 'SubscribeCOV', 'AtomicWriteFile'])(
    'refuses %s at the channel, records it and sends nothing',
    async (service) => {
      const ctx = bacnetTestContext();
      const guard = await openGuard(ctx);
      const before = device.received.length;
      try {
        const channel = guard.channel(device.address);
        let called = false;
        await expect(
          guard.send(channel, service, async () => {
            called = true;
          }),
        ).rejects.toMatchObject({ name: 'DeviceChannelError', reason: 'refused' });
        expect(called).toBe(false);
        expect(ctx.recorder.requests).toEqual([expect.objectContaining({ protocol: 'bacnet', service, allowed: false, host: '127.0.12.1', port: device.port })]);
        expect(guard.datagramsSent).toBe(0);
      } finally {
        await guard.close();
      }
      expect(device.received.length).toBe(before);
    },
  );

  it('refuses on the wire a forbidden request that reached the library under an allowed name', async () => {
    const ctx = bacnetTestContext();
    const guard = await openGuard(ctx);
    const before = device.received.length;
    try {
      const channel = guard.channel(device.address);
      const to = { address: device.address };
      const attempts: Array<[string, () => Promise<unknown>]> = [
        ['WriteProperty', () => guard.send(channel, 'ReadProperty', (c) => c.writeProperty(to, { type: 2, instance: 1 }, 85, [{ type: 4, value: 99 }], { priority: 8 }))],
        ['ReinitializeDevice', () => guard.send(channel, 'ReadProperty', (c) => c.reinitializeDevice(to, 0))],
        ['DeviceCommunicationControl', () => guard.send(channel, 'ReadProperty', (c) => c.deviceCommunicationControl(to, 0, 1))],
        ['TimeSynchronization', () => guard.send(channel, 'Who-Is', async (c) => c.timeSync(to, new Date()))],
        ['Who-Is (global broadcast)', () => guard.send(channel, 'Who-Is', async (c) => c.whoIs())],
      ];
      for (const [service, attempt] of attempts) {
        const error = await attempt().catch((e: unknown) => e);
        expect(error, service).toBeInstanceOf(DeviceChannelError);
        expect((error as DeviceChannelError).reason).toBe('refused');
        expect(ctx.recorder.refused().map((r) => r.service)).toContain(service);
      }
      expect(guard.datagramsSent).toBe(0);
    } finally {
      await guard.close();
    }
    expect(device.received.length).toBe(before);
  });

  it('never accepts segmented replies and drops requests addressed to the collector', async () => {
    const ctx = bacnetTestContext();
    const guard = await openGuard(ctx);
    const before = device.received.length;
    try {
      const channel = guard.channel(device.address);
      const read = await guard.readProperty(channel, { address: device.address }, { type: 8, instance: 5001 }, 77);
      expect(read.values[0]!.value).toBe('VAV-GUARD');
      const request = device.received.slice(before).map((c) => readBacnetDatagram(c.data));
      expect(request).toHaveLength(1);
      expect(request[0]!.ok && request[0]!.datagram.apdu).toMatchObject({ pduType: PDU.CONFIRMED_REQUEST, segmentedResponseAccepted: false, service: ConfirmedServiceChoice.READ_PROPERTY });

      // A device sending the collector a confirmed request gets no answer (the library would send an Error).
      const sent = guard.datagramsSent;
      device.sendRaw(Buffer.from([0x81, 0x0a, 0x00, 0x11, 0x01, 0x04, 0x00, 0x05, 0x01, 0x0c, 0x0c, 0x02, 0x00, 0x00, 0x01, 0x19, 0x4d]), `127.0.0.1:${guard.local.port}`);
      for (let i = 0; i < 500 && guard.drops.unsolicited === 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(guard.drops.unsolicited).toBe(1);
      expect(guard.datagramsSent).toBe(sent);
    } finally {
      await guard.close();
    }
  });
});

describe('recording capture: only allowed services on the wire in every configuration', () => {
  let plant: DemoBacnetPlant;
  const captures: Array<{ name: string; received: () => readonly CapturedDatagram[] }> = [];
  const closers: Array<{ close(): void }> = [];
  beforeAll(async () => {
    plant = await startDemoBacnetPlant({ hosts: ['127.0.12.11', '127.0.12.12', '127.0.12.13', '127.0.12.14'], port: 0 });
    closers.push(plant);
    for (const c of plant.controllers) captures.push({ name: c.spec.name, received: () => c.received });
    captures.push({ name: 'router', received: () => plant.router.received });
  });
  afterAll(() => closers.forEach((c) => c.close()));

  it('sends only allowed services across plain, browse, identify, routed, BBMD, RP-fallback and hostile runs', async () => {
    const collector = new BacnetCollector();
    const signal = new AbortController().signal;
    const recorders: Array<ReturnType<typeof bacnetTestContext>['recorder']> = [];
    const run = async (ctx: ReturnType<typeof bacnetTestContext>, targets: Array<{ host: string; port: number }>) => {
      recorders.push(ctx.recorder);
      const session = await collector.open(ctx);
      try {
        for (const t of targets) await session.probe(t, signal);
      } finally {
        await session.dispose();
      }
    };
    const targets = plant.targets;
    await run(bacnetTestContext(), targets);
    await run(bacnetTestContext({ browseObjects: false }), targets);
    await run({ ...bacnetTestContext(), depth: 'identify' }, targets);
    await run(bacnetTestContext({ networks: [DEMO_BACNET_REMOTE_NETWORK, 7] }), targets);
    await run(bacnetTestContext({ instanceRanges: [{ low: 0, high: 1500 }, { low: 20000, high: 30000 }], networks: [DEMO_BACNET_REMOTE_NETWORK] }), targets);

    const rejecting = await DemoBacnetDevice.start({ host: '127.0.12.21', port: 0, spec: demoBoilerController(6001), behaviour: { rpm: 'reject' } });
    const large = await DemoBacnetDevice.start({ host: '127.0.12.22', port: 0, spec: demoLargeController(6002, 500) });
    closers.push(rejecting, large);
    captures.push({ name: 'rejecting', received: () => rejecting.received }, { name: 'large', received: () => large.received });
    await run(bacnetTestContext({ maxObjects: 60 }), [rejecting, large].map((d) => ({ host: d.host, port: d.port })));

    const member = await DemoBacnetDevice.start({ host: '127.0.12.31', port: 0, spec: demoVavController(6101, 'VAV-BBMD') });
    const bbmd = await DemoBbmd.start({ host: '127.0.12.30', port: 0, members: [member.address] });
    closers.push(member, bbmd);
    captures.push({ name: 'bbmd member', received: () => member.received }, { name: 'bbmd', received: () => bbmd.received });
    await run(bacnetTestContext({ bbmd: { host: bbmd.host, port: bbmd.port } }), [{ host: member.host, port: member.port }]);

    const modes: HostileMode[] = ['garbage', 'truncated', 'wrong-invoke', 'segmented', 'error', 'reject', 'abort'];
    const hostiles = await Promise.all(modes.map((mode, i) => HostileBacnetDevice.start({ host: `127.0.12.${40 + i}`, mode })));
    closers.push(...hostiles);
    for (const h of hostiles) captures.push({ name: `hostile`, received: () => h.received });
    await run(bacnetTestContext({}, { timeoutMs: 300 }), hostiles.map((h) => ({ host: h.host, port: h.port })));

    // Device side: every datagram any simulated device, the router or the BBMD received.
    const seen = new Map<string, number>();
    for (const capture of captures) {
      for (const c of capture.received()) {
        // The BBMD also receives its members' I-Am replies (they are not from the collector).
        if (capture.name === 'bbmd' && c.from === member.address) continue;
        for (const service of servicesIn([c])) seen.set(service, (seen.get(service) ?? 0) + 1);
      }
    }
    expect([...seen.keys()].filter((s) => !ALLOWED.has(s))).toEqual([]);
    expect([...seen.keys()].sort()).toEqual(['Distribute-Broadcast-To-Network', 'ReadProperty', 'ReadPropertyMultiple', 'Register-Foreign-Device', 'Who-Is']);
    // Guard side: nothing refused, every allowed request is on the allow-list.
    const all = recorders.flatMap((r) => r.requests);
    expect(all.filter((r) => !r.allowed)).toEqual([]);
    expect(new Set(all.map((r) => r.service))).toEqual(new Set(['Who-Is', 'ReadProperty', 'ReadPropertyMultiple', 'Register-Foreign-Device', 'Distribute-Broadcast-To-Network']));
    // Every request recorded went on the wire once: the devices received as many datagrams from the
    // collector (127.0.0.1) as the guard recorded (the BBMD's own relays to its member excluded).
    const received = captures.reduce((n, c) => n + c.received().filter((d) => d.from.startsWith('127.0.0.1:')).length, 0);
    expect(received).toBe(all.length);
  });
});
