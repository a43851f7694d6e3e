// `fieldwise assets list|show`: browse the inventory.
import type { Command } from 'commander';
import { addAssetViewOptions, type AssetViewOptions } from '../asset-filter-options.js';
import type { CliContext } from '../cli-context.js';
import { wholeNumber } from '../option-parsers.js';

export interface AssetsListOptions extends AssetViewOptions {
  limit: number;
  offset: number;
}

export function registerAssetsCommands(program: Command, cli: CliContext): void {
  const assets = program.command('assets').description('browse the inventory');
  addAssetViewOptions(assets.command('list').description('list assets, sorted and filtered'))
    .option('--limit <n>', 'at most this many rows (1-1000)', wholeNumber, 50)
    .option('--offset <n>', 'skip this many rows', wholeNumber, 0)
    .action(async (opts: AssetsListOptions) => (await import('./assets-actions.js')).listAssets(cli, opts));
  assets
    .command('show')
    .description('show one asset with the source, confidence and time of every field')
    .argument('<id>', 'asset id (see assets list)')
    .action(async (id: string) => (await import('./assets-actions.js')).showAsset(cli, id));
}
