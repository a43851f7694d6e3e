// What `fieldwise software list` does (loaded when it runs).
import type { CliContext } from '../cli-context.js';
import { formatTable } from '../format-table.js';
import { withAppCore } from '../runtime/with-app-core.js';
import type { SoftwareListOptions } from './software-commands.js';

export async function listSoftware(cli: CliContext, opts: SoftwareListOptions): Promise<void> {
  const { io } = cli;
  await withAppCore(cli, async (_core, call) => {
    const page = await call('software.list', {
      search: opts.search,
      sort: { field: opts.sort, direction: opts.desc ? 'desc' : 'asc' },
      limit: Math.min(Math.max(opts.limit, 1), 1000),
      offset: opts.offset,
    });
    if (cli.asJson()) return io.out(JSON.stringify(page, null, 2) + '\n');
    if (page.total === 0) {
      io.out(opts.search ? `No installed software matches "${opts.search}".\n` : 'No installed software yet: import a server or desktop inventory with a software column.\n');
      return;
    }
    io.out(
      formatTable(
        ['PRODUCT', 'VENDOR', 'VERSION', 'ASSETS', 'PRODUCT ASSETS'],
        page.items.flatMap((p) => p.versions.map((v) => [p.name, p.vendor ?? '', v.version ?? '(none)', v.assets, p.assets])),
      ),
    );
    io.out(`${page.items.length} of ${page.total} products (${page.versionTotal} versions)\n`);
  });
}
