import { describe, expect, it } from 'vitest';
import { normaliseSerial } from './normalise-serial.js';

describe('normaliseSerial', () => {
  it('ignores case and whitespace', () => {
    expect(normaliseSerial(' cz3 4abc ')).toBe('CZ34ABC');
    expect(normaliseSerial('VMware-42 1a 2b')).toBe('VMWARE-421A2B');
  });

  it.each(['To be filled by O.E.M.', 'to be filled by o.e.m.', '0', 'N/A', 'Default string', 'System Serial Number', 'None', '123456789', '00000000', 'XXXXXXXX', '', '   ', 'Not Specified'])(
    'treats placeholder %j as absent',
    (input) => {
      expect(normaliseSerial(input)).toBeNull();
    },
  );

  it('keeps numeric serials', () => {
    expect(normaliseSerial(482913)).toBe('482913');
    expect(normaliseSerial(null)).toBeNull();
  });
});
