// `fieldwise audit verify`: recompute the audit trail's hash chain.
import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';

export function registerAuditCommands(program: Command, cli: CliContext): void {
  const audit = program.command('audit').description('the audit trail');
  audit
    .command('verify')
    .description('check that no audit event was edited, deleted or reordered (exit code 1 if one was)')
    .action(async () => (await import('./audit-actions.js')).verifyAudit(cli));
}
