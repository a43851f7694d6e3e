// The BACnet/IP collector against the demo plant on loopback (real datagrams): the controllers'
// identification fields, deep object browsing, instance-range filtering, devices behind a router
// (network numbers), foreign-device registration with a BBMD stand-in, and the ReadProperty
// fallback for devices that reject, abort or refuse ReadPropertyMultiple.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectorSession } from '../collector.js';
import { BacnetCollector } from './bacnet-collector.js';
import { objectListHash } from './bacnet-normaliser.js';
import { bacnetTestContext, servicesIn } from './bacnet-test-support.js';
import { DemoBacnetDevice, type DemoBacnetBehaviour } from './demo/demo-bacnet-device.js';
import { demoBoilerController, demoLargeController, demoVavController } from './demo/demo-bacnet-objects.js';
import { DEMO_BACNET_REMOTE_NETWORK, startDemoBacnetPlant, type DemoBacnetPlant } from './demo/demo-bacnet-plant.js';
import { DemoBbmd } from './demo/demo-bbmd.js';

const collector = new BacnetCollector();
const live = () => new AbortController().signal;

async function withSession<T>(ctx: ReturnType<typeof bacnetTestContext>, run: (session: CollectorSession) => Promise<T>): Promise<T> {
  const session = await collector.open(ctx);
  try {
    return await run(session);
  } finally {
    await session.dispose();
  }
}

describe('BACnet collector on the demo plant', () => {
  let plant: DemoBacnetPlant;
  beforeAll(async () => {
    plant = await startDemoBacnetPlant({ hosts: ['127.0.11.1', '127.0.11.2', '127.0.11.3', '127.0.11.4'], port: 0 });
  });
  afterAll(() => plant?.close());

  it('finds each controller with its identification fields and object list', async () => {
    const ctx = bacnetTestContext({}, {});
    const [ahu, , boiler] = plant.controllers;
    const outcomes = await withSession(ctx, async (s) => [await s.probe({ host: ahu!.host, port: ahu!.port }, live()), await s.probe({ host: boiler!.host, port: boiler!.port }, live())]);
    const [a, b] = outcomes;
    expect(a!.status).toBe('found');
    expect(a!.observations).toHaveLength(1);
    const obs = a!.observations[0]!;
    expect(obs.nativeKey).toBe('/bacnet/0/1001');
    expect(obs.assetClass).toBe('building_controller');
    expect(obs.fields).toMatchObject({
      name: 'AHU-1 Controller',
      vendor: 'Fieldwise Demo Controls',
      model: 'FDC-AHU 400',
      firmware: '4.2.1',
      serial: 'FDC-AHU-0042',
      location: 'Plant room 1, level B1',
      description: 'Air handling unit 1, supply and extract',
      bacnet_device: '1001',
      primary_ip: '127.0.11.1',
    });
    expect(obs.software).toEqual([{ name: 'FDC-AHU 400 application', version: 'AHU app 2.3', vendor: 'Fieldwise Demo Controls' }]);
    expect(obs.tags).toMatchObject({ bacnet_vendor_id: '999', bacnet_protocol_revision: '22' });
    const raw = obs.raw as { objects: Array<Record<string, unknown>>; objectCount: number; objectListHash: string; rpmSupported: boolean };
    expect(raw.rpmSupported).toBe(true);
    expect(raw.objectCount).toBe(13); // the Device object and 12 points
    expect(raw.objects).toHaveLength(12);
    expect(raw.objects[0]).toEqual({ type: 0, typeName: 'analog-input', instance: 1, name: 'AHU1-SAT', description: 'Supply air temperature', units: 62, unitsName: 'degrees-celsius' });
    expect(raw.objects.find((o) => o.name === 'AHU1-SF-STS')).toEqual({ type: 3, typeName: 'binary-input', instance: 1, name: 'AHU1-SF-STS', description: 'Supply fan status' });
    expect(raw.objectListHash).toBe(objectListHash(raw.objects as never));

    // The boiler controller has no Serial_Number property: the field is absent, nothing failed.
    expect(b!.status).toBe('found');
    expect(b!.failures).toEqual([]);
    expect(b!.observations[0]!.fields.serial).toBeUndefined();
    expect(b!.observations[0]!.fields.name).toBe('Boiler Plant Controller');
  });

  it('reads only the Device object when browsing is off or the depth is identify', async () => {
    const vav = plant.controllers[1]!;
    const ctx = bacnetTestContext({ browseObjects: false });
    const outcome = await withSession(ctx, (s) => s.probe({ host: vav.host, port: vav.port }, live()));
    expect(outcome.status).toBe('found');
    expect((outcome.observations[0]!.raw as { objects: unknown[] }).objects).toEqual([]);
    expect(ctx.recorder.requests.map((r) => r.service)).toEqual(['Who-Is', 'ReadPropertyMultiple']);

    const identify = { ...bacnetTestContext(), depth: 'identify' as const };
    const identified = await withSession(identify, (s) => s.probe({ host: vav.host, port: vav.port }, live()));
    expect(identified.observations[0]!.fields.name).toBe('VAV-L2-07');
    expect(identify.recorder.requests.map((r) => r.service)).toEqual(['Who-Is', 'ReadPropertyMultiple']);
  });

  it('asks Who-Is only in the configured instance ranges and ignores devices outside them', async () => {
    const ahu = plant.controllers[0]!;
    const ctx = bacnetTestContext({ instanceRanges: [{ low: 2000, high: 2999 }, { low: 5000, high: 5000 }], browseObjects: false });
    const before = ahu.received.length;
    const outcome = await withSession(ctx, (s) => s.probe({ host: ahu.host, port: ahu.port }, live()));
    expect(outcome.status).toBe('no_response');
    expect(outcome.observations).toEqual([]);
    expect(servicesIn(ahu.received.slice(before))).toEqual(['Who-Is', 'Who-Is']);

    const inRange = bacnetTestContext({ instanceRanges: [{ low: 1000, high: 1001 }], browseObjects: false });
    const found = await withSession(inRange, (s) => s.probe({ host: ahu.host, port: ahu.port }, live()));
    expect(found.observations.map((o) => o.fields.bacnet_device)).toEqual(['1001']);
  });

  it('finds devices behind a router on a remote network and reads them through it', async () => {
    const router = plant.router;
    const ctx = bacnetTestContext({ networks: [DEMO_BACNET_REMOTE_NETWORK] });
    const outcome = await withSession(ctx, (s) => s.probe({ host: router.host, port: router.port }, live()));
    expect(outcome.status).toBe('found');
    expect(outcome.observations.map((o) => o.nativeKey)).toEqual(['/bacnet/2001/20011', '/bacnet/2001/20012']);
    const first = outcome.observations[0]!;
    expect(first.fields).toMatchObject({ name: 'VAV-L3-01', model: 'FDC-VAV 110', serial: 'FDC-VAV-20011', bacnet_device: '20011' });
    expect(first.fields.primary_ip).toBeUndefined();
    expect(first.interfaces).toEqual([]);
    expect(first.tags).toMatchObject({ bacnet_network: '2001', bacnet_mac: '0b', bacnet_router: router.address });
    expect((first.raw as { objects: unknown[] }).objects).toHaveLength(5);
    // Every request went to the router, addressed to the remote network.
    expect(new Set(ctx.recorder.requests.map((r) => `${r.host}:${r.port}`))).toEqual(new Set([router.address]));
  });

  it('qualifies the native key and the address with the scope network', async () => {
    const ahu = plant.controllers[0]!;
    const ctx = { ...bacnetTestContext({ browseObjects: false }), network: 'plant-a' };
    const outcome = await withSession(ctx, (s) => s.probe({ host: ahu.host, port: ahu.port }, live()));
    expect(outcome.observations[0]!.nativeKey).toBe('plant-a/bacnet/0/1001');
    expect(outcome.observations[0]!.interfaces).toEqual([{ ips: [{ address: '127.0.11.1', network: 'plant-a' }] }]);
  });
});

describe('BACnet plan', () => {
  it('counts the I-Am wait as fixed time and bounds the requests per device', () => {
    const ctx = bacnetTestContext({ instanceRanges: [{ low: 0, high: 10 }, { low: 20, high: 30 }], networks: [5], maxObjects: 80, bbmd: { host: '127.0.0.9' } });
    const plan = collector.plan(ctx.options, ctx.settings);
    expect(plan.fixedDurationMs).toBe(400);
    expect(plan.needsCredentials).toBe(false);
    // 4 Who-Is, 1 RPM of the Device object, 2 object-list reads, 2 list batches, 10 object batches.
    expect(plan.requestsPerTarget).toBe(4 + 1 + 2 + 2 + 10);
    expect(plan.warnings.join(' ')).toContain('BBMD 127.0.0.9:47808');
    expect(collector.plan({ ...ctx.options, browseObjects: false, networks: [], bbmd: null, instanceRanges: [{ low: 0, high: 4194303 }] }, ctx.settings).requestsPerTarget).toBe(2);
  });
});

describe('BACnet collector with a BBMD', () => {
  it('registers as a foreign device, broadcasts Who-Is through the BBMD and reads what answered', async () => {
    const remote = await DemoBacnetDevice.start({ host: '127.0.11.21', port: 0, spec: demoVavController(7001, 'VAV-REMOTE') });
    const other = await DemoBacnetDevice.start({ host: '127.0.11.22', port: 0, spec: demoBoilerController(7002) });
    const bbmd = await DemoBbmd.start({ host: '127.0.11.20', port: 0, members: [remote.address, other.address] });
    try {
      const ctx = bacnetTestContext({ bbmd: { host: bbmd.host, port: bbmd.port, ttlSeconds: 120 }, browseObjects: false });
      const outcomes = await withSession(ctx, async (s) => [await s.probe({ host: remote.host, port: remote.port }, live()), await s.probe({ host: other.host, port: other.port }, live())]);
      expect(bbmd.foreignDevices.size).toBe(1);
      expect([...bbmd.foreignDevices.values()]).toEqual([120]);
      expect(outcomes.map((o) => o.status)).toEqual(['found', 'found']);
      expect(outcomes[0]!.observations[0]!.fields.name).toBe('VAV-REMOTE');
      expect(outcomes[0]!.observations[0]!.tags.bacnet_forwarded_by).toBe(bbmd.address);
      expect(outcomes[1]!.observations[0]!.fields.bacnet_device).toBe('7002');
      // One registration and one broadcast for the whole run; no unicast Who-Is.
      expect(servicesIn(bbmd.received)).toEqual(['Register-Foreign-Device', 'Distribute-Broadcast-To-Network', 'Who-Is', 'I-Am', 'I-Am']);
      expect(servicesIn(remote.received)).toEqual(['Who-Is', 'ReadPropertyMultiple']);
    } finally {
      bbmd.close();
      remote.close();
      other.close();
    }
  });

  it('reports a refused registration on the target and falls back to unicast Who-Is', async () => {
    const device = await DemoBacnetDevice.start({ host: '127.0.11.31', port: 0, spec: demoVavController(7101, 'VAV-DIRECT') });
    const bbmd = await DemoBbmd.start({ host: '127.0.11.30', port: 0, members: [device.address], refuseRegistration: true });
    try {
      const ctx = bacnetTestContext({ bbmd: { host: bbmd.host, port: bbmd.port }, browseObjects: false });
      const outcome = await withSession(ctx, (s) => s.probe({ host: device.host, port: device.port }, live()));
      expect(outcome.status).toBe('found');
      expect(outcome.failures).toEqual([expect.objectContaining({ section: 'bbmd', reason: 'error' })]);
      expect(outcome.failures[0]!.detail).toContain(bbmd.address);
      expect(servicesIn(device.received)).toEqual(['Who-Is', 'ReadPropertyMultiple']);
    } finally {
      bbmd.close();
      device.close();
    }
  });
});

describe('ReadProperty fallback', () => {
  const behaviours: Array<[string, DemoBacnetBehaviour]> = [
    ['rejects', { rpm: 'reject' }],
    ['aborts', { rpm: 'abort' }],
    ['answers Error to', { rpm: 'error' }],
  ];
  it.each(behaviours)('reads property by property from a device that %s ReadPropertyMultiple', async (_label, behaviour) => {
    const device = await DemoBacnetDevice.start({ host: '127.0.11.40', port: 0, spec: demoBoilerController(3101), behaviour });
    try {
      const ctx = bacnetTestContext();
      const outcome = await withSession(ctx, (s) => s.probe({ host: device.host, port: device.port }, live()));
      expect(outcome.status).toBe('found');
      expect(outcome.failures).toEqual([]);
      const obs = outcome.observations[0]!;
      expect(obs.fields).toMatchObject({ name: 'Boiler Plant Controller', model: 'FDC-BLR 900', firmware: '5.1.0', bacnet_device: '3101' });
      const raw = obs.raw as { rpmSupported: boolean; objects: Array<{ name?: string; unitsName?: string }> };
      expect(raw.rpmSupported).toBe(false);
      expect(raw.objects).toHaveLength(7);
      expect(raw.objects[0]).toMatchObject({ name: 'BLR-LWT', unitsName: 'degrees-celsius' });
      // One RPM tried, then ReadProperty only.
      const services = ctx.recorder.requests.map((r) => r.service);
      expect(services.filter((s) => s === 'ReadPropertyMultiple')).toHaveLength(1);
      expect(services.filter((s) => s === 'ReadProperty').length).toBeGreaterThan(11);
    } finally {
      device.close();
    }
  });
});

describe('object-list limits', () => {
  it('reads a long object list by index and stops at maxObjects', async () => {
    const device = await DemoBacnetDevice.start({ host: '127.0.11.50', port: 0, spec: demoLargeController(4001, 400) });
    try {
      const ctx = bacnetTestContext({ maxObjects: 90 });
      const outcome = await withSession(ctx, (s) => s.probe({ host: device.host, port: device.port }, live()));
      expect(outcome.status).toBe('found');
      const raw = outcome.observations[0]!.raw as { objectCount: number; objectsTruncated: boolean; objects: Array<{ name?: string }> };
      expect(raw.objectCount).toBe(401);
      expect(raw.objectsTruncated).toBe(true);
      expect(raw.objects).toHaveLength(90);
      expect(raw.objects[89]!.name).toBe('POINT-90');
      // The whole 401-entry list never fits one APDU: it was read in batches by index.
      const rp = ctx.recorder.requests.filter((r) => r.service === 'ReadProperty');
      expect(rp).toHaveLength(1); // only the length at index 0
    } finally {
      device.close();
    }
  });

  it('falls back to one ReadProperty per index when RPM is not supported', async () => {
    const device = await DemoBacnetDevice.start({ host: '127.0.11.51', port: 0, spec: demoLargeController(4002, 300), behaviour: { rpm: 'reject' } });
    try {
      const ctx = bacnetTestContext({ maxObjects: 20 });
      const outcome = await withSession(ctx, (s) => s.probe({ host: device.host, port: device.port }, live()));
      const raw = outcome.observations[0]!.raw as { objectCount: number; objects: Array<{ name?: string; description?: string }> };
      expect(raw.objectCount).toBe(301);
      expect(raw.objects).toHaveLength(20);
      expect(raw.objects[19]).toMatchObject({ name: 'POINT-20', description: 'Sensor 20' });
    } finally {
      device.close();
    }
  });
});
