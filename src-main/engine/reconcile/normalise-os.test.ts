import { describe, expect, it } from 'vitest';
import { normaliseOs, normaliseOsVersion } from './normalise-os.js';

describe('normaliseOs', () => {
  it.each([
    ['Microsoft Windows Server 2019 Standard', 'Windows Server', '2019', 'windows'],
    ['Windows 11 Pro', 'Windows', '11', 'windows'],
    ['Red Hat Enterprise Linux Server release 7.9 (Maipo)', 'Red Hat Enterprise Linux', '7.9', 'linux'],
    ['RHEL 8.6', 'Red Hat Enterprise Linux', '8.6', 'linux'],
    ['Ubuntu 22.04.3 LTS', 'Ubuntu', '22.04.3', 'linux'],
    ['Debian GNU/Linux 12 (bookworm)', 'Debian', '12', 'linux'],
    ['SUSE Linux Enterprise Server 15 SP4', 'SUSE Linux Enterprise Server', '15 SP4', 'linux'],
    ['Cisco IOS XE 17.6.4', 'Cisco IOS XE', '17.6.4', 'network'],
    ['macOS 14.2', 'macOS', '14.2', 'macos'],
  ])('%s', (input, name, version, family) => {
    expect(normaliseOs(input)).toEqual({ name, version, family });
  });

  it('keeps unknown systems as given', () => {
    expect(normaliseOs('PlantOS 3.1')).toEqual({ name: 'PlantOS 3.1', version: '3.1', family: 'other' });
    expect(normaliseOs('')).toBeNull();
  });

  it('tidies versions', () => {
    expect(normaliseOsVersion(' 15 sp4 ')).toBe('15 SP4');
    expect(normaliseOsVersion(10)).toBe('10');
  });
});
