import { describe, expect, it } from 'vitest';
import { doorFilterLabels } from './door-filter-labels.js';

describe('doorFilterLabels', () => {
  it('names each door filter once, with what clearing it removes', () => {
    const labels = doorFilterLabels({
      classes: ['server'],
      software: { name: 'FactoryTalk Linx', vendor: 'Rockwell Automation', version: '6.40.00' },
      site: '',
      lastSeenFrom: '2026-01-01T00:00:00.000Z',
      qualityFrom: 0.2,
      qualityBelow: 0.3,
      missingField: 'serial',
    });
    expect(labels.map((l) => l.key)).toEqual(['software', 'site', 'lastSeen', 'quality', 'missingField']);
    expect(labels[0]?.label).toBe('Software: FactoryTalk Linx (Rockwell Automation), 6.40.00');
    expect(labels[1]?.label).toBe('Site: No named network');
    expect(labels[2]?.label).toBe('Last seen since 2026-01-01 00:00 (UTC)');
    expect(labels[3]?.label).toBe('Quality ≥ 20 % and < 30 %');
    expect(labels[4]?.label).toContain('Missing: ');
    expect(labels[2]?.clear).toEqual({ lastSeenFrom: undefined, lastSeenBefore: undefined });
  });

  it('says when a product is asked for in any version or without one', () => {
    expect(doorFilterLabels({ software: { name: 'curl' } })[0]?.label).toBe('Software: curl, any version');
    expect(doorFilterLabels({ software: { name: 'curl', version: null } })[0]?.label).toBe('Software: curl, no version recorded');
    expect(doorFilterLabels({ classes: ['server'] })).toEqual([]);
  });
});
