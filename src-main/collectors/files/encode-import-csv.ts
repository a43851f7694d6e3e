// Writes import records (the JSON shape) as CSV in the documented conventions: the inverse of
// csv-row-to-record. Used to produce example and benchmark files, and by any "export as CSV".
import type { ImportKind } from '../../../src-shared/model/source-kinds.js';
import { escapeValue } from './csv-multi-value.js';
import { CSV_COLUMNS } from './csv-row-to-record.js';

/** `columns`: a subset of the kind's columns, in the order to write; default all of them. */
export function encodeImportCsvHeader(kind: ImportKind, columns: readonly string[] = CSV_COLUMNS[kind]): string {
  return columns.join(',') + '\r\n';
}

export function encodeImportCsvRow(kind: ImportKind, record: Readonly<Record<string, unknown>>, columns: readonly string[] = CSV_COLUMNS[kind]): string {
  return columns.map((column) => quoteCell(encodeCell(column, record[column]))).join(',') + '\r\n';
}

function encodeCell(column: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  switch (column) {
    case 'interfaces':
      return (value as { name?: string; mac?: string; ips?: string[]; vlan?: number | string }[])
        .map((i) => {
          let entry = i.name !== undefined ? `${escapeValue(i.name)}=` : '';
          entry += i.mac ?? '';
          if (i.ips !== undefined && i.ips.length > 0) entry += `@${i.ips.join('+')}`;
          if (i.vlan !== undefined) entry += `#${i.vlan}`;
          return entry;
        })
        .join(';');
    case 'software':
      return (value as { name: string; version?: string; vendor?: string }[])
        .map((s) => {
          const parts = [s.name, s.version ?? '', s.vendor ?? ''].map(escapeValue);
          while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
          return parts.join('|');
        })
        .join(';');
    case 'tags':
      return Object.entries(value as Record<string, string>)
        .map(([k, v]) => `${escapeValue(k)}=${escapeValue(String(v))}`)
        .join(';');
    case 'private_ips':
    case 'public_ips':
    case 'ips':
    case 'macs':
      return (value as string[]).join(';');
    default:
      return String(value);
  }
}

// RFC 4180 quoting; leading/trailing spaces are quoted too so spreadsheets keep them visible.
function quoteCell(cell: string): string {
  return /[",\r\n]|^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}
