import { describe, expect, it } from 'vitest';
import { isPerMachineMac, normaliseMac } from './normalise-mac.js';

describe('normaliseMac', () => {
  it.each(['00:11:22:33:44:55', '00-11-22-33-44-55', '0011.2233.4455', '001122334455', ' 00:11:22:33:44:55 ', '00:11:22:33:44:55'.toUpperCase()])(
    'reads %s',
    (input) => {
      expect(normaliseMac(input)).toEqual({ mac: '00:11:22:33:44:55', kind: 'universal', platform: null });
    },
  );

  it.each([
    ['00:50:56:aa:bb:cc', 'VMware'],
    ['00:0C:29:aa:bb:cc', 'VMware'],
    ['00:05:69:aa:bb:cc', 'VMware'],
    ['00:15:5d:01:02:03', 'Hyper-V'],
    ['08:00:27:01:02:03', 'VirtualBox'],
    ['52:54:00:01:02:03', 'KVM/QEMU'],
    ['02:42:ac:11:00:02', 'Docker'],
    ['00:16:3e:01:02:03', 'Xen'],
  ])('flags %s as a %s virtual MAC', (input, platform) => {
    expect(normaliseMac(input)).toMatchObject({ kind: 'virtual', platform });
  });

  it('flags locally administered addresses', () => {
    expect(normaliseMac('0a:1b:2c:3d:4e:5f')?.kind).toBe('locally_administered');
    expect(normaliseMac('06:00:00:00:00:01')?.kind).toBe('locally_administered');
  });

  it('rejects garbage, zero, broadcast and multicast addresses', () => {
    for (const bad of ['', 'zz:11:22:33:44:55', '00:11:22:33:44', '00:00:00:00:00:00', 'ff:ff:ff:ff:ff:ff', '01:00:5e:00:00:01', undefined, null]) {
      expect(normaliseMac(bad)).toBeNull();
    }
  });

  it('treats hypervisor MACs as per-machine and container MACs as shared', () => {
    expect(isPerMachineMac(normaliseMac('00:50:56:aa:bb:cc')!)).toBe(true);
    expect(isPerMachineMac(normaliseMac('02:42:ac:11:00:02')!)).toBe(false);
    expect(isPerMachineMac(normaliseMac('0a:1b:2c:3d:4e:5f')!)).toBe(false);
  });
});
