// Vendor names: legal suffixes and punctuation do not matter, and well-known aliases collapse to
// one canonical name. `key` is what matching compares; HP and HPE keep their own display names but
// share a key, because serials of pre-2015 equipment are reported under either.

export interface NormalisedVendor {
  name: string;
  key: string;
}

const LEGAL_SUFFIXES = /\b(incorporated|inc|corporation|corp|company|co|ltd|limited|llc|gmbh|ag|sa|se|plc|bv|nv|kg|oy|ab|spa|srl|pty|as|a s|kk|sas)\b/g;

/** Stripped alias -> [display name, match key]. */
const ALIASES: ReadonlyArray<readonly [readonly string[], string, string]> = [
  [['hp', 'hewlett packard', 'hp inc', 'hewlettpackard'], 'HP', 'hp'],
  [['hpe', 'hewlett packard enterprise'], 'HPE', 'hp'],
  [['dell', 'dell emc', 'dell computer', 'dell technologies', 'emc'], 'Dell', 'dell'],
  [['cisco', 'cisco systems', 'ciscosystems'], 'Cisco', 'cisco'],
  [['siemens'], 'Siemens', 'siemens'],
  [['schneider electric', 'schneider', 'modicon', 'telemecanique', 'apc', 'american power conversion'], 'Schneider Electric', 'schneider'],
  [['rockwell automation', 'rockwell', 'allen bradley', 'allenbradley', 'rockwell automation allen bradley'], 'Rockwell Automation', 'rockwell'],
  [['microsoft', 'microsoft windows'], 'Microsoft', 'microsoft'],
  [['vmware'], 'VMware', 'vmware'],
  [['lenovo', 'lenovo group'], 'Lenovo', 'lenovo'],
  [['ibm', 'international business machines'], 'IBM', 'ibm'],
  [['juniper', 'juniper networks'], 'Juniper Networks', 'juniper'],
  [['arista', 'arista networks'], 'Arista Networks', 'arista'],
  [['supermicro', 'super micro computer', 'super micro'], 'Supermicro', 'supermicro'],
  [['fortinet'], 'Fortinet', 'fortinet'],
  [['palo alto networks', 'palo alto'], 'Palo Alto Networks', 'paloalto'],
  [['beckhoff', 'beckhoff automation'], 'Beckhoff', 'beckhoff'],
  [['abb'], 'ABB', 'abb'],
  [['honeywell', 'honeywell international'], 'Honeywell', 'honeywell'],
  [['mitsubishi electric', 'mitsubishi'], 'Mitsubishi Electric', 'mitsubishi'],
  [['omron'], 'Omron', 'omron'],
  [['wago', 'wago kontakttechnik'], 'WAGO', 'wago'],
  [['phoenix contact'], 'Phoenix Contact', 'phoenixcontact'],
  [['amazon', 'amazon web services', 'aws', 'amazon ec2'], 'Amazon Web Services', 'amazon'],
  [['google', 'google cloud'], 'Google', 'google'],
  [['oracle', 'innotek'], 'Oracle', 'oracle'],
  [['red hat'], 'Red Hat', 'redhat'],
  [['canonical'], 'Canonical', 'canonical'],
  [['apple'], 'Apple', 'apple'],
  [['intel'], 'Intel', 'intel'],
  [['xen', 'xensource'], 'Xen', 'xen'],
  [['qemu'], 'QEMU', 'qemu'],
];

const ALIAS_INDEX: ReadonlyMap<string, { name: string; key: string }> = new Map(
  ALIASES.flatMap(([aliases, name, key]) => aliases.map((alias) => [alias, { name, key }] as const)),
);

export function stripVendor(input: string): string {
  return input
    .toLowerCase()
    .replace(/[.,()®™"']/g, ' ')
    .replace(/[-_/&+]/g, ' ')
    .replace(LEGAL_SUFFIXES, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function normaliseVendor(input: string | number | boolean | null | undefined): NormalisedVendor | null {
  if (typeof input !== 'string') return null;
  const stripped = stripVendor(input);
  if (stripped.length === 0 || stripped === 'unknown' || stripped === 'n a' || stripped === 'none') return null;
  const known = ALIAS_INDEX.get(stripped) ?? ALIAS_INDEX.get(stripped.replace(/ /g, ''));
  if (known) return { ...known };
  return { name: input.trim().replace(/\s+/g, ' '), key: stripped.replace(/ /g, '') };
}

/**
 * A model as matching compares it: lower case, letters and digits only, the vendor's name and
 * generic words removed ("Dell PowerEdge R740" and "PowerEdge R740" agree). Null when nothing is left.
 */
export function normaliseModel(input: string | number | boolean | null | undefined): string | null {
  if (typeof input !== 'string' && typeof input !== 'number') return null;
  const key = String(input)
    .toLowerCase()
    .replace(/\b(inc|corp|corporation|gmbh|ag|ltd|model|series|system|systems|unknown|n\/a|none|default string|to be filled by o\.e\.m\.)\b/g, ' ')
    .replace(/[^a-z0-9]+/g, '');
  return key.length >= 2 ? key : null;
}

/** The words of a model that name it (letters and digits, at least one digit, four or more characters): "ACS580", "ATV630U75N4", "R650". */
export function modelTokens(input: string | number | boolean | null | undefined): string[] {
  if (typeof input !== 'string' && typeof input !== 'number') return [];
  const out: string[] = [];
  for (const word of String(input).toLowerCase().split(/[^a-z0-9]+/)) if (word.length >= 4 && /\d/.test(word) && /[a-z]/.test(word)) out.push(word);
  return out;
}

/**
 * Whether two models name the same thing: equal keys, one key the other with a prefix or suffix
 * (the vendor's name), or a model code of one side starting the other's (a marketing name
 * "Altivar Process ATV630" and an order code "ATV630U75N4" from a device's own identification).
 */
export function modelsAgree(a: string, b: string, aTokens: readonly string[] = [], bTokens: readonly string[] = []): boolean {
  if (a === b) return true;
  const [shorter, longer] = a.length < b.length ? [a, b] : [b, a];
  if (shorter.length >= 4 && (longer.startsWith(shorter) || longer.endsWith(shorter))) return true;
  for (const x of aTokens) for (const y of bTokens) if (x.startsWith(y) || y.startsWith(x)) return true;
  return false;
}

/** Whether two vendor keys name one vendor: equal, or one the other plus a division's name ("abb" / "abbdrives"). */
export function vendorsAgree(a: string, b: string): boolean {
  if (a === b) return true;
  const [shorter, longer] = a.length < b.length ? [a, b] : [b, a];
  return shorter.length >= 3 && longer.startsWith(shorter);
}
