import { describe, expect, it } from 'vitest';
import { parseSoftwareName, platformOf, type ParsedSoftwareName } from './snmp-software-name.js';

type Case = [raw: string, expected: ParsedSoftwareName];

describe('parseSoftwareName', () => {
  // As Debian 12's snmpd lists them (dpkg-query ${Package}_${Version}_${Architecture}).
  const dpkg: Case[] = [
    ['binutils-x86-64-linux-gnu_2.40-2_amd64', { name: 'binutils-x86-64-linux-gnu', version: '2.40-2', arch: 'amd64', format: 'dpkg' }],
    ['bsdutils_1:2.38.1-5+deb12u3_amd64', { name: 'bsdutils', version: '1:2.38.1-5+deb12u3', arch: 'amd64', format: 'dpkg' }],
    ['ca-certificates-java_20230710~deb12u1_all', { name: 'ca-certificates-java', version: '20230710~deb12u1', arch: 'all', format: 'dpkg' }],
    ['g++_4:12.2.0-3_amd64', { name: 'g++', version: '4:12.2.0-3', arch: 'amd64', format: 'dpkg' }],
    ['libstdc++6_12.2.0-14+deb12u1_amd64', { name: 'libstdc++6', version: '12.2.0-14+deb12u1', arch: 'amd64', format: 'dpkg' }],
    ['chromium_156.0.8078.114-1~deb12u1_amd64', { name: 'chromium', version: '156.0.8078.114-1~deb12u1', arch: 'amd64', format: 'dpkg' }],
    ['tar_1.34+dfsg-1.2+deb12u1_amd64', { name: 'tar', version: '1.34+dfsg-1.2+deb12u1', arch: 'amd64', format: 'dpkg' }],
    ['login_1:4.8.1-2ubuntu2.1_amd64', { name: 'login', version: '1:4.8.1-2ubuntu2.1', arch: 'amd64', format: 'dpkg' }],
    ['python3.11-minimal_3.11.2-6+deb12u6_amd64', { name: 'python3.11-minimal', version: '3.11.2-6+deb12u6', arch: 'amd64', format: 'dpkg' }],
    ['libc6_2.36-9+deb12u4_i386', { name: 'libc6', version: '2.36-9+deb12u4', arch: 'i386', format: 'dpkg' }],
    ['adwaita-icon-theme_43-1_all', { name: 'adwaita-icon-theme', version: '43-1', arch: 'all', format: 'dpkg' }],
    ['openssh-server_1:9.2p1-2+deb12u3_amd64', { name: 'openssh-server', version: '1:9.2p1-2+deb12u3', arch: 'amd64', format: 'dpkg' }],
  ];
  // RHEL/Fedora/SUSE: net-snmp writes name-version-release; rpm -qa and other agents add .arch.
  const rpm: Case[] = [
    ['openssl-libs-3.0.7-27.el9.x86_64', { name: 'openssl-libs', version: '3.0.7-27.el9', arch: 'x86_64', format: 'rpm' }],
    ['kernel-5.14.0-362.8.1.el9_3.x86_64', { name: 'kernel', version: '5.14.0-362.8.1.el9_3', arch: 'x86_64', format: 'rpm' }],
    ['glibc-gconv-extra-2.34-100.el9_4.3.i686', { name: 'glibc-gconv-extra', version: '2.34-100.el9_4.3', arch: 'i686', format: 'rpm' }],
    ['python3-setuptools_scm-6.4.2-5.el9.noarch', { name: 'python3-setuptools_scm', version: '6.4.2-5.el9', arch: 'noarch', format: 'rpm' }],
    ['ca-certificates-2023.2.60_v7.0.306-90.1.el9_2.noarch', { name: 'ca-certificates', version: '2023.2.60_v7.0.306-90.1.el9_2', arch: 'noarch', format: 'rpm' }],
    ['kernel-5.14.0-362.8.1.el9_3', { name: 'kernel', version: '5.14.0-362.8.1.el9_3', format: 'rpm' }],
    ['openssl-fips-provider-so-3.0.7-8.el9', { name: 'openssl-fips-provider-so', version: '3.0.7-8.el9', format: 'rpm' }],
    ['gcc-c++-11.4.1-2.1.el9', { name: 'gcc-c++', version: '11.4.1-2.1.el9', format: 'rpm' }],
    ['tzdata-2023c-1.el9', { name: 'tzdata', version: '2023c-1.el9', format: 'rpm' }],
    ['systemd-252-32.el9', { name: 'systemd', version: '252-32.el9', format: 'rpm' }],
    ['kon2-fonts-0.3.9b-18.1', { name: 'kon2-fonts', version: '0.3.9b-18.1', format: 'rpm' }],
    ['gpg-pubkey-fd431d51-4ae0493b', { name: 'gpg-pubkey', version: 'fd431d51-4ae0493b', format: 'rpm' }],
    ['gpg-pubkey-5a6340b3-6229229e', { name: 'gpg-pubkey', version: '5a6340b3-6229229e', format: 'rpm' }],
  ];
  // Windows SNMP service: the uninstall entry's DisplayName.
  const windows: Case[] = [
    ['Microsoft Visual C++ 2019 X64 Minimum Runtime - 14.29.30133', { name: 'Microsoft Visual C++ 2019 X64 Minimum Runtime', version: '14.29.30133', format: 'display_name' }],
    ['Microsoft Visual C++ 2015-2022 Redistributable (x64) - 14.36.32532', { name: 'Microsoft Visual C++ 2015-2022 Redistributable', version: '14.36.32532', arch: 'x64', format: 'display_name' }],
    ['Microsoft Visual C++ 2008 Redistributable - x86 9.0.30729.6161', { name: 'Microsoft Visual C++ 2008 Redistributable', version: '9.0.30729.6161', arch: 'x86', format: 'display_name' }],
    ['7-Zip 22.01 (x64)', { name: '7-Zip', version: '22.01', arch: 'x64', format: 'display_name' }],
    ['Python 3.11.4 (64-bit)', { name: 'Python', version: '3.11.4', arch: 'x64', format: 'display_name' }],
    ['Mozilla Firefox 115.0.2 (x64 en-US)', { name: 'Mozilla Firefox', version: '115.0.2', arch: 'x64', format: 'display_name' }],
    ['Mozilla Firefox (x64 en-US)', { name: 'Mozilla Firefox', arch: 'x64', format: 'name_only' }],
    ['Notepad++ (64-bit x64)', { name: 'Notepad++', arch: 'x64', format: 'name_only' }],
    ['PuTTY release 0.79 (64-bit)', { name: 'PuTTY', version: '0.79', arch: 'x64', format: 'display_name' }],
    ['Wireshark 4.0.8 64-bit', { name: 'Wireshark', version: '4.0.8', arch: 'x64', format: 'display_name' }],
    ['Intel(R) Network Connections 26.4.0.0', { name: 'Intel(R) Network Connections', version: '26.4.0.0', format: 'display_name' }],
    ['Java 8 Update 381 (64-bit)', { name: 'Java 8 Update 381', arch: 'x64', format: 'name_only' }],
    ['Microsoft SQL Server 2019 (64-bit)', { name: 'Microsoft SQL Server 2019', arch: 'x64', format: 'name_only' }],
    ['Microsoft 365 Apps for enterprise - en-us', { name: 'Microsoft 365 Apps for enterprise - en-us', format: 'name_only' }],
    ['Security Update for Microsoft Office (KB4011574) 32-Bit Edition', { name: 'Security Update for Microsoft Office (KB4011574) 32-Bit Edition', format: 'name_only' }],
    ['Google Chrome', { name: 'Google Chrome', format: 'name_only' }],
    ['VMware  Tools', { name: 'VMware Tools', format: 'name_only' }],
    ['WebFldrs', { name: 'WebFldrs', format: 'name_only' }],
  ];
  const other: Case[] = [
    ['JUNOS Base OS boot [21.4R3-S4.4]', { name: 'JUNOS Base OS boot', version: '21.4R3-S4.4', format: 'display_name' }],
    ['nginx-1.22.1', { name: 'nginx', version: '1.22.1', format: 'name_version' }],
    ['python3-pip-21.3.1', { name: 'python3-pip', version: '21.3.1', format: 'name_version' }],
    ['openssh-server-9.2p1', { name: 'openssh-server', version: '9.2p1', format: 'name_version' }],
    ['php82-8.2.11', { name: 'php82', version: '8.2.11', format: 'name_version' }],
    ['font-adobe-100dpi', { name: 'font-adobe-100dpi', format: 'name_only' }],
    ['libc6', { name: 'libc6', format: 'name_only' }],
    ['gcc-12', { name: 'gcc-12', format: 'name_only' }],
    ['  busybox  ', { name: 'busybox', format: 'name_only' }],
  ];

  it.each(dpkg)('dpkg %s', (raw, expected) => expect(parseSoftwareName(raw)).toEqual(expected));
  it.each(rpm)('rpm %s', (raw, expected) => expect(parseSoftwareName(raw)).toEqual(expected));
  it.each(windows)('Windows %s', (raw, expected) => expect(parseSoftwareName(raw, 'windows')).toEqual(expected));
  it.each(other)('other %s', (raw, expected) => expect(parseSoftwareName(raw)).toEqual(expected));

  it('never reads a Windows name as a Linux package name', () => {
    expect(parseSoftwareName('7-Zip', 'windows')).toEqual({ name: '7-Zip', format: 'name_only' });
    expect(parseSoftwareName('kernel-5.14.0-362.el9', 'windows').format).not.toBe('rpm');
    expect(parseSoftwareName('Foo-Tool-1.2', 'windows')).toEqual({ name: 'Foo-Tool', version: '1.2', format: 'name_version' });
  });

  it('always keeps a name', () => {
    for (const raw of ['_', '-1.2', '1.2.3', '(x64)', 'a_b_c', '-']) {
      expect(parseSoftwareName(raw).name.length, raw).toBeGreaterThan(0);
    }
  });
});

describe('platformOf', () => {
  it('recognises Windows agents by sysObjectID or sysDescr', () => {
    expect(platformOf('1.3.6.1.4.1.311.1.1.3.1.2', undefined)).toBe('windows');
    expect(platformOf(undefined, 'Hardware: Intel64 Family 6 Model 85 - Software: Windows Version 6.3 (Build 17763 Multiprocessor Free)')).toBe('windows');
    expect(platformOf('1.3.6.1.4.1.8072.3.2.10', 'Linux srv1 6.1.0-18-amd64')).toBe('other');
  });
});
