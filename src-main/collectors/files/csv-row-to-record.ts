// A CSV row (column name → cell text) → the JSON record shape, so that CSV and JSON go through
// exactly one validation. Columns the kind does not know are left out here and survive in the
// observation's raw row: exports carry extra columns, and refusing them would block imports.
import type { ImportKind } from '../../../src-shared/model/source-kinds.js';
import { parseInterfacesCell, parseIpListCell, parseSoftwareCell, parseTagsCell } from './csv-multi-value.js';
import { CLOUD_COLUMNS, HOST_COLUMNS, IMPORT_COLUMNS, OT_SEED_COLUMNS } from './import-columns.js';

const MULTI_VALUE_COLUMNS = new Set(['interfaces', 'software', 'tags', 'ips', 'macs', 'private_ips', 'public_ips']);
const HOST_TEXT_COLUMNS = HOST_COLUMNS.filter((column) => !MULTI_VALUE_COLUMNS.has(column));
const CLOUD_TEXT_COLUMNS = CLOUD_COLUMNS.filter((column) => !MULTI_VALUE_COLUMNS.has(column));
// A seed's protocols cell ("modbus;opcua:4841") is kept as text: its schema splits and checks it.
const OT_SEED_TEXT_COLUMNS = OT_SEED_COLUMNS.filter((column) => !MULTI_VALUE_COLUMNS.has(column));

/** The columns each kind understands, in the order writers should use. */
export const CSV_COLUMNS: Record<ImportKind, readonly string[]> = IMPORT_COLUMNS;

export type CsvRowResult = { record: Record<string, unknown> } | { field: string; problem: string };

export function csvRowToRecord(kind: ImportKind, row: Readonly<Record<string, string | undefined>>): CsvRowResult {
  const record: Record<string, unknown> = {};
  const textColumns = kind === 'cloud_manual' ? CLOUD_TEXT_COLUMNS : kind === 'ot_seed' ? OT_SEED_TEXT_COLUMNS : HOST_TEXT_COLUMNS;
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
  if (kind === 'ot_seed') return { record };
  const lists = kind === 'cloud_manual' ? (['private_ips', 'public_ips'] as const) : (['ips', 'macs'] as const);
  for (const column of lists) {
    const cell = row[column];
    if (cell) record[column] = parseIpListCell(cell);
  }
  if (kind !== 'cloud_manual') {
    const interfaces = row['interfaces'];
    const software = row['software'];
    if (interfaces) record['interfaces'] = parseInterfacesCell(interfaces);
    if (software) record['software'] = parseSoftwareCell(software);
  }
  return { record };
}
