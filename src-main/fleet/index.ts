// Synthetic fleets with ground truth, for reconciliation tests and benchmarks.
export * from './generate-fleet.js';
export * from './measure-pairwise-accuracy.js';
export * from '../../src-shared/lib/mulberry32.js';
