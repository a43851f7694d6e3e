// `fieldwise import`: a servers, desktops, cloud-instances or OT seed-list file into the inventory. The file is
// read and checked first (every problem reported), then written all at once — or not at all.
import { InvalidArgumentError, type Command } from 'commander';
import { IMPORT_FILE_FORMATS, IMPORT_KINDS, type ImportFileFormat, type ImportKind } from '../../../src-shared/model/source-kinds.js';
import type { CliContext } from '../cli-context.js';
import { choice } from '../option-parsers.js';

export const ADDRESSING_CHOICES = ['static', 'dhcp', 'unknown'] as const;
export const DELIMITER_CHOICES = { comma: ',', semicolon: ';', tab: '\t' } as const;

export interface ImportOptions {
  kind: ImportKind;
  format?: ImportFileFormat;
  sourceName?: string;
  network?: string;
  addressing?: (typeof ADDRESSING_CHOICES)[number];
  dryRun?: boolean;
  skipRejected?: boolean;
  rejectedOut?: string;
  delimiter?: keyof typeof DELIMITER_CHOICES;
  map?: Record<string, string>;
}

/** A repeatable `--map "Host Name=hostname"`. */
function columnMapping(value: string, previous: Record<string, string> | undefined): Record<string, string> {
  const at = value.lastIndexOf('=');
  if (at <= 0 || at === value.length - 1) throw new InvalidArgumentError(`"${value}" is not a mapping; write it as "File header=our_column", e.g. "Host Name=hostname".`);
  return { ...(previous ?? {}), [value.slice(0, at).trim()]: value.slice(at + 1).trim() };
}

export function registerImportCommand(program: Command, cli: CliContext): void {
  program
    .command('import')
    .description('import a servers, desktops, cloud-instances or OT seed-list file (JSON, NDJSON or CSV): checked first, then written all at once')
    .argument('<file>', 'the file to import')
    .requiredOption('--kind <kind>', `what the file holds: ${IMPORT_KINDS.join(', ')}`, choice(IMPORT_KINDS, 'import kind'))
    .option('--format <format>', `${IMPORT_FILE_FORMATS.join(' or ')} (default: from the file extension)`, choice(IMPORT_FILE_FORMATS, 'format'))
    .option('--source-name <name>', 'name of the source (default: the kind); re-importing into the same source updates its records')
    .option('--network <name>', 'site or network the private IPs in this file belong to')
    .option('--addressing <how>', `how that network hands out addresses: ${ADDRESSING_CHOICES.join(', ')} (remembered for the network)`, choice(ADDRESSING_CHOICES, 'addressing'))
    .option('--dry-run', 'read and check the file and say what would change, without writing anything')
    .option('--skip-rejected', 'import the valid records even when some are rejected (default: a file with a rejected record imports nothing)')
    .option('--rejected-out <file>', 'write the rejected records, with their reasons, to this file (.csv or .ndjson)')
    .option('--delimiter <name>', `CSV delimiter when detection is unsure: ${Object.keys(DELIMITER_CHOICES).join(', ')}`, choice(Object.keys(DELIMITER_CHOICES) as (keyof typeof DELIMITER_CHOICES)[], 'delimiter'))
    .option('--map <header=column>', 'CSV: read a column whose header differs, e.g. --map "Host Name=hostname" (repeatable; remembered for the source)', columnMapping)
    .action(async (file: string, opts: ImportOptions) => (await import('./import-action.js')).importFile(cli, file, opts));
}
