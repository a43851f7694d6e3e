// The collector platform with a protocol other than SNMP, through the real app core: a small
// line-protocol collector written for this test (registered as the 'modbus' collector, so the scope
// is an OT scope) talks to real TCP servers on 127.0.0.1 through a DeviceChannel. It proves that the
// run executor is protocol-neutral: no credentials needed when the collector says so, the plan's
// estimate and warnings come from the collector, targets on one address are probed one after
// another, every observation of an outcome is written (the device first, then the devices behind
// it), decisions are kept on the host row, a refused request is recorded and never sent, and the
// recorder sees every request of the whole run.
import { createServer, Socket, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObservationInput } from '../../../src-shared/model/observation.js';
import type { Collector, CollectorOutcome, CollectorRunContext, CollectorSession } from '../../collectors/collector.js';
import { MemoryRequestRecorder } from '../../collectors/request-recorder.js';
import { SnmpCollector } from '../../collectors/snmp/snmp-collector.js';
import { DeviceChannel, DeviceChannelError } from '../../collectors/sweep/device-channel.js';
import type { SweepTarget } from '../../collectors/sweep/target-plan.js';
import { MemoryCredentialStore } from '../../secrets/memory-credential-store.js';
import { startTestAppCore, type TestAppCore } from '../../test-support/test-app-core.js';

interface DeviceReply {
  serial: string;
  model: string;
  /** Devices behind this one (a gateway's serial devices). */
  children?: { serial: string; model: string }[];
  /** Ask the collector to try a write (the guard must refuse it). */
  tempt?: boolean;
  /** Present an operator decision (an untrusted certificate). */
  decision?: boolean;
}

/** A loopback device: answers "ID" with its JSON identity after a short pause. */
interface FakeDevice {
  server: Server;
  port: number;
}

function observation(nativeKey: string, model: string, serial: string, observedAt: string): ObservationInput {
  return {
    nativeKey,
    observedAt,
    assetClass: 'plc',
    fields: { name: nativeKey, vendor: 'Test Works', model, serial },
    interfaces: [],
    software: [],
    tags: {},
    relations: [],
    raw: { model, serial },
  };
}

/** Connections the collector has open at once, and the most it ever had (the server sees closes late). */
const connections = { open: 0, max: 0 };

function ask(target: SweepTarget, signal: AbortSignal, sockets: Set<Socket>): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    sockets.add(socket);
    connections.open += 1;
    connections.max = Math.max(connections.max, connections.open);
    let data = '';
    const done = (fn: () => void) => {
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      sockets.delete(socket);
      connections.open -= 1;
      fn();
    };
    const onAbort = () => done(() => reject(new Error('aborted')));
    signal.addEventListener('abort', onAbort, { once: true });
    socket.on('data', (chunk) => (data += chunk.toString('utf8')));
    socket.on('end', () => done(() => resolve(data)));
    socket.on('error', (error) => done(() => reject(error)));
    socket.connect(target.port, target.host, () => socket.write('ID\n'));
  });
}

/** The collector under test: one 'identify' request per target through the guarded send path. */
class LineCollector implements Collector<'modbus'> {
  readonly protocol = 'modbus' as const;
  readonly defaultPorts = [502] as const;
  readonly serialisePerAddress = true;
  opened = 0;
  disposed = 0;

  plan() {
    return { requestsPerTarget: 1, fixedDurationMs: 1234, warnings: ['Line protocol: one identify request per device.'], needsCredentials: false };
  }

  open(context: CollectorRunContext<'modbus'>): Promise<CollectorSession> {
    this.opened += 1;
    const sockets = new Set<Socket>();
    return Promise.resolve({
      probe: (target: SweepTarget, signal: AbortSignal) => this.#probe(context, target, signal, sockets),
      dispose: async () => {
        for (const socket of sockets) socket.destroy();
        this.disposed += 1;
      },
    });
  }

  async #probe(context: CollectorRunContext<'modbus'>, target: SweepTarget, signal: AbortSignal, sockets: Set<Socket>): Promise<CollectorOutcome> {
    const channel = new DeviceChannel<'identify' | 'write-register'>({
      protocol: 'modbus',
      host: target.host,
      port: target.port,
      allowed: new Set(['identify']),
      gate: context.gate,
      recorder: context.recorder,
      timing: context.timing,
      limits: { timeoutMs: context.settings.timeoutMs, retries: 0, backoff: 1, breakerThreshold: 3 },
      signal,
    });
    const base = { target, attempts: [], durationMs: 1 };
    try {
      const reply = JSON.parse(await channel.send('identify', ({ signal: attempt }) => ask(target, attempt, sockets))) as DeviceReply;
      if (reply.tempt) await channel.send('write-register', ({ signal: attempt }) => ask(target, attempt, sockets), { code: 6 });
      const at = context.timing.now().toISOString();
      const key = `${target.host}:${target.port}`;
      return {
        ...base,
        status: 'found',
        observations: [
          observation(key, reply.model, reply.serial, at),
          ...(reply.children ?? []).map((child) => observation(`${key}/${child.serial}`, child.model, child.serial, at)),
        ],
        failures: [],
        requestCount: channel.requestCount,
        ...(reply.decision
          ? {
              decisions: [
                {
                  kind: 'opcua_certificate' as const,
                  host: target.host,
                  port: target.port,
                  thumbprint: 'ab'.repeat(20),
                  subject: 'CN=test',
                  applicationUri: 'urn:test',
                  validFrom: null,
                  validTo: null,
                  certificate: 'AAAA',
                },
              ],
            }
          : {}),
      };
    } catch (error) {
      if (error instanceof DeviceChannelError && error.reason === 'refused')
        return { ...base, status: 'refused', observations: [], failures: [{ reason: 'refused', detail: error.message }], requestCount: channel.requestCount };
      return {
        ...base,
        status: 'network',
        observations: [],
        failures: [{ reason: 'network', detail: 'connection failed' }],
        requestCount: channel.requestCount,
      };
    }
  }
}

describe('collector platform with a non-SNMP collector', () => {
  const devices: FakeDevice[] = [];
  const replies: DeviceReply[] = [
    {
      serial: 'GW-1',
      model: 'Gateway 9',
      children: [
        { serial: 'DRV-1', model: 'Drive 1' },
        { serial: 'DRV-2', model: 'Drive 2' },
      ],
    },
    { serial: 'PLC-2', model: 'Controller 5', decision: true },
    { serial: 'PLC-3', model: 'Controller 5', tempt: true },
  ];
  let deadPort = 0;
  let t: TestAppCore;
  const recorder = new MemoryRequestRecorder();
  const collector = new LineCollector();

  beforeAll(async () => {
    for (const reply of replies) {
      const server = createServer((socket) => {
        socket.on('error', () => undefined);
        socket.once('data', () => setTimeout(() => socket.end(JSON.stringify(reply)), 30));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      devices.push({ server, port: (server.address() as { port: number }).port });
    }
    const dead = createServer();
    await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
    deadPort = (dead.address() as { port: number }).port;
    await new Promise<void>((resolve) => dead.close(() => resolve()));
    t = await startTestAppCore({
      credentials: new MemoryCredentialStore(),
      scheduler: false,
      collectors: { snmp: new SnmpCollector(), modbus: collector },
      requestRecorder: recorder,
    });
  }, 30_000);

  afterAll(async () => {
    await t.close();
    for (const device of devices) await new Promise<void>((resolve) => device.server.close(() => resolve()));
  });

  it('makes a Modbus scope an OT scope with its default port and options, and refuses ot: false', async () => {
    await expect(t.call('discovery.scopes.create', { name: 'Not OT', protocol: 'modbus', targets: ['127.0.0.1'], ot: false })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/Modbus TCP scopes are OT scopes/),
    });
    await expect(
      t.call('discovery.scopes.create', { name: 'Mismatch', protocol: 'modbus', targets: ['127.0.0.1'], options: { protocol: 'bacnet' } }),
    ).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(/options are for BACnet\/IP/) });
    const scope = await t.call('discovery.scopes.create', { name: 'Defaults', protocol: 'modbus', targets: ['127.0.0.1'] });
    expect(scope).toMatchObject({ protocol: 'modbus', ot: true, ports: [502], settings: { ratePerSecond: 20, concurrency: 4 } });
    expect(scope.options).toMatchObject({ protocol: 'modbus', unitIds: [1], identification: true });
    const v2c = await t.call('discovery.credentials.create', { name: 'A community', kind: 'snmp_v2c', community: 'x-community-1' });
    await expect(t.call('discovery.scopes.update', { id: scope.id, credentialSetIds: [v2c.id] })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/is for SNMP; a Modbus TCP scope takes only Modbus TCP credential sets/),
    });
    await expect(t.call('discovery.scopes.update', { id: scope.id, ot: false })).rejects.toMatchObject({ code: 'bad_request' });
    await t.call('discovery.scopes.delete', { id: scope.id });
  });

  it('plans from the collector, runs without credentials, and writes every observation of an outcome', async () => {
    const ports = [...devices.map((d) => d.port), deadPort];
    const scope = await t.call('discovery.scopes.create', {
      name: 'Line plant',
      protocol: 'modbus',
      targets: ['127.0.0.1'],
      ports,
      network: 'plant-a',
      settings: { concurrency: 4, perHostIntervalMs: 0, ratePerSecond: 1000, timeoutMs: 5000 },
    });
    const plan = await t.call('discovery.plan', { scopeId: scope.id });
    expect(plan).toMatchObject({
      protocol: 'modbus',
      needsCredentials: false,
      requestsPerTarget: 1,
      canStart: true,
      requiresConfirmation: true,
      targetCount: 4,
    });
    expect(plan.warnings).toContain('Line protocol: one identify request per device.');
    expect(plan.warnings.some((w) => w.includes('read-only Modbus functions 1, 2, 3, 4 and 43'))).toBe(true);
    expect(plan.estimatedMaxDurationMs).toBeGreaterThanOrEqual(1234);

    await expect(t.call('discovery.start', { scopeId: scope.id })).rejects.toMatchObject({ code: 'bad_request' });
    const started = await t.call('discovery.start', { scopeId: scope.id, confirmOt: true });
    expect(started).toMatchObject({ kind: 'discovery', sourceKind: 'modbus', sourceName: 'Line plant' });
    const run = await t.core.discovery.waitFor(started.id);
    expect(run.status).toBe('succeeded');
    // Gateway + 2 drives + PLC-2 = 4 records written; PLC-3 was refused, the dead port unreachable.
    expect(run.counts).toMatchObject({ read: 4, created: 4, rejected: 2 });
    expect(collector.opened).toBe(1);
    expect(collector.disposed).toBe(1);
    // All targets share 127.0.0.1: the collector asked for one connection per address at a time.
    expect(connections.max).toBe(1);

    const report = await t.call('discovery.runs.report', { runId: run.id });
    expect(report.plan).toMatchObject({ protocol: 'modbus', options: { protocol: 'modbus' }, targetCount: 4 });
    expect(report.byStatus).toMatchObject({ found: 2, refused: 1, network: 1 });
    const hosts = (await t.call('discovery.runs.hosts', { runId: run.id })).items;
    const byPort = new Map(hosts.map((h) => [h.port, h]));
    const gateway = byPort.get(devices[0]!.port)!;
    expect(gateway).toMatchObject({ status: 'found', observationCount: 3, assetName: `127.0.0.1:${devices[0]!.port}`, decisions: [] });
    expect(byPort.get(devices[1]!.port)).toMatchObject({
      status: 'found',
      observationCount: 1,
      decisions: [{ kind: 'opcua_certificate', subject: 'CN=test' }],
    });
    expect(byPort.get(devices[2]!.port)).toMatchObject({ status: 'refused', observationCount: 0, message: expect.stringMatching(/safety guard/) });
    const assets = await t.call('assets.list', { limit: 50 });
    expect(assets.items.map((a) => a.name).sort()).toEqual(
      [`127.0.0.1:${devices[0]!.port}`, `127.0.0.1:${devices[0]!.port}/DRV-1`, `127.0.0.1:${devices[0]!.port}/DRV-2`, `127.0.0.1:${devices[1]!.port}`].sort(),
    );

    // The recorder saw every request of the run: one identify per target, and the refused write that was never sent.
    const requests = recorder.requests.filter((r) => r.protocol === 'modbus');
    expect(
      requests
        .filter((r) => r.allowed)
        .map((r) => r.port)
        .sort(),
    ).toEqual([...ports].sort());
    expect(recorder.refused()).toEqual([expect.objectContaining({ service: 'write-register', code: 6, port: devices[2]!.port, allowed: false })]);
    expect(hosts.reduce((n, h) => n + h.requestCount, 0)).toBe(requests.filter((r) => r.allowed).length);

    const progress = t.eventsNamed('discovery.progress').filter((e) => e.runId === run.id);
    expect(progress.every((e) => e.protocol === 'modbus')).toBe(true);
    expect(progress.at(-1)).toMatchObject({ phase: 'done', done: 4, total: 4 });
  }, 60_000);

  it('refuses to plan or start a protocol the build has no collector for', async () => {
    const scope = await t.call('discovery.scopes.create', { name: 'No collector', protocol: 'bacnet', targets: ['127.0.0.1'] });
    const plan = await t.call('discovery.plan', { scopeId: scope.id });
    expect(plan.canStart).toBe(false);
    expect(plan.warnings).toContain('This build has no BACnet/IP collector; the scope cannot run here.');
    await expect(t.call('discovery.start', { scopeId: scope.id, confirmOt: true })).rejects.toMatchObject({ code: 'bad_request' });
  });
});
