// `fieldwise export assets`: the inventory's view (filters, sort, columns, as `assets list` reads
// them) as CSV, XLSX or JSON, to a file or standard output. Registered under `export` beside
// `export members` (reconcile-commands.ts).
import type { Command } from 'commander';
import type { ExportFormat } from '../../../src-shared/api/exports.js';
import { ASSET_COLUMN_IDS, DEFAULT_ASSET_COLUMNS, type AssetColumnId } from '../../../src-shared/model/asset-columns.js';
import { addAssetViewOptions, columnList, type AssetViewOptions } from '../asset-filter-options.js';
import type { CliContext } from '../cli-context.js';
import { choice } from '../option-parsers.js';
import { EXPORT_FORMATS } from '../value-lists.js';

export interface ExportAssetsOptions extends AssetViewOptions {
  format: ExportFormat;
  out?: string;
  columns?: AssetColumnId[];
}

export function registerExportAssetsCommand(exp: Command, cli: CliContext): void {
  const command = exp
    .command('assets')
    .description('the inventory as the page shows it (filters, sort, columns): CSV, XLSX or JSON')
    .requiredOption('--format <format>', EXPORT_FORMATS.join(', '), choice(EXPORT_FORMATS, 'format'))
    .option('--out <file>', 'file to write; written beside it and renamed when complete (default: standard output; XLSX needs a file)')
    .option('--columns <ids>', `comma-separated, in order (default: ${DEFAULT_ASSET_COLUMNS.join(',')}); any of ${ASSET_COLUMN_IDS.join(', ')}`, columnList);
  addAssetViewOptions(command)
    .addHelpText(
      'after',
      [
        '',
        'CSV and XLSX hold what the inventory page shows (labels, the OS with its version; times in UTC); cells that',
        'start with = + - @, a tab or a carriage return get a leading \' so spreadsheets do not run them as formulas.',
        'JSON holds the stored values (class and lifecycle codes, numbers, ISO times) keyed by column id.',
        '',
        'Examples:',
        '  fieldwise export assets --format csv --class server --sort lastSeen --desc --out servers.csv',
        '  fieldwise export assets --format xlsx --search plant-a --columns name,primaryIp,serial,lastSeen --out plant-a.xlsx',
        '  fieldwise export assets --format json --status stale | jq \'.assets[].name\'',
      ].join('\n'),
    )
    .action(async (opts: ExportAssetsOptions) => (await import('./export-actions.js')).exportAssetsCommand(cli, opts));
}
