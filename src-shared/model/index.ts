export * from './asset-classes.js';
export * from './asset-fields.js';
export * from './lifecycle-stages.js';
export * from './observation.js';
export * from './relation-types.js';
export * from './source-kinds.js';
export * from './network-addressing.js';
export * from './match-thresholds.js';
