// One record of a cloud instance file (cloud_manual), as the file holds it (`CloudInstanceFileRecord`)
// and as validation accepts it (`CloudInstanceRecord`, before normalising).
import { z } from 'zod';
import { describeValue, ipAddress, optionalBiosUuid, optionalList, optionalText, optionalTimestamp, tagMap } from './record-field-schemas.js';

export const CLOUD_PROVIDERS = ['aws', 'azure', 'gcp', 'other'] as const;
export type CloudProvider = (typeof CLOUD_PROVIDERS)[number];

export function isCloudProvider(value: string): value is CloudProvider {
  return (CLOUD_PROVIDERS as readonly string[]).includes(value);
}

/** The JSON shape documented in docs/import-formats.md; CSV rows are converted to it. */
export interface CloudInstanceFileRecord {
  provider: string;
  account?: string;
  region?: string;
  instance_id: string;
  name?: string;
  instance_type?: string;
  state?: string;
  /** The guest's host name, to join with server and desktop inventories. */
  hostname?: string;
  /** SMBIOS system UUID as the guest reports it (Azure's vmId, the EC2 instance's UUID). */
  bios_uuid?: string;
  private_ips?: string[];
  public_ips?: string[];
  tags?: Record<string, string>;
  observed_at?: string;
}

const providerError = { error: (issue: { input?: unknown }) => `expected one of ${CLOUD_PROVIDERS.join(', ')}, got ${describeValue(issue.input)}` };

export const cloudInstanceRecordSchema = z.object({
  // Case-insensitive ("AWS" in a spreadsheet is fine); the mapper lower-cases it.
  provider: z.string(providerError).refine((text) => isCloudProvider(text.trim().toLowerCase()), providerError),
  account: optionalText,
  region: optionalText,
  instance_id: z
    .union([z.string(), z.number()], { error: (issue) => `every cloud instance needs its provider's instance id, got ${describeValue(issue.input)}` })
    .refine((id) => String(id).trim() !== '', "every cloud instance needs its provider's instance id"),
  name: optionalText,
  instance_type: optionalText,
  state: optionalText,
  hostname: optionalText,
  bios_uuid: optionalBiosUuid,
  private_ips: optionalList(ipAddress),
  public_ips: optionalList(ipAddress),
  tags: tagMap,
  observed_at: optionalTimestamp,
});

export type CloudInstanceRecord = z.output<typeof cloudInstanceRecordSchema>;
