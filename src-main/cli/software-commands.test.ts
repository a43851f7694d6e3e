// `fieldwise software list`: the installed software of imported inventories, as a table and as JSON.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SoftwarePage } from '../../src-shared/api/software.js';
import { cliRunner } from '../test-support/cli-runner.js';
import { createTempDir, type TempDir } from '../test-support/temp-dir.js';
import { examplePath } from '../test-support/test-app-core.js';

describe('software list', () => {
  let dir: TempDir;
  beforeEach(async () => {
    dir = await createTempDir('fieldwise-software-');
  });
  afterEach(async () => {
    await dir.remove();
  });

  const cli = cliRunner(() => dir.file('data'));

  it('says how to get software in while there is none, then lists products, versions and counts', async () => {
    const empty = await cli('software', 'list');
    expect(empty.code).toBe(0);
    expect(empty.out).toContain('No installed software yet');

    expect((await cli('import', examplePath('desktops.csv'), '--kind', 'desktop_cache')).code).toBe(0);
    const listed = await cli('software', 'list', '--search', 'factorytalk');
    expect(listed.code, listed.err).toBe(0);
    expect(listed.out).toMatch(/^PRODUCT\s+VENDOR\s+VERSION\s+ASSETS\s+PRODUCT ASSETS$/m);
    expect(listed.out).toMatch(/FactoryTalk Linx\s+Rockwell Automation\s+6\.40\.00\s+\d+\s+\d+/);
    expect(listed.out).not.toContain('Wireshark');
    expect(listed.out).toMatch(/of \d+ products \(\d+ versions\)/);

    const json = JSON.parse((await cli('--json', 'software', 'list', '--sort', 'assets', '--desc', '--limit', '3')).out) as SoftwarePage;
    expect(json.items).toHaveLength(3);
    expect(json.items.map((p) => p.assets)).toEqual([...json.items.map((p) => p.assets)].sort((a, b) => b - a));
    expect(json.total).toBeGreaterThan(3);

    const none = await cli('software', 'list', '--search', 'no-such-package');
    expect(none.out).toContain('No installed software matches "no-such-package".');
  });

  it('rejects an unknown sort field with the choices', async () => {
    const result = await cli('software', 'list', '--sort', 'size');
    expect(result.code).toBe(2);
    expect(result.err).toContain('name, vendor, assets, versions');
  });
});
