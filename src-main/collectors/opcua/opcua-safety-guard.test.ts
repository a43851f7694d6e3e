import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryRequestRecorder } from '../request-recorder.js';
import { testRunContext } from '../collector-test-context.js';
import type { CollectorCredential } from '../collector.js';
import { openRequestGate } from '../sweep/request-gate.js';
import { systemTiming } from '../sweep/timing.js';
import { DEMO_GATEWAY_USER, startDemoOpcuaGateway, type DemoOpcuaGateway } from './demo/opcua-demo-gateway.js';
import { browseAddressSpace } from './opcua-address-space-browser.js';
import { OpcuaCollector } from './opcua-collector.js';
import { OPCUA_ALLOWED_SERVICES, OPCUA_FORBIDDEN_SERVICES, OpcuaGuardError, OpcuaSafetyGuard, type OpcuaForbiddenService } from './opcua-safety-guard.js';
import { readServerIdentity } from './opcua-server-reader.js';
import type { OpcuaServerRecord } from './opcua-server-record.js';
import { makeDataDir, startGarbageServer, startRecordingProxy, startSilentServer } from './test-support.js';
import { MessageSecurityMode, SecurityPolicy, UserTokenType } from 'node-opcua';

const READ_ONLY_REQUESTS = new Set([
  'GetEndpointsRequest',
  'FindServersRequest',
  'CreateSessionRequest',
  'ActivateSessionRequest',
  'CloseSessionRequest',
  'BrowseRequest',
  'BrowseNextRequest',
  'ReadRequest',
  'TranslateBrowsePathsToNodeIdsRequest',
]);
const NEVER = [673, 712, 787, 751]; // Write, Call, CreateSubscription, CreateMonitoredItems
const USER: CollectorCredential = {
  id: 'cred-user',
  name: 'operator',
  kind: 'opcua_user',
  settings: { userName: DEMO_GATEWAY_USER.userName },
  secretRefs: { password: 'pw' },
};

describe('OPC UA safety guard: what reaches the wire', () => {
  let gateway: DemoOpcuaGateway;
  const cleanups: Array<() => Promise<void>> = [];
  const dataDir = async (): Promise<string> => {
    const d = await makeDataDir();
    cleanups.push(d.remove);
    return d.dir;
  };

  beforeAll(async () => {
    gateway = await startDemoOpcuaGateway({ nodeCount: 800 });
  });
  afterAll(async () => {
    for (const c of cleanups) await c();
    await gateway?.close();
  });

  it('a recording proxy sees only discovery, session, browse and read requests, in every configuration', async () => {
    const configurations: Array<{ credentials: CollectorCredential[]; browse: boolean; deviceSet: boolean }> = [
      { credentials: [], browse: true, deviceSet: true },
      { credentials: [USER], browse: true, deviceSet: true },
      { credentials: [], browse: false, deviceSet: false },
    ];
    for (const config of configurations) {
      const proxy = await startRecordingProxy(gateway.port);
      cleanups.push(proxy.close);
      const ctx = testRunContext({
        options: { protocol: 'opcua', securityMode: 'None', browse: config.browse, deviceSet: config.deviceSet },
        settings: { timeoutMs: 8000 },
        credentials: config.credentials,
        secrets: { pw: DEMO_GATEWAY_USER.password },
        dataDir: await dataDir(),
      });
      const session = await new OpcuaCollector().open(ctx);
      const outcome = await session.probe({ host: '127.0.0.1', port: proxy.port }, new AbortController().signal);
      await session.dispose();
      expect(outcome.status).toBe('found');
      const names = new Set(proxy.requests.map((r) => r.name));
      expect([...names].filter((n) => !READ_ONLY_REQUESTS.has(n))).toEqual([]);
      expect(proxy.requests.filter((r) => NEVER.includes(r.typeId))).toEqual([]);
      expect(names.has('ReadRequest')).toBe(true);
      if (config.browse) expect(names.has('BrowseRequest')).toBe(true);
      // The guard's own record agrees: every request it let through is on the allow-list.
      expect(ctx.recorder.refused()).toEqual([]);
      expect(ctx.recorder.requests.every((r) => r.service in OPCUA_ALLOWED_SERVICES)).toBe(true);
      expect(ctx.recorder.requests.filter((r) => r.service === 'Read').length).toBe(proxy.requests.filter((r) => r.name === 'ReadRequest').length);
    }
  }, 120_000);

  it('refuses and records Write, Call, subscriptions, node management and history; none of them is sent', async () => {
    const proxy = await startRecordingProxy(gateway.port);
    cleanups.push(proxy.close);
    const recorder = new MemoryRequestRecorder();
    const guard = new OpcuaSafetyGuard({
      target: { host: '127.0.0.1', port: proxy.port },
      endpointUrl: `opc.tcp://127.0.0.1:${proxy.port}`,
      gate: openRequestGate,
      recorder,
      timing: systemTiming,
      limits: { timeoutMs: 8000, retries: 0, backoff: 1, breakerThreshold: 3 },
    });
    try {
      await guard.openSession({ securityMode: MessageSecurityMode.None, securityPolicy: SecurityPolicy.None, userIdentity: { type: UserTokenType.Anonymous } });
      for (const service of Object.keys(OPCUA_FORBIDDEN_SERVICES) as OpcuaForbiddenService[]) {
        await expect(guard.request(service)).rejects.toBeInstanceOf(OpcuaGuardError);
      }
      // The session still works after the refusals (the breaker does not count them).
      const identity = await readServerIdentity(guard);
      expect(identity.buildInfo.productName).toBe('Fieldwise Demo OPC UA Gateway');
    } finally {
      await guard.close();
    }
    expect(
      recorder
        .refused()
        .map((r) => r.service)
        .sort(),
    ).toEqual(Object.keys(OPCUA_FORBIDDEN_SERVICES).sort());
    expect(recorder.refused().find((r) => r.service === 'Write')?.code).toBe(673);
    expect(proxy.requests.map((r) => r.name).filter((n) => !READ_ONLY_REQUESTS.has(n))).toEqual([]);
  });

  it('follows continuation points with BrowseNext and releases the ones still held when maxNodes stops the walk', async () => {
    const proxy = await startRecordingProxy(gateway.port);
    cleanups.push(proxy.close);
    const recorder = new MemoryRequestRecorder();
    const guard = new OpcuaSafetyGuard({
      target: { host: '127.0.0.1', port: proxy.port },
      endpointUrl: `opc.tcp://127.0.0.1:${proxy.port}`,
      gate: openRequestGate,
      recorder,
      timing: systemTiming,
      limits: { timeoutMs: 8000, retries: 0, backoff: 1, breakerThreshold: 3 },
    });
    try {
      await guard.openSession({ securityMode: MessageSecurityMode.None, securityPolicy: SecurityPolicy.None, userIdentity: { type: UserTokenType.Anonymous } });
      const identity = await readServerIdentity(guard);
      const full = await browseAddressSpace(guard, identity.namespaces, identity.operationLimits, { maxNodes: 100_000, maxDepth: 12, maxReferencesPerNode: 7 });
      expect(full.truncated).toBe(false);
      expect(full.browseNextRequests).toBeGreaterThan(0);
      expect(full.nodesPerNamespace[gateway.applicationUri]).toBeGreaterThanOrEqual(gateway.nodeCount);
      const stopped = await browseAddressSpace(guard, identity.namespaces, identity.operationLimits, { maxNodes: 30, maxDepth: 12, maxReferencesPerNode: 3 });
      expect(stopped.truncated).toBe(true);
      expect(stopped.nodeCount).toBe(30);
      expect(stopped.continuationPointsReleased).toBeGreaterThan(0);
    } finally {
      await guard.close();
    }
    expect(proxy.requests.some((r) => r.name === 'BrowseNextRequest')).toBe(true);
  });
});

describe('OPC UA hostile servers and cancel', () => {
  let gateway: DemoOpcuaGateway;
  const cleanups: Array<() => Promise<void>> = [];
  beforeAll(async () => {
    gateway = await startDemoOpcuaGateway({ nodeCount: 3000 });
  });
  afterAll(async () => {
    for (const c of cleanups) await c();
    await gateway?.close();
  });
  const context = async (timeoutMs: number) => {
    const d = await makeDataDir();
    cleanups.push(d.remove);
    return testRunContext({ options: { protocol: 'opcua', securityMode: 'None' }, settings: { timeoutMs, retries: 0 }, dataDir: d.dir });
  };

  it('a server that never answers, one that sends garbage and one that drops mid-browse are each that target’s error; the run goes on', async () => {
    const silent = await startSilentServer();
    const garbage = await startGarbageServer();
    const dropping = await startRecordingProxy(gateway.port, { dropAfterBrowse: 2 });
    cleanups.push(silent.close, garbage.close, dropping.close);
    const ctx = await context(2000);
    const session = await new OpcuaCollector().open(ctx);
    try {
      const signal = new AbortController().signal;
      const quiet = await session.probe({ host: '127.0.0.1', port: silent.port }, signal);
      expect(quiet.status).toBe('timeout');
      expect(silent.received()).toBeGreaterThan(0);
      const junk = await session.probe({ host: '127.0.0.1', port: garbage.port }, signal);
      expect(['malformed', 'network']).toContain(junk.status);
      expect(junk.failures[0]?.detail).toContain(`127.0.0.1:${garbage.port}`);
      const dropped = await session.probe({ host: '127.0.0.1', port: dropping.port }, signal);
      expect(dropped.status).toBe('network');
      expect(dropped.failures.map((f) => f.section)).toContain('browse');
      // What it said before dropping is kept.
      expect((dropped.observations[0]?.raw as OpcuaServerRecord).buildInfo?.productName).toBe('Fieldwise Demo OPC UA Gateway');
      // The same session still reads a healthy server.
      const healthy = await session.probe({ host: gateway.host, port: gateway.port }, signal);
      expect(healthy.status).toBe('found');
    } finally {
      await session.dispose();
    }
  }, 120_000);

  it('cancel stops all traffic: nothing is sent after the abort', async () => {
    const controller = new AbortController();
    let abortedAt = Number.POSITIVE_INFINITY;
    let browses = 0;
    // Abort as soon as the browse is under way: when the proxy sees the third Browse request.
    const proxy = await startRecordingProxy(gateway.port, {
      onRequest: (request) => {
        if (request.name === 'BrowseRequest' && (browses += 1) === 3) {
          controller.abort();
          abortedAt = performance.now();
        }
      },
    });
    cleanups.push(proxy.close);
    const ctx = await context(8000);
    const session = await new OpcuaCollector().open(ctx);
    try {
      const outcome = await session.probe({ host: '127.0.0.1', port: proxy.port }, controller.signal);
      expect(outcome.status).toBe('cancelled');
    } finally {
      await session.dispose();
    }
    const returnedAt = performance.now();
    await new Promise((r) => setTimeout(r, 1000));
    // After the abort the client only says goodbye (CloseSession, so a PLC's few session slots are
    // not held until timeout, and CloseSecureChannel): no Browse, Read or anything else.
    expect(
      proxy.requests
        .filter((r) => r.atMs > abortedAt)
        .map((r) => r.name)
        .filter((n) => n !== 'CloseSessionRequest'),
    ).toEqual([]);
    expect(proxy.chunks.filter((c) => c.atMs > abortedAt && c.type === 'MSG').length).toBeLessThanOrEqual(1);
    // And once the probe has returned, nothing at all.
    expect(proxy.chunks.filter((c) => c.atMs > returnedAt)).toEqual([]);
    expect(abortedAt).toBeLessThan(Number.POSITIVE_INFINITY);
  }, 60_000);
});
