import { describe, expect, it } from 'vitest';
import type { StewardshipSide } from '../../src-shared/api/reconciliation.js';
import { compareSides, keyIdentifiers, sideName } from './stewardship-compare.js';

function side(fields: StewardshipSide['fields'], macs: string[] = [], ips: string[] = []): StewardshipSide {
  return {
    member: {
      sourceId: 's1',
      nativeKey: 'k1',
      sourceName: 'cmdb',
      sourceKind: 'servers_cache',
      observationId: 'o1',
      observedAt: '2025-01-01T00:00:00Z',
      contentHash: 'h',
    },
    asset: null,
    fields,
    macs,
    ips,
  };
}

describe('compareSides', () => {
  it('aligns fields row by row and says how each pair compares', () => {
    const rows = compareSides(
      side([
        { field: 'hostname', value: 'web-1' },
        { field: 'vendor', value: 'Dell' },
        { field: 'serial', value: 'A1' },
      ], ['aa:bb:cc:dd:ee:01']),
      side([
        { field: 'hostname', value: 'WEB-1' },
        { field: 'vendor', value: 'HPE' },
        { field: 'os_name', value: 'Linux' },
      ], ['aa:bb:cc:dd:ee:01']),
    );
    expect(rows.map((r) => [r.key, r.state])).toEqual([
      ['hostname', 'same'],
      ['vendor', 'different'],
      ['serial', 'left_only'],
      ['os_name', 'right_only'],
      ['macs', 'same'],
    ]);
  });

  it('names a record and lists the identifiers people know it by', () => {
    const s = side([{ field: 'hostname', value: 'plc-7' }, { field: 'serial', value: 'S-9' }], [], ['10.0.0.7']);
    expect(sideName(s)).toBe('plc-7');
    expect(keyIdentifiers(s)).toEqual(['plc-7', 'S-9', '10.0.0.7']);
    expect(sideName(side([]))).toBe('k1');
  });
});
