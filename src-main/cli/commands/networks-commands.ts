// `fieldwise networks list|set`: the networks (sites) IPs are qualified by, and how each hands out
// addresses (an IP match counts for more on a static network than on DHCP).
import type { Command } from 'commander';
import { NETWORK_ADDRESSING, type NetworkAddressing } from '../../../src-shared/model/network-addressing.js';
import type { CliContext } from '../cli-context.js';
import { choice } from '../option-parsers.js';

export interface NetworksSetOptions {
  addressing: NetworkAddressing;
}

export function registerNetworksCommands(program: Command, cli: CliContext): void {
  const networks = program.command('networks').description('networks (sites) and how they hand out addresses');
  networks
    .command('list')
    .description('declared networks and networks seen in records, with their addressing and record counts')
    .action(async () => (await import('./networks-actions.js')).listNetworksCommand(cli));
  networks
    .command('set <name>')
    .description('declare how a network hands out addresses; its records are reconciled again')
    .requiredOption('--addressing <kind>', NETWORK_ADDRESSING.join(', '), choice(NETWORK_ADDRESSING, 'addressing'))
    .action(async (name: string, opts: NetworksSetOptions) => (await import('./networks-actions.js')).setNetworkCommand(cli, name, opts));
}
