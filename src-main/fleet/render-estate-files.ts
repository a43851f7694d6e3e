// Renders a generated estate as the files a person would import: each file-kind source
// (servers_cache, desktop_cache, cloud_manual) in a documented import format (docs/import-formats.md),
// every other source as NDJSON observations, plus truth.csv, networks.json and a manifest saying
// how to import each file. Pure (returns contents); writeEstateFiles puts them on disk.
//
// The import formats attach one network to every private address of a file, so a file-kind
// source is split into one file per network (the network of each record's first private address).
// The addresses of a multi-homed host on its other networks are imported with that same network.
import type { ObservedInterface, SourceKind } from '../../src-shared/model/index.js';
import { escapeValue } from '../collectors/files/csv-multi-value.js';
import { splitNaturalKey, type SourcedObservation } from '../engine/reconcile/index.js';
import type { GeneratedEstate } from './generated-estate.js';

export type EstateFileFormat = 'csv' | 'json' | 'ndjson';

export interface EstateFileEntry {
  file: string;
  sourceName: string;
  sourceKind: SourceKind;
  format: EstateFileFormat;
  /** The import's network option for this file (null: no private addresses). */
  network: string | null;
  records: number;
}

export interface RenderedEstateFile {
  file: string;
  content: string;
}

const HOST_COLUMNS = ['id', 'hostname', 'fqdn', 'domain', 'serial', 'bios_uuid', 'asset_tag', 'vendor', 'model', 'firmware', 'os_name', 'os_version', 'cpu', 'cpu_cores', 'memory_mb', 'location', 'class', 'cloud_provider', 'cloud_account', 'cloud_instance_id', 'interfaces', 'software', 'tags', 'last_seen'] as const;
const CLOUD_COLUMNS = ['provider', 'account', 'region', 'instance_id', 'name', 'instance_type', 'state', 'private_ips', 'public_ips', 'tags', 'observed_at'] as const;
const HOST_FIELDS = ['hostname', 'fqdn', 'domain', 'serial', 'bios_uuid', 'asset_tag', 'vendor', 'model', 'firmware', 'os_name', 'os_version', 'cpu', 'cpu_cores', 'memory_mb', 'location', 'cloud_provider', 'cloud_account', 'cloud_instance_id'] as const;
const FILE_KINDS: ReadonlySet<SourceKind> = new Set(['servers_cache', 'desktop_cache', 'cloud_manual']);

/** Which layout each source's export uses; unknown file-kind sources get CSV. */
export const DEFAULT_FILE_FORMATS: Record<string, EstateFileFormat> = { 'endpoint-mgmt': 'json', 'aws-inventory': 'json', 'azure-inventory': 'ndjson' };

export function renderEstateFiles(estate: GeneratedEstate, formats: Record<string, EstateFileFormat> = DEFAULT_FILE_FORMATS): { files: RenderedEstateFile[]; manifest: EstateFileEntry[] } {
  const groups = new Map<string, { sourceName: string; sourceKind: SourceKind; network: string | null; records: SourcedObservation[] }>();
  for (const o of estate.observations) {
    const fileKind = FILE_KINDS.has(o.sourceKind);
    const network = fileKind ? (o.observation.interfaces.flatMap((i) => i.ips).find((ip) => ip.network !== undefined)?.network ?? null) : null;
    const id = `${o.sourceId}\u001f${network ?? ''}`;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { sourceName: o.sourceId, sourceKind: o.sourceKind, network, records: [] }));
    g.records.push(o);
  }
  const files: RenderedEstateFile[] = [];
  const manifest: EstateFileEntry[] = [];
  for (const g of [...groups.values()].sort((a, b) => `${a.sourceName}/${a.network}`.localeCompare(`${b.sourceName}/${b.network}`))) {
    const fileKind = FILE_KINDS.has(g.sourceKind);
    const format: EstateFileFormat = fileKind ? (formats[g.sourceName] ?? 'csv') : 'ndjson';
    const file = fileKind ? `${g.sourceName}${g.network ? `.${g.network}` : ''}.${format}` : `${g.sourceName}.observations.ndjson`;
    const records = g.records.map((o) => (fileKind ? (g.sourceKind === 'cloud_manual' ? cloudRecord(o) : hostRecord(o)) : { sourceKind: o.sourceKind, sourceName: o.sourceId, observation: o.observation }));
    const columns = g.sourceKind === 'cloud_manual' ? CLOUD_COLUMNS : HOST_COLUMNS;
    const content =
      format === 'csv'
        ? [columns.join(','), ...records.map((r) => columns.map((c) => csvCell(encodeCell(c, (r as Record<string, unknown>)[c]))).join(','))].join('\r\n') + '\r\n'
        : format === 'json'
          ? JSON.stringify({ exported_at: estate.now, records }, null, 1) + '\n'
          : records.map((r) => JSON.stringify(r)).join('\n') + '\n';
    files.push({ file, content });
    manifest.push({ file, sourceName: g.sourceName, sourceKind: g.sourceKind, format, network: g.network, records: records.length });
  }
  const truth = ['source_name,native_key,entity', ...[...estate.truth].map(([key, label]) => {
    const { sourceId, nativeKey } = splitNaturalKey(key);
    return [sourceId, nativeKey, label].map(csvCell).join(',');
  })];
  files.push({ file: 'truth.csv', content: truth.join('\r\n') + '\r\n' });
  files.push({ file: 'networks.json', content: JSON.stringify(estate.networks, null, 2) + '\n' });
  files.push({ file: 'manifest.json', content: JSON.stringify({ name: estate.name, now: estate.now, files: manifest }, null, 2) + '\n' });
  return { files, manifest };
}

function hostRecord(o: SourcedObservation): Record<string, unknown> {
  const f = o.observation.fields;
  const record: Record<string, unknown> = { id: o.observation.nativeKey };
  for (const name of HOST_FIELDS) if (f[name] !== undefined && f[name] !== null) record[name] = f[name];
  const defaultClass = o.sourceKind === 'servers_cache' ? 'server' : 'workstation';
  // The import's default class needs no column value; an empty cell is how exports say "unknown".
  if (o.observation.assetClass && o.observation.assetClass !== defaultClass) record.class = o.observation.assetClass;
  if (o.observation.interfaces.length > 0) record.interfaces = o.observation.interfaces.map(fileInterface);
  if (o.observation.software.length > 0) record.software = o.observation.software;
  if (Object.keys(o.observation.tags).length > 0) record.tags = o.observation.tags;
  record.last_seen = o.observation.observedAt;
  return record;
}

function fileInterface(i: ObservedInterface): Record<string, unknown> {
  return { ...(i.name ? { name: i.name } : {}), ...(i.mac ? { mac: i.mac } : {}), ips: i.ips.map((ip) => ip.address), ...(i.vlan !== undefined ? { vlan: i.vlan } : {}) };
}

function cloudRecord(o: SourcedObservation): Record<string, unknown> {
  const f = o.observation.fields;
  const text = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : String(v));
  const record: Record<string, unknown> = {
    provider: text(f.cloud_provider),
    account: text(f.cloud_account),
    region: text(f.cloud_region),
    instance_id: text(f.cloud_instance_id),
    name: text(f.name),
    instance_type: text(f.instance_type),
    state: text(f.power_state),
    private_ips: o.observation.interfaces.flatMap((i) => i.ips.map((ip) => ip.address)),
    public_ips: text(f.public_ips)?.split(','),
    tags: Object.keys(o.observation.tags).length > 0 ? o.observation.tags : undefined,
    observed_at: o.observation.observedAt,
  };
  for (const k of Object.keys(record)) if (record[k] === undefined) delete record[k];
  return record;
}

function encodeCell(column: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  switch (column) {
    case 'interfaces':
      return (value as { name?: string; mac?: string; ips?: string[]; vlan?: number }[])
        .map((i) => `${i.name !== undefined ? `${escapeValue(i.name)}=` : ''}${i.mac ?? ''}${i.ips && i.ips.length > 0 ? `@${i.ips.join('+')}` : ''}${i.vlan !== undefined ? `#${i.vlan}` : ''}`)
        .join(';');
    case 'software':
      return (value as { name: string; version?: string; vendor?: string }[]).map((s) => [s.name, s.version ?? '', s.vendor ?? ''].map(escapeValue).join('|').replace(/\|+$/, '')).join(';');
    case 'tags':
      return Object.entries(value as Record<string, string>)
        .map(([k, v]) => `${escapeValue(k)}=${escapeValue(String(v))}`)
        .join(';');
    case 'private_ips':
    case 'public_ips':
      return (value as string[]).join(';');
    default:
      return String(value);
  }
}

// RFC 4180; cells with leading or trailing spaces are quoted too, so they survive spreadsheets.
function csvCell(cell: string): string {
  return /[",\r\n]|^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}
