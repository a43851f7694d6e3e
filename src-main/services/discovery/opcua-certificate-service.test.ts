import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../src-shared/api/index.js';
import { OpcuaThumbprint } from '../../../src-shared/api/opcua-certificates.js';
import { startDemoOpcuaGateway, type DemoOpcuaGateway } from '../../collectors/opcua/demo/opcua-demo-gateway.js';
import { OpcuaCollector } from '../../collectors/opcua/opcua-collector.js';
import { testRunContext } from '../../collectors/collector-test-context.js';
import { createOpcuaCertificateService } from './opcua-certificate-service.js';

describe('OPC UA certificate service', () => {
  let gateway: DemoOpcuaGateway;
  let dataDir: string;
  beforeAll(async () => {
    gateway = await startDemoOpcuaGateway({ nodeCount: 10 });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'fieldwise-opcua-service-'));
  });
  afterAll(async () => {
    await gateway?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('lists the certificate a run filed as pending, trusts and rejects it by thumbprint, and names an unknown one', async () => {
    const decisions: string[] = [];
    const service = createOpcuaCertificateService({ dataDir, onDecision: (d, c) => decisions.push(`${d}:${c.thumbprint}`) });
    expect(await service.list()).toEqual([]);
    const ctx = testRunContext({ options: { protocol: 'opcua', securityMode: 'SignAndEncrypt', browse: false }, settings: { timeoutMs: 8000 }, dataDir });
    const session = await new OpcuaCollector().open(ctx);
    const outcome = await session.probe({ host: gateway.host, port: gateway.port }, new AbortController().signal);
    await session.dispose();
    expect(outcome.status).toBe('certificate_untrusted');
    const thumbprint = outcome.decisions?.[0]?.thumbprint ?? '';

    const pending = await service.list('pending');
    expect(pending.map((c) => c.thumbprint)).toEqual([thumbprint]);
    expect(pending[0]?.applicationUri).toBe(gateway.applicationUri);

    // The contract accepts the thumbprint with colons and in upper case, as other tools print it.
    const colons = OpcuaThumbprint.parse(thumbprint.toUpperCase().match(/../g)?.join(':'));
    expect((await service.trust(colons)).state).toBe('trusted');
    expect(await service.list('pending')).toEqual([]);
    expect((await service.reject(thumbprint)).state).toBe('rejected');
    expect((await service.list()).map((c) => c.state)).toEqual(['rejected']);
    expect(decisions).toEqual([`trusted:${thumbprint}`, `rejected:${thumbprint}`]);

    await expect(service.trust('0'.repeat(40))).rejects.toMatchObject({ code: 'not_found' });
    await expect(service.trust('0'.repeat(40))).rejects.toBeInstanceOf(ApiError);
  }, 60_000);
});
