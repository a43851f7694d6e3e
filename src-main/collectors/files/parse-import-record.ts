// One import record (the JSON shape of docs/import-formats.md) → ObservationInput, or an
// ImportFileError naming the first bad field. The file reader uses it for every record; manual
// entry can use it to validate a single record with the same rules.
import type { z } from 'zod';
import { isAssetClass } from '../../../src-shared/model/asset-classes.js';
import type { AssetFieldName, FieldValue } from '../../../src-shared/model/asset-fields.js';
import type { ObservationInput, ObservedIp } from '../../../src-shared/model/observation.js';
import type { ImportKind } from '../../../src-shared/model/source-kinds.js';
import { cloudInstanceRecordSchema, isCloudProvider, type CloudInstanceRecord } from './cloud-instance-record-schema.js';
import { hostRecordSchema, type HostRecord } from './host-record-schema.js';
import { ImportFileError } from './import-file-error.js';
import { isPrivateIp } from './is-private-ip.js';
import { macOf, numberOf, tagsOf, textOf, timestampOf, toIsoUtc } from './record-field-schemas.js';

export interface ImportRecordContext {
  /** ISO-8601 time used when the record carries no last_seen / observed_at. */
  defaultObservedAt: string;
  /** Site or network name attached to every private IP address. */
  network?: string;
  /** Where the record came from, for error messages; defaults to "(record)". */
  file?: string;
  recordNumber?: number | null;
  line?: number | null;
  /** What to keep as ObservationInput.raw; defaults to `record` itself (CSV passes the row). */
  raw?: unknown;
}

export function parseImportRecord(kind: ImportKind, record: unknown, ctx: ImportRecordContext): ObservationInput {
  const observedAt = toIsoUtc(ctx.defaultObservedAt);
  if (observedAt === null) throw new RangeError(`defaultObservedAt is not an ISO-8601 time: ${ctx.defaultObservedAt}`);
  const raw = ctx.raw === undefined ? record : ctx.raw;
  if (kind === 'cloud_manual') {
    return cloudObservation(validate(cloudInstanceRecordSchema, record, ctx), observedAt, ctx.network, raw);
  }
  const defaultClass = kind === 'servers_cache' ? 'server' : 'workstation';
  return hostObservation(validate(hostRecordSchema, record, ctx), defaultClass, observedAt, ctx.network, raw);
}

function validate<S extends z.ZodType>(schema: S, record: unknown, ctx: ImportRecordContext): z.output<S> {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    throw recordError(ctx, null, `expected an object with the record's fields, got ${record === null ? 'null' : Array.isArray(record) ? 'a list' : typeof record}`);
  }
  const result = schema.safeParse(record);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue === undefined) throw recordError(ctx, null, 'the record is not valid');
  const problem = issue.code === 'invalid_type' && issue.expected === 'nonoptional' ? 'this field is required but missing' : issue.message;
  throw recordError(ctx, formatPath(issue.path), problem);
}

function recordError(ctx: ImportRecordContext, field: string | null, problem: string): ImportFileError {
  return new ImportFileError({
    reason: 'invalid_record',
    file: ctx.file ?? '(record)',
    recordNumber: ctx.recordNumber ?? null,
    line: ctx.line ?? null,
    field,
    problem,
  });
}

// ['interfaces', 0, 'mac'] → "interfaces[0].mac"
function formatPath(path: readonly PropertyKey[]): string | null {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? String(part) : `.${String(part)}`;
  return out === '' ? null : out;
}

function attachNetwork(address: string, network: string | undefined, alwaysPrivate: boolean): ObservedIp {
  return network !== undefined && (alwaysPrivate || isPrivateIp(address)) ? { address, network } : { address };
}

// Absent values are left out rather than stored as undefined: "not reported" is not "empty".
function setFields(fields: Partial<Record<AssetFieldName, FieldValue>>, values: Partial<Record<AssetFieldName, FieldValue | undefined>>): void {
  for (const name in values) {
    const value = values[name as AssetFieldName];
    if (value !== undefined) fields[name as AssetFieldName] = value;
  }
}

function hostObservation(
  record: HostRecord,
  defaultClass: 'server' | 'workstation',
  defaultObservedAt: string,
  network: string | undefined,
  raw: unknown,
): ObservationInput {
  const id = textOf(record.id);
  const hostname = textOf(record.hostname);
  const fqdn = textOf(record.fqdn);
  const serial = textOf(record.serial);
  const assetClass = textOf(record.class)?.toLowerCase();
  const fields: Partial<Record<AssetFieldName, FieldValue>> = {};
  setFields(fields, {
    hostname,
    fqdn,
    serial,
    vendor: textOf(record.vendor),
    model: textOf(record.model),
    os_name: textOf(record.os_name),
    os_version: textOf(record.os_version),
    cpu: textOf(record.cpu),
    cpu_cores: numberOf(record.cpu_cores),
    memory_mb: numberOf(record.memory_mb),
    location: textOf(record.location),
  });
  return {
    // The schema guarantees one of these is present.
    nativeKey: (id ?? fqdn ?? hostname ?? serial) as string,
    observedAt: timestampOf(record.last_seen) ?? defaultObservedAt,
    assetClass: assetClass !== undefined && isAssetClass(assetClass) ? assetClass : defaultClass,
    fields,
    interfaces: (record.interfaces ?? []).map((i) => {
      const name = textOf(i.name);
      const mac = macOf(i.mac);
      const vlan = numberOf(i.vlan);
      return {
        ...(name !== undefined && { name }),
        ...(mac !== undefined && { mac }),
        ips: (i.ips ?? []).map((address) => attachNetwork(address.trim(), network, false)),
        ...(vlan !== undefined && { vlan }),
      };
    }),
    software: (record.software ?? []).map((s) => {
      const version = textOf(s.version);
      const vendor = textOf(s.vendor);
      return { name: s.name.trim(), ...(version !== undefined && { version }), ...(vendor !== undefined && { vendor }) };
    }),
    tags: tagsOf(record.tags),
    relations: [],
    raw,
  };
}

function cloudObservation(record: CloudInstanceRecord, defaultObservedAt: string, network: string | undefined, raw: unknown): ObservationInput {
  const provider = record.provider.trim().toLowerCase();
  const account = textOf(record.account);
  const instanceId = String(record.instance_id).trim();
  const privateIps = (record.private_ips ?? []).map((ip) => ip.trim());
  const publicIps = (record.public_ips ?? []).map((ip) => ip.trim());
  const fields: Partial<Record<AssetFieldName, FieldValue>> = {};
  setFields(fields, {
    name: textOf(record.name),
    cloud_provider: isCloudProvider(provider) ? provider : 'other',
    cloud_account: account,
    cloud_region: textOf(record.region),
    cloud_instance_id: instanceId,
    instance_type: textOf(record.instance_type),
    // Providers spell states differently (running / VM running / RUNNING); lower case keeps them comparable.
    power_state: textOf(record.state)?.toLowerCase(),
    public_ips: publicIps.length > 0 ? publicIps.join(',') : undefined,
    primary_ip: privateIps[0],
  });
  return {
    nativeKey: `${provider}:${account ?? ''}:${instanceId}`,
    observedAt: timestampOf(record.observed_at) ?? defaultObservedAt,
    assetClass: 'cloud_instance',
    fields,
    // A VPC/VNet address is private by definition, whatever range the account chose.
    interfaces: privateIps.length > 0 ? [{ ips: privateIps.map((a) => attachNetwork(a, network, true)) }] : [],
    software: [],
    tags: tagsOf(record.tags),
    relations: [],
    raw,
  };
}
