// One import record (the JSON shape of docs/import-formats.md) → ObservationInput, or the first bad
// field and what is wrong with it. The file reader uses validateImportRecord for every record;
// manual entry can use parseImportRecord to check a single record with the same rules.
import type { z } from 'zod';
import { isAssetClass } from '../../../src-shared/model/asset-classes.js';
import type { AssetFieldName, FieldValue } from '../../../src-shared/model/asset-fields.js';
import type { ObservationInput, ObservedInterface, ObservedIp, ObservedSoftware } from '../../../src-shared/model/observation.js';
import type { ImportKind } from '../../../src-shared/model/source-kinds.js';
import { cloudInstanceRecordSchema, isCloudProvider, type CloudInstanceRecord } from './cloud-instance-record-schema.js';
import { hostRecordSchema, type HostRecord } from './host-record-schema.js';
import { ImportFileError } from './import-file-error.js';
import { formatPath } from './check-record-bounds.js';
import { isPrivateIp } from './is-private-ip.js';
import { otSeedObservation } from './ot-seed-observation.js';
import { otSeedRecordSchema } from './ot-seed-record-schema.js';
import { biosUuidOf, macOf, numberOf, tagsOf, textOf, timestampOf, toIsoUtc } from './record-field-schemas.js';

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

export type ImportRecordResult = { observation: ObservationInput } | { field: string | null; problem: string };

/** Throws an ImportFileError (reason invalid_record) naming the first bad field. */
export function parseImportRecord(kind: ImportKind, record: unknown, ctx: ImportRecordContext): ObservationInput {
  const result = validateImportRecord(kind, record, ctx);
  if ('observation' in result) return result.observation;
  throw new ImportFileError({
    reason: 'invalid_record',
    file: ctx.file ?? '(record)',
    recordNumber: ctx.recordNumber ?? null,
    line: ctx.line ?? null,
    field: result.field,
    problem: result.problem,
  });
}

export function validateImportRecord(kind: ImportKind, record: unknown, ctx: ImportRecordContext): ImportRecordResult {
  return createRecordValidator(kind, ctx)(record, ctx.raw === undefined ? record : ctx.raw);
}

/** validateImportRecord for many records of one file: the options are checked once. */
export function createRecordValidator(
  kind: ImportKind,
  options: { defaultObservedAt: string; network?: string | undefined },
): (record: unknown, raw: unknown) => ImportRecordResult {
  const observedAt = toIsoUtc(options.defaultObservedAt);
  if (observedAt === null) throw new RangeError(`defaultObservedAt is not an ISO-8601 time: ${options.defaultObservedAt}`);
  const { network } = options;
  const defaultClass = kind === 'servers_cache' ? 'server' : 'workstation';
  return (record, raw) => {
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      return { field: null, problem: `expected an object with the record's fields, got ${record === null ? 'null' : Array.isArray(record) ? 'a list' : typeof record}` };
    }
    if (kind === 'cloud_manual') {
      const result = cloudInstanceRecordSchema.safeParse(record);
      return result.success ? { observation: cloudObservation(result.data, observedAt, network, raw) } : firstIssue(result.error);
    }
    if (kind === 'ot_seed') {
      const result = otSeedRecordSchema.safeParse(record);
      return result.success ? { observation: otSeedObservation(result.data, observedAt, network, raw) } : firstIssue(result.error);
    }
    const result = hostRecordSchema.safeParse(record);
    return result.success ? { observation: hostObservation(result.data, defaultClass, observedAt, network, raw) } : firstIssue(result.error);
  };
}

function firstIssue(error: z.ZodError): { field: string | null; problem: string } {
  const issue = error.issues[0];
  if (issue === undefined) return { field: null, problem: 'the record is not valid' };
  const problem = issue.code === 'invalid_type' && issue.expected === 'nonoptional' ? 'this field is required but missing' : issue.message;
  return { field: formatPath(issue.path), problem };
}

function attachNetwork(address: string, network: string | undefined, alwaysPrivate: boolean): ObservedIp {
  return network !== undefined && (alwaysPrivate || isPrivateIp(address)) ? { address, network } : { address };
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
  // Assigned one by one rather than spread from literals: this runs for every record of a file.
  const fields: Partial<Record<AssetFieldName, FieldValue>> = {};
  put(fields, 'hostname', hostname);
  put(fields, 'fqdn', fqdn);
  put(fields, 'serial', serial);
  put(fields, 'vendor', textOf(record.vendor));
  put(fields, 'model', textOf(record.model));
  put(fields, 'os_name', textOf(record.os_name));
  put(fields, 'os_version', textOf(record.os_version));
  put(fields, 'cpu', textOf(record.cpu));
  put(fields, 'cpu_cores', numberOf(record.cpu_cores));
  put(fields, 'memory_mb', numberOf(record.memory_mb));
  put(fields, 'location', textOf(record.location));
  put(fields, 'bios_uuid', biosUuidOf(record.bios_uuid));
  put(fields, 'asset_tag', textOf(record.asset_tag));
  put(fields, 'firmware', textOf(record.firmware));
  put(fields, 'os_edition', textOf(record.os_edition));
  put(fields, 'os_build', textOf(record.os_build));
  put(fields, 'domain', textOf(record.domain));
  put(fields, 'cloud_provider', textOf(record.cloud_provider)?.toLowerCase());
  put(fields, 'cloud_account', textOf(record.cloud_account));
  put(fields, 'cloud_instance_id', textOf(record.cloud_instance_id));
  const interfaces: ObservedInterface[] = [];
  for (const i of record.interfaces ?? []) {
    const observed: ObservedInterface = { ips: [] };
    const name = textOf(i.name);
    const mac = macOf(i.mac);
    const vlan = numberOf(i.vlan);
    if (name !== undefined) observed.name = name;
    if (mac !== undefined) observed.mac = mac;
    for (const address of i.ips ?? []) observed.ips.push(attachNetwork(address.trim(), network, false));
    if (vlan !== undefined) observed.vlan = vlan;
    interfaces.push(observed);
  }
  if ((record.macs?.length ?? 0) > 0 || (record.ips?.length ?? 0) > 0) addFlatAddresses(interfaces, record.macs ?? [], record.ips ?? [], network);
  const software: ObservedSoftware[] = [];
  for (const s of record.software ?? []) {
    const entry: ObservedSoftware = { name: s.name.trim() };
    const version = textOf(s.version);
    const vendor = textOf(s.vendor);
    if (version !== undefined) entry.version = version;
    if (vendor !== undefined) entry.vendor = vendor;
    software.push(entry);
  }
  return {
    // The schema guarantees one of these is present.
    nativeKey: (id ?? fqdn ?? hostname ?? serial) as string,
    observedAt: timestampOf(record.last_seen) ?? defaultObservedAt,
    assetClass: assetClass !== undefined && isAssetClass(assetClass) ? assetClass : defaultClass,
    fields,
    interfaces,
    software,
    tags: tagsOf(record.tags),
    relations: [],
    raw,
  };
}

/**
 * The flat `macs` / `ips` of an export without per-interface detail, beside any `interfaces`. One
 * MAC: the addresses are taken to be its. Several: which address sits on which MAC is unknown, so
 * each MAC is an interface of its own and the addresses one more, rather than a guessed pairing.
 * Values already in `interfaces` are not repeated.
 */
function addFlatAddresses(interfaces: ObservedInterface[], macList: readonly string[], ipList: readonly string[], network: string | undefined): void {
  const knownMacs = new Set(interfaces.map((i) => i.mac));
  const knownIps = new Set(interfaces.flatMap((i) => i.ips.map((ip) => ip.address)));
  const macs = [...new Set(macList.map(macOf).filter((mac): mac is string => mac !== undefined && !knownMacs.has(mac)))];
  const ips = [...new Set(ipList.map((ip) => ip.trim()).filter((ip) => ip !== '' && !knownIps.has(ip)))].map((address) => attachNetwork(address, network, false));
  if (macs.length <= 1) {
    const [mac] = macs;
    if (mac !== undefined) interfaces.push({ mac, ips });
    else if (ips.length > 0) interfaces.push({ ips });
    return;
  }
  for (const mac of macs) interfaces.push({ mac, ips: [] });
  if (ips.length > 0) interfaces.push({ ips });
}

// Absent values are left out rather than stored as undefined: "not reported" is not "empty".
function put(fields: Partial<Record<AssetFieldName, FieldValue>>, name: AssetFieldName, value: FieldValue | undefined): void {
  if (value !== undefined) fields[name] = value;
}

function cloudObservation(record: CloudInstanceRecord, defaultObservedAt: string, network: string | undefined, raw: unknown): ObservationInput {
  const provider = record.provider.trim().toLowerCase();
  const account = textOf(record.account);
  const instanceId = String(record.instance_id).trim();
  const privateIps = (record.private_ips ?? []).map((ip) => ip.trim());
  const publicIps = (record.public_ips ?? []).map((ip) => ip.trim());
  const fields: Partial<Record<AssetFieldName, FieldValue>> = {};
  put(fields, 'name', textOf(record.name));
  put(fields, 'hostname', textOf(record.hostname));
  put(fields, 'bios_uuid', biosUuidOf(record.bios_uuid));
  put(fields, 'cloud_provider', isCloudProvider(provider) ? provider : 'other');
  put(fields, 'cloud_account', account);
  put(fields, 'cloud_region', textOf(record.region));
  put(fields, 'cloud_instance_id', instanceId);
  put(fields, 'instance_type', textOf(record.instance_type));
  // Providers spell states differently (running / VM running / RUNNING); lower case keeps them comparable.
  put(fields, 'power_state', textOf(record.state)?.toLowerCase());
  put(fields, 'public_ips', publicIps.length > 0 ? publicIps.join(',') : undefined);
  put(fields, 'primary_ip', privateIps[0]);
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
