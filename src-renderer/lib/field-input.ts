// Converts what a person typed into a field's value as the API stores it.
import type { AssetFieldName, FieldValue } from '../../src-shared/model/asset-fields.js';

export const NUMERIC_FIELDS: ReadonlySet<AssetFieldName> = new Set(['cpu_cores', 'memory_mb', 'uptime_seconds']);

/** Fields offered first when creating an asset by hand; every other field is one click away. */
export const MANUAL_ENTRY_FIELDS: readonly AssetFieldName[] = [
  'name',
  'hostname',
  'fqdn',
  'primary_ip',
  'serial',
  'vendor',
  'model',
  'os_name',
  'os_version',
  'location',
  'description',
];

/** Empty text clears the value (null); numeric fields become numbers when the text is a number. */
export function parseFieldInput(field: AssetFieldName, text: string): FieldValue {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (NUMERIC_FIELDS.has(field)) {
    const number = Number(trimmed);
    if (Number.isFinite(number)) return number;
  }
  return trimmed;
}

export function fieldValueToInput(value: FieldValue | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value);
}
