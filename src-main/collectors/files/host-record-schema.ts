// One record of a server or desktop inventory file (servers_cache / desktop_cache), as the file
// holds it (`HostFileRecord`) and as validation accepts it (`HostRecord`, before normalising).
import { z } from 'zod';
import { ASSET_CLASSES, isAssetClass } from '../../../src-shared/model/asset-classes.js';
import { CLOUD_PROVIDERS, isCloudProvider } from './cloud-instance-record-schema.js';
import { HOST_IDENTIFIER_FIELDS } from './import-columns.js';
import {
  describeValue,
  ipAddress,
  macAddress,
  optionalBiosUuid,
  optionalList,
  optionalMacAddress,
  optionalText,
  optionalTimestamp,
  optionalWholeNumber,
  tagMap,
  textOf,
} from './record-field-schemas.js';

/** The JSON shape documented in docs/import-formats.md; CSV rows are converted to it. */
export interface HostFileRecord {
  id?: string;
  hostname?: string;
  fqdn?: string;
  serial?: string;
  vendor?: string;
  model?: string;
  os_name?: string;
  os_version?: string;
  cpu?: string;
  cpu_cores?: number | string;
  memory_mb?: number | string;
  location?: string;
  class?: string;
  /** SMBIOS system UUID, 8-4-4-4-12 hex; braces and upper case accepted. */
  bios_uuid?: string;
  asset_tag?: string;
  firmware?: string;
  os_edition?: string;
  os_build?: string;
  /** DNS or Active Directory domain the host belongs to. */
  domain?: string;
  /** For a host that is a cloud instance: aws, azure, gcp or other, as in cloud_manual. */
  cloud_provider?: string;
  cloud_account?: string;
  cloud_instance_id?: string;
  /** Addresses and MACs for exports without per-interface detail. */
  ips?: string[];
  macs?: string[];
  interfaces?: { name?: string; mac?: string; ips?: string[]; vlan?: number | string }[];
  software?: { name: string; version?: string; vendor?: string }[];
  tags?: Record<string, string>;
  last_seen?: string;
}

const cloudProviderError = { error: (issue: { input?: unknown }) => `expected one of ${CLOUD_PROVIDERS.join(', ')}, got ${describeValue(issue.input)}` };
const optionalCloudProvider = z
  .string(cloudProviderError)
  .refine((text) => text.trim() === '' || isCloudProvider(text.trim().toLowerCase()), cloudProviderError)
  .nullish();

const assetClass = z
  .string()
  .refine((text) => text.trim() === '' || isAssetClass(text.trim().toLowerCase()), {
    error: (issue) => `expected one of ${ASSET_CLASSES.join(', ')}, got ${describeValue(issue.input)}`,
  })
  .nullish();

const hostInterface = z.object(
  {
    name: optionalText,
    mac: optionalMacAddress,
    ips: optionalList(ipAddress),
    // 4095 is reserved but some switches report it; rejecting it would only block an import.
    vlan: optionalWholeNumber(0, 4095),
  },
  { error: (issue) => `expected an interface object, got ${describeValue(issue.input)}` },
);

const software = z.object(
  {
    name: z.string({ error: (issue) => `every software entry needs a name, got ${describeValue(issue.input)}` }).refine((name) => name.trim() !== '', 'every software entry needs a name'),
    version: optionalText,
    vendor: optionalText,
  },
  { error: (issue) => `expected a software object, got ${describeValue(issue.input)}` },
);

export const hostRecordSchema = z
  .object({
    id: optionalText,
    hostname: optionalText,
    fqdn: optionalText,
    serial: optionalText,
    vendor: optionalText,
    model: optionalText,
    os_name: optionalText,
    os_version: optionalText,
    cpu: optionalText,
    cpu_cores: optionalWholeNumber(1, 100_000),
    memory_mb: optionalWholeNumber(0, 1_000_000_000),
    location: optionalText,
    class: assetClass,
    bios_uuid: optionalBiosUuid,
    asset_tag: optionalText,
    firmware: optionalText,
    os_edition: optionalText,
    os_build: optionalText,
    domain: optionalText,
    cloud_provider: optionalCloudProvider,
    cloud_account: optionalText,
    cloud_instance_id: optionalText,
    ips: optionalList(ipAddress),
    macs: optionalList(macAddress),
    interfaces: optionalList(hostInterface),
    software: optionalList(software),
    tags: tagMap,
    last_seen: optionalTimestamp,
  })
  .refine((record) => HOST_IDENTIFIER_FIELDS.some((field) => textOf(record[field]) !== undefined), {
    path: ['hostname'],
    message: 'the record has no identifier; give at least one of id, hostname, fqdn or serial',
  });

export type HostRecord = z.output<typeof hostRecordSchema>;
