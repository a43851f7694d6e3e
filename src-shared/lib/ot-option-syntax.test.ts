import { describe, expect, it } from 'vitest';
import { MODBUS_TABLES, type ModbusTable } from '../api/discovery-protocols.js';
import {
  formatInstanceRange,
  formatRegisterRange,
  MODBUS_TABLE_SHORT_NAMES,
  parseHostAndPort,
  parseInstanceRange,
  parseNumberList,
  parseRegisterRange,
} from './ot-option-syntax.js';

describe('OT option syntax', () => {
  it('knows every Modbus table of the contract by a short name', () => {
    const names: Record<ModbusTable, string> = MODBUS_TABLE_SHORT_NAMES;
    expect(Object.keys(names)).toEqual([...MODBUS_TABLES]);
  });

  it('reads back what it writes', () => {
    for (const text of ['holding:0:100', 'input:30000:10:a:b', 'coils:5:16', 'discrete:0:8:alarms']) {
      const parsed = parseRegisterRange(text);
      expect(parsed.ok && formatRegisterRange(parsed.value)).toBe(text);
    }
    for (const text of ['0-4194303', '1200']) {
      const parsed = parseInstanceRange(text);
      expect(parsed.ok && formatInstanceRange(parsed.value)).toBe(text);
    }
  });

  it('says what is wrong and how to write it', () => {
    expect(parseRegisterRange('holding:0')).toEqual({ ok: false, error: expect.stringContaining('write table:start:count[:label]') });
    expect(parseNumberList('1,x', 0, 255, 'unit id')).toEqual({ ok: false, error: '"x" is not a valid unit id; use a whole number from 0 to 255.' });
    expect(parseNumberList(' none ', 0, 65535, 'address', { allowNone: true })).toEqual({ ok: true, value: [] });
    expect(parseHostAndPort('a b')).toEqual({ ok: false, error: expect.stringContaining('is not host[:port]') });
  });
});
