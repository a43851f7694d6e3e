import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRequestGate } from '../sweep/request-gate.js';
import { startDemoNetwork, type DemoNetwork } from './demo/demo-network.js';
import { resolveSnmpCredential } from './snmp-credential.js';
import { SnmpError } from './snmp-error.js';
import { assertReadOperation, SnmpSafetyGuard, type SnmpReadRequest } from './snmp-safety-guard.js';
import { CREDENTIALS, demoCredentialStore, randomBasePort } from './test-support.js';

describe('SnmpSafetyGuard', () => {
  let net: DemoNetwork;
  let guard: SnmpSafetyGuard;

  beforeAll(async () => {
    net = await startDemoNetwork({ host: '127.0.0.1', basePort: randomBasePort() });
    const agent = net.agents[0];
    if (!agent) throw new Error('no agent');
    const credential = await resolveSnmpCredential(CREDENTIALS.v2c, demoCredentialStore());
    guard = SnmpSafetyGuard.open({ host: agent.host, port: agent.port }, credential, { gate: openRequestGate, limits: { timeoutMs: 1500 } });
  });
  afterAll(async () => {
    guard.close();
    await net.close();
  });

  it('allows reads', async () => {
    const [descr] = await guard.get(['1.3.6.1.2.1.1.5.0']);
    expect(String(descr?.value)).toBe('sw1.demo.lan');
    const [next] = await guard.getNext(['1.3.6.1.2.1.1.5']);
    expect(next?.oid).toBe('1.3.6.1.2.1.1.5.0');
  });

  it('refuses SET, TRAP and INFORM at run time', async () => {
    for (const op of ['set', 'trap', 'inform', 'getBulkSet']) {
      // The cast is what a confused caller would have to write; the type below shows it cannot do so honestly.
      const request = { op, oids: ['1.3.6.1.2.1.1.5.0'] } as unknown as SnmpReadRequest;
      await expect(guard.request(request)).rejects.toMatchObject({ reason: 'refused' });
    }
    expect(() => assertReadOperation('set')).toThrow(SnmpError);
    expect(guard.requestCount).toBeGreaterThan(0);
  });

  it('refuses SET at the type level', () => {
    // @ts-expect-error 'set' is not a read operation
    const request: SnmpReadRequest = { op: 'set', oids: ['1.3.6.1.2.1.1.5.0'] };
    expect(request.op).toBe('set');
    // @ts-expect-error the guard has no set method
    expect(guard.set).toBeUndefined();
  });

  it('leaves the agent unchanged after a refused SET', async () => {
    const [name] = await guard.get(['1.3.6.1.2.1.1.5.0']);
    expect(String(name?.value)).toBe('sw1.demo.lan');
  });
});
