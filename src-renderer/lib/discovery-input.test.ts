import { describe, expect, it } from 'vitest';
import { moveItem, parsePorts, parseTargetList } from './discovery-input.js';

describe('parseTargetList', () => {
  it('accepts one entry per line, commas and spaces, and drops comments and duplicates', () => {
    expect(parseTargetList('10.0.0.0/24\n10.0.1.5, 10.0.1.6  # core\n\n# only a comment\n10.0.2.10-20\n10.0.1.5')).toEqual([
      '10.0.0.0/24',
      '10.0.1.5',
      '10.0.1.6',
      '10.0.2.10-20',
    ]);
  });
  it('gives an empty list for blank text', () => {
    expect(parseTargetList('  \n ')).toEqual([]);
  });
});

describe('parsePorts', () => {
  it('reads a list of ports', () => {
    expect(parsePorts('161, 1161 161')).toEqual({ ports: [161, 1161], error: null });
  });
  it('names the entry that is not a port', () => {
    expect(parsePorts('161, 70000').error).toContain('70000');
    expect(parsePorts('16x').error).toContain('16x');
    expect(parsePorts('').error).toContain('161');
  });
});

describe('moveItem', () => {
  it('moves up and down and ignores moves past the ends', () => {
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
  });
});
