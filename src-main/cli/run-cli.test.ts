// The command line, run in-process with captured output on a temporary data dir: import, list,
// show, audit verify (intact and tampered), and the exit codes and messages for mistakes.
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AssetPage, type Run } from '../../src-shared/api/index.js';
import { IMPORT_KINDS } from '../../src-shared/model/source-kinds.js';
import { DATABASE_FILE_NAME } from '../app/create-app-core.js';
import { cliRunner } from '../test-support/cli-runner.js';
import { createTempDir, type TempDir } from '../test-support/temp-dir.js';
import { examplePath } from '../test-support/test-app-core.js';

describe('fieldwise CLI', () => {
  let dir: TempDir;
  beforeEach(async () => {
    dir = await createTempDir('fieldwise-cli-');
  });
  afterEach(async () => {
    await dir.remove();
  });

  const cli = cliRunner(() => dir.file('data'));

  it('imports a file, lists and shows assets, and verifies the audit trail', async () => {
    const imported = await cli('import', examplePath('servers.csv'), '--kind', 'servers_cache', '--source-name', 'cmdb');
    expect(imported.err).not.toContain('fieldwise:');
    expect(imported.code).toBe(0);
    expect(imported.out).toMatch(/^Imported servers\.csv: 12 read, 12 created, 0 updated, 0 unchanged, 0 rejected in \d+ ms \(run [0-9a-f-]+\)\.\n$/);
    // Progress goes to stderr, one line per tenth at most, never to stdout.
    expect(imported.err).toMatch(/committing 12 records/);

    const listed = await cli('--json', 'assets', 'list', '--search', 'hist', '--sort', 'name', '--desc');
    expect(listed.code).toBe(0);
    const page = AssetPage.parse(JSON.parse(listed.out));
    expect(page.total).toBe(2);
    expect(page.items.map((a) => a.name)).toEqual(['hist-02', 'hist-01']);

    const all = AssetPage.parse(JSON.parse((await cli('--json', 'assets', 'list', '--limit', '5', '--offset', '10')).out));
    expect(all.total).toBe(12);
    expect(all.items).toHaveLength(2);

    const table = await cli('assets', 'list', '--class', 'server', '--limit', '3');
    expect(table.code).toBe(0);
    expect(table.out.split('\n')[0]).toMatch(/^ID\s+NAME\s+CLASS/);
    expect(table.out).toContain('3 of 12 assets');

    const hist01 = page.items[1]?.id as string;
    const shown = await cli('assets', 'show', hist01);
    expect(shown.code).toBe(0);
    // Last seen in May 2024: long past every class's window, so the inventory calls it stale.
    expect(shown.out).toContain('hist-01  (server, stale)');
    expect(shown.out).toMatch(/serial\s+7XK2QH3\s+cmdb \(servers_cache\)\s+\d\.\d\d\s+2024-05-02T06:15:00\.000Z/);
    expect(shown.out).toMatch(/vendor\s+Dell\s+cmdb \(servers_cache\)/);
    expect(shown.out).toContain('24:6e:96:1a:2b:01');
    expect(shown.out).toContain('AVEVA PI Server');
    expect(shown.out).toContain('Tags: criticality=high, role=historian, zone=L3');

    const verified = await cli('audit', 'verify');
    expect(verified).toMatchObject({ code: 0, out: 'Audit trail intact: 1 events checked.\n' });

    const run = JSON.parse((await cli('--json', 'import', examplePath('servers.csv'), '--kind', 'servers_cache', '--source-name', 'cmdb')).out) as Run;
    expect(run.status).toBe('succeeded');
    expect(run.counts).toMatchObject({ created: 0, unchanged: 12 });
    expect(run.trigger).toBe('cli');
  });

  it('exits 1 and names the event when the audit table was tampered with', async () => {
    expect((await cli('import', examplePath('desktops.json'), '--kind', 'desktop_cache')).code).toBe(0);
    expect((await cli('import', examplePath('servers.json'), '--kind', 'servers_cache')).code).toBe(0);
    const db = new BetterSqlite3(dir.file('data', DATABASE_FILE_NAME));
    try {
      const changed = db.prepare("UPDATE audit_events SET actor = 'cli:mallory' WHERE seq = 1").run().changes;
      expect(changed).toBe(1);
    } finally {
      db.close();
    }
    const verified = await cli('audit', 'verify');
    expect(verified.code).toBe(1);
    expect(verified.out).toContain('Audit trail BROKEN: 1 problem(s) in 2 events.');
    expect(verified.out).toMatch(/#1: event #1 \(import\.completed on run [0-9a-f-]+\) was edited/);

    const json = JSON.parse((await cli('--json', 'audit', 'verify')).out) as { ok: boolean; problems: { seq: number }[] };
    expect(json.ok).toBe(false);
    expect(json.problems.map((p) => p.seq)).toEqual([1]);
  });

  it('exits 2 with the valid kinds when --kind is wrong', async () => {
    const result = await cli('import', examplePath('servers.csv'), '--kind', 'servers');
    expect(result.code).toBe(2);
    expect(result.err).toContain('"servers" is not a');
    for (const kind of IMPORT_KINDS) expect(result.err).toContain(kind);
    expect(result.out).toBe('');
  });

  it.each([
    [['frobnicate'], "unknown command 'frobnicate'", 'fieldwise'],
    [['assets', 'list', '--sort', 'colour'], '"colour" is not a valid sort field; use one of: name, class,', 'fieldwise assets list'],
    [['assets', 'list', '--class', 'server', 'foo'], '"foo" is not a valid asset class; use one of: server,', 'fieldwise assets list'],
    [['assets', 'list', '--limit', 'many'], '"many" is not a whole number.', 'fieldwise assets list'],
    [['import', 'servers.csv'], "required option '--kind <kind>' not specified", 'fieldwise import'],
    [['credentials', 'add', 'x', '--kind', 'v4'], '"v4" is not a valid credential kind; use one of: v1, v2c, v3, snmp_v1, snmp_v2c, snmp_v3, opcua_user, opcua_certificate.', 'fieldwise credentials add'],
    [['credentials', 'add', 'x', '--kind', 'v3'], 'An SNMPv3 credential set needs --user.', 'fieldwise credentials add'],
    [
      ['credentials', 'add', 'x', '--kind', 'v3', '--user', 'u', '--auth-protocol', 'md5'],
      '"md5" is not an SNMPv3 auth protocol; use one of: sha,',
      'fieldwise credentials add',
    ],
    [['discover', 'run', 'nosuchscope'], 'No discovery scope "nosuchscope"; see `fieldwise scopes list`.', 'fieldwise discover run'],
    [['discover', 'plan', 'nosuchscope'], 'No discovery scope "nosuchscope"', 'fieldwise discover plan'],
    [['discover', 'snmp', '--targets', '10.0.0.1'], 'Give at least one --credential <name> or --community-ref <keychain ref>.', 'fieldwise discover snmp'],
    [['discover', 'snmp', '--targets', '10.0.0.1', '--credential', 'nope'], 'No credential set "nope"', 'fieldwise discover snmp'],
    [['discover', 'snmp', '--targets', '10.0.0.1', '--community-ref', 'r', '--snmp-version', 'v3'], 'SNMPv3 needs a credential set', 'fieldwise discover snmp'],
    [['scopes', 'add', 's', '--targets', '10.0.0.1', '--port', '70000'], '"70000" is not a port (1-65535).', 'fieldwise scopes add'],
  ])('exits 2 for %j, says what was wrong and where the help is', async (args, message, command) => {
    const result = await cli(...args);
    expect(result.code).toBe(2);
    expect(result.err).toContain(`fieldwise: `);
    expect(result.err).toContain(message);
    expect(result.err).toMatch(new RegExp(`\\nRun "${command} --help" for usage\\.\\n$`));
    expect(result.out).toBe('');
  });

  it('exits 2 with the help of a command group given without its command', async () => {
    const result = await cli('assets');
    expect(result.code).toBe(2);
    expect(result.err).toContain('Usage: fieldwise assets [options] [command]');
    expect(result.err).toContain('fieldwise: choose one of the commands above.');
  });

  it('prints --help and --version on stdout with exit code 0', async () => {
    const help = await cli('discover', 'snmp', '--help');
    expect(help).toMatchObject({ code: 0, err: '' });
    expect(help.out).toContain('Usage: fieldwise discover snmp [options]');
    expect(await cli('--version')).toEqual({ code: 0, out: '9.9.9-test\n', err: '' });
  });

  it('accepts choices in any case', async () => {
    const listed = await cli('--json', 'assets', 'list', '--sort', 'LASTSEEN', '--class', 'Server');
    expect(listed.code).toBe(0);
    expect(AssetPage.parse(JSON.parse(listed.out)).total).toBe(0);
  });

  it('exits 1 with "File not found" for a missing file', async () => {
    const result = await cli('import', dir.file('missing.csv'), '--kind', 'servers_cache');
    expect(result.code).toBe(1);
    expect(result.err).toContain('fieldwise: File not found');
    expect(result.err).toContain('missing.csv');
  });

  it('exits 1 with the line and field when an import fails, and commits nothing', async () => {
    const result = await cli('import', examplePath('servers.json'), '--kind', 'cloud_manual');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^Import failed: 12 of 12 record\(s\) cannot be imported, so nothing was imported\. The first is line 2 \(record 1\)/m);
    expect(result.err).toMatch(/^ {2}line 2 \(record 1\)/m);
    const listed = AssetPage.parse(JSON.parse((await cli('--json', 'assets', 'list')).out));
    expect(listed.total).toBe(0);
  });

  it('exits 1 for an unknown asset id', async () => {
    const result = await cli('assets', 'show', 'no-such-asset');
    expect(result.code).toBe(1);
    expect(result.err).toContain('does not exist');
  });
});
