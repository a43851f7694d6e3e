// `fieldwise export members` and `fieldwise reconcile evaluate` against a real inventory.
import { readFile, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { examplePath } from '../test-support/test-app-core.js';
import { cliRunner } from '../test-support/cli-runner.js';
import { createTempDir, type TempDir } from '../test-support/temp-dir.js';

describe('export members and reconcile evaluate', () => {
  let dir: TempDir;
  beforeEach(async () => {
    dir = await createTempDir('fieldwise-evaluate-');
  });
  afterEach(async () => {
    await dir.remove();
  });

  const cli = cliRunner(() => dir.file('data'));

  it('lists every record with its asset, and scores a labelled sample with the false and missed merges', async () => {
    expect((await cli('import', examplePath('servers.json'), '--kind', 'servers_cache', '--source-name', 'cmdb')).code).toBe(0);
    // A second inventory of two of the same servers (same serials) and one other.
    const agent = dir.file('agent.json');
    await writeFile(
      agent,
      JSON.stringify([
        { id: 'a-1', hostname: 'hist-01', serial: '7XK2QH3', vendor: 'Dell' },
        { id: 'a-2', hostname: 'hist-02', serial: '7XK2QH4', vendor: 'Dell' },
        { id: 'a-3', hostname: 'new-box', serial: 'ZZ999', vendor: 'HPE' },
      ]),
    );
    expect((await cli('import', agent, '--kind', 'servers_cache', '--source-name', 'agent')).code).toBe(0);

    const members = dir.file('members.csv');
    expect((await cli('export', 'members', '--out', members)).code).toBe(0);
    const rows = (await readFile(members, 'utf8')).trim().split('\n');
    expect(rows[0]).toBe('source_kind,source_name,native_key,asset_id,asset_name,asset_class');
    expect(rows).toHaveLength(1 + 12 + 3);
    const assetOf = (nativeKey: string) => rows.find((r) => r.split(',')[2] === nativeKey)?.split(',')[3];
    expect(assetOf('a-1')).toBe(assetOf('SRV-0001'));

    // The person says a-2 is NOT SRV-0002 (a false merge) and a-3 IS SRV-0003 (a missed merge).
    const truth = dir.file('truth.csv');
    await writeFile(truth, ['source_name,native_key,entity', 'cmdb,SRV-0001,h1', 'agent,a-1,h1', 'cmdb,SRV-0002,h2', 'agent,a-2,other', 'cmdb,SRV-0003,s3', 'agent,a-3,s3'].join('\n'));
    const evaluated = await cli('reconcile', 'evaluate', '--truth', truth);
    expect(evaluated.code).toBe(0);
    expect(evaluated.out).toContain('Evaluated 6 labelled record(s)');
    expect(evaluated.out).toMatch(/precision 50\.00 %, recall 50\.00 %/);
    expect(evaluated.out).toMatch(/False merge: asset .* holds 2 real things/);
    expect(evaluated.out).toContain('servers_cache/agent a-2');
    expect(evaluated.out).toMatch(/Missed merge: s3 is split over 2 assets/);
    const json = JSON.parse((await cli('--json', 'reconcile', 'evaluate', '--truth', truth)).out) as { precision: number; recall: number };
    expect([json.precision, json.recall]).toEqual([0.5, 0.5]);
  });

  it('explains a truth file without the needed columns', async () => {
    const truth = dir.file('bad.csv');
    await writeFile(truth, 'host,label\nx,y\n');
    const result = await cli('reconcile', 'evaluate', '--truth', truth);
    expect(result.code).toBe(1);
    expect(result.err).toContain('has no "source_name" column');
  });
});
