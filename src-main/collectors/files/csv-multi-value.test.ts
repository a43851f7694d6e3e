import { describe, expect, it } from 'vitest';
import { parseInterfacesCell, parseIpListCell, parseSoftwareCell, parseTagsCell } from './csv-multi-value.js';
import { CSV_COLUMNS, csvRowToRecord } from './csv-row-to-record.js';
import { encodeImportCsvRow } from './encode-import-csv.js';

describe('CSV multi-value cells', () => {
  it('parses interfaces with and without names, MACs, IPs and VLANs', () => {
    expect(parseInterfacesCell('eth0=00:11:22:33:44:55@10.0.0.5+fe80::1#20; @10.0.0.9 ;ilo=00:11:22:33:44:56;vEthernet (Default Switch)=@172.20.0.1#vlan 7')).toEqual([
      { name: 'eth0', mac: '00:11:22:33:44:55', ips: ['10.0.0.5', 'fe80::1'], vlan: '20' },
      { ips: ['10.0.0.9'] },
      { name: 'ilo', mac: '00:11:22:33:44:56', ips: [] },
      { name: 'vEthernet (Default Switch)', ips: ['172.20.0.1'], vlan: '7' },
    ]);
  });

  it('parses software with parentheses in names and escaped separators', () => {
    expect(parseSoftwareCell('Microsoft Visual C++ 2015-2022 Redistributable (x64)|14.38|Microsoft;7-Zip|23.01;A\\;B\\|C')).toEqual([
      { name: 'Microsoft Visual C++ 2015-2022 Redistributable (x64)', version: '14.38', vendor: 'Microsoft' },
      { name: '7-Zip', version: '23.01' },
      { name: 'A;B|C' },
    ]);
  });

  it('parses tags and reports an entry without "="', () => {
    expect(parseTagsCell('role=historian; zone = L3;empty=')).toEqual({ tags: { role: 'historian', zone: 'L3', empty: '' } });
    expect(parseTagsCell('role=x;oops')).toEqual({ badEntry: 'oops' });
  });

  it('splits IP lists on ";", "," and spaces', () => {
    expect(parseIpListCell('10.0.0.1; 10.0.0.2,10.0.0.3 10.0.0.4')).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4']);
  });

  it('round-trips through the CSV encoder, escapes included', () => {
    const record = {
      hostname: 'h',
      interfaces: [{ name: 'a=b', mac: '00:11:22:33:44:55', ips: ['10.0.0.1', '10.0.0.2'], vlan: 5 }],
      software: [{ name: 'x@y;z', version: '1|2', vendor: 'v#w' }],
      tags: { 'k=1': 'v;2' },
    };
    const header = CSV_COLUMNS.servers_cache;
    const cells = encodeImportCsvRow('servers_cache', record).trimEnd().split(',');
    const row = Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
    expect(csvRowToRecord('servers_cache', row)).toEqual({
      record: {
        hostname: 'h',
        interfaces: [{ name: 'a=b', mac: '00:11:22:33:44:55', ips: ['10.0.0.1', '10.0.0.2'], vlan: '5' }],
        software: [{ name: 'x@y;z', version: '1|2', vendor: 'v#w' }],
        tags: { 'k=1': 'v;2' },
      },
    });
  });
});
