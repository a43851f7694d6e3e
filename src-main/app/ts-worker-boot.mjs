// Runs a TypeScript worker entry straight from source (development and tests) through tsx's loader.
// A built app never uses this file: its workers are bundled .mjs files next to the main bundle.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.__entry);
