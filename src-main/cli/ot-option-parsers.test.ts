import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { hostAndPort, instanceRanges, nameList, numberIn, numberList, registerRanges } from './ot-option-parsers.js';

describe('OT option parsers', () => {
  it('numberList takes commas and repeats, drops duplicates, and names the bad entry', () => {
    const unitIds = numberList(0, 255, 'unit id');
    expect(unitIds('3', unitIds('1,2', undefined))).toEqual([1, 2, 3]);
    expect(unitIds('1, 1', undefined)).toEqual([1]);
    expect(() => unitIds('1,256', undefined)).toThrow(new InvalidArgumentError('"256" is not a valid unit id; use a whole number from 0 to 255.'));
    expect(() => unitIds('1,,2', undefined)).toThrow('is not a list of unit ids');
    expect(() => unitIds('none', undefined)).toThrow(InvalidArgumentError);
    const addresses = numberList(0, 65535, 'register address', { allowNone: true });
    expect(addresses('none', undefined)).toEqual([]);
    expect(addresses('OFF', undefined)).toEqual([]);
  });

  it('numberIn keeps to its bounds', () => {
    expect(numberIn(200, 60_000, 'wait in ms')('3000')).toBe(3000);
    for (const bad of ['199', '60001', '1.5', '-3', 'x', '']) expect(() => numberIn(200, 60_000, 'wait in ms')(bad)).toThrow(InvalidArgumentError);
  });

  it('nameList collects names; "none" is the empty list', () => {
    const profiles = nameList('profile id');
    expect(profiles('my-plc', profiles('auto', undefined))).toEqual(['auto', 'my-plc']);
    expect(profiles('none', undefined)).toEqual([]);
    expect(() => profiles('auto,', undefined)).toThrow('is not a list of profile ids');
  });

  it('registerRanges reads table:start:count[:label] with short table names, labels may hold colons', () => {
    const ranges = registerRanges('input:30000:10:a:b', registerRanges('holding:0:100', undefined));
    expect(ranges).toEqual([
      { table: 'holding_registers', start: 0, count: 100 },
      { table: 'input_registers', start: 30000, count: 10, label: 'a:b' },
    ]);
    expect(registerRanges('Coils:5:16', undefined)).toEqual([{ table: 'coils', start: 5, count: 16 }]);
    expect(registerRanges('discrete_inputs:0:8', undefined)[0]?.table).toBe('discrete_inputs');
    expect(() => registerRanges('holding:0', undefined)).toThrow('is not a register range; write table:start:count[:label]');
    expect(() => registerRanges('eeprom:0:10', undefined)).toThrow('"eeprom" is not a Modbus table');
    expect(() => registerRanges('holding:0:0', undefined)).toThrow('"0" is not a valid register count');
    expect(() => registerRanges('holding:65530:10', undefined)).toThrow('runs past the last address');
  });

  it('instanceRanges reads low-high or one instance, in order', () => {
    expect(instanceRanges('1200', instanceRanges('0-4194303', undefined))).toEqual([
      { low: 0, high: 4_194_303 },
      { low: 1200, high: 1200 },
    ]);
    expect(() => instanceRanges('10-5', undefined)).toThrow('ends before it starts');
    expect(() => instanceRanges('0-4194304', undefined)).toThrow('"4194304" is not a valid device instance');
    expect(() => instanceRanges('a-b', undefined)).toThrow('is not a device instance range');
  });

  it('hostAndPort reads host, host:port and [v6]:port', () => {
    expect(hostAndPort('10.20.0.1')).toEqual({ host: '10.20.0.1' });
    expect(hostAndPort('bbmd.plant:47809')).toEqual({ host: 'bbmd.plant', port: 47809 });
    expect(hostAndPort('[fd00::1]:47808')).toEqual({ host: 'fd00::1', port: 47808 });
    expect(hostAndPort('fd00::1')).toEqual({ host: 'fd00::1' });
    expect(() => hostAndPort('10.0.0.1:0')).toThrow('"0" is not a valid port');
    expect(() => hostAndPort('')).toThrow('is not host[:port]');
  });
});
