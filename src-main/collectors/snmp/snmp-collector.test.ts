import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MapCredentialMemory } from './credential-memory.js';
import { startDemoNetwork, type DemoNetwork } from './demo/demo-network.js';
import { DEMO_SERVER_SOFTWARE, demoUps } from './demo/demo-devices.js';
import { SnmpCollector } from './snmp-collector.js';
import { CREDENTIALS, TEST_V3_USER, demoCredentialStore, openUdpHandles, randomBasePort } from './test-support.js';

// Generous enough for a busy machine: a live agent that answers late is retried, not failed.
const LIMITS = { timeoutMs: 1500, retries: 1, backoff: 1 };

describe('SnmpCollector against demo agents on 127.0.0.1', () => {
  let net: DemoNetwork;
  let udpBefore = 0;
  const agent = (name: string): { host: string; port: number } => {
    const a = net.agents.find((x) => x.name.startsWith(name));
    if (!a) throw new Error(`no demo agent ${name}`);
    return { host: a.host, port: a.port };
  };
  const collector = (): SnmpCollector => new SnmpCollector({ store: demoCredentialStore(), memory: new MapCredentialMemory() });

  beforeAll(async () => {
    udpBefore = openUdpHandles();
    net = await startDemoNetwork({ host: '127.0.0.1', basePort: randomBasePort(), v3User: TEST_V3_USER });
  });
  afterAll(async () => {
    await net.close();
    await new Promise((r) => setTimeout(r, 20));
    expect(openUdpHandles()).toBe(udpBefore);
  });

  it('reads a switch over SNMPv2c: system, ENTITY serial, interfaces, LLDP topology and FDB', async () => {
    const outcome = await collector().collectHost(agent('sw1'), [CREDENTIALS.v2c], { limits: LIMITS });
    expect(outcome.status).toBe('found');
    expect(outcome.credentialId).toBe('demo-v2c');
    const obs = outcome.observation;
    expect(obs?.assetClass).toBe('network_device');
    expect(obs?.nativeKey).toBe('snmp:engine:800000090300025e100001');
    expect(obs?.fields).toMatchObject({ name: 'sw1.demo.lan', vendor: 'Cisco', model: 'WS-C2960X-24TS-L', serial: 'FOC2101X0AA', firmware: '15.2(7)E4' });
    expect(obs?.interfaces).toHaveLength(25);
    expect(obs?.interfaces.find((i) => i.name === 'Vlan10')?.ips).toEqual([{ address: '192.0.2.11' }]);
    expect(obs?.interfaces.find((i) => i.name === 'Gi1/0/1')).toMatchObject({ speedMbps: 1000, operStatus: 'up', mac: '02:00:5e:10:01:01' });
    const lldp = obs?.relations.filter((r) => r.confidence === 0.9);
    expect(lldp).toEqual([{ type: 'connected_to', target: { kind: 'mac', value: '02:00:5e:10:00:02' }, localPort: 'Gi1/0/24', remotePort: 'Gi1/0/24', confidence: 0.9 }]);
    const fdbServer = obs?.relations.find((r) => r.target.value === '02:00:5e:10:00:04');
    expect(fdbServer).toMatchObject({ localPort: 'Gi1/0/1', confidence: 0.5 });
  });

  it('sees the LLDP link from both ends (sw1 → sw2 and sw2 → sw1)', async () => {
    const c = collector();
    const [a, b] = await Promise.all([c.collectHost(agent('sw1'), [CREDENTIALS.v2c], { limits: LIMITS }), c.collectHost(agent('sw2'), [CREDENTIALS.v2c], { limits: LIMITS })]);
    const link = (o: typeof a): string | undefined => o.observation?.relations.find((r) => r.confidence === 0.9)?.target.value;
    expect(link(a)).toBe('02:00:5e:10:00:02');
    expect(link(b)).toBe('02:00:5e:10:00:01');
    // Each switch's own MAC is what the other one names as chassis id.
    expect(a.observation?.interfaces.some((i) => i.mac === '02:00:5e:10:00:01')).toBe(true);
  });

  it('reads a router over SNMPv1 (GETNEXT walks) including its ARP table', async () => {
    const outcome = await collector().collectHost(agent('rtr1'), [CREDENTIALS.v1], { limits: LIMITS });
    expect(outcome.status).toBe('found');
    const arp = outcome.observation?.relations.filter((r) => r.target.kind === 'ip').map((r) => r.target.value);
    expect(arp).toEqual(['192.0.2.11', '192.0.2.12', '192.0.2.20', '192.0.2.30']);
    expect(outcome.observation?.relations.every((r) => r.target.kind !== 'ip' || r.confidence === 0.3)).toBe(true);
  });

  it('reads a Linux server over SNMPv3 authPriv with HOST-RESOURCES software', async () => {
    const outcome = await collector().collectHost(agent('srv1'), [CREDENTIALS.v3], { limits: LIMITS });
    expect(outcome.status).toBe('found');
    const obs = outcome.observation;
    expect(obs?.assetClass).toBe('server');
    expect(obs?.tags.snmp_version).toBe('v3');
    expect(obs?.fields).toMatchObject({ os_name: 'Linux', os_version: '6.1.0-18-amd64', memory_mb: 32768, cpu_cores: 2 });
    expect(obs?.software).toHaveLength(DEMO_SERVER_SOFTWARE.length);
    expect(obs?.software).toContainEqual({ name: 'nginx', version: '1.22.1-9+deb12u1' });
  });

  it('classifies the APC agent as a UPS', async () => {
    const outcome = await collector().collectHost(agent('ups1'), [CREDENTIALS.v2c], { limits: LIMITS });
    expect(outcome.observation?.assetClass).toBe('ups');
    expect(outcome.observation?.fields.serial).toBe('AS1234567890');
  });

  it('reports a wrong v3 auth key as auth_failure, and a wrong community as no_response', async () => {
    const c = collector();
    const v3 = await c.collectHost(agent('srv1'), [CREDENTIALS.wrongV3], { limits: LIMITS });
    expect(v3.status).toBe('auth_failure');
    expect(v3.failures[0]?.reason).toBe('auth');
    const v2 = await c.collectHost(agent('srv1'), [CREDENTIALS.wrongV2c], { limits: LIMITS });
    expect(v2.status).toBe('no_response');
    expect(v2.failures[0]?.detail).toMatch(/wrong community looks exactly like a silent host/);
  });

  it('tries credential sets in order and remembers the one that worked', async () => {
    const memory = new MapCredentialMemory();
    const c = new SnmpCollector({ store: demoCredentialStore(), memory });
    const first = await c.collectHost(agent('ups1'), [CREDENTIALS.wrongV2c, CREDENTIALS.v2c], { limits: LIMITS, depth: 'identify' });
    expect(first.attempts.map((a) => [a.credentialId, a.reason])).toEqual([['wrong-v2c', 'no_response'], ['demo-v2c', 'ok']]);
    const second = await c.collectHost(agent('ups1'), [CREDENTIALS.wrongV2c, CREDENTIALS.v2c], { limits: LIMITS, depth: 'identify' });
    expect(second.attempts).toEqual([{ credentialId: 'demo-v2c', reason: 'ok' }]);
  });

  it('never puts a secret into an outcome or observation', async () => {
    const outcome = await collector().collectHost(agent('srv1'), [CREDENTIALS.wrongV2c, CREDENTIALS.wrongV3, CREDENTIALS.v3], { limits: LIMITS });
    const text = JSON.stringify(outcome);
    for (const secret of ['fieldwise-demo', 'not-the-community', TEST_V3_USER.authKey, TEST_V3_USER.privKey, 'wrong-auth-key-1']) {
      expect(text).not.toContain(secret);
    }
  });

  it('reports a missing secret reference as credential_missing', async () => {
    const outcome = await collector().collectHost(agent('sw1'), [{ id: 'gone', version: 'v2c', communityRef: 'snmp/nope' }], { limits: LIMITS });
    expect(outcome.status).toBe('credential_missing');
  });

  it('refuses targets outside the scope', async () => {
    const outcome = await collector().collectHost({ host: '127.0.9.9', port: 161 }, [CREDENTIALS.v2c], { scope: { has: () => false } });
    expect(outcome.status).toBe('out_of_scope');
    expect(outcome.requestCount).toBe(0);
  });

  it('reaches an agent on ::1 however the address is written (replies come from the canonical address)', async () => {
    const v6 = await startDemoNetwork({ host: '::1', basePort: randomBasePort() + 13, devices: [demoUps()] });
    try {
      const port = v6.agents[0]?.port ?? 0;
      for (const host of ['::1', '0:0:0:0:0:0:0:1', '0000:0000:0000:0000:0000:0000:0000:0001']) {
        const outcome = await collector().collectHost({ host, port }, [CREDENTIALS.v2c], { limits: LIMITS, depth: 'identify' });
        expect(outcome.status, host).toBe('found');
        expect(outcome.observation?.fields.name).toBe('ups1');
      }
    } finally {
      await v6.close();
    }
  });

  it('times out on a dead port after one timeout per attempt', async () => {
    // Nothing listens there, so a short timeout cannot make this flaky.
    const outcome = await collector().collectHost({ host: '127.0.0.1', port: agent('sw1').port + 19 }, [CREDENTIALS.v2c], { limits: { timeoutMs: 200, retries: 1, backoff: 1 } });
    expect(outcome.status).toBe('no_response');
    expect(outcome.requestCount).toBe(2);
  });
});
