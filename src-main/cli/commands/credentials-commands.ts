// `fieldwise credentials add|list`: credential sets for SNMP (v1/v2c communities, v3 users) and OPC
// UA (user name and password, client certificate); secrets are read from a prompt or stdin (never
// argv, which other users can read in the process list) or a file, and kept in the OS keychain.
import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { choice } from '../option-parsers.js';
import {
  parseSnmpV3AuthProtocol,
  parseSnmpV3Level,
  parseSnmpV3PrivProtocol,
  SNMP_V3_AUTH_PROTOCOL_NAMES,
  SNMP_V3_LEVEL_NAMES,
  SNMP_V3_PRIV_PROTOCOL_NAMES,
  type SnmpV3AuthProtocol,
  type SnmpV3Level,
  type SnmpV3PrivProtocol,
} from '../snmp-v3-names.js';

/** What --kind accepts: the short SNMP names people use, then the contract's kinds. */
export const CREDENTIAL_KIND_NAMES = ['v1', 'v2c', 'v3', 'snmp_v1', 'snmp_v2c', 'snmp_v3', 'opcua_user', 'opcua_certificate'] as const;

export interface CredentialsAddOptions {
  kind: (typeof CREDENTIAL_KIND_NAMES)[number];
  user?: string;
  level: SnmpV3Level;
  authProtocol: SnmpV3AuthProtocol;
  privProtocol: SnmpV3PrivProtocol;
  ref?: string;
  certificate?: string;
  privateKey?: string;
}

export function registerCredentialsCommands(program: Command, cli: CliContext): void {
  const credentials = program.command('credentials').description('SNMP and OPC UA credential sets (secrets stay in the OS keychain)');
  credentials
    .command('add')
    .description('add a credential set; a secret is read from a prompt or stdin (never from the command line)')
    .argument('<name>', 'name shown in plans and reports')
    .option(
      '--kind <kind>',
      'v1, v2c, v3 (SNMP), opcua_user (OPC UA user name and password) or opcua_certificate (OPC UA client certificate)',
      choice(CREDENTIAL_KIND_NAMES, 'credential kind'),
      'v2c',
    )
    .option('--user <user>', 'SNMPv3 user, or OPC UA user name (opcua_user); the password is prompted for')
    .option('--level <level>', `SNMPv3 level: ${SNMP_V3_LEVEL_NAMES.join(', ')}`, parseSnmpV3Level, 'authPriv')
    .option('--auth-protocol <p>', `SNMPv3 auth, any case: ${SNMP_V3_AUTH_PROTOCOL_NAMES.join(', ')}`, parseSnmpV3AuthProtocol, 'sha256')
    .option('--priv-protocol <p>', `SNMPv3 privacy, any case: ${SNMP_V3_PRIV_PROTOCOL_NAMES.join(', ')} (aes is AES-128)`, parseSnmpV3PrivProtocol, 'aes')
    .option('--ref <ref>', 'use a secret already in the OS keychain under this reference instead of reading one (v1/v2c community, OPC UA password or private key)')
    .option('--certificate <pem-file>', 'opcua_certificate: the client certificate, a PEM file (public; kept with the set)')
    .option('--private-key <pem-file>', 'opcua_certificate: its private key, a PEM file (stored in the OS keychain; or --ref)')
    .action(async (name: string, opts: CredentialsAddOptions) => (await import('./credentials-actions.js')).addCredentialSet(cli, name, opts));
  credentials
    .command('list')
    .description('list credential sets (names and keychain references, never secrets)')
    .action(async () => (await import('./credentials-actions.js')).listCredentialSets(cli));
}
