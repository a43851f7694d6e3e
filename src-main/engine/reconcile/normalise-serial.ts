// Serial numbers: case and whitespace do not matter, and firmware placeholders mean "absent".

const PLACEHOLDER_SERIALS: ReadonlySet<string> = new Set([
  'TOBEFILLEDBYO.E.M.',
  'TOBEFILLEDBYOEM',
  '0',
  'N/A',
  'NA',
  'NONE',
  'NULL',
  'UNKNOWN',
  'DEFAULTSTRING',
  'SYSTEMSERIALNUMBER',
  'CHASSISSERIALNUMBER',
  'BASEBOARDSERIALNUMBER',
  'NOTSPECIFIED',
  'NOTAVAILABLE',
  'NOTAPPLICABLE',
  'SERIAL',
  'SERIALNUMBER',
  'INVALID',
  'OEM',
  '123456789',
  '0123456789',
  '1234567890',
  '-',
]);

export function normaliseSerial(input: string | number | null | undefined): string | null {
  if (input === null || input === undefined) return null;
  const compact = String(input).toUpperCase().replace(/\s+/g, '');
  if (compact.length === 0) return null;
  if (PLACEHOLDER_SERIALS.has(compact)) return null;
  // All zeros, or one character repeated ("XXXXXXXX", "00000000"), is a placeholder too.
  if (/^(.)\1*$/.test(compact)) return null;
  return compact;
}
