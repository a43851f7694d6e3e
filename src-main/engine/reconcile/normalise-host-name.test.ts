import { describe, expect, it } from 'vitest';
import { normaliseFqdn, normaliseHostname } from './normalise-host-name.js';

describe('normaliseHostname / normaliseFqdn', () => {
  it('lower-cases and takes the first label as the hostname', () => {
    expect(normaliseHostname('WEB-01.Corp.Example.COM.')).toBe('web-01');
    expect(normaliseFqdn('WEB-01.Corp.Example.COM.')).toBe('web-01.corp.example.com');
    expect(normaliseHostname('web-01')).toBe('web-01');
  });

  it('drops a NetBIOS domain prefix', () => {
    expect(normaliseHostname('CORP\\WKS-0042')).toBe('wks-0042');
  });

  it('is not fooled by IPs, placeholders or short names posing as FQDNs', () => {
    expect(normaliseHostname('10.0.0.5')).toBeNull();
    expect(normaliseHostname('fe80::1')).toBeNull();
    expect(normaliseHostname('localhost')).toBeNull();
    expect(normaliseFqdn('localhost.localdomain')).toBeNull();
    expect(normaliseFqdn('web-01')).toBeNull();
    expect(normaliseHostname(42)).toBeNull();
  });
});
