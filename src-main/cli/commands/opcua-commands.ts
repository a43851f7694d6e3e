// `fieldwise opcua certificates list|trust|reject`: the operator's decision on OPC UA server
// certificates that discovery met (a server is never trusted silently).
import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';

export interface OpcuaCertificatesListOptions {
  state?: string;
}

export function registerOpcuaCommands(program: Command, cli: CliContext): void {
  const opcua = program.command('opcua').description('OPC UA discovery: server certificates');
  const certificates = opcua.command('certificates').description("server certificates in the app's OPC UA PKI (pending, trusted, rejected)");
  certificates
    .command('list')
    .description('list server certificates with subject, thumbprint and validity')
    .option('--state <state>', 'only pending, trusted or rejected')
    .action(async (opts: OpcuaCertificatesListOptions) => (await import('./opcua-actions.js')).listOpcuaCertificates(cli, opts));
  certificates
    .command('trust')
    .description('trust a server certificate: the next run opens a session with that server')
    .argument('<thumbprint>', 'SHA-1 thumbprint (40 hex digits, as listed)')
    .action(async (thumbprint: string) => (await import('./opcua-actions.js')).decideOpcuaCertificate(cli, thumbprint, 'trust'));
  certificates
    .command('reject')
    .description('reject a server certificate: runs refuse to open a session with that server')
    .argument('<thumbprint>', 'SHA-1 thumbprint (40 hex digits, as listed)')
    .action(async (thumbprint: string) => (await import('./opcua-actions.js')).decideOpcuaCertificate(cli, thumbprint, 'reject'));
}
