import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ImportRejectedItem } from './import-item.js';
import { writeRejectedRecords, type WriteRejectedRecordsOptions } from './write-rejected-records.js';

function rejection(line: number, raw: unknown, field: string | null, problem: string): ImportRejectedItem {
  return { type: 'rejected', recordNumber: line - 1, line, field, problem, reason: 'invalid_record', raw, truncated: false };
}

async function written(rejections: ImportRejectedItem[], options: WriteRejectedRecordsOptions): Promise<string> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeRejectedRecords(rejections, options, stream);
  return Buffer.concat(chunks).toString('utf8');
}

describe('writeRejectedRecords', () => {
  const rows = [
    rejection(3, { id: 'S2', hostname: 'b-1', memory_mb: 'lots' }, 'memory_mb', 'expected a number, got "lots"'),
    rejection(7, { id: '=cmd|"/c calc"!A1', hostname: 'x, y', memory_mb: '' }, 'id', 'needs "quotes"\nand a line'),
  ];

  it('writes CSV rows as they were, with error columns, quoting and formula neutralisation', async () => {
    const text = await written(rows, { format: 'csv' });
    expect(text).toBe(
      '\uFEFFid,hostname,memory_mb,error_line,error_field,error\r\n' +
        'S2,b-1,lots,3,memory_mb,"expected a number, got ""lots"""\r\n' +
        `"'=cmd|""/c calc""!A1","x, y",,7,id,"needs ""quotes""\nand a line"\r\n`,
    );
  });

  it('writes the given columns in their order, with another delimiter and no byte-order mark', async () => {
    const text = await written(rows.slice(0, 1), { format: 'csv', columns: ['hostname', 'id'], delimiter: ';', byteOrderMark: false });
    expect(text).toBe('hostname;id;error_line;error_field;error\r\nb-1;S2;3;memory_mb;"expected a number, got ""lots"""\r\n');
  });

  it('writes JSON records as NDJSON, with lists kept and unparsable text under "record"', async () => {
    const json = [rejection(2, { hostname: 'a', interfaces: [{ mac: 'zz' }] }, 'interfaces[0].mac', 'bad MAC'), { ...rejection(3, '{"hostname": "b",', null, 'not valid JSON'), reason: 'malformed' as const }];
    const lines = (await written(json, { format: 'ndjson' })).trimEnd().split('\n').map((line) => JSON.parse(line) as unknown);
    expect(lines).toEqual([
      { hostname: 'a', interfaces: [{ mac: 'zz' }], error_line: 2, error_field: 'interfaces[0].mac', error: 'bad MAC' },
      { record: '{"hostname": "b",', error_line: 3, error_field: null, error: 'not valid JSON' },
    ]);
    // In CSV, a JSON record's list goes into its cell as JSON text.
    expect(await written(json.slice(0, 1), { format: 'csv', byteOrderMark: false })).toContain('"[{""mac"":""zz""}]"');
  });

  it('waits for a slow stream instead of buffering without bound', async () => {
    let writes = 0;
    const slow = new Writable({
      highWaterMark: 16,
      write(_chunk, _encoding, done) {
        writes++;
        setImmediate(done);
      },
    });
    const many = Array.from({ length: 200 }, (_, i) => rejection(i + 2, { hostname: `h${i}` }, 'hostname', 'x'));
    await writeRejectedRecords(many, { format: 'ndjson' }, slow);
    expect(writes).toBe(200);
  });
});
