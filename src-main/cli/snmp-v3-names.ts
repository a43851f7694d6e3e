// SNMPv3 security levels and protocol names as people type them, in any case and with or without
// dashes ("SHA", "sha-256", "AES128", "authpriv"), mapped onto the contract's values. An unknown or
// ambiguous name is refused with the accepted ones rather than guessed.
import { InvalidArgumentError } from 'commander';
import type { SnmpV3Settings } from '../../src-shared/api/discovery.js';

export type SnmpV3Level = SnmpV3Settings['level'];
export type SnmpV3AuthProtocol = NonNullable<SnmpV3Settings['authProtocol']>;
export type SnmpV3PrivProtocol = NonNullable<SnmpV3Settings['privProtocol']>;

// Each contract value with the other spellings that mean it. `Record` over the contract's union makes
// the compiler reject a missing or unknown value.
const LEVELS: Record<SnmpV3Level, readonly string[]> = { noAuthNoPriv: [], authNoPriv: [], authPriv: [] };
const AUTH_PROTOCOLS: Record<SnmpV3AuthProtocol, readonly string[]> = {
  sha: ['sha1'],
  sha224: [],
  sha256: [],
  sha384: [],
  sha512: [],
};
const PRIV_PROTOCOLS: Record<SnmpV3PrivProtocol, readonly string[]> = {
  aes: ['aes128', 'aescfb128'],
  aes256b: [],
  // Cisco's AES-256 extends the key the Reeder way; Net-SNMP's tools call that variant AES-256C.
  aes256r: ['aes256c'],
  des: ['des56', 'cbcdes'],
};
const AMBIGUOUS: Readonly<Record<string, string>> = {
  aes256: '"{input}" is ambiguous: use aes256b (Blumenthal key extension) or aes256r (Reeder key extension, as Cisco devices use).',
};

function normalise(name: string): string {
  return name.toLowerCase().replace(/[-_\s]/g, '');
}

function nameParser<T extends string>(table: Record<T, readonly string[]>, what: string): (input: string) => T {
  const lookup = new Map<string, T>();
  for (const [value, aliases] of Object.entries(table) as [T, readonly string[]][]) {
    for (const spelling of [value, ...aliases]) lookup.set(normalise(spelling), value);
  }
  return (input) => {
    const key = normalise(input);
    const value = lookup.get(key);
    if (value !== undefined) return value;
    const ambiguous = AMBIGUOUS[key];
    if (ambiguous) throw new InvalidArgumentError(ambiguous.replace('{input}', input));
    throw new InvalidArgumentError(`"${input}" is not an SNMPv3 ${what}; use one of: ${Object.keys(table).join(', ')} (any case).`);
  };
}

export const SNMP_V3_LEVEL_NAMES = Object.keys(LEVELS) as SnmpV3Level[];
export const SNMP_V3_AUTH_PROTOCOL_NAMES = Object.keys(AUTH_PROTOCOLS) as SnmpV3AuthProtocol[];
export const SNMP_V3_PRIV_PROTOCOL_NAMES = Object.keys(PRIV_PROTOCOLS) as SnmpV3PrivProtocol[];

export const parseSnmpV3Level = nameParser(LEVELS, 'security level');
export const parseSnmpV3AuthProtocol = nameParser(AUTH_PROTOCOLS, 'auth protocol');
export const parseSnmpV3PrivProtocol = nameParser(PRIV_PROTOCOLS, 'privacy protocol');
