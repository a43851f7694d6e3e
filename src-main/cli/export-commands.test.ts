// `fieldwise export assets` against a real inventory: the same view as `assets list`, written to a
// file (CSV, XLSX read back with exceljs) or to standard output (JSON), and clear usage errors.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssetPage } from '../../src-shared/api/index.js';
import { cliRunner } from '../test-support/cli-runner.js';
import { examplePath } from '../test-support/test-app-core.js';
import { createTempDir, type TempDir } from '../test-support/temp-dir.js';

describe('fieldwise export assets', () => {
  let dir: TempDir;
  const cli = cliRunner(() => dir.file('data'));
  const listed = async (...args: string[]): Promise<AssetPage> => JSON.parse((await cli('--json', 'assets', 'list', '--limit', '1000', ...args)).out) as AssetPage;

  beforeAll(async () => {
    dir = await createTempDir('fieldwise-export-cli-');
    expect((await cli('import', examplePath('servers.json'), '--kind', 'servers_cache', '--source-name', 'cmdb')).code).toBe(0);
    expect((await cli('import', examplePath('desktops.json'), '--kind', 'desktop_cache', '--source-name', 'endpoints')).code).toBe(0);
  });
  afterAll(async () => {
    await dir?.remove();
  });

  it('writes the same view as assets list to a CSV file, with the chosen columns', async () => {
    const file = dir.file('servers.csv');
    const result = await cli('export', 'assets', '--format', 'csv', '--class', 'server', '--sort', 'hostname', '--desc', '--columns', 'name,serial,sourceCount', '--out', file);
    expect(result.code, result.err).toBe(0);
    const expected = (await listed('--class', 'server', '--sort', 'hostname', '--desc')).items;
    expect(result.err).toBe(`Wrote ${expected.length} asset(s) to ${file} (CSV, ${(await readFile(file)).length.toLocaleString('en-US')} bytes).\n`);
    const rows = parseCsv(await readFile(file, 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toEqual(expected.map((a) => ({ Name: a.name, Serial: a.serial ?? '', Sources: String(a.sourceCount) })));
    expect((await readdir(dir.path)).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });

  it('filters by source, status and lifecycle like assets list, and streams JSON to standard output', async () => {
    const result = await cli('export', 'assets', '--format', 'json', '--source', 'endpoints', '--status', 'stale', '--columns', 'id,name,status');
    expect(result.code, result.err).toBe(0);
    const document = JSON.parse(result.out) as { count: number; assets: { id: string; status: string }[] };
    const expected = (await listed('--source', 'endpoints', '--status', 'stale')).items;
    expect(expected.length).toBeGreaterThan(0);
    expect(document.assets.map((a) => a.id)).toEqual(expected.map((a) => a.id));
    expect(document.assets.every((a) => a.status === 'stale')).toBe(true);
    const byKind = JSON.parse((await cli('export', 'assets', '--format', 'json', '--source', 'desktop_cache', '--columns', 'id')).out) as { count: number };
    expect(byKind.count).toBe((await listed('--source', 'endpoints')).total);
    const deployed = JSON.parse((await cli('export', 'assets', '--format', 'json', '--lifecycle', 'deployed')).out) as { count: number };
    expect(deployed.count).toBe((await listed('--lifecycle', 'deployed')).total);
  });

  it('writes XLSX to a file that exceljs reads back', async () => {
    const file = dir.file('all.xlsx');
    const result = await cli('export', 'assets', '--format', 'xlsx', '--out', file);
    expect(result.code, result.err).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet('Assets');
    const expected = (await listed()).items;
    expect(sheet?.rowCount).toBe(1 + expected.length);
    expect(sheet?.getRow(1).getCell(1).value).toBe('Name');
    expect(expected.map((_, i) => sheet?.getRow(i + 2).getCell(1).value)).toEqual(expected.map((a) => a.name));
  });

  it('explains bad usage with exit code 2 and writes nothing', async () => {
    const xlsxToTerminal = await cli('export', 'assets', '--format', 'xlsx');
    expect(xlsxToTerminal).toMatchObject({ code: 2, out: '' });
    expect(xlsxToTerminal.err).toContain('XLSX is a binary file: name the file to write with --out <file>.');

    const badColumn = await cli('export', 'assets', '--format', 'csv', '--columns', 'name,password', '--out', dir.file('never.csv'));
    expect(badColumn.code).toBe(2);
    expect(badColumn.err).toContain('"password" is not a column; use any of: name, class');

    const badSource = await cli('export', 'assets', '--format', 'csv', '--source', 'nowhere', '--out', dir.file('never.csv'));
    expect(badSource.code).toBe(2);
    expect(badSource.err).toContain('No source "nowhere". Sources: cmdb, endpoints.');

    const noFormat = await cli('export', 'assets');
    expect(noFormat.code).toBe(2);
    expect(noFormat.err).toContain("required option '--format <format>' not specified");

    const missingFolder = await cli('export', 'assets', '--format', 'csv', '--out', dir.file('no/such/dir/x.csv'));
    expect(missingFolder.code).toBe(1);
    expect(missingFolder.err).toMatch(/the folder .*no\/such\/dir does not exist/);
    expect(existsSync(dir.file('never.csv'))).toBe(false);
  });

  it('documents itself in --help beside export members', async () => {
    const help = await cli('export', '--help');
    expect(help.out).toMatch(/members .*\n.*assets /s);
    const assetsHelp = await cli('export', 'assets', '--help');
    expect(assetsHelp.out).toContain('--format <format>');
    expect(assetsHelp.out).toContain('--columns <ids>');
    expect(assetsHelp.out).toContain('--lifecycle <stage>');
    expect(assetsHelp.out).toContain("get a leading '");
  });
});
