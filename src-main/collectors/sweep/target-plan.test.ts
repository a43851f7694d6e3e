import { describe, expect, it } from 'vitest';
import { TargetPlan, TargetSpecError } from './target-plan.js';

describe('TargetPlan', () => {
  it('expands single addresses, CIDR blocks and ranges, minus exclusions', () => {
    const plan = TargetPlan.parse({ include: ['10.0.0.5', '10.0.1.0/30', '10.0.2.10-12', '10.0.3.250-10.0.4.1'], exclude: ['10.0.2.11', '10.0.4.0/31'] });
    expect([...plan].map((t) => t.host)).toEqual(['10.0.0.5', '10.0.1.1', '10.0.1.2', '10.0.2.10', '10.0.2.12', '10.0.3.250', '10.0.3.251', '10.0.3.252', '10.0.3.253', '10.0.3.254', '10.0.3.255']);
    expect(plan.size).toBe(11);
    expect(plan.has('10.0.2.12')).toBe(true);
    expect(plan.has('10.0.2.11')).toBe(false);
  });

  it('crosses addresses with ports, address-major', () => {
    const plan = TargetPlan.parse({ include: ['127.0.0.1-2'], ports: [16100, 16101] });
    expect([...plan]).toEqual([
      { host: '127.0.0.1', port: 16100 },
      { host: '127.0.0.1', port: 16101 },
      { host: '127.0.0.2', port: 16100 },
      { host: '127.0.0.2', port: 16101 },
    ]);
  });

  it('merges overlaps and keeps a /16 plan lazy', () => {
    const plan = TargetPlan.parse({ include: ['10.1.0.0/16', '10.1.2.0/24'], exclude: ['10.1.255.0/24'] });
    expect(plan.size).toBe(65534 - 254);
    const it = plan[Symbol.iterator]();
    expect(it.next().value).toEqual({ host: '10.1.0.1', port: 161 });
  });

  it('rejects bad syntax and oversized plans with a typed reason', () => {
    expect(() => TargetPlan.parse({ include: ['10.0.0.300'] })).toThrow(TargetSpecError);
    expect(() => TargetPlan.parse({ include: ['example.com'] })).toThrow(/not an IPv4/);
    expect(() => TargetPlan.parse({ include: ['10.0.0.0/8'] })).toThrowError(expect.objectContaining({ reason: 'limit' }));
    expect(() => TargetPlan.parse({ include: ['10.0.0.9-3'] })).toThrow(TargetSpecError);
  });
});
