// Every example file in examples/ imported through the real application core (dispatcher, worker
// threads, real SQLite file): counts, mapped values with their provenance, and idempotent re-import.
import { describe, expect, it } from 'vitest';
import type { AssetDetail } from '../../../src-shared/api/index.js';
import type { ImportKind } from '../../../src-shared/model/source-kinds.js';
import { countRows, examplePath, startTestAppCore, type TestAppCore } from '../../test-support/test-app-core.js';

async function assetByHostname(t: TestAppCore, hostname: string): Promise<AssetDetail> {
  const page = await t.call('assets.list', { filter: { search: hostname }, limit: 10 });
  const match = page.items.find((a) => a.hostname === hostname || a.name === hostname);
  if (!match) throw new Error(`no asset with hostname ${hostname}`);
  return t.call('assets.get', { id: match.id });
}

function fieldOf(detail: AssetDetail, field: string) {
  return detail.fields.find((f) => f.field === field);
}

describe('importing the example files', () => {
  const cases: { file: string; kind: ImportKind; count: number; host: string; expect: Record<string, string | number> }[] = [
    { file: 'servers.json', kind: 'servers_cache', count: 12, host: 'hist-01', expect: { serial: '7XK2QH3', vendor: 'Dell', model: 'PowerEdge R650', memory_mb: 131072 } },
    { file: 'servers.csv', kind: 'servers_cache', count: 12, host: 'hist-01', expect: { serial: '7XK2QH3', vendor: 'Dell', model: 'PowerEdge R650', memory_mb: 131072 } },
    { file: 'desktops.json', kind: 'desktop_cache', count: 11, host: 'ews-a-01', expect: { serial: '5CD3071XQZ', vendor: 'HP', model: 'Z2 Tower G9', cpu_cores: 24 } },
    { file: 'desktops.csv', kind: 'desktop_cache', count: 11, host: 'ews-a-01', expect: { serial: '5CD3071XQZ', vendor: 'HP', model: 'Z2 Tower G9', cpu_cores: 24 } },
    { file: 'cloud-instances.json', kind: 'cloud_manual', count: 12, host: 'bastion-prod', expect: { cloud_instance_id: 'i-0a1b2c3d4e5f60003', cloud_provider: 'aws', instance_type: 't3.small', public_ips: '198.51.100.23' } },
    { file: 'cloud-instances.csv', kind: 'cloud_manual', count: 12, host: 'bastion-prod', expect: { cloud_instance_id: 'i-0a1b2c3d4e5f60003', cloud_provider: 'aws', instance_type: 't3.small', public_ips: '198.51.100.23' } },
  ];

  for (const c of cases) {
    it(`imports ${c.file} with its values and their provenance, and re-importing it changes nothing`, async () => {
      const t = await startTestAppCore();
      try {
        const run = await t.importFile(examplePath(c.file), { kind: c.kind, sourceName: `example ${c.file}` });
        expect(run.status).toBe('succeeded');
        expect(run.error).toBeNull();
        expect(run.counts).toEqual({ read: c.count, created: c.count, updated: 0, unchanged: 0, rejected: 0 });
        expect((await t.call('assets.summary', {})).total).toBe(c.count);

        const detail = await assetByHostname(t, c.host);
        for (const [field, value] of Object.entries(c.expect)) {
          const provenance = fieldOf(detail, field);
          expect(provenance?.value, field).toBe(value);
          expect(provenance?.sourceName).toBe(`example ${c.file}`);
          expect(provenance?.sourceKind).toBe(c.kind);
          expect(provenance?.observationId).toBeTruthy();
        }
        expect(detail.sources).toHaveLength(1);
        expect(detail.sources[0]?.sourceKind).toBe(c.kind);

        const observations = countRows(t.core, 'observations');
        expect(observations).toBe(c.count);
        const again = await t.importFile(examplePath(c.file), { kind: c.kind, sourceName: `example ${c.file}` });
        expect(again.status).toBe('succeeded');
        expect(again.counts).toEqual({ read: c.count, created: 0, updated: 0, unchanged: c.count, rejected: 0 });
        expect(countRows(t.core, 'observations')).toBe(observations);
        expect(countRows(t.core, 'assets')).toBe(c.count);
      } finally {
        await t.close();
      }
    });
  }

  it('maps interfaces, software and tags of a server (servers.json)', async () => {
    const t = await startTestAppCore();
    try {
      await t.importFile(examplePath('servers.json'), { kind: 'servers_cache', network: 'plant-a' });
      const detail = await assetByHostname(t, 'hist-01');
      expect(detail.summary.class).toBe('server');
      expect(detail.interfaces.map((n) => [n.name, n.mac, n.ips.map((i) => i.address), n.vlan])).toEqual([
        ['eth0', '24:6e:96:1a:2b:01', ['10.10.20.11'], 20],
        ['idrac', '24:6e:96:1a:2b:09', ['10.10.99.11'], 99],
      ]);
      expect(detail.interfaces[0]?.ips[0]?.network).toBe('plant-a');
      expect(detail.software.map((s) => s.name)).toContain('AVEVA PI Server');
      expect(detail.tags).toEqual(expect.arrayContaining([{ key: 'role', value: 'historian' }, { key: 'criticality', value: 'high' }]));
      expect(detail.summary.lastSeen).toBe('2024-05-02T06:15:00.000Z');
    } finally {
      await t.close();
    }
  });
});
