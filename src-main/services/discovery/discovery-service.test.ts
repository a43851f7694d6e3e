// Discovery end to end through the real app core (dispatcher, SQLite file, asset writer) against
// the demo SNMP agents on 127.0.0.1 — loopback only — with secrets in a MemoryCredentialStore.
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Run } from '../../../src-shared/api/index.js';
import { startDemoNetwork, DEMO_COMMUNITY, type DemoNetwork } from '../../collectors/snmp/demo/demo-network.js';
import { TEST_V3_USER, randomBasePort } from '../../collectors/snmp/test-support.js';
import { MemoryRequestRecorder } from '../../collectors/request-recorder.js';
import { insertRunHost, insertRunPlan } from '../../db/discovery-runs-repository.js';
import { insertRun } from '../../db/runs-repository.js';
import { MemoryCredentialStore } from '../../secrets/memory-credential-store.js';
import { createTempDir, type TempDir } from '../../test-support/temp-dir.js';
import { startTestAppCore, type TestAppCore } from '../../test-support/test-app-core.js';
import { ManualClock } from '../runs/manual-clock.js';

const FAST = { timeoutMs: 300, retries: 0, backoff: 1, ratePerSecond: 2000, perHostIntervalMs: 0, concurrency: 16 };
const WRONG_COMMUNITY = 'wrong-Community-7731';

describe('discovery service against the demo network', () => {
  let net: DemoNetwork;
  let t: TestAppCore;
  let store: MemoryCredentialStore;
  const basePort = randomBasePort();
  const deadPort = basePort + 9;
  let demoCredId = '';
  let wrongCredId = '';
  let v3CredId = '';
  let scopeId = '';
  const recorder = new MemoryRequestRecorder();

  beforeAll(async () => {
    net = await startDemoNetwork({ host: '127.0.0.1', basePort, v3User: TEST_V3_USER });
    store = new MemoryCredentialStore();
    t = await startTestAppCore({ credentials: store, scheduler: false, requestRecorder: recorder });
    const wrong = await t.call('discovery.credentials.create', { name: 'Old community', kind: 'snmp_v2c', community: WRONG_COMMUNITY });
    const demo = await t.call('discovery.credentials.create', { name: 'Demo community', kind: 'snmp_v2c', community: DEMO_COMMUNITY });
    const v3 = await t.call('discovery.credentials.create', {
      name: 'Ops v3',
      kind: 'snmp_v3',
      settings: { user: TEST_V3_USER.name, level: 'authPriv', authProtocol: 'sha256', privProtocol: 'aes' },
      authKey: TEST_V3_USER.authKey,
      privKey: TEST_V3_USER.privKey,
    });
    wrongCredId = wrong.id;
    demoCredId = demo.id;
    v3CredId = v3.id;
    const scope = await t.call('discovery.scopes.create', {
      name: 'Lab',
      targets: ['127.0.0.1'],
      ports: [basePort, basePort + 1, basePort + 2, basePort + 3, basePort + 4, deadPort],
      credentialSetIds: [wrongCredId, demoCredId],
      settings: FAST,
    });
    scopeId = scope.id;
  }, 30_000);

  afterAll(async () => {
    await t.close();
    await net.close();
  });

  it('keeps secrets in the store and returns only references', async () => {
    const sets = await t.call('discovery.credentials.list', {});
    const demo = sets.find((s) => s.id === demoCredId)!;
    expect(demo.secrets).toEqual([{ slot: 'community', ref: `fieldwise/credential-sets/${demoCredId}/community`, managed: true }]);
    expect(await store.get(`fieldwise/credential-sets/${demoCredId}/community`)).toBe(DEMO_COMMUNITY);
    expect(JSON.stringify(sets)).not.toContain(DEMO_COMMUNITY);
    const check = await t.call('discovery.credentials.check', { id: v3CredId });
    expect(check.secrets.map((s) => s.status)).toEqual(['stored', 'stored']);
  });

  it('shows a plan with targets, credentials by name and rate before starting', async () => {
    const plan = await t.call('discovery.plan', { scopeId });
    expect(plan).toMatchObject({ scopeName: 'Lab', addressCount: 1, targetCount: 6, canStart: true, requiresConfirmation: false, activeRunId: null });
    expect(plan.credentials.map((c) => [c.name, c.secretStatus])).toEqual([
      ['Old community', 'stored'],
      ['Demo community', 'stored'],
    ]);
    expect(plan.settings.ratePerSecond).toBe(2000);
    expect(plan.sampleTargets[0]).toBe(`127.0.0.1:${basePort}`);
  });

  let firstRun: Run;
  it('discovers the demo agents: inventory, provenance, per-host report, topology, learned addresses', async () => {
    const started = await t.call('discovery.start', { scopeId });
    expect(started).toMatchObject({ kind: 'discovery', status: 'running', sourceKind: 'snmp', sourceName: 'Lab', scope: 'Lab' });
    firstRun = await t.core.discovery.waitFor(started.id);
    expect(firstRun.status).toBe('succeeded');
    expect(firstRun.counts).toMatchObject({ read: 6, created: 5, rejected: 1 });

    const report = await t.call('discovery.runs.report', { runId: started.id });
    expect(report.byStatus).toMatchObject({ found: 5, no_response: 1, auth_failure: 0 });
    expect(report.hostsDone).toBe(6);
    expect(report.notProbed).toBe(0);
    expect(report.plan.credentials.map((c) => c.name)).toEqual(['Old community', 'Demo community']);
    expect(report.relationsWritten).toBeGreaterThan(0);

    const hosts = await t.call('discovery.runs.hosts', { runId: started.id });
    expect(hosts.total).toBe(6);
    // The run's recorder saw every request the SNMP guard put on the wire: reads only, none refused.
    expect(recorder.refused()).toEqual([]);
    expect([...new Set(recorder.requests.map((r) => r.service))].every((service) => ['get', 'getNext', 'getBulk'].includes(service))).toBe(true);
    expect(recorder.requests.every((r) => r.protocol === 'snmp' && r.host === '127.0.0.1')).toBe(true);
    expect(recorder.requests).toHaveLength(hosts.items.reduce((n, h) => n + h.requestCount, 0));
    expect(hosts.items.every((h) => h.host === '127.0.0.1')).toBe(true);
    const dead = hosts.items.find((h) => h.port === deadPort)!;
    expect(dead.status).toBe('no_response');
    // Short: why a host can be silent is said once for the run, not repeated on every silent host.
    expect(dead.message).toBe('No reply to credential set(s) "Old community", "Demo community".');
    const sw1 = hosts.items.find((h) => h.assetName === 'sw1.demo.lan')!;
    expect(sw1).toMatchObject({ status: 'found', credentialSetName: 'Demo community' });
    expect(sw1.attempts.map((a) => a.reason)).toEqual(['no_response', 'ok']);

    const assets = await t.call('assets.list', { limit: 50 });
    expect(assets.items.map((a) => a.name).sort()).toEqual(['rtr1.demo.lan', 'srv1.demo.lan', 'sw1.demo.lan', 'sw2.demo.lan', 'ups1']);
    const detail = await t.call('assets.get', { id: sw1.assetId! });
    expect(detail.fields.find((f) => f.field === 'serial')).toMatchObject({ value: 'FOC2101X0AA', sourceName: 'Lab', sourceKind: 'snmp' });

    const topo = await t.call('discovery.topology', { scopeId });
    const byName = new Map(topo.nodes.map((n) => [n.assetId, n.name]));
    const edges = topo.edges.map((e) => ({
      from: byName.get(e.fromAssetId),
      to: byName.get(e.toAssetId),
      local: e.localPort,
      remote: e.remotePort,
      confidence: e.confidence,
    }));
    expect(edges).toContainEqual({ from: 'sw1.demo.lan', to: 'sw2.demo.lan', local: 'Gi1/0/24', remote: 'Gi1/0/24', confidence: 0.9 });
    expect(edges).toContainEqual({ from: 'sw2.demo.lan', to: 'sw1.demo.lan', local: 'Gi1/0/24', remote: 'Gi1/0/24', confidence: 0.9 });
    expect(edges).toContainEqual(expect.objectContaining({ from: 'sw1.demo.lan', to: 'srv1.demo.lan', local: 'Gi1/0/1', confidence: 0.5 }));
    // One asset's neighbours: only relations with the server at one end.
    const serverId = topo.nodes.find((n) => n.name === 'srv1.demo.lan')!.assetId;
    const own = await t.call('discovery.topology', { assetId: serverId });
    expect(own.edges.length).toBeGreaterThan(0);
    expect(own.edges.every((e) => e.fromAssetId === serverId || e.toAssetId === serverId)).toBe(true);
    expect(own.edges.length).toBeLessThan(topo.edges.length);
    expect(
      edges
        .filter((e) => e.from === 'rtr1.demo.lan' && e.confidence === 0.3)
        .map((e) => e.to)
        .sort(),
    ).toEqual(expect.arrayContaining(['sw1.demo.lan', 'sw2.demo.lan']));
    expect(topo.edges.every((e) => e.type === 'connected_to' && e.sourceName === 'Lab')).toBe(true);

    const learned = await t.call('discovery.runs.learned', { runId: started.id });
    expect(learned.items.some((l) => l.ip === '192.0.2.20' && l.via === 'arp' && !l.inScope && l.learnedFromAssetName === 'rtr1.demo.lan')).toBe(true);
    expect(learned.items.some((l) => l.via === 'lldp' && l.mac === '02:00:5e:10:00:02')).toBe(true);
    expect(report.learnedAddresses.inScope).toBe(0);

    const progress = t.eventsNamed('discovery.progress').filter((p) => p.runId === started.id);
    expect(progress.at(-1)).toMatchObject({ phase: 'done', done: 6, total: 6, found: 5, errors: 1 });
    expect(t.eventsNamed('run.finished').some((r) => r.id === started.id && r.kind === 'discovery')).toBe(true);
    const audit = await t.call('audit.list', { targetType: 'run', targetId: started.id, limit: 10 });
    expect(audit.map((a) => a.action).sort()).toEqual(['discovery.completed', 'discovery.started']);
  }, 30_000);

  it('remembers the credential that worked per device and tries it first next time', async () => {
    const started = await t.call('discovery.start', { scopeId });
    await t.core.discovery.waitFor(started.id);
    const hosts = await t.call('discovery.runs.hosts', { runId: started.id, statuses: ['found'] });
    expect(hosts.total).toBe(5);
    for (const h of hosts.items) expect(h.attempts).toEqual([{ credentialSetId: demoCredId, reason: 'ok' }]);
    // Same devices: no new assets, relations updated in place.
    const assets = await t.call('assets.list', { limit: 50 });
    expect(assets.total).toBe(5);
  }, 30_000);

  it('reports a wrong SNMPv3 key as auth failure, naming the credential set', async () => {
    const bad = await t.call('discovery.credentials.create', {
      name: 'Bad v3',
      kind: 'snmp_v3',
      settings: { user: TEST_V3_USER.name, level: 'authPriv', authProtocol: 'sha256', privProtocol: 'aes' },
      authKey: 'not-the-auth-key-1',
      privKey: TEST_V3_USER.privKey,
    });
    const scope = await t.call('discovery.scopes.create', {
      name: 'v3 only',
      targets: ['127.0.0.1'],
      ports: [basePort + 3],
      credentialSetIds: [bad.id],
      settings: FAST,
    });
    const run = await t.core.discovery.waitFor((await t.call('discovery.start', { scopeId: scope.id })).id);
    const hosts = await t.call('discovery.runs.hosts', { runId: run.id });
    expect(hosts.items[0]).toMatchObject({ status: 'auth_failure' });
    expect(hosts.items[0]!.message).toMatch(/SNMPv3 authentication failed for 127\.0\.0\.1:\d+ with credential set\(s\) "Bad v3"/);
  }, 30_000);

  it('never overlaps runs of one scope, and cancels at any moment keeping what was found', async () => {
    // 127.0.0.1 live ports first, then 60 silent loopback addresses with the longest timeout (60 s):
    // a cancel that waited for in-flight probes to time out would outlast this test's 30 s limit.
    const scope = await t.call('discovery.scopes.create', {
      name: 'Slow',
      targets: ['127.0.0.1', '127.0.5.1-60'],
      ports: [basePort],
      credentialSetIds: [demoCredId],
      settings: { ...FAST, timeoutMs: 60_000, concurrency: 4 },
    });
    const started = await t.call('discovery.start', { scopeId: scope.id });
    await expect(t.call('discovery.start', { scopeId: scope.id })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/already in progress/),
    });
    expect((await t.call('discovery.plan', { scopeId: scope.id })).activeRunId).toBe(started.id);
    await new Promise((r) => setTimeout(r, 300));
    await t.call('runs.cancel', { id: started.id });
    const run = await t.core.discovery.waitFor(started.id);
    expect(run.status).toBe('cancelled');
    expect(run.error).toMatchObject({ reason: 'cancelled' });
    const report = await t.call('discovery.runs.report', { runId: started.id });
    expect(report.byStatus.found).toBe(1);
    expect(report.notProbed).toBe(61 - report.hostsDone);
    expect(report.byStatus.cancelled).toBeGreaterThan(0);
    // The figures add up: the finished outcomes make the hosts done, and the hosts stopped by the
    // cancel are among those not probed (not counted twice); the host list shows the hosts done.
    const finished = Object.entries(report.byStatus).reduce((n, [status, count]) => (status === 'cancelled' ? n : n + count), 0);
    expect(finished).toBe(report.hostsDone);
    expect(report.notProbed).toBeGreaterThanOrEqual(report.byStatus.cancelled);
    const listed = await t.call('discovery.runs.hosts', { runId: started.id, limit: 500 });
    expect(listed.total).toBe(report.hostsDone);
    expect(listed.items.map((h) => h.status)).not.toContain('cancelled');
    expect((await t.call('discovery.runs.hosts', { runId: started.id, statuses: ['cancelled'] })).total).toBe(report.byStatus.cancelled);
    await expect(t.call('discovery.cancel', { runId: started.id })).rejects.toMatchObject({ code: 'conflict' });
  }, 30_000);

  it('asks for confirmation before an OT scope runs', async () => {
    const ot = await t.call('discovery.scopes.create', {
      name: 'Plant A',
      targets: ['127.0.0.1'],
      ports: [basePort + 4],
      credentialSetIds: [demoCredId],
      ot: true,
    });
    expect(ot.settings).toMatchObject({ ratePerSecond: 20, concurrency: 4, perHostIntervalMs: 100 });
    const plan = await t.call('discovery.plan', { scopeId: ot.id });
    expect(plan.requiresConfirmation).toBe(true);
    await expect(t.call('discovery.start', { scopeId: ot.id })).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(/OT scope/) });
    const run = await t.core.discovery.waitFor((await t.call('discovery.start', { scopeId: ot.id, confirmOt: true })).id);
    expect(run.status).toBe('succeeded');
  }, 30_000);

  it('validates scopes: bad targets, unknown credential sets, bad schedules, used credential sets', async () => {
    await expect(t.call('discovery.scopes.create', { name: 'Bad', targets: ['10.0.0.300'] })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/10\.0\.0\.300/),
    });
    await expect(t.call('discovery.scopes.create', { name: 'Bad', targets: ['10.0.0.0/8'] })).rejects.toMatchObject({
      message: expect.stringMatching(/limit/),
    });
    await expect(t.call('discovery.scopes.create', { name: 'Bad', targets: ['10.0.0.1'], schedule: 'nightly' })).rejects.toMatchObject({
      message: expect.stringMatching(/Invalid schedule/),
    });
    await expect(t.call('discovery.scopes.create', { name: 'Bad', targets: ['10.0.0.1'], credentialSetIds: ['nope'] })).rejects.toMatchObject({
      code: 'bad_request',
    });
    await expect(t.call('discovery.credentials.delete', { id: demoCredId })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/"Lab"/),
    });
    const preview = await t.call('discovery.schedule.preview', { schedule: '0 2 * * *', timezone: 'UTC', count: 2 });
    expect(preview.valid).toBe(true);
    expect(preview.next).toHaveLength(2);
  });

  it('renames the source with the scope, so provenance follows', async () => {
    const scope = await t.call('discovery.scopes.update', { id: scopeId, name: 'Lab network' });
    const sources = await t.call('sources.list', {});
    expect(sources.find((s) => s.id === scope.sourceId)?.name).toBe('Lab network');
  });

  it('never writes a secret to the database, the log or an error', async () => {
    await expect(t.call('discovery.credentials.create', { name: 'Demo community', kind: 'snmp_v2c', community: 'dup-Secret-991' })).rejects.toSatisfy(
      (e: Error) => !e.message.includes('dup-Secret-991'),
    );
    await expect(t.call('discovery.credentials.create', { name: 'x', kind: 'snmp_v2c', community: 'y'.repeat(600) })).rejects.toSatisfy(
      (e: Error) => !e.message.includes('yyyyyyyy'),
    );
    const secrets = [DEMO_COMMUNITY, WRONG_COMMUNITY, TEST_V3_USER.authKey, TEST_V3_USER.privKey, 'not-the-auth-key-1', 'dup-Secret-991'];
    t.core.db.pragma('wal_checkpoint(TRUNCATE)');
    const dataDir = t.dir.file('data');
    for (const file of readdirSync(dataDir).filter((f) => f.startsWith('fieldwise.sqlite'))) {
      const bytes = readFileSync(`${dataDir}/${file}`).toString('latin1');
      for (const secret of secrets) expect(bytes.includes(secret), `${secret} in ${file}`).toBe(false);
    }
    const logText = JSON.stringify(t.logs) + JSON.stringify(t.events);
    for (const secret of secrets) expect(logText).not.toContain(secret);
  });
});

describe('discovery runs across restarts and schedules', () => {
  let dir: TempDir;
  let net: DemoNetwork;
  const basePort = randomBasePort();

  beforeAll(async () => {
    dir = await createTempDir('fieldwise-discovery-');
    net = await startDemoNetwork({ host: '127.0.0.1', basePort });
  });
  afterAll(async () => {
    await net.close();
    await dir.remove();
  });

  it('marks a run left running by a stopped process as interrupted, keeps its hosts, and resumes the rest', async () => {
    const store = new MemoryCredentialStore();
    const first = await startTestAppCore({ dir, credentials: store, scheduler: false });
    const cred = await first.call('discovery.credentials.create', { name: 'Demo', kind: 'snmp_v2c', community: DEMO_COMMUNITY });
    const ports = [0, 1, 2, 3, 4].map((i) => basePort + i);
    const scope = await first.call('discovery.scopes.create', { name: 'Restart', targets: ['127.0.0.1'], ports, credentialSetIds: [cred.id], settings: FAST });
    // What a crash leaves behind: a run still 'running' with two hosts committed.
    const db = first.core.db;
    db.transaction(() => {
      insertRun(db, {
        id: 'run-crashed',
        kind: 'discovery',
        sourceId: scope.sourceId,
        trigger: 'manual',
        scope: 'Restart',
        startedAt: '2025-01-01T00:00:00.000Z',
        correlationId: 'c',
      });
      insertRunPlan(db, {
        runId: 'run-crashed',
        scopeId: scope.id,
        targetCount: 5,
        resumedFromRunId: null,
        plan: {
          protocol: 'snmp',
          options: { protocol: 'snmp' },
          targets: ['127.0.0.1'],
          exclusions: [],
          ports,
          targetCount: 5,
          credentials: [],
          settings: scope.settings,
          depth: 'full',
          network: null,
          ot: false,
        },
      });
      for (const port of ports.slice(0, 2)) {
        insertRunHost(db, {
          runId: 'run-crashed',
          host: '127.0.0.1',
          port,
          status: 'found',
          credentialSetId: cred.id,
          assetId: null,
          message: null,
          attempts: [],
          durationMs: 5,
          requestCount: 3,
          observationCount: 1,
          decisions: [],
          finishedAt: '2025-01-01T00:00:01.000Z',
        });
      }
    })();
    await first.close();

    const second = await startTestAppCore({ dir, credentials: store, scheduler: false });
    try {
      const report = await second.call('discovery.runs.report', { runId: 'run-crashed' });
      expect(report.run.status).toBe('interrupted');
      expect(report.run.error?.message).toMatch(/2 host\(s\) it finished are kept; 3 target\(s\) were not probed/);
      expect(report.notProbed).toBe(3);
      expect(second.logs.some((l) => l.message === 'Marked discovery runs interrupted by the last shutdown')).toBe(true);

      const resumed = await second.core.discovery.waitFor((await second.call('discovery.start', { scopeId: scope.id, resumeRunId: 'run-crashed' })).id);
      const hosts = await second.call('discovery.runs.hosts', { runId: resumed.id });
      expect(hosts.items.map((h) => h.port).sort()).toEqual(ports.slice(2));
      expect((await second.call('discovery.runs.report', { runId: resumed.id })).resumedFromRunId).toBe('run-crashed');
    } finally {
      await second.close();
    }
  }, 30_000);

  it('runs a scope on its schedule and skips (and records) a due run while the previous one is still running', async () => {
    const clock = new ManualClock(new Date('2025-06-01T01:59:30Z'));
    const store = new MemoryCredentialStore();
    const t = await startTestAppCore({ credentials: store, now: clock.now, schedulerTimers: clock });
    try {
      const cred = await t.call('discovery.credentials.create', { name: 'Demo', kind: 'snmp_v2c', community: DEMO_COMMUNITY });
      const scope = await t.call('discovery.scopes.create', {
        name: 'Nightly',
        targets: ['127.0.0.1', '127.0.6.1-8'],
        ports: [basePort],
        credentialSetIds: [cred.id],
        schedule: '0 2 * * *',
        scheduleTimezone: 'UTC',
        settings: { ...FAST, timeoutMs: 4_000, concurrency: 2 },
      });
      expect(scope.nextRunAt).toBe('2025-06-01T02:00:00.000Z');
      clock.advance(30_000);
      await new Promise((r) => setTimeout(r, 50));
      const runs = (await t.call('runs.list', {})).filter((r) => r.kind === 'discovery');
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ trigger: 'scheduled', status: 'running', scope: 'Nightly' });
      // The next night arrives while the first run is (artificially) still going.
      clock.advance(24 * 3600_000);
      await new Promise((r) => setTimeout(r, 50));
      const skipped = t.eventsNamed('discovery.schedule.skipped');
      expect(skipped).toEqual([expect.objectContaining({ scopeId: scope.id, reason: 'overlap', activeRunId: runs[0]!.id, dueAt: '2025-06-02T02:00:00.000Z' })]);
      expect((await t.call('runs.list', {})).filter((r) => r.kind === 'discovery')).toHaveLength(1);
      const audit = await t.call('audit.list', { targetType: 'discovery_scope', targetId: scope.id, limit: 10 });
      expect(audit.map((a) => a.action)).toContain('discovery.skipped');
      expect(t.logs.some((l) => l.level === 'warn' && l.message === 'Scheduled discovery skipped')).toBe(true);
      await t.call('discovery.cancel', { runId: runs[0]!.id });
      expect((await t.core.discovery.waitFor(runs[0]!.id)).status).toBe('cancelled');
    } finally {
      await t.close();
    }
  }, 30_000);
});
