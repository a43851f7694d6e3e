import { describe, expect, it } from 'vitest';
import { normaliseIp } from './normalise-ip.js';

describe('normaliseIp', () => {
  it('qualifies private addresses by the network they were seen on', () => {
    expect(normaliseIp('192.168.1.10', 'plant-a')?.key).toBe('plant-a/192.168.1.10');
    expect(normaliseIp('192.168.1.10', 'Plant-B')?.key).toBe('plant-b/192.168.1.10');
    expect(normaliseIp('10.0.0.1')?.key).toBe('?/10.0.0.1');
  });

  it('treats public addresses as global', () => {
    expect(normaliseIp('8.8.8.8', 'dc1')?.key).toBe('public/8.8.8.8');
  });

  it('removes leading zeros and prefix lengths', () => {
    expect(normaliseIp('010.001.002.003/24', 'x')?.address).toBe('10.1.2.3');
  });

  it('ignores addresses that identify nothing', () => {
    for (const bad of ['127.0.0.1', '0.0.0.0', '169.254.1.1', '224.0.0.5', '255.255.255.255', '172.17.0.1', '::1', '0:0:0:0:0:0:0:1', 'fe80::1%eth0', '300.1.1.1', 'host', undefined]) {
      expect(normaliseIp(bad, 'n')).toBeNull();
    }
  });

  it('handles IPv6 in every notation', () => {
    expect(normaliseIp('2A00:1450:4001:0:0:0:0:200E')?.key).toBe('public/2a00:1450:4001::200e');
    expect(normaliseIp('2a00:1450:4001::200e/64')?.key).toBe('public/2a00:1450:4001::200e');
    expect(normaliseIp('fd00:0:0:0:0:0:0:5', 'plant-a')?.key).toBe('plant-a/fd00::5');
  });

  it('keeps documentation ranges on their network (they are not on the Internet)', () => {
    expect(normaliseIp('192.0.2.10', 'lab')?.key).toBe('lab/192.0.2.10');
  });
});
