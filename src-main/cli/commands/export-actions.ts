// What `fieldwise export assets` does (loaded when it runs). With --out, the export runs as a job
// (exports.start with a path: written beside the file and renamed once complete, progress on a
// terminal); without, it streams to standard output.
import { Writable } from 'node:stream';
import { DEFAULT_ASSET_COLUMNS } from '../../../src-shared/model/asset-columns.js';
import { CliUsageError } from '../cli-errors.js';
import type { CliContext } from '../cli-context.js';
import { resolveAssetView } from '../runtime/resolve-asset-view.js';
import { withAppCore } from '../runtime/with-app-core.js';
import type { ExportAssetsOptions } from './export-commands.js';

const count = (n: number): string => n.toLocaleString('en-US');

export async function exportAssetsCommand(cli: CliContext, opts: ExportAssetsOptions): Promise<void> {
  const { io } = cli;
  if (opts.format === 'xlsx' && !opts.out) throw new CliUsageError('XLSX is a binary file: name the file to write with --out <file>.');
  const columns = opts.columns?.length ? opts.columns : [...DEFAULT_ASSET_COLUMNS];
  await withAppCore(cli, async (core, call) => {
    const view = await resolveAssetView(call, opts);
    if (!opts.out) {
      const out = new Writable({
        write(chunk: Buffer, _encoding, done) {
          io.out(chunk.toString('utf8'));
          done();
        },
      });
      await core.exports.writeTo({ format: opts.format, ...view, columns }, out);
      return;
    }
    const started = await call('exports.start', { format: opts.format, ...view, columns, path: opts.out });
    const stopProgress = core.events.subscribe((name, payload) => {
      if (name !== 'export.progress' || !io.isTty || cli.asJson()) return;
      const progress = payload as { exportId: string; rows: number; total: number | null; totalIsExact: boolean };
      if (progress.exportId === started.id) io.err(`\rExporting: ${count(progress.rows)} of ${count(progress.total ?? 0)}${progress.totalIsExact ? '' : '+'} assets`);
    });
    const job = await core.exports.waitFor(started.id).finally(stopProgress);
    if (io.isTty && !cli.asJson()) io.err('\n');
    if (cli.asJson()) io.out(JSON.stringify(job, null, 2) + '\n');
    if (job.status !== 'succeeded') {
      io.err(`fieldwise: ${job.error?.message ?? `the export ended ${job.status}`}\n`);
      cli.setExitCode(1);
      return;
    }
    if (!cli.asJson()) io.err(`Wrote ${count(job.rows)} asset(s) to ${opts.out} (${opts.format.toUpperCase()}, ${count(job.bytes ?? 0)} bytes).\n`);
  });
}
