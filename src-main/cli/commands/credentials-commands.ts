// `fieldwise credentials add|list`: SNMP credential sets; secrets are read from a prompt or stdin
// (never argv, which other users can read in the process list) and kept in the OS keychain.
import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { choice } from '../option-parsers.js';

export const CREDENTIAL_KIND_NAMES = ['v1', 'v2c', 'v3'] as const;

export interface CredentialsAddOptions {
  kind: (typeof CREDENTIAL_KIND_NAMES)[number];
  user?: string;
  level: string;
  authProtocol: string;
  privProtocol: string;
  ref?: string;
}

export function registerCredentialsCommands(program: Command, cli: CliContext): void {
  const credentials = program.command('credentials').description('SNMP credential sets (secrets stay in the OS keychain)');
  credentials
    .command('add')
    .description('add a credential set; the secret is read from a prompt or stdin (never from the command line)')
    .argument('<name>', 'name shown in plans and reports')
    .option('--kind <kind>', CREDENTIAL_KIND_NAMES.join(', '), choice(CREDENTIAL_KIND_NAMES, 'credential kind'), 'v2c')
    .option('--user <user>', 'SNMPv3 user')
    .option('--level <level>', 'SNMPv3 level: noAuthNoPriv, authNoPriv or authPriv', 'authPriv')
    .option('--auth-protocol <p>', 'SNMPv3 auth: sha, sha224, sha256, sha384, sha512', 'sha256')
    .option('--priv-protocol <p>', 'SNMPv3 privacy: aes, aes256b, aes256r, des', 'aes')
    .option('--ref <ref>', 'use a secret already in the OS keychain under this reference (v1/v2c) instead of reading one')
    .action(async (name: string, opts: CredentialsAddOptions) => (await import('./credentials-actions.js')).addCredentialSet(cli, name, opts));
  credentials
    .command('list')
    .description('list credential sets (names and keychain references, never secrets)')
    .action(async () => (await import('./credentials-actions.js')).listCredentialSets(cli));
}
