// `fieldwise scopes list|add|show`: saved discovery scopes (protocol and its options, targets,
// credentials, safety, schedule).
import type { Command } from 'commander';
import { NETWORK_ADDRESSING, type NetworkAddressing } from '../../../src-shared/model/network-addressing.js';
import type { CliContext } from '../cli-context.js';
import { choice, ports } from '../option-parsers.js';
import { addAllProtocolOptions, type ProtocolOptions } from './protocol-options.js';
import { addSafetyOptions, type SafetyOptions } from './safety-options.js';

export interface ScopesAddOptions extends SafetyOptions, ProtocolOptions {
  targets: string[];
  exclude?: string[];
  port?: number[];
  credential?: string[];
  schedule?: string;
  timezone?: string;
  network?: string;
  addressing?: NetworkAddressing;
  identify?: boolean;
  ot?: boolean;
}

export function registerScopesCommands(program: Command, cli: CliContext): void {
  const scopes = program.command('scopes').description('saved discovery scopes (targets, credentials, safety settings, schedule)');
  scopes
    .command('list')
    .description('list discovery scopes')
    .action(async () => (await import('./scopes-actions.js')).listScopes(cli));
  addAllProtocolOptions(
    addSafetyOptions(
      scopes
        .command('add')
        .description('save a discovery scope (SNMP, or an OT scope over Modbus TCP, BACnet/IP or OPC UA with --protocol)')
        .argument('<name>', 'scope name (assets show it as their source)')
        .requiredOption('--targets <spec...>', 'addresses, CIDR blocks or ranges')
        .option('--exclude <spec...>', 'addresses never probed, same syntax (fragile devices, addresses you must not touch)')
        .option('--port <port>', "port (repeatable; default the protocol's: SNMP 161, Modbus 502, BACnet 47808, OPC UA 4840)", ports)
        .option('--credential <name...>', 'credential sets to try, in order (SNMP; OPC UA user or certificate sets, none = anonymous)')
        .option('--schedule <cron>', 'run on a schedule, e.g. "0 2 * * *" (nightly at 02:00)')
        .option('--timezone <zone>', 'IANA time zone of the schedule (default: local time)')
        .option('--network <name>', 'site or network the addresses belong to')
        .option('--addressing <how>', `how that network hands out addresses: ${NETWORK_ADDRESSING.join(', ')} (declared for the network)`, choice(NETWORK_ADDRESSING, 'addressing'))
        .option('--identify', 'SNMP: read only the system group')
        .option('--ot', 'SNMP: mark as an OT (plant) scope: gentle defaults, confirmation required (Modbus, BACnet and OPC UA scopes always are)'),
    ),
  ).action(async (name: string, opts: ScopesAddOptions) => (await import('./scopes-actions.js')).addScope(cli, name, opts));
  scopes
    .command('show')
    .description('show a scope and the plan of its next run')
    .argument('<scope>', 'scope name or id')
    .action(async (scope: string) => (await import('./scopes-actions.js')).showScope(cli, scope));
}
