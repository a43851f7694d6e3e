import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, stableStringify } from './stable-hash.js';

describe('canonicalJson', () => {
  it('writes exactly what stableStringify writes, for any JSON value', () => {
    // (stableStringify rebuilds objects by assignment, which turns an own "__proto__" key into a prototype.)
    const json = fc.jsonValue().filter((v) => !JSON.stringify(v).includes('"__proto__"'));
    fc.assert(fc.property(json, (value) => canonicalJson(value) === stableStringify(value)));
  });

  it('drops undefined members and sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: undefined }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"y":2}]},"b":1}');
  });
});
