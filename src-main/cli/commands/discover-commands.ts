// `fieldwise discover snmp|run|plan|report`: sweep addresses or run a saved scope over SNMP.
import type { Command } from 'commander';
import { NETWORK_ADDRESSING, type NetworkAddressing } from '../../../src-shared/model/network-addressing.js';
import type { CliContext } from '../cli-context.js';
import { choice, ports } from '../option-parsers.js';
import { addSafetyOptions, type SafetyOptions } from './safety-options.js';

export interface DiscoverSnmpOptions extends SafetyOptions {
  targets: string[];
  exclude?: string[];
  port?: number[];
  credential?: string[];
  communityRef?: string[];
  snmpVersion: 'v1' | 'v2c';
  scope: string;
  network?: string;
  addressing?: NetworkAddressing;
  identify?: boolean;
  ot?: boolean;
  yes?: boolean;
}

export interface DiscoverRunOptions {
  yes?: boolean;
  resume?: string;
}

export function registerDiscoverCommands(program: Command, cli: CliContext): void {
  const discover = program.command('discover').description('discover devices on the network (SNMP)');
  addSafetyOptions(
    discover
      .command('snmp')
      .description('sweep addresses over SNMP now: saves the targets as a scope, prints the plan, then the per-host report')
      .requiredOption('--targets <spec...>', 'addresses, CIDR blocks (10.0.0.0/24) or ranges (10.0.0.10-20)')
      .option('--exclude <spec...>', 'addresses to leave out, same syntax')
      .option('--port <port>', 'UDP port (repeatable; default 161)', ports)
      .option('--credential <name...>', 'credential sets to try, in order (see credentials list)')
      .option('--community-ref <ref...>', 'use a community already in the OS keychain under this reference')
      .option(
        '--snmp-version <v>',
        'version for --community-ref: v1 or v2c (SNMPv3 needs a credential set: credentials add --kind v3)',
        choice(['v1', 'v2c'] as const, 'SNMP version for --community-ref (SNMPv3 needs a credential set: credentials add --kind v3)'),
        'v2c',
      )
      .option('--scope <name>', 'name of the scope to save these settings under', 'CLI sweep')
      .option('--network <name>', 'site or network the addresses belong to')
      .option('--addressing <how>', `how that network hands out addresses: ${NETWORK_ADDRESSING.join(', ')} (declared for the network)`, choice(NETWORK_ADDRESSING, 'addressing'))
      .option('--identify', 'read only the system group (one request per device)')
      .option('--ot', 'mark as an OT (plant) scope: gentle defaults and confirmation required')
      .option('--yes', 'confirm the plan of an OT scope without asking'),
  ).action(async (opts: DiscoverSnmpOptions) => (await import('./discover-actions.js')).discoverSnmp(cli, opts));
  discover
    .command('run')
    .description('run a saved scope now (see scopes list)')
    .argument('<scope>', 'scope name or id')
    .option('--yes', 'confirm the plan of an OT scope without asking')
    .option('--resume <run-id>', 'probe only what an interrupted or cancelled run did not finish')
    .action(async (scope: string, opts: DiscoverRunOptions) => (await import('./discover-actions.js')).runScope(cli, scope, opts));
  discover
    .command('plan')
    .description('show what a run of a scope would do, without sending anything')
    .argument('<scope>', 'scope name or id')
    .action(async (scope: string) => (await import('./discover-actions.js')).showPlan(cli, scope));
  discover
    .command('report')
    .description('print the per-host report of a discovery run')
    .argument('<run-id>', 'run id (see the end of a discover command, or runs in the UI)')
    .action(async (runId: string) => (await import('./discover-actions.js')).showReport(cli, runId));
}
