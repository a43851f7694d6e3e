// Serves the UI and API over HTTP until the process is asked to stop (`serve`, `demo --serve`).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHttpServer } from '../../api/http/http-server.js';
import type { FullAppCore } from '../../app/create-app-core.js';
import type { CliContext } from '../cli-context.js';

function rendererDir(): string | null {
  // Built: dist/main/cli-*.mjs → dist/renderer. From source: src-main/cli/runtime/ → dist/renderer.
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, '..', 'renderer'), join(here, '..', '..', '..', 'dist', 'renderer')]) {
    if (existsSync(join(candidate, 'index.html'))) return candidate;
  }
  return null;
}

export async function serveAppCore(cli: CliContext, core: FullAppCore, options: { host: string; port: number; allowRemote: boolean }): Promise<void> {
  const server = await startHttpServer(core, { ...options, rendererDir: rendererDir() });
  cli.io.out(`Fieldwise is ready at ${server.loginUrl}\n`);
  cli.io.out(`Data directory: ${core.dataDir}\nPress Ctrl+C to stop.\n`);
  await cli.waitForStop();
  await server.close();
}
