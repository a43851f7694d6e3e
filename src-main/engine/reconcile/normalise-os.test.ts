import { describe, expect, it } from 'vitest';
import { normaliseOs, normaliseOsVersion } from './normalise-os.js';

describe('normaliseOs', () => {
  it.each([
    ['Microsoft Windows Server 2019 Standard', 'Windows Server', '2019', 'Standard', 'windows'],
    ['Windows Server 2022 Datacenter', 'Windows Server', '2022', 'Datacenter', 'windows'],
    ['Windows 11 Pro', 'Windows', '11', 'Pro', 'windows'],
    ['Windows 11 Enterprise', 'Windows', '11', 'Enterprise', 'windows'],
    ['Microsoft Windows 10 Enterprise LTSC', 'Windows', '10', 'Enterprise LTSC', 'windows'],
    ['Red Hat Enterprise Linux Server release 7.9 (Maipo)', 'Red Hat Enterprise Linux', '7.9', null, 'linux'],
    ['RHEL 8.6', 'Red Hat Enterprise Linux', '8.6', null, 'linux'],
    ['Ubuntu 22.04.3 LTS', 'Ubuntu', '22.04.3', 'LTS', 'linux'],
    ['Debian GNU/Linux 12 (bookworm)', 'Debian', '12', null, 'linux'],
    ['SUSE Linux Enterprise Server 15 SP4', 'SUSE Linux Enterprise Server', '15 SP4', null, 'linux'],
    ['Cisco IOS XE 17.6.4', 'Cisco IOS XE', '17.6.4', null, 'network'],
    ['macOS 14.2', 'macOS', '14.2', null, 'macos'],
  ])('%s', (input, name, version, edition, family) => {
    expect(normaliseOs(input)).toEqual({ name, version, edition, family });
  });

  it('keeps unknown systems as given', () => {
    expect(normaliseOs('PlantOS 3.1')).toEqual({ name: 'PlantOS 3.1', version: '3.1', edition: null, family: 'other' });
    expect(normaliseOs('')).toBeNull();
  });

  it('tidies versions', () => {
    expect(normaliseOsVersion(' 15 sp4 ')).toBe('15 SP4');
    expect(normaliseOsVersion(10)).toBe('10');
  });
});
