// Generated servers_cache data for tests and benchmarks: realistic plant and data-center servers,
// fully determined by (count, seed).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { encodeImportCsvHeader, encodeImportCsvRow } from './encode-import-csv.js';
import type { HostFileRecord } from './host-record-schema.js';
import { mulberry32 } from '../../../src-shared/lib/mulberry32.js';

export const SAMPLE_FILE_FORMATS = ['json', 'ndjson', 'csv'] as const;

/** The columns the generated records use: the CSV carries no empty columns, so its size stays comparable across versions. */
const SAMPLE_CSV_COLUMNS = ['id', 'hostname', 'fqdn', 'serial', 'vendor', 'model', 'os_name', 'os_version', 'cpu', 'cpu_cores', 'memory_mb', 'location', 'class', 'interfaces', 'software', 'tags', 'last_seen'];
export type SampleFileFormat = (typeof SAMPLE_FILE_FORMATS)[number];

const SITES = ['plant-a', 'plant-b', 'dc1', 'dc2'] as const;
const ROLES = ['hist', 'scada', 'mes', 'db', 'app', 'web', 'dc', 'backup', 'esx', 'file'] as const;
const HARDWARE = [
  { vendor: 'Dell Inc.', model: 'PowerEdge R650', cpu: 'Intel Xeon Silver 4314', cores: 32 },
  { vendor: 'Dell Inc.', model: 'PowerEdge R750', cpu: 'Intel Xeon Gold 6338', cores: 64 },
  { vendor: 'Dell Inc.', model: 'PowerEdge R640', cpu: 'Intel Xeon Silver 4214', cores: 24 },
  { vendor: 'HPE', model: 'ProLiant DL380 Gen10 Plus', cpu: 'Intel Xeon Gold 5318Y', cores: 48 },
  { vendor: 'HPE', model: 'ProLiant DL360 Gen11', cpu: 'Intel Xeon Gold 6430', cores: 64 },
] as const;
const SYSTEMS = [
  { os_name: 'Windows Server 2019 Standard', os_version: '10.0.17763' },
  { os_name: 'Windows Server 2022 Standard', os_version: '10.0.20348' },
  { os_name: 'Red Hat Enterprise Linux', os_version: '9.4' },
  { os_name: 'Ubuntu Server', os_version: '22.04.4 LTS' },
] as const;
const SOFTWARE = [
  { name: 'AVEVA PI Server', version: '2018 SP3 Patch 5', vendor: 'AVEVA' },
  { name: 'Microsoft SQL Server 2019', version: '15.0.4375.4', vendor: 'Microsoft' },
  { name: 'Ignition', version: '8.1.38', vendor: 'Inductive Automation' },
  { name: 'Veeam Agent', version: '6.1.2.134', vendor: 'Veeam' },
  { name: 'OpenSSH', version: '9.6p1' },
  { name: 'Microsoft Visual C++ 2015-2022 Redistributable (x64)', version: '14.38.33135', vendor: 'Microsoft' },
  { name: 'CrowdStrike Falcon Sensor', version: '7.10.18110', vendor: 'CrowdStrike' },
] as const;

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}

export function* generateServersCacheRecords(count: number, seed: number): Generator<HostFileRecord> {
  const random = mulberry32(seed);
  for (let i = 0; i < count; i++) {
    const site = SITES[i % SITES.length] as (typeof SITES)[number];
    const siteIndex = i % SITES.length;
    const hostname = `${random.pick(ROLES)}-${String(Math.floor(i / SITES.length) + 1).padStart(5, '0')}`;
    const hardware = random.pick(HARDWARE);
    const system = random.pick(SYSTEMS);
    const ipBase = `10.${siteIndex * 16 + ((i >> 16) & 0x0f)}.${(i >> 8) & 0xff}.${i & 0xff}`;
    const macTail = `${hex2((i >> 16) & 0xff)}:${hex2((i >> 8) & 0xff)}:${hex2(i & 0xff)}`;
    const interfaces: NonNullable<HostFileRecord['interfaces']> = [
      { name: 'eth0', mac: `24:6e:96:${macTail}`, ips: [ipBase], vlan: 10 + siteIndex * 10 },
    ];
    if (random.next() < 0.5) interfaces.push({ name: 'ilo', mac: `94:40:c9:${macTail}`, ips: [`172.16.${siteIndex}.${i & 0xff}`] });
    const software = [];
    const softwareCount = random.int(1, 4);
    for (let s = 0; s < softwareCount; s++) software.push({ ...random.pick(SOFTWARE) });
    yield {
      id: `srv-${String(i + 1).padStart(6, '0')}`,
      hostname,
      fqdn: `${hostname}.${site}.example`,
      serial: `${hardware.vendor === 'HPE' ? 'CZ' : ''}${(seed * 7919 + i).toString(36).toUpperCase().padStart(7, '0')}`,
      vendor: hardware.vendor,
      model: hardware.model,
      os_name: system.os_name,
      os_version: system.os_version,
      cpu: hardware.cpu,
      cpu_cores: hardware.cores,
      memory_mb: 1024 * random.pick([32, 64, 128, 256, 512]),
      location: `${site} / room ${random.int(1, 3)} / rack ${random.int(1, 40)}`,
      interfaces,
      software,
      tags: { site, role: hostname.split('-')[0] ?? 'app', env: random.next() < 0.8 ? 'prod' : 'test' },
      last_seen: new Date(Date.UTC(2024, 4, 1) + random.int(0, 30 * 86_400) * 1000).toISOString(),
    };
  }
}

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/** Writes `count` generated records to `path`, streaming so 100k records never sit in memory. */
export async function writeServersCacheFile(path: string, count: number, format: SampleFileFormat, seed: number): Promise<void> {
  const out = createWriteStream(path);
  const closed = once(out, 'close');
  try {
    if (format === 'csv') await write(out, encodeImportCsvHeader('servers_cache', SAMPLE_CSV_COLUMNS));
    if (format === 'json') await write(out, '[\n');
    let first = true;
    for (const record of generateServersCacheRecords(count, seed)) {
      if (format === 'csv') await write(out, encodeImportCsvRow('servers_cache', { ...record }, SAMPLE_CSV_COLUMNS));
      else if (format === 'ndjson') await write(out, JSON.stringify(record) + '\n');
      else await write(out, (first ? '  ' : ',\n  ') + JSON.stringify(record));
      first = false;
    }
    if (format === 'json') await write(out, '\n]\n');
  } finally {
    out.end();
    await closed;
  }
}
