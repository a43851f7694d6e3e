// A CSV row (normalised column name → cell text) → the JSON record shape, so that CSV and JSON go
// through exactly one validation. Columns the kind does not know are left out here and survive in
// the observation's raw row: exports carry extra columns, and refusing them would block imports.
import type { ImportKind } from '../../../src-shared/model/source-kinds.js';
import { parseInterfacesCell, parseIpListCell, parseSoftwareCell, parseTagsCell } from './csv-multi-value.js';
import { HOST_IDENTIFIER_FIELDS } from './host-record-schema.js';

const HOST_TEXT_COLUMNS = [
  'id',
  'hostname',
  'fqdn',
  'serial',
  'vendor',
  'model',
  'os_name',
  'os_version',
  'cpu',
  'cpu_cores',
  'memory_mb',
  'location',
  'class',
  'last_seen',
] as const;
const CLOUD_TEXT_COLUMNS = ['provider', 'account', 'region', 'instance_id', 'name', 'instance_type', 'state', 'observed_at'] as const;

/** The columns each kind understands, in the order writers should use. */
export const CSV_COLUMNS: Record<ImportKind, readonly string[]> = {
  servers_cache: [...HOST_TEXT_COLUMNS.slice(0, 13), 'interfaces', 'software', 'tags', 'last_seen'],
  desktop_cache: [...HOST_TEXT_COLUMNS.slice(0, 13), 'interfaces', 'software', 'tags', 'last_seen'],
  cloud_manual: ['provider', 'account', 'region', 'instance_id', 'name', 'instance_type', 'state', 'private_ips', 'public_ips', 'tags', 'observed_at'],
};

/** A CSV header problem, or null. Checked once so a file without an id column fails on line 1. */
export function checkCsvHeader(kind: ImportKind, columns: readonly string[]): { field: string; problem: string } | null {
  if (kind === 'cloud_manual') {
    for (const required of ['provider', 'instance_id']) {
      if (!columns.includes(required)) return { field: required, problem: `the header has no "${required}" column, which every cloud instance needs` };
    }
    return null;
  }
  if (!HOST_IDENTIFIER_FIELDS.some((c) => columns.includes(c))) {
    return { field: 'hostname', problem: 'the header has none of the identifier columns id, hostname, fqdn, serial; add at least one' };
  }
  return null;
}

export type CsvRowResult = { record: Record<string, unknown> } | { field: string; problem: string };

export function csvRowToRecord(kind: ImportKind, row: Readonly<Record<string, string | undefined>>): CsvRowResult {
  const record: Record<string, unknown> = {};
  const textColumns = kind === 'cloud_manual' ? CLOUD_TEXT_COLUMNS : HOST_TEXT_COLUMNS;
  for (const column of textColumns) {
    const cell = row[column];
    if (cell !== undefined && cell !== '') record[column] = cell;
  }
  const tagsCell = row['tags'];
  if (tagsCell) {
    const parsed = parseTagsCell(tagsCell);
    if ('badEntry' in parsed) return { field: 'tags', problem: `expected key=value pairs separated by ";", got "${parsed.badEntry}"` };
    record['tags'] = parsed.tags;
  }
  if (kind === 'cloud_manual') {
    const privateIps = row['private_ips'];
    const publicIps = row['public_ips'];
    if (privateIps) record['private_ips'] = parseIpListCell(privateIps);
    if (publicIps) record['public_ips'] = parseIpListCell(publicIps);
  } else {
    const interfaces = row['interfaces'];
    const software = row['software'];
    if (interfaces) record['interfaces'] = parseInterfacesCell(interfaces);
    if (software) record['software'] = parseSoftwareCell(software);
  }
  return { record };
}
