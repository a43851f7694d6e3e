import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectorCredential, CollectorOutcome } from '../collector.js';
import { testRunContext } from '../collector-test-context.js';
import {
  DEMO_GATEWAY_BUILD_INFO,
  DEMO_GATEWAY_USER,
  DEMO_OPCUA_DEVICES,
  defaultDemoPkiDir,
  startDemoOpcuaGateway,
  type DemoOpcuaGateway,
} from './demo/opcua-demo-gateway.js';
import { OpcuaCollector } from './opcua-collector.js';
import type { OpcuaServerRecord } from './opcua-server-record.js';
import { listOpcuaCertificates, opcuaPkiDir, rejectOpcuaCertificate, trustOpcuaCertificate } from './opcua-trust-store.js';
import { makeDataDir } from './test-support.js';
import type { OpcuaScopeOptions } from '../../../src-shared/api/discovery-protocols.js';

const SETTINGS = { timeoutMs: 8000, retries: 0 };
const USER: CollectorCredential = {
  id: 'cred-user',
  name: 'plant operator',
  kind: 'opcua_user',
  settings: { userName: DEMO_GATEWAY_USER.userName },
  secretRefs: { password: 'ref-pw' },
};

describe('OpcuaCollector against the demo gateway on 127.0.0.1', () => {
  let gateway: DemoOpcuaGateway;
  const dataDirs: Array<() => Promise<void>> = [];
  const dataDir = async (): Promise<string> => {
    const d = await makeDataDir();
    dataDirs.push(d.remove);
    return d.dir;
  };
  const probe = async (
    options: Partial<Omit<OpcuaScopeOptions, 'protocol'>>,
    extra: { credentials?: CollectorCredential[]; secrets?: Record<string, string>; dataDir?: string; network?: string } = {},
  ): Promise<{ outcome: CollectorOutcome; requests: string[] }> => {
    const ctx = testRunContext({ options: { protocol: 'opcua', ...options }, settings: SETTINGS, dataDir: extra.dataDir ?? (await dataDir()), ...extra });
    const session = await new OpcuaCollector().open(ctx);
    try {
      const outcome = await session.probe({ host: gateway.host, port: gateway.port }, new AbortController().signal);
      return { outcome, requests: ctx.recorder.requests.map((r) => `${r.service}${r.allowed ? '' : ' (refused)'}`) };
    } finally {
      await session.dispose();
    }
  };

  beforeAll(async () => {
    gateway = await startDemoOpcuaGateway({ nodeCount: 1500 });
  });
  afterAll(async () => {
    await gateway?.close();
    for (const remove of dataDirs) await remove();
  });

  it('identifies the server: application URI, BuildInfo, status, namespaces, endpoints and certificate', async () => {
    const { outcome } = await probe({ securityMode: 'None', browse: false }, { network: 'plant-a' });
    expect(outcome.status).toBe('found');
    expect(outcome.failures).toEqual([]);
    const server = outcome.observations[0];
    expect(server?.nativeKey).toBe(`opcua:app:${gateway.applicationUri}`);
    expect(server?.assetClass).toBe('iot_device');
    expect(server?.fields).toMatchObject({
      name: 'Fieldwise Demo OPC UA Gateway',
      vendor: DEMO_GATEWAY_BUILD_INFO.manufacturerName,
      model: DEMO_GATEWAY_BUILD_INFO.productName,
      firmware: '3.4.1 build 2026.11.17',
      os_version: '3.4.1 build 2026.11.17',
      opcua_application_uri: gateway.applicationUri,
    });
    const raw = server?.raw as OpcuaServerRecord;
    expect(raw.productUri).toBe(DEMO_GATEWAY_BUILD_INFO.productUri);
    expect(raw.buildInfo?.buildDate).toBe('2026-11-17T09:30:00.000Z');
    expect(raw.serverState).toBe('Running');
    expect(raw.startTime).not.toBeNull();
    expect(raw.namespaces).toEqual(expect.arrayContaining(['http://opcfoundation.org/UA/', 'http://opcfoundation.org/UA/DI/', gateway.applicationUri]));
    expect(raw.operationLimits).toMatchObject({ maxNodesPerRead: 100, maxNodesPerBrowse: 1000 });
    expect(raw.endpoints.map((e) => `${e.securityMode}/${e.securityPolicy}`)).toEqual(
      expect.arrayContaining(['None/None', 'Sign/Basic256Sha256', 'SignAndEncrypt/Basic256Sha256']),
    );
    expect(raw.serverCertificate?.thumbprint).toMatch(/^[0-9a-f]{40}$/);
    expect(raw.serverCertificate?.expired).toBe(false);
    expect(raw.session).toEqual({ securityMode: 'None', securityPolicy: 'None', userTokenType: 'Anonymous' });
    expect(raw.browse).toBeNull();
  });

  it('turns the DeviceSet into one PLC observation per device, each a member of the gateway', async () => {
    const { outcome } = await probe({ securityMode: 'None', browse: false });
    const gatewayKey = outcome.observations[0]?.nativeKey;
    const devices = outcome.observations.slice(1);
    expect(devices).toHaveLength(DEMO_OPCUA_DEVICES.length);
    for (const expected of DEMO_OPCUA_DEVICES) {
      const device = devices.find((d) => d.fields.serial === expected.serialNumber);
      expect(device?.assetClass).toBe('plc');
      expect(device?.nativeKey).toBe(`opcua:device:${expected.productInstanceUri}`);
      expect(device?.fields).toMatchObject({
        name: expected.name,
        vendor: expected.manufacturer,
        model: expected.model,
        serial: expected.serialNumber,
        firmware: expected.softwareRevision,
      });
      expect(device?.relations).toEqual([{ type: 'member_of', target: { kind: 'native_key', value: gatewayKey }, confidence: 0.9 }]);
    }
  });

  it('browses the address space deeply within the server operation limits', async () => {
    const before = { read: gateway.requestCounts.get('ReadRequest') ?? 0 };
    const { outcome } = await probe({ securityMode: 'None', browse: true });
    expect(outcome.status).toBe('found');
    const browse = (outcome.observations[0]?.raw as OpcuaServerRecord).browse;
    expect(browse?.truncated).toBe(false);
    expect(browse?.nodeCount).toBeGreaterThan(gateway.nodeCount);
    expect(browse?.nodesPerNamespace[gateway.applicationUri]).toBeGreaterThanOrEqual(gateway.nodeCount);
    expect(browse?.structureHash).toMatch(/^[0-9a-f]{64}$/);
    // Every variable's data type was read, never more than MaxNodesPerRead at a time.
    expect(gateway.largestRead()).toBeLessThanOrEqual(gateway.limits.maxNodesPerRead);
    expect(gateway.largestBrowse()).toBeLessThanOrEqual(gateway.limits.maxNodesPerBrowse);
    const reads = (gateway.requestCounts.get('ReadRequest') ?? 0) - before.read;
    expect(reads).toBeGreaterThanOrEqual(Math.ceil((browse?.variableCount ?? 0) / gateway.limits.maxNodesPerRead));
    expect(browse?.readRequests).toBe(Math.ceil((browse?.variableCount ?? 0) / gateway.limits.maxNodesPerRead));

    // The same address space hashes the same; a smaller maxNodes stops and says so.
    const again = (await probe({ securityMode: 'None', browse: true })).outcome;
    expect((again.observations[0]?.raw as OpcuaServerRecord).browse?.structureHash).toBe(browse?.structureHash);
    const bounded = (await probe({ securityMode: 'None', browse: true, maxNodes: 200 })).outcome;
    const boundedBrowse = (bounded.observations[0]?.raw as OpcuaServerRecord).browse;
    expect(boundedBrowse?.nodeCount).toBe(200);
    expect(boundedBrowse?.truncated).toBe(true);
    const shallow = (await probe({ securityMode: 'None', browse: true, maxDepth: 1 })).outcome;
    expect((shallow.observations[0]?.raw as OpcuaServerRecord).browse?.maxDepthReached).toBe(1);
  });

  it('logs in with user and password, and reports a wrong password as an authentication failure', async () => {
    const right = await probe({ securityMode: 'None', browse: false }, { credentials: [USER], secrets: { 'ref-pw': DEMO_GATEWAY_USER.password } });
    expect(right.outcome.status).toBe('found');
    expect(right.outcome.credentialId).toBe('cred-user');
    expect((right.outcome.observations[0]?.raw as OpcuaServerRecord).session?.userTokenType).toBe('UserName');

    const wrong = await probe({ securityMode: 'None', browse: false }, { credentials: [USER], secrets: { 'ref-pw': 'not-the-password' } });
    expect(wrong.outcome.status).toBe('auth_failure');
    expect(wrong.outcome.attempts).toEqual([{ credentialId: 'cred-user', reason: 'auth' }]);
    expect(JSON.stringify(wrong.outcome)).not.toContain('not-the-password');
    // What discovery said is still kept for the inventory.
    expect(wrong.outcome.observations[0]?.fields.opcua_application_uri).toBe(gateway.applicationUri);

    const missing = await probe({ securityMode: 'None', browse: false }, { credentials: [USER], secrets: {} });
    expect(missing.outcome.status).toBe('credential_missing');
  });

  it('logs in with a user certificate (an opcua_certificate credential set)', async () => {
    // Any certificate and key pair will do for the demo (its user PKI accepts unknown users): the
    // demo server's own, read from its PKI folder.
    const pki = defaultDemoPkiDir();
    const certificate = await readFile(path.join(pki, 'own', 'certs', 'demo_gateway_certificate.pem'), 'utf8');
    const privateKey = await readFile(path.join(pki, 'own', 'private', 'private_key.pem'), 'utf8');
    const credential: CollectorCredential = {
      id: 'cred-x509',
      name: 'engineering cert',
      kind: 'opcua_certificate',
      settings: {},
      secretRefs: { certificate: 'ref-cert', private_key: 'ref-key' },
    };
    const { outcome } = await probe(
      { securityMode: 'None', browse: false },
      { credentials: [credential], secrets: { 'ref-cert': certificate, 'ref-key': privateKey } },
    );
    expect(outcome.status).toBe('found');
    expect(outcome.credentialId).toBe('cred-x509');
    expect((outcome.observations[0]?.raw as OpcuaServerRecord).session?.userTokenType).toBe('Certificate');
  });

  it('never trusts an unknown server certificate: decision first, connects after trust, refuses after reject', async () => {
    const dir = await dataDir();
    const first = await probe({ securityMode: 'auto', browse: false }, { dataDir: dir });
    expect(first.outcome.status).toBe('certificate_untrusted');
    expect(first.requests).not.toContain('CreateSession');
    const decision = first.outcome.decisions?.[0];
    expect(decision).toMatchObject({ kind: 'opcua_certificate', host: gateway.host, port: gateway.port, applicationUri: gateway.applicationUri });
    expect(decision?.thumbprint).toMatch(/^[0-9a-f]{40}$/);
    expect(decision?.subject).toContain('Fieldwise Demo OPC UA Gateway');
    expect(Buffer.from(decision?.certificate ?? '', 'base64')[0]).toBe(0x30);
    const pki = opcuaPkiDir(dir);
    expect((await listOpcuaCertificates(pki)).map((c) => [c.state, c.thumbprint])).toEqual([['pending', decision?.thumbprint]]);

    await trustOpcuaCertificate(pki, decision?.thumbprint ?? '');
    const second = await probe(
      { securityMode: 'auto', browse: false },
      { dataDir: dir, credentials: [USER], secrets: { 'ref-pw': DEMO_GATEWAY_USER.password } },
    );
    expect(second.outcome.status).toBe('found');
    expect((second.outcome.observations[0]?.raw as OpcuaServerRecord).session).toEqual({
      securityMode: 'SignAndEncrypt',
      securityPolicy: 'Basic256Sha256',
      userTokenType: 'UserName',
    });
    expect(second.outcome.observations).toHaveLength(1 + DEMO_OPCUA_DEVICES.length);

    await rejectOpcuaCertificate(pki, decision?.thumbprint ?? '');
    const third = await probe({ securityMode: 'Sign', browse: false }, { dataDir: dir });
    expect(third.outcome.status).toBe('certificate_untrusted');
    expect(third.outcome.failures.map((f) => f.reason)).toEqual(['certificate_rejected']);
    expect(third.outcome.decisions).toBeUndefined();
    expect(third.requests).not.toContain('CreateSession');
    expect((await listOpcuaCertificates(pki)).map((c) => c.state)).toEqual(['rejected']);
  }, 90_000);
});
