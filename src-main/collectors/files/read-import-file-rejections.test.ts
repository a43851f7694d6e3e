// readImportFile reports every bad record of a file as an item and reads on; only what makes the
// whole file unreadable throws.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportKind } from '../../../src-shared/model/source-kinds.js';
import { ImportFileError } from './import-file-error.js';
import type { ImportItem, ImportRejectedItem } from './import-item.js';
import { readImportFile, type ReadImportFileOptions } from './read-import-file.js';

const DEFAULT_AT = '2024-06-01T00:00:00.000Z';
const dir = mkdtempSync(join(tmpdir(), 'fieldwise-import-rejections-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type ReadOptions = Partial<ReadImportFileOptions> & { path: string; kind: ImportKind };

async function readItems(opts: ReadOptions): Promise<ImportItem[]> {
  const out: ImportItem[] = [];
  for await (const item of readImportFile({ defaultObservedAt: DEFAULT_AT, ...opts })) out.push(item);
  return out;
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

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function rejections(items: ImportItem[]): Pick<ImportRejectedItem, 'recordNumber' | 'line' | 'field'>[] {
  return items.filter((item) => item.type === 'rejected').map(({ recordNumber, line, field }) => ({ recordNumber, line, field }));
}

// Eight servers, five of them wrong in five ways.
const FIVE_BAD = [
  { id: 'S1', hostname: 'ok-1' },
  { id: 'S2', hostname: 'b-1', memory_mb: 'lots' },
  { id: 'S3', hostname: 'b-2', interfaces: [{ name: 'eth0', mac: '00:11:zz' }] },
  { id: 'S4', hostname: 'ok-2' },
  { vendor: 'Dell Inc.' },
  { id: 'S6', hostname: 'b-4', ips: ['10.0.0.300'] },
  { id: 'S7', hostname: 'b-5', bios_uuid: 'not-a-uuid' },
  { id: 'S8', hostname: 'ok-3' },
];
const FIVE_BAD_FIELDS = ['memory_mb', 'interfaces[0].mac', 'hostname', 'ips[0]', 'bios_uuid'];

describe('readImportFile: every bad record, not the first', () => {
  it('reports the five bad rows of a CSV with their lines and fields, and imports the rest', async () => {
    const path = file(
      'five-bad.csv',
      'id,hostname,memory_mb,interfaces,vendor,ips,bios_uuid\n' +
        'S1,ok-1,,,,,\nS2,b-1,lots,,,,\nS3,b-2,,eth0=00:11:zz,,,\nS4,ok-2,,,,,\n,,,,Dell Inc.,,\nS6,b-4,,,,10.0.0.300,\nS7,b-5,,,,,not-a-uuid\nS8,ok-3,,,,,\n',
    );
    const items = await readItems({ path, kind: 'servers_cache' });
    expect(items.map((item) => item.type)).toEqual(['record', 'rejected', 'rejected', 'record', 'rejected', 'rejected', 'rejected', 'record']);
    expect(rejections(items)).toEqual(FIVE_BAD_FIELDS.map((field, i) => ({ recordNumber: [2, 3, 5, 6, 7][i], line: [3, 4, 6, 7, 8][i], field })));
    const first = items[1] as ImportRejectedItem;
    expect(first).toMatchObject({ reason: 'invalid_record', problem: 'expected a number, got "lots"', truncated: false });
    // The original row, keyed by the header as written, in file order: ready to be written back.
    expect(first.raw).toEqual({ id: 'S2', hostname: 'b-1', memory_mb: 'lots', interfaces: '', vendor: '', ips: '', bios_uuid: '' });
    expect(Object.keys(first.raw as object)).toEqual(['id', 'hostname', 'memory_mb', 'interfaces', 'vendor', 'ips', 'bios_uuid']);
  });

  it('reports the five bad lines of an NDJSON file and the five bad records of a JSON document', async () => {
    const ndjson = file('five-bad.ndjson', FIVE_BAD.map((record) => JSON.stringify(record)).join('\n') + '\n');
    const lines = await readItems({ path: ndjson, kind: 'servers_cache' });
    expect(rejections(lines)).toEqual(FIVE_BAD_FIELDS.map((field, i) => ({ recordNumber: [2, 3, 5, 6, 7][i], line: [2, 3, 5, 6, 7][i], field })));
    expect(lines.filter((item) => item.type === 'record')).toHaveLength(3);
    expect((lines[1] as ImportRejectedItem).raw).toEqual(FIVE_BAD[1]);

    const json = file('five-bad.json', '[\n' + FIVE_BAD.map((record) => '  ' + JSON.stringify(record)).join(',\n') + '\n]\n');
    const records = await readItems({ path: json, kind: 'servers_cache' });
    expect(rejections(records)).toEqual(FIVE_BAD_FIELDS.map((field, i) => ({ recordNumber: [2, 3, 5, 6, 7][i], line: [3, 4, 6, 7, 8][i], field })));
  });

  it('rejects an NDJSON line that is not JSON, keeping its text, and reads on', async () => {
    const path = file('bad-line.ndjson', '{"hostname":"a"}\n{"hostname": "b",\n{"hostname":"c"}\n');
    const items = await readItems({ path, kind: 'servers_cache' });
    expect(items.map((item) => item.type)).toEqual(['record', 'rejected', 'record']);
    expect(items[1]).toMatchObject({ reason: 'malformed', line: 2, field: null, raw: '{"hostname": "b",' });
  });

  it('rejects a CSV row with more cells than the header has columns, keeping the extra cells', async () => {
    const path = file('extra-cells.csv', 'hostname,serial\na,S1,oops\nb,S2,\n');
    const items = await readItems({ path, kind: 'servers_cache' });
    expect(items[0]).toMatchObject({ type: 'rejected', reason: 'malformed', line: 2, raw: { hostname: 'a', serial: 'S1', column_3: 'oops' } });
    expect((items[0] as ImportRejectedItem).problem).toMatch(/3 cells but the header has 2 columns.*double quotes/);
    // An empty extra cell (a trailing delimiter) is harmless.
    expect(items[1]?.type).toBe('record');
  });

  it('skips blank lines and rows of empty cells without counting them', async () => {
    const path = file('blank-rows.csv', 'hostname;serial\n\na;S1\n;\n;;\r\nb;S2\n');
    const items = await readItems({ path, kind: 'servers_cache' });
    expect(items.map((item) => [item.type, item.recordNumber, item.line])).toEqual([
      ['record', 1, 3],
      ['record', 2, 6],
    ]);
  });
});

describe('readImportFile: bounds', () => {
  const huge = 'h'.repeat(10 * 1024 * 1024);

  for (const [format, content] of [
    ['csv', `hostname,serial\nok-1,S1\n${huge},S2\nok-2,S3\n`],
    ['ndjson', `{"hostname":"ok-1"}\n{"hostname":"${huge}","serial":"S2"}\n{"hostname":"ok-2"}\n`],
    ['json', `[{"hostname":"ok-1"},\n{"serial":"S2","hostname":"${huge}"},\n{"hostname":"ok-2"}]`],
  ] as const) {
    it(`rejects a 10 MB hostname in ${format}, keeps only its beginning, and reads on`, async () => {
      const path = file(`huge-field.${format}`, content);
      const items = await readItems({ path, kind: 'servers_cache' });
      expect(items.map((item) => item.type)).toEqual(['record', 'rejected', 'record']);
      const rejection = items[1] as ImportRejectedItem;
      expect(rejection).toMatchObject({ line: format === 'csv' ? 3 : 2, field: 'hostname', truncated: true });
      expect(rejection.problem).toMatch(/over the limit of 4,096 bytes per value.*at least 10,485,7\d\d bytes.*65,536 bytes per record/);
      expect(JSON.stringify(rejection.raw).length).toBeLessThan(5000);
    });
  }

  it('rejects a value over maxFieldBytes and a record over maxRecordBytes, both configurable', async () => {
    const path = file('limits.ndjson', `{"hostname":"a","location":"${'x'.repeat(300)}"}\n{"hostname":"b","tags":{${Array.from({ length: 40 }, (_, i) => `"k${i}":"${'v'.repeat(20)}"`).join(',')}}}\n{"hostname":"c"}\n`);
    const items = await readItems({ path, kind: 'servers_cache', maxFieldBytes: 256, maxRecordBytes: 1024 });
    expect(items[0]).toMatchObject({ type: 'rejected', field: 'location', problem: 'the value is 300 bytes long; the limit is 256 bytes per value' });
    expect(items[1]).toMatchObject({ type: 'rejected', field: null, truncated: true });
    expect((items[1] as ImportRejectedItem).problem).toMatch(/^the record is 1,\d{3} bytes long; the limit is 1,024 bytes per record$/);
    expect(items[2]?.type).toBe('record');
  });

  it('counts bytes, not characters: 2,000 "é" are 4,000 bytes', async () => {
    const path = file('bytes.csv', `hostname,location\na,${'é'.repeat(2100)}\n`);
    expect((await readItems({ path, kind: 'servers_cache' }))[0]).toMatchObject({ type: 'rejected', field: 'location', problem: 'the value is 4,200 bytes long; the limit is 4,096 bytes per value' });
  });

  it('rejects more than 1,000 interfaces or software entries, and deep nesting', async () => {
    const interfaces = Array.from({ length: 1001 }, (_, i) => ({ name: `e${i}` }));
    let deep: unknown = 'x';
    for (let i = 0; i < 20; i++) deep = [deep];
    const path = file('lists.ndjson', [{ hostname: 'a', interfaces }, { hostname: 'b', extra: deep }].map((r) => JSON.stringify(r)).join('\n'));
    const items = await readItems({ path, kind: 'servers_cache' });
    expect(items[0]).toMatchObject({ type: 'rejected', field: 'interfaces', problem: 'the list has 1,001 entries; the limit is 1,000 per list' });
    expect(items[1]).toMatchObject({ type: 'rejected', field: 'extra[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]' });
    expect((items[1] as ImportRejectedItem).problem).toMatch(/nested more than 16 levels/);

    const software = Array.from({ length: 1001 }, (_, i) => `app${i}|1.0`).join(';');
    const csv = file('lists.csv', `hostname,software\na,${software}\n`);
    expect((await readItems({ path: csv, kind: 'servers_cache' }))[0]).toMatchObject({ type: 'rejected', field: 'software' });
  });

  it('rejects NUL and other control characters, naming the field', async () => {
    const csv = file('nul.csv', 'hostname,serial,location\na\u0000b,S1,\nc,S2,room\u001b1\nd,S3,"two\nlines"\n');
    const items = await readItems({ path: csv, kind: 'servers_cache' });
    expect(items[0]).toMatchObject({ type: 'rejected', line: 2, field: 'hostname' });
    expect((items[0] as ImportRejectedItem).problem).toMatch(/control character U\+0000 \(NUL\) at character 2/);
    expect(items[1]).toMatchObject({ type: 'rejected', line: 3, field: 'location' });
    // A line break is fine in free text.
    expect(items[2]).toMatchObject({ type: 'record', line: 4 });

    const ndjson = file('nul.ndjson', '{"hostname":"a\\u0000"}\n{"hostname":"b","tags":{"note":"x\\u0007"}}\n{"hostname":"c\\nd"}\n{"hostname":"e","location":"f\\ng"}\n');
    const lines = await readItems({ path: ndjson, kind: 'servers_cache' });
    expect(lines.map((item) => (item.type === 'rejected' ? item.field : item.type))).toEqual(['hostname', 'tags.note', 'hostname', 'record']);
    expect((lines[2] as ImportRejectedItem).problem).toMatch(/U\+000A \(line feed\).*one line/);
  });
});

describe('readImportFile: file-level errors', () => {
  it('refuses Latin-1 bytes with the byte offset and line of the first one', async () => {
    const latin1 = Buffer.concat([Buffer.from('hostname,location\nmill-1,Plant A\nmill-2,M'), Buffer.from([0xfc]), Buffer.from('nchen\n')]);
    const error = await readError({ path: file('latin1.csv', latin1), kind: 'servers_cache' });
    expect(error).toMatchObject({ reason: 'malformed', line: 3, detail: { kind: 'not_utf8', byteOffset: 41, line: 3 } });
    expect(error.problem).toMatch(/byte 0xFC at byte offset 41 \(line 3, after "mill-2,M"\).*save it as UTF-8/);
  });

  it('refuses invalid UTF-8 far into a file, across read chunks, and a UTF-16 file with a hint', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `host-${i},S${i}\n`).join('');
    const late = Buffer.concat([Buffer.from('hostname,serial\n' + rows + 'bad-'), Buffer.from([0xe9, 0x41]), Buffer.from('\n')]);
    const error = await readError({ path: file('late.csv', late), kind: 'servers_cache' });
    expect(error.detail).toEqual({ kind: 'not_utf8', byteOffset: late.length - 3, line: 5002 });
    const utf16 = await readError({ path: file('utf16.csv', Buffer.from('\uFEFFhostname\nx\n', 'utf16le')), kind: 'servers_cache' });
    expect(utf16.problem).toMatch(/UTF-16/);
  });

  it('refuses an unclosed quote, naming the line where the cell starts', async () => {
    const path = file('unclosed.csv', 'hostname,serial\na,S1\n"b,S2\nc,S3\n');
    expect(await readError({ path, kind: 'servers_cache' })).toMatchObject({ reason: 'malformed', line: 3, detail: { kind: 'csv_syntax' } });
    const after = file('after-quote.csv', 'hostname,serial\na,S1\nb,"S2"x\n');
    const error = await readError({ path: after, kind: 'servers_cache' });
    expect(error).toMatchObject({ line: 3, detail: { kind: 'csv_syntax' } });
    expect(error.problem).toMatch(/followed by "x"/);
  });

  it('refuses an empty CSV, and a JSON document that breaks between records', async () => {
    expect(await readError({ path: file('empty.csv', ''), kind: 'servers_cache' })).toMatchObject({ reason: 'malformed', line: 1 });
    expect(await readError({ path: file('between.json', '[{"hostname":"a"} {"hostname":"b"}]'), kind: 'servers_cache' })).toMatchObject({ reason: 'malformed' });
  });
});
