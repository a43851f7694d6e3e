// SMBIOS system UUIDs ("BIOS UUIDs"): one canonical lower-case 8-4-4-4-12 text, and a match key that
// is the same whichever byte order a tool printed. SMBIOS 2.6 stores the first three fields
// little-endian; dmidecode prints them per the spec, some older tools print the raw bytes, so the
// same machine can appear as 4c4c4544-… and 44454c4c-…. Placeholders boards ship with are absent.
import { PLACEHOLDER_BIOS_UUIDS } from './known-shared-identifiers.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function normaliseBiosUuid(input: string | number | boolean | null | undefined): string | null {
  if (typeof input !== 'string') return null;
  let value = input.trim().toLowerCase().replace(/^\{|\}$/g, '').replace(/^uuid:/, '');
  if (/^[0-9a-f]{32}$/.test(value)) value = `${value.slice(0, 8)}-${value.slice(8, 12)}-${value.slice(12, 16)}-${value.slice(16, 20)}-${value.slice(20)}`;
  if (!UUID.test(value)) return null;
  if (PLACEHOLDER_BIOS_UUIDS.has(value) || PLACEHOLDER_BIOS_UUIDS.has(swapUuidByteOrder(value))) return null;
  return value;
}

/** The same UUID with the byte order of its first three fields reversed. */
export function swapUuidByteOrder(uuid: string): string {
  const rev = (hex: string) => hex.match(/../g)?.reverse().join('') ?? hex;
  const [a = '', b = '', c = '', d = '', e = ''] = uuid.split('-');
  return `${rev(a)}-${rev(b)}-${rev(c)}-${d}-${e}`;
}

/** The key two readings of one UUID share, whatever their byte order. */
export function biosUuidMatchKey(uuid: string): string {
  const swapped = swapUuidByteOrder(uuid);
  return swapped < uuid ? swapped : uuid;
}

/**
 * The BIOS UUID a VMware serial encodes: "VMware-42 1a 2b 3c 4d 5e 6f 70-81 92 a3 b4 c5 d6 e7 f8"
 * is the UUID's sixteen bytes. Lets a VM's serial and its BIOS UUID count as one piece of evidence.
 */
export function uuidFromVmwareSerial(serial: string): string | null {
  const m = /^vmware-([0-9a-f\s-]+)$/i.exec(serial.trim());
  if (!m) return null;
  const hex = (m[1] ?? '').replace(/[\s-]/g, '').toLowerCase();
  return hex.length === 32 ? normaliseBiosUuid(hex) : null;
}
