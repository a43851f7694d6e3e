import { describe, expect, it } from 'vitest';
import { describeAction, describeFieldChange, parseTagsInput } from './bulk-describe.js';

describe('describeFieldChange', () => {
  it('says how many change, from what to what, and how many are already so', () => {
    const line = describeFieldChange({
      field: 'lifecycleStage',
      to: 'retired',
      changing: 312,
      from: [
        { value: 'deployed', count: 300 },
        { value: null, count: 12 },
      ],
      fromOther: 0,
      unchanged: 12,
    });
    expect(line).toBe('312 assets: lifecycle stage → Retired (from Deployed 300, none 12); 12 already Retired are unchanged');
  });

  it('speaks of a removed tag as removed and of assets without it', () => {
    const line = describeFieldChange({ field: 'tag:rack', to: null, changing: 1, from: [{ value: 'A12', count: 1 }], fromOther: 0, unchanged: 4 });
    expect(line).toBe('1 asset: tag “rack” → removed (from “A12” 1); 4 without it are unchanged');
  });
});

describe('describeAction', () => {
  it('names the action and its values', () => {
    expect(describeAction({ kind: 'add_tags', tags: [{ key: 'rack', value: 'A12' }] })).toBe('add tag rack = A12');
    expect(describeAction({ kind: 'set_lifecycle_stage', stage: null })).toBe('set lifecycle stage to none');
  });
});

describe('parseTagsInput', () => {
  it('reads key=value and bare keys split by commas or lines', () => {
    expect(parseTagsInput('rack = A12, audited\nzone=hall 2')).toEqual({
      tags: [
        { key: 'rack', value: 'A12' },
        { key: 'audited', value: '' },
        { key: 'zone', value: 'hall 2' },
      ],
    });
  });
  it('names the part without a key', () => {
    expect(parseTagsInput('rack=A1, =x')).toEqual({ error: '“=x” has no key before “=”.' });
    expect(parseTagsInput('  ')).toMatchObject({ error: expect.stringContaining('at least one tag') });
  });
});
