// What `fieldwise networks list|set` do (loaded when one runs).
import type { CliContext } from '../cli-context.js';
import { formatTable } from '../format-table.js';
import { withAppCore } from '../runtime/with-app-core.js';
import type { NetworksSetOptions } from './networks-commands.js';

export async function listNetworksCommand(cli: CliContext): Promise<void> {
  await withAppCore(cli, async (_core, call) => {
    const list = await call('networks.list', {});
    if (cli.asJson()) return cli.io.out(JSON.stringify(list, null, 2) + '\n');
    if (list.length === 0) return cli.io.out('No networks yet: import records with a network column or pass --network to import.\n');
    cli.io.out(formatTable(['NAME', 'ADDRESSING', 'RECORDS', 'DECLARED'], list.map((n) => [n.name, n.addressing, n.records, n.updatedAt ?? ''])));
  });
}

export async function setNetworkCommand(cli: CliContext, name: string, opts: NetworksSetOptions): Promise<void> {
  await withAppCore(cli, async (_core, call) => {
    const result = await call('networks.set', { name, addressing: opts.addressing });
    if (cli.asJson()) return cli.io.out(JSON.stringify(result, null, 2) + '\n');
    cli.io.out(`Network ${result.network.name} is ${result.network.addressing}; ${result.reconciledRecords} record(s) on it reconciled again.\n`);
  });
}
