// Test support, not a test: a fresh temporary folder per test (a data dir, a place for generated
// import files), removed afterwards, so every test works on real files without sharing state.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempDir {
  readonly path: string;
  /** A path inside the folder. */
  file(...parts: string[]): string;
  remove(): Promise<void>;
}

export async function createTempDir(prefix = 'fieldwise-test-'): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return {
    path,
    file: (...parts) => join(path, ...parts),
    remove: () => rm(path, { recursive: true, force: true }),
  };
}
