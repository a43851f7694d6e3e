import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { AssetSummary } from '../../../src-shared/api/index.js';
import { createCsvExportSink, csvCells, csvLine, quoteCsvCell } from './csv-export-sink.js';
import { jsonAsset } from './json-export-sink.js';
import { xlsxCell } from './xlsx-export-sink.js';
import { ASSET_COLUMNS } from '../../../src-shared/api/asset-columns.js';

const asset: AssetSummary = {
  id: '0193a1b2-0000-7000-8000-000000000001',
  class: 'network_device',
  name: 'core-sw-01',
  hostname: null,
  fqdn: 'core-sw-01.plant-a.example',
  primaryIp: '10.0.4.1',
  serial: '=1+1',
  vendor: 'Cisco, Inc.',
  model: ' C9300 ',
  osName: 'IOS-XE',
  osVersion: '17.9',
  status: 'stale',
  lifecycleStage: 'in_maintenance',
  sourceCount: 3,
  firstSeen: '2024-01-02T03:04:05.000Z',
  lastSeen: '2024-05-02T06:15:00.000Z',
  qualityScore: 0.8666,
};

describe('CSV encoding', () => {
  it('quotes only what needs quoting (RFC 4180, plus edge spaces)', () => {
    expect(quoteCsvCell('plain')).toBe('plain');
    expect(quoteCsvCell('a,b')).toBe('"a,b"');
    expect(quoteCsvCell('say "hi"')).toBe('"say ""hi"""');
    expect(quoteCsvCell('two\nlines')).toBe('"two\nlines"');
    expect(quoteCsvCell(' padded ')).toBe('" padded "');
    expect(quoteCsvCell('')).toBe('');
  });

  it('encodes what the grid shows: labels, the OS with its version, empty for no value, formulas neutralised', () => {
    const cells = csvCells(asset, ['name', 'class', 'hostname', 'serial', 'vendor', 'model', 'osName', 'status', 'lifecycleStage', 'sourceCount', 'lastSeen', 'qualityScore']);
    expect(cells).toEqual(['core-sw-01', 'Network device', '', "'=1+1", 'Cisco, Inc.', ' C9300 ', 'IOS-XE 17.9', 'Stale', 'In maintenance', '3', '2024-05-02T06:15:00.000Z', '0.87']);
    expect(csvLine(cells)).toBe(`core-sw-01,Network device,,'=1+1,"Cisco, Inc."," C9300 ",IOS-XE 17.9,Stale,In maintenance,3,2024-05-02T06:15:00.000Z,0.87\r\n`);
  });

  it('writes a byte-order mark and the header once, then the rows', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    const sink = createCsvExportSink(out, { format: 'csv', columns: ['name', 'primaryIp'], exportedAt: '2024-05-05T00:00:00.000Z' });
    await sink.writeRows([asset]);
    await sink.writeRows([]);
    await sink.writeRows([{ ...asset, name: '+bad', primaryIp: null }]);
    await sink.finish();
    expect(Buffer.concat(chunks).toString('utf8')).toBe("\uFEFFName,Primary IP\r\ncore-sw-01,10.0.4.1\r\n'+bad,\r\n");
  });
});

describe('JSON and XLSX cell values', () => {
  it('JSON carries stored values: codes, numbers, null, ISO times', () => {
    expect(jsonAsset(asset, ['class', 'hostname', 'status', 'lifecycleStage', 'sourceCount', 'qualityScore', 'lastSeen', 'osName', 'serial'])).toEqual({
      class: 'network_device',
      hostname: null,
      status: 'stale',
      lifecycleStage: 'in_maintenance',
      sourceCount: 3,
      qualityScore: 0.8666,
      lastSeen: '2024-05-02T06:15:00.000Z',
      osName: 'IOS-XE 17.9',
      serial: '=1+1',
    });
  });

  it('XLSX cells: neutralised text, numbers, dates, and empty for no value', () => {
    expect(xlsxCell(ASSET_COLUMNS.serial, asset)).toBe("'=1+1");
    expect(xlsxCell(ASSET_COLUMNS.class, asset)).toBe('Network device');
    expect(xlsxCell(ASSET_COLUMNS.hostname, asset)).toBeNull();
    expect(xlsxCell(ASSET_COLUMNS.sourceCount, asset)).toBe(3);
    expect(xlsxCell(ASSET_COLUMNS.qualityScore, { ...asset, qualityScore: null })).toBeNull();
    expect(xlsxCell(ASSET_COLUMNS.firstSeen, asset)).toEqual(new Date('2024-01-02T03:04:05.000Z'));
  });
});
