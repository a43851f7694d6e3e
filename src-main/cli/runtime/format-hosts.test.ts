// The per-target table and the decisions list of a run report, from host rows as the API returns them.
import { describe, expect, it } from 'vitest';
import type { DiscoveryHost } from '../../../src-shared/api/index.js';
import { formatDecisions, formatHosts } from './format-hosts.js';

const host = (over: Partial<DiscoveryHost>): DiscoveryHost => ({
  host: '127.0.0.1',
  port: 502,
  status: 'found',
  credentialSetId: null,
  credentialSetName: null,
  assetId: '0190a0a0-0000-7000-8000-000000000001',
  assetName: 'gw-1',
  message: null,
  attempts: [],
  durationMs: 12,
  requestCount: 3,
  observationCount: 1,
  decisions: [],
  finishedAt: '2026-12-01T08:00:00.000Z',
  ...over,
});

describe('run report text', () => {
  it('counts the devices found behind each target', () => {
    const text = formatHosts(
      [
        host({ observationCount: 3 }),
        host({ host: '127.0.0.2', assetName: 'plc-2' }),
        host({ host: '127.0.0.3', status: 'no_response', assetId: null, assetName: null, observationCount: 0 }),
      ],
      {
        durations: true,
      },
    );
    const [header, , gateway, plc, silent] = text.split('\n');
    expect(header).toMatch(/^HOST\s+PORT\s+OUTCOME\s+ASSET\s+DEVICES\s+CREDENTIAL\s+MS\s+DETAIL/);
    expect(gateway).toMatch(/^127\.0\.0\.1\s+502\s+Found\s+gw-1\s+3\s+12/);
    expect(plc).toMatch(/^127\.0\.0\.2\s+502\s+Found\s+plc-2\s+1\s+12/);
    expect(silent).toMatch(/^127\.0\.0\.3\s+502\s+No response\s+12/);
  });

  it('lists server certificates waiting for a decision, and nothing when there are none', () => {
    expect(formatDecisions([host({})])).toBe('');
    const decision = {
      kind: 'opcua_certificate' as const,
      host: '127.0.0.4',
      port: 4840,
      thumbprint: 'ab'.repeat(20),
      subject: 'CN=gateway',
      applicationUri: 'urn:plant:gateway',
      validFrom: null,
      validTo: '2030-01-01T00:00:00.000Z',
      certificate: 'AAAA',
    };
    const text = formatDecisions([host({ host: '127.0.0.4', port: 4840, decisions: [decision] })]);
    expect(text).toContain('1 server certificate not trusted yet (never trusted silently');
    expect(text).toContain(`127.0.0.4:4840  CN=gateway (urn:plant:gateway)  SHA-1 ${'ab'.repeat(20)}  valid until 2030-01-01T00:00:00.000Z`);
  });
});
