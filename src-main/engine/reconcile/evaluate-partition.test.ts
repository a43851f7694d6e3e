import { describe, expect, it } from 'vitest';
import { evaluatePartition } from './evaluate-partition.js';
import { naturalKeyOf } from './sourced-observation.js';

const k = (source: string, native: string): string => naturalKeyOf(source, native);
const A = k('s1', 'a');
const B = k('s1', 'b');
const C = k('s2', 'c');
const D = k('s2', 'd');
const E = k('s3', 'e');
const F = k('s3', 'f');
const G = k('s3', 'g');

// Truth: E1 = {a, b, c}, E2 = {d, e}, E3 = {f}; g is unlabelled.
// Prediction: C1 = {a, b, g}, C2 = {c, d}, C3 = {e}; f is not assigned.
const truth = new Map([
  [A, 'E1'],
  [B, 'E1'],
  [C, 'E1'],
  [D, 'E2'],
  [E, 'E2'],
  [F, 'E3'],
]);
const assignment = new Map([
  [A, 'C1'],
  [B, 'C1'],
  [G, 'C1'],
  [C, 'C2'],
  [D, 'C2'],
  [E, 'C3'],
]);

describe('evaluatePartition', () => {
  const result = evaluatePartition(assignment, truth);

  it('counts pairs only over keys that are both assigned and labelled', () => {
    expect(result.evaluatedKeys).toBe(5);
    expect(result.unassignedLabelledKeys).toBe(1);
    expect(result.predictedClusters).toBe(3);
    expect(result.trueEntities).toBe(2);
    // Predicted pairs: {a,b} in C1 and {c,d} in C2; only {a,b} is right.
    expect(result.predictedPairs).toBe(2);
    expect(result.correctPairs).toBe(1);
    // True pairs: three in E1, one in E2.
    expect(result.truePairs).toBe(4);
    expect(result.precision).toBe(0.5);
    expect(result.recall).toBe(0.25);
    expect(result.f1).toBeCloseTo(1 / 3, 10);
    // E1 and E2 are both split, so no entity is exactly one cluster.
    expect(result.exactEntities).toBe(0);
  });

  it('lists false merges with their members, grouped by truth label', () => {
    expect(result.falseMergeClusters).toBe(1);
    expect(result.falseMerges).toEqual([
      {
        clusterId: 'C2',
        size: 2,
        wrongPairs: 1,
        parts: [
          { label: 'E1', members: [{ key: C, sourceId: 's2', nativeKey: 'c' }] },
          { label: 'E2', members: [{ key: D, sourceId: 's2', nativeKey: 'd' }] },
        ],
      },
    ]);
  });

  it('lists missed merges, the most missed pairs first', () => {
    expect(result.missedMergeEntities).toBe(2);
    expect(result.missedMerges.map((m) => [m.label, m.size, m.missedPairs])).toEqual([
      ['E1', 3, 2],
      ['E2', 2, 1],
    ]);
    expect(result.missedMerges[0]?.parts.map((p) => [p.clusterId, p.members.map((m) => m.nativeKey)])).toEqual([
      ['C1', ['a', 'b']],
      ['C2', ['c']],
    ]);
  });

  it('splits the errors by the pair of sources involved', () => {
    expect(result.bySourcePair).toEqual([
      { sources: ['s1', 's2'], falsePairs: 0, missedPairs: 2 },
      { sources: ['s2', 's2'], falsePairs: 1, missedPairs: 0 },
      { sources: ['s2', 's3'], falsePairs: 0, missedPairs: 1 },
    ]);
  });

  it('is perfect on the truth itself and on empty input', () => {
    const perfect = evaluatePartition(truth, truth);
    expect([perfect.precision, perfect.recall, perfect.f1]).toEqual([1, 1, 1]);
    expect(perfect.exactEntities).toBe(3);
    expect(perfect.falseMerges).toEqual([]);
    expect(perfect.missedMerges).toEqual([]);
    const empty = evaluatePartition(new Map(), new Map());
    expect([empty.precision, empty.recall, empty.evaluatedKeys]).toEqual([1, 1, 0]);
  });

  it('puts everything in one cluster: recall 1, precision = true pairs / all pairs', () => {
    const lumped = evaluatePartition(new Map([...truth.keys()].map((key) => [key, 'X'])), truth);
    // Six keys, 15 pairs; true pairs 3 + 1 + 0 = 4.
    expect(lumped.predictedPairs).toBe(15);
    expect(lumped.recall).toBe(1);
    expect(lumped.precision).toBeCloseTo(4 / 15, 10);
    expect(lumped.falseMerges[0]?.wrongPairs).toBe(11);
    expect(lumped.exactEntities).toBe(0);
  });

  it('keeps only the requested number of examples', () => {
    expect(evaluatePartition(assignment, truth, { maxExamples: 1 }).missedMerges).toHaveLength(1);
  });
});
