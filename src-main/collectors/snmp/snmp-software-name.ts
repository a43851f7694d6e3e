// Splits an hrSWInstalledName into package name, version and architecture. HOST-RESOURCES-MIB has
// no version column, so each agent packs what its package manager knows into the one string:
//   Debian/Ubuntu net-snmp  dpkg "name_version_arch"   binutils-x86-64-linux-gnu_2.40-2_amd64, bsdutils_1:2.38.1-5+deb12u3_amd64
//   RHEL/Fedora/SUSE net-snmp rpm "name-version-release" kernel-5.14.0-362.8.1.el9_3 (other tools add ".arch")
//   Windows SNMP service     the uninstall entry's display name: 7-Zip 22.01 (x64),
//                            Microsoft Visual C++ 2019 X64 Minimum Runtime - 14.29.30133, Google Chrome
// hrSWInstalledType (application, operatingSystem, deviceDriver) says nothing about the format, so
// the agent's platform (from sysObjectID/sysDescr) is the hint: a Windows display name is never
// read as an rpm or dpkg name.

export const SOFTWARE_NAME_FORMATS = ['dpkg', 'rpm', 'display_name', 'name_version', 'name_only'] as const;
export type SoftwareNameFormat = (typeof SOFTWARE_NAME_FORMATS)[number];

export type SoftwarePlatform = 'windows' | 'other';

export interface ParsedSoftwareName {
  name: string;
  version?: string;
  /** amd64, x86_64, noarch, x64 … when the entry names one. */
  arch?: string;
  format: SoftwareNameFormat;
}

// Debian policy §5.6.1/§5.6.7: names are [a-z0-9][a-z0-9+.-]+; versions are [epoch:]upstream[-revision]
// where upstream starts with a digit and may hold . + ~ - :; no part ever holds "_".
const DPKG_NAME = /^[a-z0-9][a-z0-9+.-]+$/i;
const DPKG_VERSION = /^(?:\d+:)?\d[a-z0-9.+~:-]*$/i;
const DPKG_ARCH = /^(?=[a-z0-9-]*[a-z])[a-z0-9-]+$/i; // amd64, all, i386, arm64, musl-linux-amd64 (never all digits)

// rpm: name-version-release[.arch]; version and release never hold "-", the name may.
const RPM_ARCHES = new Set([
  'noarch', 'x86_64', 'i386', 'i486', 'i586', 'i686', 'athlon', 'aarch64', 'armv7hl', 'armv7l', 'armv6hl', 'armhfp',
  'ppc', 'ppc64', 'ppc64le', 'ppc64p7', 's390', 's390x', 'riscv64', 'ia64', 'sparc64', 'mips64el', 'loongarch64', 'src', 'nosrc',
]);
const RPM_VERSION = /^(?:\d+:)?\d[\w.+~^]*$/; // "3.0.7", "2023c", "1:2.3", "2023.2.60_v7.0.306"
const RPM_RELEASE = /^(?=[\w.+~^]*\d)[\w.+~^]+$/; // "27.el9", "362.8.1.el9_3", "lp155.3.1"
const GPG_PUBKEY = /^gpg-pubkey-([0-9a-f]{8})-([0-9a-f]{8})$/i;

/** A bare version token: digits, a dot, more (or v + that); no spaces or dashes. "100dpi" and "12" are not versions. */
const VERSION_TOKEN = /^v?(\d+\.[\w.+~:]*)$/i;
/** A display-name version: digits with at least one dot ("22.01", "14.29.30133", "3.11.4"). */
const DISPLAY_VERSION = /^v?(\d+(?:\.\d+)+[\w.+-]*)$/i;
const ARCH_WORD = /\b(x64|x86|x86_64|amd64|arm64|aarch64|win64|win32|64[- ]?bit|32[- ]?bit)\b/i;
/** "… (x64 en-US)": a trailing parenthesised group (kept only when it names an architecture). */
const ARCH_GROUP = /^(.*\S)\s*\(([^()]*)\)$/;
/** "… 64-bit": a bare architecture word at the end. */
const TRAILING_ARCH = new RegExp(`^(.*\\S)\\s+(${ARCH_WORD.source})$`, 'i');

export function platformOf(sysObjectID: string | undefined, sysDescr: string | undefined): SoftwarePlatform {
  if (sysObjectID?.startsWith('1.3.6.1.4.1.311.')) return 'windows';
  return /\bWindows\b/.test(sysDescr ?? '') ? 'windows' : 'other';
}

export function parseSoftwareName(raw: string, platform: SoftwarePlatform = 'other'): ParsedSoftwareName {
  const text = raw.replace(/\0+$/, '').trim();
  if (/\s/.test(text) || platform === 'windows') return parseDisplayName(text);
  return parsePackageName(text) ?? { name: text, format: 'name_only' };
}

function parsePackageName(text: string): ParsedSoftwareName | undefined {
  const gpg = GPG_PUBKEY.exec(text);
  if (gpg?.[1] && gpg[2]) return { name: 'gpg-pubkey', version: `${gpg[1]}-${gpg[2]}`.toLowerCase(), format: 'rpm' };

  // rpm with an architecture: the suffix is unambiguous (".x86_64", ".noarch").
  const dot = text.lastIndexOf('.');
  const rpmArch = dot > 0 ? text.slice(dot + 1) : '';
  if (RPM_ARCHES.has(rpmArch)) {
    const nvr = splitNvr(text.slice(0, dot));
    if (nvr) return { ...nvr, arch: rpmArch, format: 'rpm' };
  }

  const underscores = text.split('_');
  if (underscores.length === 3) {
    const [name = '', version = '', arch = ''] = underscores;
    if (DPKG_NAME.test(name) && DPKG_VERSION.test(version) && DPKG_ARCH.test(arch)) return { name, version, arch, format: 'dpkg' };
  }

  const nvr = splitNvr(text);
  if (nvr) return { ...nvr, format: 'rpm' };

  if (underscores.length === 2) {
    const [name = '', version = ''] = underscores;
    if (DPKG_NAME.test(name) && DPKG_VERSION.test(version)) return { name, version, format: 'dpkg' };
  }

  // name-version / name_version: the last separator followed by a version token.
  for (let i = text.length - 2; i > 0; i--) {
    const c = text[i];
    if (c !== '-' && c !== '_') continue;
    const version = VERSION_TOKEN.exec(text.slice(i + 1));
    if (version?.[1]) return { name: text.slice(0, i), version: version[1], format: 'name_version' };
  }
  return undefined;
}

/** "openssl-libs-3.0.7-27.el9" → openssl-libs, 3.0.7-27.el9 (rpm's version-release, as rpm -q prints it). */
function splitNvr(text: string): { name: string; version: string } | undefined {
  const releaseDash = text.lastIndexOf('-');
  if (releaseDash <= 0) return undefined;
  const versionDash = text.lastIndexOf('-', releaseDash - 1);
  if (versionDash <= 0) return undefined;
  const name = text.slice(0, versionDash);
  const version = text.slice(versionDash + 1, releaseDash);
  const release = text.slice(releaseDash + 1);
  if (!RPM_VERSION.test(version) || !RPM_RELEASE.test(release) || !/[a-z]/i.test(name)) return undefined;
  return { name, version: `${version}-${release}` };
}

/**
 * Display names: "Product 1.2.3 (x64)", "Product (x64) - 1.2.3", "Product - x86 9.0.30729.6161",
 * "PuTTY release 0.79 (64-bit)", "Wireshark 4.0.8 64-bit", "JUNOS Base OS boot [21.4R3-S4.4]", "Product".
 * A trailing number without a dot ("Java 8 Update 381", "Microsoft SQL Server 2019") is part of
 * the name, not a version.
 */
function parseDisplayName(text: string): ParsedSoftwareName {
  let name = text.replace(/\s+/g, ' ');
  let arch: string | undefined;
  let version: string | undefined;
  const stripArch = (): void => {
    for (;;) {
      const group = ARCH_GROUP.exec(name) ?? TRAILING_ARCH.exec(name);
      const word = group?.[2] ? ARCH_WORD.exec(group[2]) : null;
      if (!group?.[1] || !word?.[1]) return;
      arch ??= normaliseArch(word[1]);
      name = group[1];
    }
  };
  stripArch();
  const bracketed = /^(.*\S)\s*\[([^\]]*\d[^\]]*)\]$/.exec(name);
  const dashed = /^(.*\S)\s+[-–]\s+(?:(x86|x64)\s+)?(\S+)$/i.exec(name);
  const dashedVersion = dashed?.[3] ? DISPLAY_VERSION.exec(dashed[3]) : null;
  const trailing = /^(.*?\S)\s+(?:(?:version|release)\s+)?(\S+)$/i.exec(name);
  const trailingVersion = trailing?.[2] ? DISPLAY_VERSION.exec(trailing[2]) : null;
  if (bracketed?.[1] && bracketed[2]) {
    name = bracketed[1];
    version = bracketed[2].trim();
  } else if (dashed?.[1] && dashedVersion?.[1]) {
    name = dashed[1];
    version = dashedVersion[1];
    if (dashed[2]) arch ??= normaliseArch(dashed[2]);
  } else if (trailing?.[1] && trailingVersion?.[1]) {
    name = trailing[1];
    version = trailingVersion[1];
  }
  stripArch();
  if (!version && !/\s/.test(name)) {
    const pkg = parsePackageName(name);
    if (pkg?.format === 'name_version') return arch ? { ...pkg, arch } : pkg;
  }
  const parsed: ParsedSoftwareName = { name, format: version ? 'display_name' : 'name_only' };
  if (version) parsed.version = version;
  if (arch) parsed.arch = arch;
  return parsed;
}

function normaliseArch(word: string): string {
  const w = word.toLowerCase().replace(/[\s-]/g, '');
  if (w === '64bit' || w === 'win64' || w === 'amd64' || w === 'x86_64') return 'x64';
  if (w === '32bit' || w === 'win32') return 'x86';
  if (w === 'aarch64') return 'arm64';
  return w;
}
