// `fieldwise software list`: installed software across the estate — products, versions and how many
// assets run each (the same table as the Software page).
import type { Command } from 'commander';
import type { SoftwareSortField } from '../../../src-shared/api/software.js';
import type { CliContext } from '../cli-context.js';
import { choice, wholeNumber } from '../option-parsers.js';
import { SOFTWARE_SORT_FIELDS } from '../value-lists.js';

export interface SoftwareListOptions {
  search?: string;
  sort: SoftwareSortField;
  desc?: boolean;
  limit: number;
  offset: number;
}

export function registerSoftwareCommands(program: Command, cli: CliContext): void {
  const software = program.command('software').description('installed software across the estate');
  software
    .command('list')
    .description('products with their versions and how many assets run each (one row per version)')
    .option('--search <text>', 'words that must each appear in the product name, vendor or version')
    .option('--sort <field>', `one of ${SOFTWARE_SORT_FIELDS.join(', ')}`, choice(SOFTWARE_SORT_FIELDS, 'sort field'), 'name')
    .option('--desc', 'sort descending')
    .option('--limit <n>', 'at most this many products (1-1000)', wholeNumber, 200)
    .option('--offset <n>', 'skip this many products', wholeNumber, 0)
    .addHelpText('after', '\nIn the app, every count on the Software page opens the inventory filtered to the assets behind it.\n')
    .action(async (opts: SoftwareListOptions) => (await import('./software-actions.js')).listSoftware(cli, opts));
}
