// What `fieldwise import` does (loaded when it runs): start the import, show progress on stderr,
// print the outcome.
import { resolve } from 'node:path';
import type { RunProgressEvent } from '../../../src-shared/api/index.js';
import type { CliContext } from '../cli-context.js';
import { withAppCore } from '../runtime/with-app-core.js';
import type { ImportOptions } from './import-command.js';

export async function importFile(cli: CliContext, file: string, opts: ImportOptions): Promise<void> {
  const { io } = cli;
  await withAppCore(cli, async (core, call) => {
    const started = await call('imports.start', {
      kind: opts.kind,
      path: resolve(file),
      format: opts.format,
      sourceName: opts.sourceName,
      network: opts.network,
    });
    let lastDecile = -1;
    const stop = core.events.subscribe((event, payload) => {
      if (event !== 'run.progress' || cli.asJson()) return;
      const p = payload as RunProgressEvent;
      if (p.runId !== started.id || p.phase === 'done') return;
      const percent = p.totalBytes > 0 ? Math.floor((100 * p.bytesRead) / p.totalBytes) : 0;
      const line = `${p.phase === 'committing' ? 'committing' : 'reading'} ${p.records} records (${percent}%)`;
      if (io.isTty) io.err(`\r${line}   `);
      else if (p.phase === 'committing' || Math.floor(percent / 10) > lastDecile) {
        // Logs and CI get one line per tenth of the file, not one per progress event.
        lastDecile = Math.floor(percent / 10);
        io.err(`${line}\n`);
      }
    });
    const run = await core.imports.waitFor(started.id);
    stop();
    if (io.isTty && !cli.asJson()) io.err('\n');
    if (cli.asJson()) io.out(JSON.stringify(run, null, 2) + '\n');
    else if (run.status === 'succeeded') {
      const c = run.counts;
      io.out(
        `Imported ${run.scope}: ${c.read} read, ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.rejected} rejected in ${run.durationMs} ms (run ${run.id}).\n`,
      );
    } else {
      io.err(`Import ${run.status}: ${run.error?.message ?? 'unknown error'}\n`);
    }
    cli.setExitCode(run.status === 'succeeded' ? 0 : 1);
  });
}
