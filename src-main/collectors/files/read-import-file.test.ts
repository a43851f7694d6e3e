import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportKind } from '../../../src-shared/model/source-kinds.js';
import { ImportFileError } from './import-file-error.js';
import type { ImportItem, ImportRecordItem, ImportRejectedItem } from './import-item.js';
import { readImportFile, type ImportReadProgress, type ReadImportFileOptions } from './read-import-file.js';
import { writeServersCacheFile } from './servers-cache-sample.js';

const EXAMPLES = fileURLToPath(new URL('../../../examples/', import.meta.url));
const DEFAULT_AT = '2024-06-01T00:00:00.000Z';
const dir = mkdtempSync(join(tmpdir(), 'fieldwise-import-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type ReadOptions = Partial<ReadImportFileOptions> & { path: string; kind: ImportKind };

async function readItems(opts: ReadOptions): Promise<ImportItem[]> {
  const out: ImportItem[] = [];
  for await (const item of readImportFile({ defaultObservedAt: DEFAULT_AT, ...opts })) out.push(item);
  return out;
}

/** The records of a file that must have no rejections. */
async function readAll(opts: ReadOptions): Promise<ImportRecordItem[]> {
  const items = await readItems(opts);
  const rejections = items.filter((item) => item.type === 'rejected');
  expect(rejections).toEqual([]);
  return items.filter((item) => item.type === 'record');
}

/** The one rejection a file must give. */
async function readRejection(opts: ReadOptions): Promise<ImportRejectedItem> {
  const rejections = (await readItems(opts)).filter((item) => item.type === 'rejected');
  expect(rejections).toHaveLength(1);
  return rejections[0] as ImportRejectedItem;
}

async function readError(opts: ReadOptions): Promise<ImportFileError> {
  try {
    await readItems(opts);
  } catch (error) {
    if (error instanceof ImportFileError) return error;
    throw error;
  }
  throw new Error('expected an ImportFileError');
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const SERVERS_CSV_HEADER = 'id,hostname,fqdn,serial,memory_mb,interfaces,software,tags\n';

describe('readImportFile: example files', () => {
  for (const ext of ['json', 'csv'] as const) {
    it(`maps servers.${ext}`, async () => {
      const records = await readAll({ path: join(EXAMPLES, `servers.${ext}`), kind: 'servers_cache', network: 'plant-a' });
      expect(records).toHaveLength(12);
      const first = records[0];
      expect(first?.recordNumber).toBe(1);
      expect(first?.line).toBe(2);
      expect(first?.observation).toMatchObject({
        nativeKey: 'SRV-0001',
        observedAt: '2024-05-02T06:15:00.000Z',
        assetClass: 'server',
        fields: { hostname: 'hist-01', fqdn: 'hist-01.plant-a.example', vendor: 'Dell Inc.', model: 'PowerEdge R650', cpu_cores: 32, memory_mb: 131072 },
        interfaces: [
          { name: 'eth0', mac: '24:6e:96:1a:2b:01', ips: [{ address: '10.10.20.11', network: 'plant-a' }], vlan: 20 },
          { name: 'idrac', mac: '24:6e:96:1a:2b:09', ips: [{ address: '10.10.99.11', network: 'plant-a' }], vlan: 99 },
        ],
        tags: { role: 'historian', zone: 'L3', criticality: 'high' },
        relations: [],
      });
      expect(first?.observation.software[0]).toEqual({ name: 'AVEVA PI Server', version: '2018 SP3 Patch 5', vendor: 'AVEVA' });
      // No id: the FQDN is the native key. No last_seen on SRV-0006: the default applies.
      expect(records[11]?.observation.nativeKey).toBe('file-b-01.plant-b.example');
      expect(records[5]?.observation.observedAt).toBe(DEFAULT_AT);
      // A public address gets no network; an IPv6 ULA does.
      const web = records.find((r) => r.observation.nativeKey === 'SRV-0104');
      expect(web?.observation.interfaces[0]?.ips).toEqual([{ address: '10.20.30.10', network: 'plant-a' }, { address: '203.0.113.10' }]);
      // The newer columns, on some rows; a braced upper-case BIOS UUID is stored in the one comparable form.
      expect(first?.observation.fields).toMatchObject({ bios_uuid: '4c4c4544-0058-4b10-8032-b7c04f514833', asset_tag: 'PA-IT-0142', firmware: 'BIOS 1.12.2', os_edition: 'Standard', os_build: '20348.2402', domain: 'plant-a.example' });
      expect(records[2]?.observation.fields['bios_uuid']).toBe('30373237-3132-4d32-3230-32303030354b');
      expect(records[4]?.observation.fields['bios_uuid']).toBeUndefined();
    });

    it(`maps desktops.${ext}`, async () => {
      const records = await readAll({ path: join(EXAMPLES, `desktops.${ext}`), kind: 'desktop_cache' });
      expect(records).toHaveLength(11);
      expect(records[0]?.observation.assetClass).toBe('workstation');
      expect(records[1]?.observation.assetClass).toBe('workstation');
      expect(records[3]?.observation.assetClass).toBe('hmi');
      expect(records[1]?.observation.software.map((s) => s.name)).toContain('Studio 5000 Logix Designer');
      expect(records[0]?.observation.software[0]).toEqual({ name: 'TIA Portal', version: 'V18 Update 3', vendor: 'Siemens' });
      expect(records[0]?.observation.interfaces[0]?.ips).toEqual([{ address: '10.10.30.101' }]);
    });

    it(`maps cloud-instances.${ext}`, async () => {
      const records = await readAll({ path: join(EXAMPLES, `cloud-instances.${ext}`), kind: 'cloud_manual', network: 'aws-prod' });
      expect(records).toHaveLength(12);
      expect(records[2]?.observation).toMatchObject({
        nativeKey: 'aws:123456789012:i-0a1b2c3d4e5f60003',
        assetClass: 'cloud_instance',
        observedAt: '2024-05-02T06:00:00.000Z',
        fields: {
          name: 'bastion-prod',
          cloud_provider: 'aws',
          cloud_account: '123456789012',
          cloud_region: 'eu-central-1',
          cloud_instance_id: 'i-0a1b2c3d4e5f60003',
          instance_type: 't3.small',
          power_state: 'running',
          public_ips: '198.51.100.23',
          primary_ip: '172.31.0.10',
        },
        interfaces: [{ ips: [{ address: '172.31.0.10', network: 'aws-prod' }] }],
        tags: { env: 'prod', role: 'bastion' },
      });
      expect(records[8]?.observation.fields['power_state']).toBe('running');
      expect(records[11]?.observation.fields['public_ips']).toBe('192.0.2.44,2001:db8:1::44');
      expect(records[2]?.observation.fields).toMatchObject({ hostname: 'ip-172-31-0-10', bios_uuid: 'ec2e1a5b-7c3d-4f9e-8a21-3b6c5d4e0003' });
      expect(records[11]?.observation.observedAt).toBe(DEFAULT_AT);
    });
  }

  it('reads NDJSON for every kind, with line numbers and blank lines skipped', async () => {
    const servers = file('servers.ndjson', '{"hostname":"a-01","memory_mb":"4096"}\n\n{"serial":"X1","class":"storage"}\n');
    const recs = await readAll({ path: servers, kind: 'servers_cache' });
    expect(recs.map((r) => [r.recordNumber, r.line, r.observation.nativeKey, r.observation.assetClass])).toEqual([
      [1, 1, 'a-01', 'server'],
      [2, 3, 'X1', 'storage'],
    ]);
    expect(recs[0]?.observation.fields['memory_mb']).toBe(4096);
    const desktops = file('desktops.jsonl', '{"hostname":"ws-1"}\n');
    expect((await readAll({ path: desktops, kind: 'desktop_cache' }))[0]?.observation.assetClass).toBe('workstation');
    const cloud = file('cloud.ndjson', '{"provider":"GCP","instance_id":"42","private_ips":["10.0.0.1"]}\n');
    expect((await readAll({ path: cloud, kind: 'cloud_manual' }))[0]?.observation.nativeKey).toBe('gcp::42');
  });

  it('reads { "records": [...] } with other keys around it', async () => {
    const path = file('wrapped.json', '{"exported_by": "cmdb", "records": [\n {"hostname": "a"},\n {"hostname": "b"}\n], "count": 2}');
    const recs = await readAll({ path, kind: 'servers_cache' });
    expect(recs.map((r) => [r.observation.nativeKey, r.line])).toEqual([
      ['a', 2],
      ['b', 3],
    ]);
  });

  it('accepts ";"-delimited CSV with a BOM and spreadsheet-style headers', async () => {
    const path = file('excel.csv', '\uFEFFHostname;OS Name;Memory-MB;Interfaces;Extra column\nhmi-7;Windows 10;8192;"eth0=00-1B-1B-8C-22-01@10.1.1.7";whatever\n');
    const [rec] = await readAll({ path, kind: 'desktop_cache' });
    expect(rec?.observation.fields).toMatchObject({ hostname: 'hmi-7', os_name: 'Windows 10', memory_mb: 8192 });
    expect(rec?.observation.interfaces).toEqual([{ name: 'eth0', mac: '00:1b:1b:8c:22:01', ips: [{ address: '10.1.1.7' }] }]);
    expect(rec?.observation.raw).toMatchObject({ extra_column: 'whatever' });
  });
});

describe('readImportFile: errors', () => {
  it('reports truncated JSON as malformed, with the record and line', async () => {
    const path = file('truncated.json', '[\n  {"hostname": "a"},\n  {"hostname": "b", "memory_mb": 12');
    const error = await readError({ path, kind: 'servers_cache' });
    expect(error.reason).toBe('malformed');
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/record 2 .*truncated/);
  });

  it('rejects a record with a JSON syntax error, at its line, and reads on', async () => {
    const path = file('broken.json', '[\n{"hostname": "a"},\n{"hostname": "b",\n "memory_mb": 12 "x": 1},\n{"hostname": "c"}\n]');
    const items = await readItems({ path, kind: 'servers_cache' });
    expect(items.map((item) => item.type)).toEqual(['record', 'rejected', 'record']);
    expect(items[1]).toMatchObject({ reason: 'malformed', recordNumber: 2, line: 3, field: null, raw: '{"hostname": "b",\n "memory_mb": 12 "x": 1}' });
    expect((items[1] as ImportRejectedItem).problem).toMatch(/not valid JSON.*\(on line 4\)/);
  });

  it('rejects a bad MAC in CSV with line, record and field', async () => {
    const path = file('bad-mac.csv', SERVERS_CSV_HEADER + 'S1,a,,,1024,eth0=00:11:22:33:44:55@10.0.0.1,,\nS2,b,,,1024,eth0=00:11:22:33:44:55@10.0.0.2;eth1=00:11:zz@10.0.0.3,,\n');
    const rejection = await readRejection({ path, kind: 'servers_cache' });
    expect(rejection).toMatchObject({ reason: 'invalid_record', line: 3, recordNumber: 2, field: 'interfaces[1].mac' });
    expect(rejection.problem).toBe('expected a MAC address such as 00:1a:2b:3c:4d:5e, got "00:11:zz"');
  });

  it('rejects non-numeric memory in CSV, counting a multi-line quoted cell', async () => {
    const path = file('bad-memory.csv', SERVERS_CSV_HEADER + 'S1,a,,,1024,,,"note=two\nlines"\nS2,b,,,lots,,,\n');
    const rejection = await readRejection({ path, kind: 'servers_cache' });
    expect(rejection).toMatchObject({ reason: 'invalid_record', line: 4, recordNumber: 2, field: 'memory_mb', problem: 'expected a number, got "lots"' });
  });

  it('rejects a CSV row without any identifier', async () => {
    const path = file('no-id.csv', SERVERS_CSV_HEADER + 'S1,a,,,1024,,,\n,,,,2048,,,role=x\n');
    const rejection = await readRejection({ path, kind: 'servers_cache' });
    expect(rejection).toMatchObject({ reason: 'invalid_record', line: 3, recordNumber: 2, field: 'hostname' });
    expect(rejection.problem).toMatch(/id, hostname, fqdn or serial/);
  });

  it('rejects a cloud record without instance_id, and a bad provider', async () => {
    const noId = file('no-instance.json', '[{"provider":"aws","account":"1"}]');
    expect(await readRejection({ path: noId, kind: 'cloud_manual' })).toMatchObject({ reason: 'invalid_record', recordNumber: 1, field: 'instance_id' });
    const badProvider = file('bad-provider.json', '[{"provider":"ibm","instance_id":"x"}]');
    expect(await readRejection({ path: badProvider, kind: 'cloud_manual' })).toMatchObject({ field: 'provider', problem: 'expected one of aws, azure, gcp, other, got "ibm"' });
  });

  it('rejects a bad IP in a cloud CSV', async () => {
    const path = file('bad-ip.csv', 'provider,instance_id,private_ips\naws,i-1,10.0.0.1;10.0.0.300\n');
    expect(await readRejection({ path, kind: 'cloud_manual' })).toMatchObject({ reason: 'invalid_record', line: 2, field: 'private_ips[1]' });
  });

  it('rejects a CSV header with no identifier column on line 1', async () => {
    const path = file('no-id-columns.csv', 'vendor,model\nDell,R650\n');
    expect(await readError({ path, kind: 'servers_cache' })).toMatchObject({ reason: 'malformed', line: 1, field: 'hostname' });
  });

  it('rejects an unknown extension and a missing file', async () => {
    const path = file('servers.xlsx', 'PK');
    expect(await readError({ path, kind: 'servers_cache' })).toMatchObject({ reason: 'unsupported_format', file: 'servers.xlsx' });
    expect(await readError({ path: join(dir, 'nope.csv'), kind: 'servers_cache' })).toMatchObject({ reason: 'unreadable' });
  });

  it('honours an explicit format over the extension', async () => {
    const path = file('servers.txt', 'hostname\nx-1\n');
    expect((await readAll({ path, kind: 'servers_cache', format: 'csv' }))[0]?.observation.nativeKey).toBe('x-1');
  });
});

describe('readImportFile: large files, progress and cancellation', () => {
  for (const format of ['json', 'ndjson', 'csv'] as const) {
    it(`parses a generated 10k-record ${format} file completely`, async () => {
      const path = join(dir, `generated-10k.${format}`);
      await writeServersCacheFile(path, 10_000, format, 7);
      const progress: ImportReadProgress[] = [];
      let count = 0;
      let last: ImportItem | undefined;
      for await (const record of readImportFile({ path, kind: 'servers_cache', defaultObservedAt: DEFAULT_AT, onProgress: (p) => progress.push(p) })) {
        count++;
        last = record;
      }
      expect(count).toBe(10_000);
      expect(last?.type === 'record' && last.observation.nativeKey).toBe('srv-010000');
      expect(progress.length).toBeGreaterThan(3);
      const final = progress[progress.length - 1];
      expect(final?.records).toBe(10_000);
      expect(final?.bytesRead).toBe(final?.totalBytes);
      for (let i = 1; i < progress.length; i++) expect(progress[i]?.records).toBeGreaterThanOrEqual(progress[i - 1]?.records ?? 0);
    });
  }

  it('stops with reason "cancelled" when the signal aborts mid-file', async () => {
    const path = join(dir, 'cancel.json');
    await writeServersCacheFile(path, 5_000, 'json', 3);
    const controller = new AbortController();
    let seen = 0;
    const run = async (): Promise<void> => {
      for await (const _ of readImportFile({ path, kind: 'servers_cache', defaultObservedAt: DEFAULT_AT, signal: controller.signal })) {
        if (++seen === 100) controller.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ reason: 'cancelled' });
    expect(seen).toBe(100);
  });

  it('refuses to start when the signal is already aborted', async () => {
    const error = await readError({ path: join(EXAMPLES, 'servers.csv'), kind: 'servers_cache', signal: AbortSignal.abort() });
    expect(error.reason).toBe('cancelled');
  });
});
