import { describe, expect, it } from 'vitest';
import type { ObservationInput } from '../../src-shared/model/index.js';
import { derivePrimaryIp } from './derive-primary-ip.js';

function observation(partial: Partial<ObservationInput>): ObservationInput {
  return { nativeKey: 'k', observedAt: '2026-01-01T00:00:00.000Z', assetClass: 'server', fields: {}, interfaces: [], software: [], tags: {}, relations: [], raw: null, ...partial };
}

describe('derivePrimaryIp', () => {
  it('keeps an explicit primary IP', () => {
    expect(derivePrimaryIp(observation({ fields: { primary_ip: '10.0.0.9' }, interfaces: [{ ips: [{ address: '10.0.0.1' }] }] }))).toBe('10.0.0.9');
  });
  it('takes the first usable IPv4 address across interfaces', () => {
    const o = observation({ interfaces: [{ ips: [{ address: '127.0.0.1' }, { address: 'fe80::1' }] }, { ips: [{ address: '2001:db8::5' }, { address: '10.1.2.3' }] }] });
    expect(derivePrimaryIp(o)).toBe('10.1.2.3');
  });
  it('falls back to IPv6 and to null', () => {
    expect(derivePrimaryIp(observation({ interfaces: [{ ips: [{ address: '2001:db8::5' }] }] }))).toBe('2001:db8::5');
    expect(derivePrimaryIp(observation({ interfaces: [{ ips: [{ address: '169.254.1.1' }] }] }))).toBeNull();
  });
});
