// `fieldwise export members` and `fieldwise reconcile evaluate`: where every source record went, and
// how right that is against a sample a person labelled.
import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { choice, wholeNumber } from '../option-parsers.js';
import { registerExportAssetsCommand } from './export-commands.js';

export interface ExportMembersOptions {
  format: 'csv' | 'ndjson';
  out?: string;
}

export interface EvaluateOptions {
  truth: string;
  examples: number;
}

export function registerReconcileCommands(program: Command, cli: CliContext): void {
  const exp = program.command('export').description('write inventory data to a file');
  exp
    .command('members')
    .description('every source record (source, native key) with the asset it belongs to')
    .option('--format <format>', 'csv or ndjson', choice(['csv', 'ndjson'] as const, 'format'), 'csv')
    .option('--out <file>', 'file to write (default: standard output)')
    .action(async (opts: ExportMembersOptions) => (await import('./reconcile-actions.js')).exportMembersCommand(cli, opts));
  registerExportAssetsCommand(exp, cli);

  const reconcile = program.command('reconcile').description('reconciliation: how records became assets');
  reconcile
    .command('evaluate')
    .description('pairwise precision, recall and F1 against a labelled sample, with the worst false and missed merges')
    .requiredOption('--truth <file>', 'CSV with columns source_name, native_key, entity (and optionally source_kind): the real thing each record is')
    .option('--examples <n>', 'how many false and missed merges to list', wholeNumber, 10)
    .action(async (opts: EvaluateOptions) => (await import('./reconcile-actions.js')).evaluateCommand(cli, opts));
}
