// `fieldwise networks list|set`: declaring a network static makes an IP on it count for more.
import { writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliRunner } from '../test-support/cli-runner.js';
import { createTempDir, type TempDir } from '../test-support/temp-dir.js';

describe('networks list and set', () => {
  let dir: TempDir;
  beforeEach(async () => {
    dir = await createTempDir('fieldwise-networks-');
  });
  afterEach(async () => {
    await dir.remove();
  });

  const cli = cliRunner(() => dir.file('data'));

  it('lists networks seen in records and re-reconciles them when their addressing is declared', async () => {
    // Two sources see the same box only by its private IP on "plant-a" (and the same vendor).
    const a = dir.file('a.json');
    const b = dir.file('b.json');
    await writeFile(a, JSON.stringify([{ id: 'a-1', ips: ['10.20.0.7'], vendor: 'Siemens' }]));
    await writeFile(b, JSON.stringify([{ id: 'b-1', ips: ['10.20.0.7'], vendor: 'Siemens' }]));
    for (const [file, name] of [[a, 'scan'], [b, 'cmdb']] as const) {
      expect((await cli('import', file, '--kind', 'servers_cache', '--source-name', name, '--network', 'plant-a')).code).toBe(0);
    }
    const count = async () => (JSON.parse((await cli('--json', 'assets', 'list')).out) as { total: number }).total;
    expect(await count()).toBe(2);

    const listed = await cli('networks', 'list');
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/plant-a\s+unknown\s+2/);

    const set = await cli('networks', 'set', 'Plant-A', '--addressing', 'static');
    expect(set.code).toBe(0);
    expect(set.out).toContain('Network plant-a is static; 2 record(s) on it reconciled again.');
    expect(await count()).toBe(1);
    const json = JSON.parse((await cli('--json', 'networks', 'list')).out) as { name: string; addressing: string; records: number; updatedAt: string | null }[];
    expect(json).toEqual([{ name: 'plant-a', addressing: 'static', records: 2, updatedAt: expect.any(String) }]);

    // Back to DHCP: an IP alone is no longer enough, and the two come apart again.
    expect((await cli('networks', 'set', 'plant-a', '--addressing', 'dhcp')).code).toBe(0);
    expect(await count()).toBe(2);
  });

  it('declares a discovery scope\'s network addressing with the scope', async () => {
    const added = await cli('scopes', 'add', 'plant-b-floor', '--targets', '127.0.0.1', '--network', 'plant-b', '--addressing', 'static');
    expect(added.code, added.err).toBe(0);
    const json = JSON.parse((await cli('--json', 'networks', 'list')).out) as { name: string; addressing: string }[];
    expect(json).toEqual([expect.objectContaining({ name: 'plant-b', addressing: 'static' })]);
  });

  it('rejects an unknown addressing with the choices', async () => {
    const result = await cli('networks', 'set', 'x', '--addressing', 'sometimes');
    expect(result.code).not.toBe(0);
    expect(result.err).toContain('use one of: static, dhcp, unknown');
  });
});
