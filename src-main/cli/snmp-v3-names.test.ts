// SNMPv3 names as people type them map onto the contract's values; unknown and ambiguous ones are
// refused with the accepted names.
import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { SNMP_V3_AUTH_PROTOCOLS, SNMP_V3_LEVELS, SNMP_V3_PRIV_PROTOCOLS } from '../../src-shared/api/discovery.js';
import {
  parseSnmpV3AuthProtocol,
  parseSnmpV3Level,
  parseSnmpV3PrivProtocol,
  SNMP_V3_AUTH_PROTOCOL_NAMES,
  SNMP_V3_LEVEL_NAMES,
  SNMP_V3_PRIV_PROTOCOL_NAMES,
} from './snmp-v3-names.js';

describe('SNMPv3 names', () => {
  it('accepts exactly the contract values, in its order', () => {
    expect(SNMP_V3_LEVEL_NAMES).toEqual([...SNMP_V3_LEVELS]);
    expect(SNMP_V3_AUTH_PROTOCOL_NAMES).toEqual([...SNMP_V3_AUTH_PROTOCOLS]);
    expect(SNMP_V3_PRIV_PROTOCOL_NAMES).toEqual([...SNMP_V3_PRIV_PROTOCOLS]);
    for (const value of SNMP_V3_AUTH_PROTOCOLS) expect(parseSnmpV3AuthProtocol(value)).toBe(value);
    for (const value of SNMP_V3_PRIV_PROTOCOLS) expect(parseSnmpV3PrivProtocol(value)).toBe(value);
    for (const value of SNMP_V3_LEVELS) expect(parseSnmpV3Level(value)).toBe(value);
  });

  it.each([
    ['SHA', 'sha'],
    ['sha', 'sha'],
    ['SHA1', 'sha'],
    ['SHA-1', 'sha'],
    ['SHA256', 'sha256'],
    ['sha-256', 'sha256'],
    ['Sha_512', 'sha512'],
  ])('auth protocol %s → %s', (input, expected) => {
    expect(parseSnmpV3AuthProtocol(input)).toBe(expected);
  });

  it.each([
    ['AES', 'aes'],
    ['aes', 'aes'],
    ['aes128', 'aes'],
    ['AES-128', 'aes'],
    ['AES256B', 'aes256b'],
    ['aes-256-r', 'aes256r'],
    ['AES256C', 'aes256r'],
    ['DES', 'des'],
  ])('privacy protocol %s → %s', (input, expected) => {
    expect(parseSnmpV3PrivProtocol(input)).toBe(expected);
  });

  it.each([
    ['authpriv', 'authPriv'],
    ['AUTHNOPRIV', 'authNoPriv'],
    ['noAuthNoPriv', 'noAuthNoPriv'],
  ])('level %s → %s', (input, expected) => {
    expect(parseSnmpV3Level(input)).toBe(expected);
  });

  it('refuses unknown names with the accepted ones, and ambiguous ones with the choice', () => {
    expect(() => parseSnmpV3AuthProtocol('MD5')).toThrow(InvalidArgumentError);
    expect(() => parseSnmpV3AuthProtocol('MD5')).toThrow('"MD5" is not an SNMPv3 auth protocol; use one of: sha, sha224, sha256, sha384, sha512 (any case).');
    expect(() => parseSnmpV3PrivProtocol('3des')).toThrow('use one of: aes, aes256b, aes256r, des');
    expect(() => parseSnmpV3PrivProtocol('AES256')).toThrow(/"AES256" is ambiguous: use aes256b .* or aes256r/);
    expect(() => parseSnmpV3Level('auth')).toThrow('use one of: noAuthNoPriv, authNoPriv, authPriv');
  });
});
