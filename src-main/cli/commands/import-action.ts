// What `fieldwise import` does (loaded when it runs): check the file, show progress on stderr, write
// it (unless --dry-run, or it has rejected records and --skip-rejected was not given), and print the
// outcome with every problem found.
import { writeFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import type { ImportPreview, Run, RunProgressEvent } from '../../../src-shared/api/index.js';
import type { CliContext } from '../cli-context.js';
import { withAppCore } from '../runtime/with-app-core.js';
import { DELIMITER_CHOICES, type ImportOptions } from './import-command.js';

/** Problems printed to the terminal; the rest are in the run (and in --rejected-out). */
const PRINTED_PROBLEMS = 50;

function previewLine(p: ImportPreview): string {
  return `${p.records} records: ${p.new} new, ${p.updated} updated, ${p.unchanged} unchanged, ${p.rejected} rejected`;
}

function problemLines(run: Run): string {
  const p = run.preview;
  if (!p || p.problems.length === 0) return '';
  const shown = p.problems.slice(0, PRINTED_PROBLEMS).map((x) => `  line ${x.line ?? '?'} (record ${x.recordNumber})${x.field ? `, ${x.field}` : ''}: ${x.problem}\n`);
  const more = p.rejected - shown.length;
  return shown.join('') + (more > 0 ? `  … and ${more} more (write them all with --rejected-out FILE)\n` : '');
}

export async function importFile(cli: CliContext, file: string, opts: ImportOptions): Promise<void> {
  const { io } = cli;
  await withAppCore(cli, async (core, call) => {
    const started = await call('imports.start', {
      kind: opts.kind,
      path: resolve(file),
      format: opts.format,
      sourceName: opts.sourceName,
      network: opts.network,
      addressing: opts.addressing,
      preview: opts.dryRun ?? false,
      onRejected: opts.skipRejected ? 'skip' : 'fail',
      delimiter: opts.delimiter ? DELIMITER_CHOICES[opts.delimiter] : undefined,
      columnMap: opts.map,
    });
    let lastDecile = -1;
    const stop = core.events.subscribe((event, payload) => {
      if (event !== 'run.progress' || cli.asJson()) return;
      const p = payload as RunProgressEvent;
      if (p.runId !== started.id || p.phase === 'done' || p.phase === 'previewed') return;
      const percent = p.totalBytes > 0 ? Math.floor((100 * p.bytesRead) / p.totalBytes) : 0;
      const line = `${p.phase === 'committing' ? 'committing' : 'reading'} ${p.records} records (${percent}%)`;
      if (io.isTty) io.err(`\r${line}   `);
      else if (Math.floor(percent / 10) > lastDecile || p.phase === 'committing') {
        // Logs and CI get one line per tenth of each phase, not one per progress event.
        lastDecile = p.phase === 'committing' && percent === 100 ? lastDecile : Math.floor(percent / 10);
        io.err(`${line}\n`);
      }
    });
    let run = await core.imports.waitFor(started.id);
    stop();
    if (io.isTty && !cli.asJson()) io.err('\n');
    if (opts.rejectedOut && run.preview && run.preview.rejected > 0) {
      const format = extname(opts.rejectedOut).toLowerCase() === '.csv' ? 'csv' : 'ndjson';
      const rejected = await call('imports.rejected', { runId: run.id, format });
      await writeFile(opts.rejectedOut, rejected.content);
      io.err(`Wrote ${rejected.records} rejected record(s) with their reasons to ${opts.rejectedOut}.\n`);
    }
    if (run.status === 'previewed') {
      // --dry-run: nothing is written; the staged records are discarded.
      run = await call('imports.discard', { runId: run.id });
      if (cli.asJson()) io.out(JSON.stringify({ ...run, status: 'previewed' }, null, 2) + '\n');
      else io.out(`Checked ${run.scope} (nothing written): ${previewLine(run.preview as ImportPreview)}.\n${problemLines(run)}`);
      cli.setExitCode(0);
      return;
    }
    if (cli.asJson()) io.out(JSON.stringify(run, null, 2) + '\n');
    else if (run.status === 'succeeded') {
      const c = run.counts;
      io.out(
        `Imported ${run.scope}: ${c.read} read, ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.rejected} rejected in ${run.durationMs} ms (run ${run.id}).\n`,
      );
      if (c.rejected > 0) io.err(`Skipped ${c.rejected} rejected record(s):\n${problemLines(run)}`);
    } else {
      io.err(`Import ${run.status}: ${run.error?.message ?? 'unknown error'}\n${problemLines(run)}`);
      const detail = run.error?.detail;
      if (detail?.suggestedColumnMap && Object.keys(detail.suggestedColumnMap).length > 0) {
        const maps = Object.entries(detail.suggestedColumnMap).map(([from, to]) => `--map "${from}=${to}"`).join(' ');
        io.err(`Columns found: ${detail.columnsFound?.join(', ') ?? ''}. To read them as ours, add: ${maps}\n`);
      }
      if (detail?.delimiterCandidates) io.err(`Choose the delimiter with --delimiter (${Object.keys(DELIMITER_CHOICES).join(', ')}).\n`);
    }
    cli.setExitCode(run.status === 'succeeded' ? 0 : 1);
  });
}
