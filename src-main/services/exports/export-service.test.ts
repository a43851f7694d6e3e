// Exports through the real application core: the example inventories imported into a real SQLite
// file, a filtered and sorted view exported as CSV, XLSX and JSON, and each file read back (XLSX
// with exceljs) and compared with what assets.list shows for the same view.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, type AssetSummary, type ExportJob, type ExportStartInput } from '../../../src-shared/api/index.js';
import { ASSET_CLASS_LABELS, LIFECYCLE_STAGE_LABELS } from '../../../src-shared/model/index.js';
import { createQueryBuilder } from '../../db/query-builder.js';
import { examplePath, rejectionOf, startTestAppCore, type TestAppCore } from '../../test-support/test-app-core.js';
import { createExportFiles } from './export-files.js';
import { createExportService } from './export-service.js';

const INJECTED_NAME = '=HYPERLINK("http://evil.example/x","open me")';

describe('exports through the app core', () => {
  let t: TestAppCore;

  /** Every asset of a view, in order, as the inventory lists it. */
  async function listed(input: Pick<ExportStartInput, 'filter' | 'sort'>): Promise<AssetSummary[]> {
    return (await t.call('assets.list', { limit: 1000, ...input })).items;
  }

  async function exported(input: ExportStartInput): Promise<{ job: ExportJob; path: string }> {
    const started = await t.call('exports.start', input);
    expect(started.status).toBe('running');
    const job = await t.core.exports.waitFor(started.id);
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    const file = t.core.exports.download(job.id);
    if (!file) throw new Error('the finished export has no file');
    return { job, path: file.path };
  }

  beforeAll(async () => {
    t = await startTestAppCore({ now: () => new Date('2024-05-05T00:00:00Z') });
    for (const [file, kind, sourceName] of [
      ['servers.json', 'servers_cache', 'servers'],
      ['desktops.json', 'desktop_cache', 'desktops'],
      ['cloud-instances.json', 'cloud_manual', 'cloud'],
    ] as const) {
      expect((await t.importFile(examplePath(file), { kind, sourceName })).status).toBe('succeeded');
    }
    // A hostile value someone typed or a source reported: a spreadsheet must not run it.
    await t.call('assets.create', { class: 'server', fields: { name: INJECTED_NAME, hostname: '@SUM(1+1)', vendor: '+cmd', model: '-2+3', serial: 'tab\tinside' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('exports a filtered, sorted view as CSV with exactly the rows and columns asked for', async () => {
    const view = { filter: { classes: ['server' as const] }, sort: { field: 'hostname' as const, direction: 'desc' as const } };
    const expected = await listed(view);
    expect(expected.length).toBeGreaterThan(5);
    const { job, path } = await exported({ format: 'csv', ...view, columns: ['name', 'class', 'primaryIp', 'osName', 'sourceCount', 'lastSeen'] });
    expect(job).toMatchObject({ rows: expected.length, total: expected.length, totalIsExact: true, downloadable: true, error: null });
    expect(job.fileName).toBe('fieldwise-assets-20240505-000000.csv');

    const text = await readFile(path, 'utf8');
    expect(text.startsWith('\uFEFFName,Class,Primary IP,Operating system,Sources,Last seen\r\n')).toBe(true);
    const rows = parseCsv(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.Name)).toEqual(expected.map((a) => (a.name === INJECTED_NAME ? `'${a.name}` : a.name)));
    const hist = rows.find((r) => r.Name === 'hist-01');
    const histAsset = expected.find((a) => a.name === 'hist-01') as AssetSummary;
    expect(hist).toEqual({
      Name: 'hist-01',
      Class: 'Server',
      'Primary IP': histAsset.primaryIp ?? '',
      'Operating system': [histAsset.osName, histAsset.osVersion].filter(Boolean).join(' '),
      Sources: String(histAsset.sourceCount),
      'Last seen': histAsset.lastSeen,
    });
    expect(job.bytes).toBe(Buffer.byteLength(text));
  });

  it('neutralises formulas in CSV cells', async () => {
    const { path } = await exported({ format: 'csv', filter: { search: 'evil' }, columns: ['name', 'hostname', 'vendor', 'model', 'serial'] });
    const [, line] = (await readFile(path, 'utf8')).split('\r\n');
    expect(line).toBe(`"'=HYPERLINK(""http://evil.example/x"",""open me"")",'@SUM(1+1),'+cmd,'-2+3,tab\tinside`);
  });

  it('exports XLSX that exceljs reads back: labels, text cells (never formulas), numbers and dates', async () => {
    const view = { filter: { search: 'hist' }, sort: { field: 'name' as const, direction: 'asc' as const } };
    const expected = await listed(view);
    expect(expected.length).toBeGreaterThan(0);
    const { job, path } = await exported({ format: 'xlsx', ...view, columns: ['name', 'class', 'sourceCount', 'lastSeen', 'lifecycleStage'] });
    expect(job.fileName.endsWith('.xlsx')).toBe(true);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = workbook.getWorksheet('Assets');
    if (!sheet) throw new Error('no Assets sheet');
    expect(sheet.getRow(1).values).toEqual([undefined, 'Name', 'Class', 'Sources', 'Last seen', 'Lifecycle']);
    expect(sheet.rowCount).toBe(1 + expected.length);
    expected.forEach((asset, index) => {
      const row = sheet.getRow(index + 2);
      expect(row.getCell(1).value).toBe(asset.name);
      expect(row.getCell(2).value).toBe(ASSET_CLASS_LABELS[asset.class]);
      expect(row.getCell(3).type).toBe(ExcelJS.ValueType.Number);
      expect(row.getCell(3).value).toBe(asset.sourceCount);
      expect(row.getCell(4).type).toBe(ExcelJS.ValueType.Date);
      expect((row.getCell(4).value as Date).toISOString()).toBe(new Date(asset.lastSeen).toISOString());
      expect(row.getCell(5).value).toBe(asset.lifecycleStage ? LIFECYCLE_STAGE_LABELS[asset.lifecycleStage] : null);
    });
  });

  it('stores a formula-like value in XLSX as neutralised text, not as a formula', async () => {
    const { path } = await exported({ format: 'xlsx', filter: { search: 'evil' }, columns: ['name', 'hostname', 'vendor', 'model'] });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const row = workbook.getWorksheet('Assets')?.getRow(2);
    for (const [column, value] of [[1, INJECTED_NAME], [2, '@SUM(1+1)'], [3, '+cmd'], [4, '-2+3']] as const) {
      const cell = row?.getCell(column);
      expect(cell?.type).toBe(ExcelJS.ValueType.String);
      expect(cell?.formula).toBeUndefined();
      expect(cell?.value).toBe(`'${value}`);
    }
  });

  it('exports JSON with stored values keyed by column id', async () => {
    const view = { filter: { classes: ['workstation' as const] }, sort: { field: 'name' as const, direction: 'asc' as const } };
    const expected = await listed(view);
    const { path } = await exported({ format: 'json', ...view, columns: ['id', 'name', 'class', 'lifecycleStage', 'qualityScore', 'firstSeen'] });
    const document = JSON.parse(await readFile(path, 'utf8')) as { exportedAt: string; columns: string[]; count: number; assets: Record<string, unknown>[] };
    expect(document.exportedAt).toBe('2024-05-05T00:00:00.000Z');
    expect(document.columns).toEqual(['id', 'name', 'class', 'lifecycleStage', 'qualityScore', 'firstSeen']);
    expect(document.count).toBe(expected.length);
    expect(document.assets).toEqual(expected.map((a) => ({ id: a.id, name: a.name, class: 'workstation', lifecycleStage: a.lifecycleStage, qualityScore: a.qualityScore, firstSeen: a.firstSeen })));
  });

  it('writes an empty view as a file with only its header', async () => {
    const { job, path } = await exported({ format: 'json', filter: { search: 'no-such-asset-anywhere' } });
    expect(job.rows).toBe(0);
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ assets: [], count: 0 });
    const csv = await exported({ format: 'csv', filter: { search: 'no-such-asset-anywhere' }, columns: ['name'] });
    expect(await readFile(csv.path, 'utf8')).toBe('\uFEFFName\r\n');
  });

  it('pages through the view with keyset cursors: every asset once, in order, with progress per page', async () => {
    const service = createExportService({
      db: t.core.db,
      qb: createQueryBuilder(),
      events: t.core.events,
      files: await createExportFiles(t.dir.file('paged')),
      now: () => new Date('2024-05-05T00:00:00Z'),
      newId: () => `paged-${Math.random().toString(36).slice(2)}`,
      onUnexpectedError: (message, data) => {
        throw new Error(`${message}: ${JSON.stringify(data)}`);
      },
      pageSize: 4,
    });
    const sort = { field: 'lastSeen' as const, direction: 'asc' as const };
    const expected = await listed({ sort });
    const before = t.eventsNamed('export.progress').length;
    const job = await service.start({ format: 'json', sort, filter: {}, columns: ['id'] });
    const finished = await service.waitFor(job.id);
    const file = service.download(job.id);
    const ids = (JSON.parse(await readFile(file?.path ?? '', 'utf8')) as { assets: { id: string }[] }).assets.map((a) => a.id);
    expect(ids).toEqual(expected.map((a) => a.id));
    expect(finished.rows).toBe(expected.length);
    const progress = t.eventsNamed('export.progress').slice(before).filter((e) => e.exportId === job.id);
    expect(progress.length).toBe(Math.ceil((expected.length + 1) / 4));
    expect(progress.map((e) => e.rows)).toEqual([...progress.map((e) => e.rows)].sort((a, b) => a - b));
    expect(progress.at(-1)).toMatchObject({ rows: expected.length, total: expected.length, totalIsExact: true });
  });

  it('cancels a running export: status cancelled, no file kept, nothing partial left behind', async () => {
    const service = createExportService({
      db: t.core.db,
      qb: createQueryBuilder(),
      events: t.core.events,
      files: await createExportFiles(t.dir.file('cancelled')),
      now: () => new Date('2024-05-05T00:00:00Z'),
      newId: () => 'cancelled-1',
      onUnexpectedError: () => undefined,
      pageSize: 1,
    });
    const job = await service.start({ format: 'xlsx', sort: { field: 'name', direction: 'asc' }, filter: {}, columns: ['name'] });
    service.cancel(job.id);
    const finished = await service.waitFor(job.id);
    expect(finished.status).toBe('cancelled');
    expect(finished.error?.reason).toBe('cancelled');
    expect(finished.rows).toBeLessThan((await listed({})).length);
    expect(service.download(job.id)).toBeNull();
    expect(await readdir(t.dir.file('cancelled'))).toEqual([]);
    expect(t.eventsNamed('export.finished').some((e) => e.id === job.id && e.status === 'cancelled')).toBe(true);
  });

  it('writes to a path only for local callers, and only once complete', async () => {
    const target = t.dir.file('servers-view.csv');
    const started = await t.call('exports.start', { format: 'csv', path: target, filter: { classes: ['server'] }, columns: ['name'] });
    const job = await t.core.exports.waitFor(started.id);
    expect(job).toMatchObject({ status: 'succeeded', fileName: 'servers-view.csv', downloadable: false });
    expect((await readFile(target, 'utf8')).split('\r\n')[0]).toBe('\uFEFFName');
    expect(t.core.exports.download(job.id)).toBeNull();
    expect((await readdir(t.dir.path)).filter((name) => name.includes('.partial'))).toEqual([]);

    const refused = await rejectionOf(t.call('exports.start', { format: 'csv', path: t.dir.file('x.csv') }, { transport: 'http' }));
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).code).toBe('forbidden');
    expect(existsSync(t.dir.file('x.csv'))).toBe(false);

    const missingFolder = await rejectionOf(t.call('exports.start', { format: 'csv', path: t.dir.file('no/such/folder/x.csv') }));
    expect((missingFolder as ApiError).message).toMatch(/the folder .* does not exist/);
  });

  it('refuses bad input with a clear error: unknown or repeated columns, unknown export', async () => {
    const unknownColumn = (await rejectionOf(t.call('exports.start', { format: 'csv', columns: ['name', 'secret' as never] }))) as ApiError;
    expect(unknownColumn.code).toBe('bad_request');
    expect(unknownColumn.message).toMatch(/columns\.1/);
    const repeated = (await rejectionOf(t.call('exports.start', { format: 'csv', columns: ['name', 'name'] }))) as ApiError;
    expect(repeated.message).toMatch(/only once/);
    const unknown = (await rejectionOf(t.call('exports.get', { id: 'nope' }))) as ApiError;
    expect(unknown.code).toBe('not_found');
  });

  it('lists this session’s exports, newest first', async () => {
    const jobs = await t.call('exports.list', {});
    expect(jobs.length).toBeGreaterThan(3);
    expect(jobs.every((job) => job.status === 'succeeded')).toBe(true);
  });
});
