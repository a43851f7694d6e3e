// `fieldwise import`: a servers, desktops or cloud-instances file into the inventory.
import type { Command } from 'commander';
import { IMPORT_FILE_FORMATS, IMPORT_KINDS, type ImportFileFormat, type ImportKind } from '../../../src-shared/model/source-kinds.js';
import type { CliContext } from '../cli-context.js';
import { choice } from '../option-parsers.js';

export interface ImportOptions {
  kind: ImportKind;
  format?: ImportFileFormat;
  sourceName?: string;
  network?: string;
}

export function registerImportCommand(program: Command, cli: CliContext): void {
  program
    .command('import')
    .description('import a servers, desktops or cloud-instances file (JSON, NDJSON or CSV)')
    .argument('<file>', 'the file to import')
    .requiredOption('--kind <kind>', `what the file holds: ${IMPORT_KINDS.join(', ')}`, choice(IMPORT_KINDS, 'import kind'))
    .option('--format <format>', `${IMPORT_FILE_FORMATS.join(' or ')} (default: from the file extension)`, choice(IMPORT_FILE_FORMATS, 'format'))
    .option('--source-name <name>', 'name of the source (default: the kind); re-importing into the same source updates its records')
    .option('--network <name>', 'site or network the private IPs in this file belong to')
    .action(async (file: string, opts: ImportOptions) => (await import('./import-action.js')).importFile(cli, file, opts));
}
