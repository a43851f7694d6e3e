// Every command group of `fieldwise`, in the order `--help` lists them.
//
// To add a command: write <group>-commands.ts with its names, options and help (cheap to load:
// import only commander, the cli/ helpers and src-shared/model value lists, and types) and
// <group>-actions.ts with what it does, which the action imports when it runs:
//   .action(async (opts: MyOptions) => (await import('./my-actions.js')).doIt(cli, opts));
// then list the register function here. cli-bundle.test.ts fails if a heavy module slips into the
// start-up path.
import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { registerAssetsCommands } from './assets-commands.js';
import { registerAuditCommands } from './audit-commands.js';
import { registerCredentialsCommands } from './credentials-commands.js';
import { registerDemoCommand } from './demo-command.js';
import { registerDiscoverCommands } from './discover-commands.js';
import { registerImportCommand } from './import-command.js';
import { registerNetworksCommands } from './networks-commands.js';
import { registerOtCommands } from './ot-commands.js';
import { registerOpcuaCommands } from './opcua-commands.js';
import { registerReconcileCommands } from './reconcile-commands.js';
import { registerScopesCommands } from './scopes-commands.js';
import { registerServeCommand } from './serve-command.js';
import { registerSoftwareCommands } from './software-commands.js';

export type RegisterCommands = (program: Command, cli: CliContext) => void;

export const COMMAND_GROUPS: readonly RegisterCommands[] = [
  registerServeCommand,
  registerImportCommand,
  registerAssetsCommands,
  registerSoftwareCommands,
  registerAuditCommands,
  registerReconcileCommands,
  registerNetworksCommands,
  registerDiscoverCommands,
  registerScopesCommands,
  registerCredentialsCommands,
  registerOtCommands,
  registerOpcuaCommands,
  registerDemoCommand,
];
