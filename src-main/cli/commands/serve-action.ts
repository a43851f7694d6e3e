// What `fieldwise serve` does (loaded when it runs).
import type { CliContext } from '../cli-context.js';
import { serveAppCore } from '../runtime/serve-app-core.js';
import { withAppCore } from '../runtime/with-app-core.js';
import type { ServeOptions } from './serve-command.js';

export async function serve(cli: CliContext, opts: ServeOptions): Promise<void> {
  await withAppCore(cli, (core) => serveAppCore(cli, core, { host: opts.host, port: opts.port, allowRemote: Boolean(opts.allowRemote) }), {
    scheduler: true,
    verbose: true,
  });
}
