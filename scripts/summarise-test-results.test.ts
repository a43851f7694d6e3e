// The closing line of `npm test` counts tests only: a test file that fails outside its tests (an
// import that throws) is reported on a line of its own, not added to the failed tests. The reports
// are real: Vitest runs a small fixture project (two passing tests, one failing, one skipped, and a
// file that throws when loaded) and writes its JSON report, which the script then reads as test.sh
// runs it.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDir, type TempDir } from '../src-main/test-support/temp-dir.js';

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('./summarise-test-results.mjs', import.meta.url));
const VITEST = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));

let dir: TempDir;

beforeAll(async () => {
  dir = await createTempDir('fieldwise-summary-');
  await writeFile(dir.file('package.json'), '{"type":"module"}\n');
  await writeFile(
    dir.file('counts.test.js'),
    [
      "it('passes', () => {});",
      "it('passes too', () => {});",
      "it('fails', () => { throw new Error('expected failure'); });",
      "it.skip('is skipped', () => {});",
      '',
    ].join('\n'),
  );
  await writeFile(dir.file('broken.test.js'), "throw new Error('cannot load this file');\nit('never runs', () => {});\n");
  await run(process.execPath, [VITEST, 'run', '--root', dir.path, '--globals', '--reporter=json', `--outputFile.json=${dir.file('unit.json')}`], {
    cwd: dir.path,
  }).catch(() => undefined); // Vitest exits non-zero: the fixture fails on purpose.
}, 120_000);

afterAll(async () => {
  await dir?.remove();
});

describe('summarise-test-results', () => {
  it('counts tests only and reports a file that failed outside its tests separately', async () => {
    const { stdout } = await run(process.execPath, [SCRIPT, dir.file('unit.json')], { cwd: dir.path });
    const lines = stdout.trim().split('\n');
    expect(lines.at(-1)).toBe('total: 2 passed, 1 failed, 1 skipped');
    expect(lines).toContain('failed suites: 1 test file(s) failed outside their tests, 0 report(s) missing');
    expect(lines.some((line) => line.startsWith('failed file (outside any test): broken.test.js') && line.includes('cannot load this file'))).toBe(true);
    // The file with a failing test is counted by its test, not listed again as a failed file.
    expect(stdout).not.toContain('counts.test.js');
  });

  it('says which report is missing without counting it as a failed test', async () => {
    const { stdout } = await run(process.execPath, [SCRIPT, dir.file('unit.json'), dir.file('e2e.json')], { cwd: dir.path });
    const lines = stdout.trim().split('\n');
    expect(lines).toContain(`(no results in ${dir.file('e2e.json')}: that suite did not run to the end)`);
    expect(lines).toContain('failed suites: 1 test file(s) failed outside their tests, 1 report(s) missing');
    expect(lines.at(-1)).toBe('total: 2 passed, 1 failed, 1 skipped');
  });
});
