import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { naturalKeyOf } from '../../engine/reconcile/index.js';
import { naiveMac } from '../naive-union.js';
import { fixtureCaseAsEstate, REAL_DEVICE_CASES } from './index.js';

const doc = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../../docs/real-device-behaviours.md'), 'utf8');

describe('real-device fixture', () => {
  it('has 30+ cases with unique ids, each documented', () => {
    expect(REAL_DEVICE_CASES.length).toBeGreaterThanOrEqual(30);
    const ids = REAL_DEVICE_CASES.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(doc, id).toContain(`\`${id}\``);
  });

  it('labels every record and keeps natural keys unique within a case', () => {
    for (const c of REAL_DEVICE_CASES) {
      const estate = fixtureCaseAsEstate(c);
      expect(estate.observations.length, c.id).toBeGreaterThanOrEqual(2);
      for (const o of estate.observations) expect(estate.truth.has(naturalKeyOf(o.sourceId, o.observation.nativeKey)), `${c.id} ${o.observation.nativeKey}`).toBe(true);
      expect(estate.truth.size, c.id).toBe(estate.observations.length);
    }
  });

  it('says where each behaviour comes from and what the right answer is', () => {
    for (const c of REAL_DEVICE_CASES) {
      expect(c.behaviour.length, c.id).toBeGreaterThan(20);
      expect(c.expected.length, c.id).toBeGreaterThan(5);
      if (c.references.length === 0) expect(c.noReferenceBecause, c.id).toBeTruthy();
      for (const r of c.references) expect(r.url, c.id).toMatch(/^https?:\/\//);
    }
  });

  it('declares every network it uses, writes valid MACs, and keeps one kind per source', () => {
    const kindOfSource = new Map<string, string>();
    for (const c of REAL_DEVICE_CASES) {
      for (const r of c.records) {
        expect(kindOfSource.get(r.source) ?? r.kind, `${c.id} ${r.source}`).toBe(r.kind);
        kindOfSource.set(r.source, r.kind);
        for (const [, mac, , network] of r.nics ?? []) {
          if (mac) expect(naiveMac(mac), `${c.id} ${mac}`).not.toBeNull();
          if (network) expect(c.networks[network], `${c.id} ${network}`).toBeDefined();
        }
      }
    }
  });

  it('has both kinds of answer: cases that must merge and cases that must stay apart', () => {
    const entitiesPerCase = REAL_DEVICE_CASES.map((c) => ({ records: c.records.length, entities: new Set(c.records.map((r) => r.entity)).size }));
    expect(entitiesPerCase.filter((c) => c.entities === 1).length).toBeGreaterThanOrEqual(8);
    expect(entitiesPerCase.filter((c) => c.entities === c.records).length).toBeGreaterThanOrEqual(8);
  });
});
