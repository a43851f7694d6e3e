// `fieldwise discover snmp|modbus|bacnet|opcua|run|plan|report`: sweep addresses now over one
// protocol, or run a saved scope.
import type { Command } from 'commander';
import { NETWORK_ADDRESSING, type NetworkAddressing } from '../../../src-shared/model/network-addressing.js';
import type { CliContext } from '../cli-context.js';
import { choice, ports } from '../option-parsers.js';
import { addBacnetOptions, addBrowseOption, addModbusOptions, addOpcuaOptions, type ProtocolOptions } from './protocol-options.js';
import { addSafetyOptions, type SafetyOptions } from './safety-options.js';

/** The OT protocols with a one-shot `discover <protocol>`, their labels and their own options. */
const OT_SWEEPS = [
  { protocol: 'modbus', label: 'Modbus TCP', port: 502, credentials: false, addOptions: addModbusOptions },
  { protocol: 'bacnet', label: 'BACnet/IP', port: 47808, credentials: false, addOptions: (c: Command) => addBrowseOption(addBacnetOptions(c)) },
  { protocol: 'opcua', label: 'OPC UA', port: 4840, credentials: true, addOptions: (c: Command) => addBrowseOption(addOpcuaOptions(c)) },
] as const;

export interface DiscoverOtOptions extends SafetyOptions, ProtocolOptions {
  targets: string[];
  exclude?: string[];
  port?: number[];
  credential?: string[];
  scope?: string;
  network?: string;
  addressing?: NetworkAddressing;
  yes?: boolean;
}

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
  const discover = program.command('discover').description('discover devices on the network (SNMP) and on plant networks (Modbus TCP, BACnet/IP, OPC UA)');
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
  for (const sweep of OT_SWEEPS) {
    const command = discover
      .command(sweep.protocol)
      .description(
        `sweep addresses over ${sweep.label} now (an OT scope: read-only, gentle defaults): saves the targets as a scope, prints the plan, needs --yes, then prints the per-target report`,
      )
      .requiredOption('--targets <spec...>', 'addresses, CIDR blocks (10.20.0.0/24) or ranges (10.20.0.10-20)')
      .option('--exclude <spec...>', 'addresses never probed, same syntax (fragile devices, addresses you must not touch)')
      .option('--port <port>', `${sweep.protocol === 'bacnet' ? 'UDP' : 'TCP'} port (repeatable; default ${sweep.port})`, ports);
    if (sweep.credentials) command.option('--credential <name...>', 'OPC UA credential sets to try, in order (default: anonymous)');
    command
      .option('--scope <name>', 'name of the scope to save these settings under', `CLI ${sweep.label} sweep`)
      .option('--network <name>', 'site or network the addresses belong to')
      .option('--addressing <how>', `how that network hands out addresses: ${NETWORK_ADDRESSING.join(', ')} (declared for the network)`, choice(NETWORK_ADDRESSING, 'addressing'))
      .option('--yes', 'confirm the plan without asking (OT scopes always need a confirmation)');
    addSafetyOptions(sweep.addOptions(command)).action(async (opts: DiscoverOtOptions) =>
      (await import('./discover-actions.js')).discoverOt(cli, sweep.protocol, opts),
    );
  }
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
