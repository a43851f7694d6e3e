// Imports end to end through the real application core: dispatcher, import service, worker
// threads running the readers and the asset writer on their own connection, and a real SQLite file.
// Failures, cancellation, a 10k-record file and merging across sources (the example files are in
// import-examples.test.ts).
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, type AssetDetail, type Run } from '../../../src-shared/api/index.js';
import { writeServersCacheFile } from '../../collectors/files/servers-cache-sample.js';
import { createTempDir, type TempDir } from '../../test-support/temp-dir.js';
import { countRows, examplePath, rejectionOf, startTestAppCore, type TestAppCore } from '../../test-support/test-app-core.js';

function fieldOf(detail: AssetDetail, field: string) {
  return detail.fields.find((f) => f.field === field);
}

describe('imports through the app core', () => {
  let files: TempDir;

  beforeAll(async () => {
    files = await createTempDir('fieldwise-import-files-');
  });
  afterAll(async () => {
    await files.remove();
  });

  describe('failures', () => {
    let t: TestAppCore;
    beforeEach(async () => {
      t = await startTestAppCore();
      // Something already committed, which a failed import must leave exactly as it was.
      await t.importFile(examplePath('desktops.json'), { kind: 'desktop_cache' });
    });
    afterEach(async () => {
      await t.close();
    });

    async function expectNothingCommitted(run: Run, before: { assets: number; observations: number; audit: number }): Promise<void> {
      expect(countRows(t.core, 'assets')).toBe(before.assets);
      expect(countRows(t.core, 'observations')).toBe(before.observations);
      expect(countRows(t.core, 'audit_events')).toBe(before.audit);
      expect((await t.call('runs.get', { id: run.id })).status).toBe(run.status);
    }
    const snapshot = () => ({ assets: countRows(t.core, 'assets'), observations: countRows(t.core, 'observations'), audit: countRows(t.core, 'audit_events') });

    it('fails a CSV with a bad MAC at a known line, names line, record and field, and commits none of it', async () => {
      const lines = (await readFile(examplePath('servers.csv'), 'utf8')).split('\n');
      // Line 6 of the file is record 5; records 1-4 before it are valid.
      lines[5] = (lines[5] as string).replace(/=([0-9a-f]{2}:){5}[0-9a-f]{2}@/, '=24:6e:96:zz:2b:41@');
      const path = files.file('bad-mac.csv');
      await writeFile(path, lines.join('\n'));
      const before = snapshot();
      const run = await t.importFile(path, { kind: 'servers_cache', sourceName: 'bad mac' });
      expect(run.status).toBe('failed');
      expect(run.error?.reason).toBe('invalid_record');
      expect(run.error?.line).toBe(6);
      expect(run.error?.recordNumber).toBe(5);
      expect(run.error?.field).toMatch(/^interfaces/);
      expect(run.error?.message).toContain('line 6');
      expect(run.error?.message).toContain('record 5');
      await expectNothingCommitted(run, before);
      expect((await t.call('assets.list', { filter: { search: 'hist-01' } })).total).toBe(0);
    });

    it('fails a CSV with a non-numeric memory_mb and commits none of it', async () => {
      const lines = (await readFile(examplePath('servers.csv'), 'utf8')).split('\n');
      lines[8] = (lines[8] as string).replace(/,(\d+),(\d+),/, ',$1,lots,');
      const path = files.file('bad-memory.csv');
      await writeFile(path, lines.join('\n'));
      const before = snapshot();
      const run = await t.importFile(path, { kind: 'servers_cache' });
      expect(run.status).toBe('failed');
      expect(run.error).toMatchObject({ reason: 'invalid_record', line: 9, recordNumber: 8, field: 'memory_mb' });
      expect(run.error?.message).toContain('lots');
      await expectNothingCommitted(run, before);
    });

    it('fails a truncated JSON file cleanly', async () => {
      const text = await readFile(examplePath('servers.json'), 'utf8');
      const path = files.file('truncated.json');
      await writeFile(path, text.slice(0, Math.floor(text.length * 0.6)));
      const before = snapshot();
      const run = await t.importFile(path, { kind: 'servers_cache' });
      expect(run.status).toBe('failed');
      expect(run.error?.reason).toBe('malformed');
      expect(run.finishedAt).not.toBeNull();
      await expectNothingCommitted(run, before);
      // The core is still usable afterwards.
      const ok = await t.importFile(examplePath('servers.json'), { kind: 'servers_cache' });
      expect(ok.counts.created).toBe(12);
    });

    it('rejects imports.start with both or neither of path and uploadId', async () => {
      const both = await rejectionOf(t.call('imports.start', { kind: 'servers_cache', path: examplePath('servers.json'), uploadId: 'u-1' }));
      expect(both).toBeInstanceOf(ApiError);
      expect((both as ApiError).code).toBe('bad_request');
      const neither = await rejectionOf(t.call('imports.start', { kind: 'servers_cache' }));
      expect((neither as ApiError).code).toBe('bad_request');
      expect((await t.call('runs.list', {})).length).toBe(1);
    });

    it('forbids importing by path over HTTP, and reports a missing file as not_found', async () => {
      const error = await rejectionOf(t.call('imports.start', { kind: 'servers_cache', path: examplePath('servers.json') }, { transport: 'http' }));
      expect((error as ApiError).code).toBe('forbidden');
      const missing = await rejectionOf(t.call('imports.start', { kind: 'servers_cache', path: files.file('nope.json') }));
      expect((missing as ApiError).code).toBe('not_found');
      expect((missing as ApiError).message).toContain('File not found');
      expect((await t.call('runs.list', {})).length).toBe(1);
    });

    it('cancels a large import: status cancelled and nothing committed', async () => {
      const path = files.file('big-50k.ndjson');
      await writeServersCacheFile(path, 50_000, 'ndjson', 7);
      const before = snapshot();
      const started = await t.call('imports.start', { kind: 'servers_cache', path });
      await new Promise<void>((resolve) => {
        const stop = t.core.events.subscribe((name, payload) => {
          if (name === 'run.progress' && (payload as { runId: string; records: number }).runId === started.id && (payload as { records: number }).records > 0) {
            stop();
            resolve();
          }
        });
      });
      await t.call('runs.cancel', { id: started.id });
      const run = await t.core.imports.waitFor(started.id);
      expect(run.status).toBe('cancelled');
      expect(run.error?.reason).toBe('cancelled');
      await expectNothingCommitted(run, before);
      const again = await rejectionOf(t.call('runs.cancel', { id: started.id }));
      expect((again as ApiError).code).toBe('conflict');
    });
  });

  it('imports a generated 10k-record file completely, with increasing progress and an audit event', async () => {
    const t = await startTestAppCore();
    try {
      const path = files.file('servers-10k.csv');
      await writeServersCacheFile(path, 10_000, 'csv', 42);
      const run = await t.importFile(path, { kind: 'servers_cache', sourceName: 'cmdb' });
      expect(run.status).toBe('succeeded');
      expect(run.counts).toEqual({ read: 10_000, created: 10_000, updated: 0, unchanged: 0, rejected: 0 });
      expect(countRows(t.core, 'assets')).toBe(10_000);
      expect((await t.call('assets.list', { limit: 1 })).total).toBe(10_000);

      const progress = t.eventsNamed('run.progress').filter((p) => p.runId === run.id);
      const reading = progress.filter((p) => p.phase === 'reading').map((p) => p.records);
      expect(reading.length).toBeGreaterThan(3);
      for (let i = 1; i < reading.length; i++) expect(reading[i]).toBeGreaterThanOrEqual(reading[i - 1] as number);
      expect(reading[reading.length - 1]).toBeGreaterThan(reading[0] as number);
      expect(progress.at(-1)).toMatchObject({ phase: 'done', records: 10_000 });
      const finished = t.eventsNamed('run.finished').find((r) => r.id === run.id);
      expect(finished?.status).toBe('succeeded');
      expect(t.eventsNamed('assets.changed').some((e) => e.reason === 'import' && e.count === 10_000)).toBe(true);

      const audit = await t.call('audit.list', { limit: 10 });
      const completed = audit.find((e) => e.action === 'import.completed' && e.targetId === run.id);
      expect(completed?.after).toMatchObject({ file: 'servers-10k.csv', kind: 'servers_cache', counts: { created: 10_000 } });
      expect(completed?.actor).toBe('test:alice');
      expect((await t.call('audit.verify', {})).ok).toBe(true);
    } finally {
      await t.close();
    }
  }, 600_000); // A correctness test of a large file: its time depends on the machine, so the bound is only a backstop.

  it('merges the same vendor + serial from two sources into one asset (vendor_serial evidence, normalised values)', async () => {
    const t = await startTestAppCore();
    try {
      const cmdb = files.file('cmdb.json');
      const agent = files.file('agent.json');
      await writeFile(cmdb, JSON.stringify([{ id: 'CMDB-17', hostname: 'hist-01', serial: '7XK2QH3', vendor: 'Dell Inc.', location: 'Rack 2', last_seen: '2024-05-01T00:00:00Z' }]));
      await writeFile(agent, JSON.stringify([{ id: 'agent-abc', hostname: 'HIST-01', serial: '7xk2qh3', vendor: 'dell inc.', os_name: 'Windows Server 2022', last_seen: '2024-05-02T00:00:00Z' }]));
      const first = await t.importFile(cmdb, { kind: 'servers_cache', sourceName: 'cmdb' });
      const second = await t.importFile(agent, { kind: 'servers_cache', sourceName: 'agent' });
      expect(first.counts.created).toBe(1);
      expect(second.counts).toMatchObject({ created: 0, updated: 1 });
      const page = await t.call('assets.list', {});
      expect(page.total).toBe(1);
      expect(page.items[0]?.sourceCount).toBe(2);
      const detail = await t.call('assets.get', { id: page.items[0]?.id as string });
      expect(detail.sources.map((s) => s.sourceName).sort()).toEqual(['agent', 'cmdb']);
      expect(fieldOf(detail, 'location')).toMatchObject({ value: 'Rack 2', sourceName: 'cmdb' });
      // Reconciliation normalises values: the OS name is its canonical product, host names are lower case.
      expect(fieldOf(detail, 'os_name')).toMatchObject({ value: 'Windows Server', sourceName: 'agent' });
      // The newer observation wins a field both sources give (same precedence and confidence).
      expect(fieldOf(detail, 'hostname')).toMatchObject({ value: 'hist-01', sourceName: 'agent' });

      // A different serial from the same vendor stays a separate asset.
      const other = files.file('other.json');
      await writeFile(other, JSON.stringify([{ id: 'agent-def', hostname: 'hist-02', serial: '7XK2QH4', vendor: 'Dell Inc.' }]));
        await t.importFile(other, { kind: 'servers_cache', sourceName: 'agent' });
      expect((await t.call('assets.list', {})).total).toBe(2);
    } finally {
      await t.close();
    }
  });

  describe('preview, then commit all-or-nothing or the valid records only', () => {
    let t: TestAppCore;
    beforeEach(async () => {
      t = await startTestAppCore();
    });
    afterEach(async () => {
      await t.close();
    });

    /** servers.csv with five records broken in five different ways. */
    async function fileWithFiveBadRows(): Promise<string> {
      const lines = (await readFile(examplePath('servers.csv'), 'utf8')).split('\n');
      const header = (lines[0] as string).split(',');
      const col = (name: string) => header.indexOf(name);
      const breakCell = (line: number, name: string, value: string) => {
        const cells = (lines[line] as string).split(',');
        cells[col(name)] = value;
        lines[line] = cells.join(',');
      };
      breakCell(2, 'memory_mb', 'lots');
      breakCell(4, 'cpu_cores', '-3');
      breakCell(6, 'last_seen', 'yesterday');
      breakCell(8, 'class', 'toaster');
      breakCell(10, 'memory_mb', '1e99');
      const path = files.file(`five-bad-${Math.random().toString(36).slice(2)}.csv`);
      await writeFile(path, lines.join('\n'));
      return path;
    }

    it('reports every rejected record in one pass, with line and field, and writes nothing', async () => {
      const run = await t.importFile(await fileWithFiveBadRows(), { kind: 'servers_cache' });
      expect(run.status).toBe('failed');
      expect(run.preview).toMatchObject({ records: 12, rejected: 5, new: 7 });
      expect(run.preview?.problems.map((p) => [p.line, p.field])).toEqual([
        [3, 'memory_mb'],
        [5, 'cpu_cores'],
        [7, 'last_seen'],
        [9, 'class'],
        [11, 'memory_mb'],
      ]);
      expect(run.error?.message).toContain('5 of 12 record(s) cannot be imported');
      expect(countRows(t.core, 'assets')).toBe(0);
      expect(countRows(t.core, 'observations')).toBe(0);
    });

    it('imports only the valid records when asked, and hands the rejected ones back with their reasons', async () => {
      const run = await t.importFile(await fileWithFiveBadRows(), { kind: 'servers_cache', onRejected: 'skip' });
      expect(run.status).toBe('succeeded');
      expect(run.counts).toMatchObject({ read: 12, created: 7, rejected: 5 });
      expect(countRows(t.core, 'assets')).toBe(7);
      const rejected = await t.call('imports.rejected', { runId: run.id, format: 'csv' });
      expect(rejected.records).toBe(5);
      const rows = rejected.content.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
      expect(rows[0]).toMatch(/error_line,error_field,error$/);
      expect(rows).toHaveLength(6);
      expect(rows[1]).toContain('lots');
    });

    it('waits in preview with what would change, then commits on request; re-importing the same file is unchanged', async () => {
      const path = examplePath('servers.csv');
      const started = await t.call('imports.start', { kind: 'servers_cache', path, preview: true });
      const previewed = await t.core.imports.waitFor(started.id);
      expect(previewed.status).toBe('previewed');
      expect(previewed.preview).toMatchObject({ records: 12, new: 12, updated: 0, unchanged: 0, rejected: 0 });
      expect(countRows(t.core, 'assets')).toBe(0);
      await t.call('imports.commit', { runId: started.id });
      const done = await t.core.imports.waitFor(started.id);
      expect(done).toMatchObject({ status: 'succeeded', counts: { created: 12 } });
      const observations = countRows(t.core, 'observations');

      const again = await t.call('imports.start', { kind: 'servers_cache', path, preview: true });
      const second = await t.core.imports.waitFor(again.id);
      expect(second.preview).toMatchObject({ records: 12, new: 0, updated: 0, unchanged: 12 });
      await t.call('imports.commit', { runId: again.id });
      expect(await t.core.imports.waitFor(again.id)).toMatchObject({ status: 'succeeded', counts: { unchanged: 12, created: 0, updated: 0 } });
      expect(countRows(t.core, 'observations')).toBe(observations);
    });

    it('takes a corrected export that kept its time stamps: the changed record is updated, the others unchanged', async () => {
      const original = JSON.parse(await readFile(examplePath('servers.json'), 'utf8')) as { hostname: string; memory_mb: number; last_seen: string }[];
      await t.importFile(examplePath('servers.json'), { kind: 'servers_cache', sourceName: 'cmdb' });
      // The same file again first: unchanged, and it must not make the correction below look older.
      expect((await t.importFile(examplePath('servers.json'), { kind: 'servers_cache', sourceName: 'cmdb' })).counts).toMatchObject({ unchanged: original.length, updated: 0 });
      const corrected = original.map((r, i) => (i === 0 ? { ...r, memory_mb: r.memory_mb * 2 } : r));
      const path = files.file('servers-corrected.json');
      await writeFile(path, JSON.stringify(corrected));
      const started = await t.call('imports.start', { kind: 'servers_cache', path, sourceName: 'cmdb', preview: true });
      expect((await t.core.imports.waitFor(started.id)).preview).toMatchObject({ records: original.length, new: 0, updated: 1, unchanged: original.length - 1 });
      await t.call('imports.commit', { runId: started.id });
      expect(await t.core.imports.waitFor(started.id)).toMatchObject({ status: 'succeeded', counts: { created: 0, updated: 1, unchanged: original.length - 1 } });
      const first = original[0] as { hostname: string; memory_mb: number };
      const listed = await t.call('assets.list', { filter: { search: first.hostname }, limit: 5 });
      const detail = await t.call('assets.get', { id: (listed.items[0] as { id: string }).id });
      expect(fieldOf(detail, 'memory_mb')?.value).toBe(first.memory_mb * 2);
    });

    it('discards a preview without writing anything, and refuses to commit one with rejected records all-or-nothing', async () => {
      const started = await t.call('imports.start', { kind: 'servers_cache', path: await fileWithFiveBadRows(), preview: true });
      const previewed = await t.core.imports.waitFor(started.id);
      expect(previewed.preview?.rejected).toBe(5);
      const refusal = await t.call('imports.commit', { runId: started.id }).catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(ApiError);
      expect((refusal as ApiError).code).toBe('conflict');
      expect((await t.call('imports.discard', { runId: started.id })).status).toBe('cancelled');
      expect(countRows(t.core, 'assets')).toBe(0);
      const late = await t.call('imports.commit', { runId: started.id }).catch((e: unknown) => e);
      expect((late as ApiError).code).toBe('conflict');
    });

    it('names a semicolon CSV with other headers, and reads it with the mapping a person gives (remembered for the source)', async () => {
      const path = files.file('excel-export.csv');
      await writeFile(path, 'Host Name;Serial Number;Manufacturer\nplc-gw-1;SN-900;Siemens\nplc-gw-2;SN-901;Siemens\n');
      const first = await t.importFile(path, { kind: 'servers_cache', sourceName: 'excel' });
      expect(first.status).toBe('failed');
      expect(first.error?.detail?.columnsFound).toEqual(['Host Name', 'Serial Number', 'Manufacturer']);
      expect(first.error?.detail?.suggestedColumnMap).toMatchObject({ 'Host Name': 'hostname', 'Serial Number': 'serial', Manufacturer: 'vendor' });
      const mapped = await t.importFile(path, { kind: 'servers_cache', sourceName: 'excel', columnMap: first.error?.detail?.suggestedColumnMap ?? {} });
      expect(mapped).toMatchObject({ status: 'succeeded', counts: { created: 2 } });
      // The next import of this source reads the same way without being told.
      await writeFile(path, 'Host Name;Serial Number;Manufacturer\nplc-gw-3;SN-902;Siemens\n');
      expect(await t.importFile(path, { kind: 'servers_cache', sourceName: 'excel' })).toMatchObject({ status: 'succeeded', counts: { created: 1 } });
    });

    it('lets a manual edit issued during an import wait its turn: both succeed', async () => {
      await t.importFile(examplePath('servers.json'), { kind: 'servers_cache' });
      const id = (await t.call('assets.list', { limit: 1 })).items[0]!.id;
      const big = files.file('big-for-queue.ndjson');
      await writeServersCacheFile(big, 3000, 'ndjson', 7);
      const started = await t.call('imports.start', { kind: 'servers_cache', sourceName: 'big', path: big });
      const edit = t.call('assets.update', { id, fields: { location: 'Edited while importing' } });
      const [run, edited] = await Promise.all([t.core.imports.waitFor(started.id), edit]);
      expect(run.status).toBe('succeeded');
      expect(edited.fields.find((f) => f.field === 'location')?.value).toBe('Edited while importing');
    });
  });
});
