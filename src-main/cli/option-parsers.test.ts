import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { choice, choices, port, ports, wholeNumber } from './option-parsers.js';

describe('option parsers', () => {
  it('choice takes the exact spelling, then any case, and names the accepted values otherwise', () => {
    const sort = choice(['name', 'lastSeen'] as const, 'sort field');
    expect(sort('lastSeen')).toBe('lastSeen');
    expect(sort('LASTSEEN')).toBe('lastSeen');
    expect(() => sort('colour')).toThrow(new InvalidArgumentError('"colour" is not a valid sort field; use one of: name, lastSeen.'));
  });

  it('choices and ports collect repeated values', () => {
    const classes = choices(['server', 'plc'] as const, 'asset class');
    expect(classes('PLC', classes('server', undefined))).toEqual(['server', 'plc']);
    expect(ports('1161', ports('161', undefined))).toEqual([161, 1161]);
  });

  it('numbers must be whole, ports 1-65535', () => {
    expect(wholeNumber('0')).toBe(0);
    for (const bad of ['', ' ', '-1', '1.5', 'x']) expect(() => wholeNumber(bad)).toThrow(InvalidArgumentError);
    expect(() => port('0')).toThrow('is not a port');
    expect(() => port('65536')).toThrow('is not a port');
  });
});
