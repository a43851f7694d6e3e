// CSV delimiters and headers other tools write, column maps, and the host and cloud columns that
// let inventories of the same machine join (BIOS UUID, cloud instance id, ...).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportKind } from '../../../src-shared/model/source-kinds.js';
import { ImportFileError } from './import-file-error.js';
import type { ImportItem, ImportRecordItem } from './import-item.js';
import { readImportFile, type ReadImportFileOptions } from './read-import-file.js';

const DEFAULT_AT = '2024-06-01T00:00:00.000Z';
const dir = mkdtempSync(join(tmpdir(), 'fieldwise-import-columns-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type ReadOptions = Partial<ReadImportFileOptions> & { path: string; kind: ImportKind };

async function readItems(opts: ReadOptions): Promise<ImportItem[]> {
  const out: ImportItem[] = [];
  for await (const item of readImportFile({ defaultObservedAt: DEFAULT_AT, ...opts })) out.push(item);
  return out;
}

async function readRecords(opts: ReadOptions): Promise<ImportRecordItem[]> {
  const items = await readItems(opts);
  expect(items.filter((item) => item.type !== 'record')).toEqual([]);
  return items as ImportRecordItem[];
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

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('readImportFile: CSV delimiters', () => {
  it('reads semicolon-separated CSV with decimal commas and ";" inside quoted multi-value cells', async () => {
    const path = file('semicolon.csv', 'Hostname;Serial;CPU;Software\nhmi-7;S7;"Intel Core i5, 2,5 GHz";"TIA Portal|V18;WinCC|8.0"\nhmi-8;S8;;\n');
    const records = await readRecords({ path, kind: 'desktop_cache' });
    expect(records.map((r) => r.observation.fields['hostname'])).toEqual(['hmi-7', 'hmi-8']);
    expect(records[0]?.observation.fields['cpu']).toBe('Intel Core i5, 2,5 GHz');
    expect(records[0]?.observation.software.map((s) => s.name)).toEqual(['TIA Portal', 'WinCC']);
  });

  it('reads tab-separated CSV', async () => {
    const path = file('tab.csv', 'hostname\tserial\tlocation\nws-1\tS1\tHall 2, bay 4\n');
    const [record] = await readRecords({ path, kind: 'desktop_cache' });
    expect(record?.observation.fields).toMatchObject({ hostname: 'ws-1', serial: 'S1', location: 'Hall 2, bay 4' });
  });

  it('reads a comma file whose header cells hold semicolons inside quotes', async () => {
    const path = file('quoted-header.csv', 'hostname,"notes; free text",serial\na,"x; y",S1\n');
    expect((await readRecords({ path, kind: 'servers_cache' }))[0]?.observation.fields['serial']).toBe('S1');
  });

  it('refuses an ambiguous delimiter, naming the candidates, and reads the file once one is chosen', async () => {
    const path = file('ambiguous.csv', 'a,b;c,d\n1,2;3,4\n');
    const error = await readError({ path, kind: 'servers_cache' });
    expect(error).toMatchObject({ reason: 'malformed', line: 1, detail: { kind: 'ambiguous_delimiter', candidates: [',', ';'] } });
    expect(error.problem).toMatch(/"," \(3 columns\) and ";" \(2 columns\) both read the file.*choose the delimiter/);
    const chosen = await readError({ path, kind: 'servers_cache', delimiter: ';' });
    // Now the header is the problem: a,b / c,d are no identifier columns.
    expect(chosen.detail).toMatchObject({ kind: 'missing_columns', columns: ['a,b', 'c,d'] });
  });

  it('lets known column names decide between delimiters that both fit', async () => {
    // "," reads two columns ("hostname;serial;notes" and "x"), ";" three; only ";" gives known names.
    const path = file('known-names.csv', 'hostname;serial;notes,x\nweb-1;S1;a,b\n');
    expect((await readRecords({ path, kind: 'servers_cache' }))[0]?.observation.fields).toMatchObject({ hostname: 'web-1', serial: 'S1' });
  });

  it('reads a file with old Mac line breaks (CR only)', async () => {
    const path = file('cr.csv', 'hostname,serial\rweb-1,S1\rweb-2,S2\r');
    const records = await readRecords({ path, kind: 'servers_cache' });
    expect(records.map((r) => [r.line, r.observation.nativeKey])).toEqual([
      [2, 'web-1'],
      [3, 'web-2'],
    ]);
  });
});

describe('readImportFile: CSV headers and column maps', () => {
  it('explains a header without identifier columns: the columns found and the map that would fix it', async () => {
    const path = file('other-tool.csv', 'Host Name;Serial Number;IP Address;Operating System\nweb-1;S1;10.0.0.1;Windows\n');
    const error = await readError({ path, kind: 'servers_cache' });
    expect(error).toMatchObject({ reason: 'malformed', line: 1, field: 'hostname' });
    expect(error.problem).toMatch(/none of the identifier columns id, hostname, fqdn, serial; the columns found are "Host Name", "Serial Number", "IP Address", "Operating System"/);
    expect(error.problem).toMatch(/A column map can fix this: "Host Name" → hostname, "Serial Number" → serial/);
    expect(error.detail).toEqual({
      kind: 'missing_columns',
      columns: ['Host Name', 'Serial Number', 'IP Address', 'Operating System'],
      suggestedColumnMap: { 'Host Name': 'hostname', 'Serial Number': 'serial', 'IP Address': 'ips', 'Operating System': 'os_name' },
    });
  });

  it('says so when the delimiter looks wrong', async () => {
    const path = file('wrong-delimiter.csv', 'hostname;serial\nweb-1;S1\n');
    const error = await readError({ path, kind: 'servers_cache', delimiter: ',' });
    expect(error.problem).toMatch(/read as one column, but it contains ";": the file looks ";"-separated; choose that delimiter/);
  });

  it('applies a column map, case-insensitively, with flat IP and MAC columns', async () => {
    const path = file('mapped.csv', 'Host Name;SerialNo;IP Address;MAC Address;Manufacturer\nweb-1;S1;10.0.0.1 10.0.0.2;00-11-22-33-44-55;Dell Inc.\n');
    const columnMap = { 'HOST NAME': 'hostname', serialno: 'serial', 'ip address': 'ips', 'Mac Address': 'macs', manufacturer: 'vendor' };
    const [record] = await readRecords({ path, kind: 'servers_cache', columnMap, network: 'dc1' });
    expect(record?.observation).toMatchObject({
      nativeKey: 'web-1',
      fields: { hostname: 'web-1', serial: 'S1', vendor: 'Dell Inc.' },
      interfaces: [{ mac: '00:11:22:33:44:55', ips: [{ address: '10.0.0.1', network: 'dc1' }, { address: '10.0.0.2', network: 'dc1' }] }],
    });
  });

  it('refuses a column map to an unknown column, and two headers meaning the same column', async () => {
    const path = file('map-errors.csv', 'Host Name,hostname\na,b\n');
    expect((await readError({ path, kind: 'servers_cache', columnMap: { 'Host Name': 'host' } })).problem).toMatch(/"host", which is not a servers_cache column/);
    expect((await readError({ path, kind: 'servers_cache', columnMap: { 'Host Name': 'hostname' } })).problem).toMatch(/"Host Name" and "hostname" both mean "hostname"/);
  });

  it('reports a cell problem under the header as written when the column is not ours', async () => {
    const path = file('extra-column.csv', 'hostname,Notes\nweb-1,a\u0000b\n');
    expect((await readItems({ path, kind: 'servers_cache' }))[0]).toMatchObject({ type: 'rejected', field: 'Notes' });
  });
});

describe('readImportFile: host and cloud columns for joining inventories', () => {
  const HOST = {
    id: 'SRV-9',
    hostname: 'app-9',
    bios_uuid: '{4C4C4544-0042-3510-8052-B4C04F4B4E32}',
    asset_tag: 'AT-000917',
    firmware: 'BIOS 2.19.1',
    os_name: 'Windows Server 2022 Standard',
    os_edition: 'Datacenter',
    os_build: '20348.2527',
    domain: 'plant-a.example',
    cloud_provider: 'AWS',
    cloud_account: '123456789012',
    cloud_instance_id: 'i-0a1b2c3d4e5f60009',
  };
  const EXPECTED_FIELDS = {
    hostname: 'app-9',
    bios_uuid: '4c4c4544-0042-3510-8052-b4c04f4b4e32',
    asset_tag: 'AT-000917',
    firmware: 'BIOS 2.19.1',
    os_edition: 'Datacenter',
    os_build: '20348.2527',
    domain: 'plant-a.example',
    cloud_provider: 'aws',
    cloud_account: '123456789012',
    cloud_instance_id: 'i-0a1b2c3d4e5f60009',
  };
  const csv = `${Object.keys(HOST).join(',')}\n${Object.values(HOST).join(',')}\n`;

  for (const [format, content] of [
    ['json', JSON.stringify([HOST])],
    ['ndjson', JSON.stringify(HOST) + '\n'],
    ['csv', csv],
  ] as const) {
    it(`maps the new host columns from ${format}`, async () => {
      const [record] = await readRecords({ path: file(`host-columns.${format}`, content), kind: 'servers_cache' });
      expect(record?.observation.fields).toMatchObject(EXPECTED_FIELDS);
      expect(record?.observation.nativeKey).toBe('SRV-9');
    });
  }

  it('keeps a placeholder BIOS UUID as given and rejects a malformed one or an unknown cloud provider', async () => {
    const path = file('uuids.ndjson', ['00000000-0000-0000-0000-000000000000', '4c4c4544-0042-3510-8052', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF'].map((u, i) => JSON.stringify({ hostname: `h${i}`, bios_uuid: u })).join('\n') + '\n{"hostname":"h3","cloud_provider":"ibm"}\n');
    const items = await readItems({ path, kind: 'desktop_cache' });
    expect(items[0]?.type === 'record' && items[0].observation.fields['bios_uuid']).toBe('00000000-0000-0000-0000-000000000000');
    expect(items[1]).toMatchObject({ type: 'rejected', field: 'bios_uuid' });
    expect(items[2]?.type === 'record' && items[2].observation.fields['bios_uuid']).toBe('ffffffff-ffff-ffff-ffff-ffffffffffff');
    expect(items[3]).toMatchObject({ type: 'rejected', field: 'cloud_provider', problem: 'expected one of aws, azure, gcp, other, got "ibm"' });
  });

  it('pairs flat IPs with a single MAC, and keeps several MACs apart from the IPs', async () => {
    const path = file('flat.ndjson', '{"hostname":"a","macs":["00:11:22:33:44:55"],"ips":["10.0.0.1"]}\n{"hostname":"b","macs":["00:11:22:33:44:55","00:11:22:33:44:66"],"ips":["10.0.0.1"],"interfaces":[{"name":"eth0","mac":"00:11:22:33:44:55"}]}\n');
    const [a, b] = await readRecords({ path, kind: 'servers_cache' });
    expect(a?.observation.interfaces).toEqual([{ mac: '00:11:22:33:44:55', ips: [{ address: '10.0.0.1' }] }]);
    expect(b?.observation.interfaces).toEqual([
      { name: 'eth0', mac: '00:11:22:33:44:55', ips: [] },
      { mac: '00:11:22:33:44:66', ips: [{ address: '10.0.0.1' }] },
    ]);
  });

  it('maps hostname and bios_uuid of a cloud instance, in JSON and CSV', async () => {
    const json = file('cloud.json', '[{"provider":"azure","account":"sub-1","instance_id":"vm-1","hostname":"mes-app-1","bios_uuid":"7E2A5C3B-1D4F-4E6A-9B8C-0D1E2F3A4B5C"}]');
    const csvPath = file('cloud.csv', 'provider,account,instance_id,hostname,bios_uuid\nazure,sub-1,vm-1,mes-app-1,7E2A5C3B-1D4F-4E6A-9B8C-0D1E2F3A4B5C\n');
    for (const path of [json, csvPath]) {
      const [record] = await readRecords({ path, kind: 'cloud_manual' });
      expect(record?.observation.fields).toMatchObject({ hostname: 'mes-app-1', bios_uuid: '7e2a5c3b-1d4f-4e6a-9b8c-0d1e2f3a4b5c', cloud_instance_id: 'vm-1' });
    }
  });
});
