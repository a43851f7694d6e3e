// The OT value lists' parsers: every spelling engineering documents use maps to one stored form,
// and anything else is refused (never guessed).
import { describe, expect, it } from 'vitest';
import { normaliseOtFieldValue, parseCriticality, parsePurdueLevel } from './ot-fields.js';
import { formatProtocolHints, parseOtProtocol, parseProtocolHint, protocolOfPort, readProtocolHints } from './ot-protocols.js';

describe('Purdue levels', () => {
  it('reads the usual spellings, 3.5 included', () => {
    const cases: [string | number, string][] = [
      [0, '0'],
      [3.5, '3.5'],
      ['3.5', '3.5'],
      ['3,5', '3.5'],
      ['L2', '2'],
      ['l 2', '2'],
      ['Level 3.5', '3.5'],
      ['level-4', '4'],
      ['2.0', '2'],
      ['DMZ', '3.5'],
      ['iDMZ', '3.5'],
      [' 5 ', '5'],
    ];
    for (const [input, stored] of cases) expect(parsePurdueLevel(input), String(input)).toBe(stored);
  });

  it('refuses levels that do not exist', () => {
    for (const input of [6, -1, 2.5, '1.5', 'L6', 'level', '', 'three', true, null]) expect(parsePurdueLevel(input as never), String(input)).toBeNull();
  });
});

describe('criticality and OT field values', () => {
  it('keeps one spelling of a criticality and refuses others', () => {
    expect(parseCriticality('CRITICAL')).toBe('critical');
    expect(parseCriticality(' Medium ')).toBe('medium');
    expect(parseCriticality('urgent')).toBeNull();
    expect(normaliseOtFieldValue('criticality', 'High')).toEqual({ value: 'high' });
    expect(normaliseOtFieldValue('purdue_level', 'x')).toEqual({ problem: expect.stringContaining('got "x"') });
    expect(normaliseOtFieldValue('zone', ' Z-1 ')).toEqual({ value: 'Z-1' });
    expect(normaliseOtFieldValue('vendor', 'anything')).toEqual({ value: 'anything' });
  });
});

describe('protocol hints', () => {
  it('reads protocol names and ports as written in documents', () => {
    expect(parseOtProtocol('Modbus TCP')).toBe('modbus');
    expect(parseOtProtocol('BACnet/IP')).toBe('bacnet');
    expect(parseOtProtocol('OPC-UA')).toBe('opcua');
    expect(parseOtProtocol('Profinet')).toBeNull();
    expect(parseProtocolHint('opcua:4841', null)).toEqual({ protocol: 'opcua', port: 4841 });
    expect(parseProtocolHint('modbus', 5020)).toEqual({ protocol: 'modbus', port: 5020 });
    expect(parseProtocolHint('bacnet', null)).toEqual({ protocol: 'bacnet', port: 47808 });
    expect(parseProtocolHint('modbus:0', null)).toEqual({ problem: expect.stringContaining('from 1 to 65535') });
    expect(protocolOfPort(4840)).toBe('opcua');
    expect(protocolOfPort(8080)).toBeNull();
  });

  it('writes one sorted entry per protocol and reads it back', () => {
    const text = formatProtocolHints([
      { protocol: 'snmp', port: 161 },
      { protocol: 'modbus', port: 502 },
      { protocol: 'modbus', port: 5020 },
    ]);
    expect(text).toBe('modbus:502;snmp:161');
    expect(readProtocolHints(text)).toEqual([
      { protocol: 'modbus', port: 502 },
      { protocol: 'snmp', port: 161 },
    ]);
    expect(readProtocolHints('modbus:502; nonsense ;opcua')).toEqual([
      { protocol: 'modbus', port: 502 },
      { protocol: 'opcua', port: 4840 },
    ]);
  });
});
