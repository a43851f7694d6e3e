// `fieldwise assets list|show`: browse the inventory.
import type { Command } from 'commander';
import { ASSET_CLASSES, type AssetClass } from '../../../src-shared/model/asset-classes.js';
import type { AssetSortField } from '../../../src-shared/api/inventory.js';
import type { CliContext } from '../cli-context.js';
import { choice, choices, wholeNumber } from '../option-parsers.js';
import { ASSET_SORT_FIELDS } from '../value-lists.js';

export interface AssetsListOptions {
  search?: string;
  class?: AssetClass[];
  tag?: string;
  sort: AssetSortField;
  desc?: boolean;
  limit: number;
  offset: number;
}

export function registerAssetsCommands(program: Command, cli: CliContext): void {
  const assets = program.command('assets').description('browse the inventory');
  assets
    .command('list')
    .description('list assets, sorted and filtered')
    .option('--search <text>', 'free text: name, hostname, IP, MAC, serial, vendor, model')
    .option('--class <class...>', `asset classes: ${ASSET_CLASSES.join(', ')}`, choices(ASSET_CLASSES, 'asset class'))
    .option('--tag <tag>', 'key or key=value')
    .option('--sort <field>', `one of ${ASSET_SORT_FIELDS.join(', ')}`, choice(ASSET_SORT_FIELDS, 'sort field'), 'name')
    .option('--desc', 'sort descending')
    .option('--limit <n>', 'at most this many rows (1-1000)', wholeNumber, 50)
    .option('--offset <n>', 'skip this many rows', wholeNumber, 0)
    .action(async (opts: AssetsListOptions) => (await import('./assets-actions.js')).listAssets(cli, opts));
  assets
    .command('show')
    .description('show one asset with the source, confidence and time of every field')
    .argument('<id>', 'asset id (see assets list)')
    .action(async (id: string) => (await import('./assets-actions.js')).showAsset(cli, id));
}
