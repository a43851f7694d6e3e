// The command the empty inventory suggests (and the README repeats) works as written, run from the
// repository's folder: the same arguments, with the example file resolved from the repository.
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXAMPLE_IMPORT_ARGS, EXAMPLE_IMPORT_COMMAND } from '../../src-shared/model/example-import.js';
import { cliRunner } from '../test-support/cli-runner.js';
import { createTempDir, type TempDir } from '../test-support/temp-dir.js';

const REPOSITORY = fileURLToPath(new URL('../../', import.meta.url));

describe('the example import command', () => {
  let dir: TempDir;
  beforeEach(async () => {
    dir = await createTempDir('fieldwise-example-import-');
  });
  afterEach(async () => {
    await dir.remove();
  });
  const cli = cliRunner(() => dir.file('data'));

  it('imports the example servers file as printed in the hint', async () => {
    expect(EXAMPLE_IMPORT_COMMAND).toBe('fieldwise import examples/servers.csv --kind servers_cache');
    const args = EXAMPLE_IMPORT_ARGS.map((arg) => (arg.startsWith('examples/') ? `${REPOSITORY}${arg}` : arg));
    const imported = await cli(...args);
    expect(imported.err).not.toContain('fieldwise:');
    expect(imported.code).toBe(0);
    expect(imported.out).toMatch(/^Imported servers\.csv: 12 read, 12 created/);
  });
});
