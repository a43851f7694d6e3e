// Operating system names and versions: "Microsoft Windows Server 2019 Standard", "RHEL 8.6" and
// "Ubuntu 22.04.3 LTS" become a canonical product name, a version and an edition ("Standard",
// "Enterprise LTSC", "LTS"): nothing a source said is dropped, only put in its place.

export const OS_FAMILIES = ['windows', 'linux', 'macos', 'network', 'embedded', 'other'] as const;
export type OsFamily = (typeof OS_FAMILIES)[number];

export interface NormalisedOs {
  name: string;
  version: string | null;
  /** What follows the version: "Standard", "Datacenter", "Enterprise LTSC", "LTS"; null when nothing does. */
  edition: string | null;
  family: OsFamily;
}

const PRODUCTS: ReadonlyArray<readonly [RegExp, string, OsFamily]> = [
  [/windows\s+server/i, 'Windows Server', 'windows'],
  [/windows/i, 'Windows', 'windows'],
  [/(red\s*hat\s+enterprise\s+linux|\brhel\b)/i, 'Red Hat Enterprise Linux', 'linux'],
  [/centos/i, 'CentOS', 'linux'],
  [/rocky/i, 'Rocky Linux', 'linux'],
  [/alma\s*linux/i, 'AlmaLinux', 'linux'],
  [/ubuntu/i, 'Ubuntu', 'linux'],
  [/debian/i, 'Debian', 'linux'],
  [/(suse|sles)/i, 'SUSE Linux Enterprise Server', 'linux'],
  [/amazon\s+linux/i, 'Amazon Linux', 'linux'],
  [/ios[\s-]*xe/i, 'Cisco IOS XE', 'network'],
  [/nx[\s-]*os/i, 'Cisco NX-OS', 'network'],
  [/cisco\s+ios|^ios\b/i, 'Cisco IOS', 'network'],
  [/junos/i, 'Junos OS', 'network'],
  [/(\bmac\s*os|^os\s*x\b|\bdarwin\b)/i, 'macOS', 'macos'],
  [/fortios/i, 'FortiOS', 'network'],
  [/pan[\s-]*os/i, 'PAN-OS', 'network'],
  [/(eos|arista)/i, 'Arista EOS', 'network'],
  [/esxi/i, 'VMware ESXi', 'linux'],
  [/vxworks/i, 'VxWorks', 'embedded'],
  [/linux/i, 'Linux', 'linux'],
];

const VERSION = /\b(\d+(?:\.\d+)*(?:\s*(?:sp|r)\s*\d+)?)\b/i;

function cleanVersion(value: string): string {
  return value.replace(/\s+/g, ' ').replace(/\s*(sp|r)\s*(\d+)/i, (_m, kind: string, n: string) => ` ${kind.toUpperCase()}${n}`).trim();
}

export function normaliseOsVersion(input: string | number | boolean | null | undefined): string | null {
  if (input === null || input === undefined || typeof input === 'boolean') return null;
  const value = String(input).trim();
  return value.length === 0 ? null : cleanVersion(value);
}

export function normaliseOs(input: string | number | boolean | null | undefined): NormalisedOs | null {
  if (typeof input !== 'string') return null;
  const value = input.trim().replace(/\s+/g, ' ');
  if (value.length === 0) return null;
  const product = PRODUCTS.find(([pattern]) => pattern.test(value));
  if (!product) {
    const m = VERSION.exec(value);
    return { name: value, version: m?.[1] ? cleanVersion(m[1]) : null, edition: null, family: 'other' };
  }
  const [pattern, name, family] = product;
  const found = pattern.exec(value);
  const after = value.slice((found?.index ?? 0) + (found?.[0].length ?? 0));
  const inAfter = VERSION.exec(after);
  const m = inAfter ?? VERSION.exec(value);
  const rest = inAfter ? after.slice(inAfter.index + inAfter[0].length) : after;
  return { name, version: m?.[1] ? cleanVersion(m[1]) : null, edition: editionOf(rest), family };
}

/** The edition words after the version: parenthesised code names, "release", "GNU/Linux" and builds are not editions. */
function editionOf(rest: string): string | null {
  const words = rest
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\b(release|gnu\/linux|linux|server release|build\s*\S+|version)\b/gi, ' ')
    .replace(/[,;]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return words.length > 0 && words.length <= 40 && /[a-z]/i.test(words) ? words : null;
}
