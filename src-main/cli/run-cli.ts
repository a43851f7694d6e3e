// The command-line entry: the main jobs headless, through the same services as the window.
// This module and the command definitions load fast (commander and value lists only); each command
// imports what it does when it runs, so `--help`, `--version` and usage errors never open the core.
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { resolve } from 'node:path';
import { platformDataDir } from '../app/data-dir.js';
import type { CliContext, CliEnvironment } from './cli-context.js';
import { CliUsageError } from './cli-errors.js';
import { processPrompt } from './cli-prompt.js';
import { COMMAND_GROUPS } from './commands/register-commands.js';

export type { CliEnvironment } from './cli-context.js';

/** "fieldwise assets list" for the `list` command under `assets`. */
function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

function helpHint(command: Command): string {
  return `Run "${commandPath(command)} --help" for usage.`;
}

/** After a usage error commander prints this line instead of the whole help. */
function addHelpHints(command: Command): void {
  command.showHelpAfterError(helpHint(command));
  for (const sub of command.commands) addHelpHints(sub);
}

export async function runCli(argv: readonly string[], environment: CliEnvironment): Promise<number> {
  const { io } = environment;
  let exitCode = 0;
  let running: Command | undefined;
  const program = new Command()
    .name('fieldwise')
    .description('Fieldwise: offline-first inventory of IT, OT and cloud assets.')
    .version(environment.version)
    .option('--data-dir <dir>', 'where the database and uploads live (env FIELDWISE_DATA_DIR)')
    .option('--json', 'print results as JSON')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: (text, write) => write(`fieldwise: ${text.replace(/^error: /, '')}`) });

  const cli: CliContext = {
    io,
    env: environment.env,
    version: environment.version,
    prompt: environment.prompt ?? processPrompt(),
    credentials: environment.credentials,
    waitForStop: environment.waitForStop,
    dataDir() {
      const opts = program.opts<{ dataDir?: string }>();
      if (opts.dataDir) return resolve(opts.dataDir);
      if (environment.env.FIELDWISE_DATA_DIR) return resolve(environment.env.FIELDWISE_DATA_DIR);
      return platformDataDir(process.platform, environment.env);
    },
    asJson: () => Boolean(program.opts<{ json?: boolean }>().json),
    setExitCode(code) {
      exitCode = code;
    },
  };
  for (const register of COMMAND_GROUPS) register(program, cli);
  addHelpHints(program);
  program.hook('preAction', (_program, actionCommand) => {
    running = actionCommand;
  });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    // Thrown by an action (commander turns its own parse errors into plain CommanderErrors, which
    // it has already printed): say what was wrong and where the help is.
    if (error instanceof CliUsageError || error instanceof InvalidArgumentError) {
      io.err(`fieldwise: ${error.message}\n${helpHint(running ?? program)}\n`);
      return 2;
    }
    if (error instanceof CommanderError) {
      // --help and --version end here with exit code 0; usage errors were printed with a hint.
      if (error.exitCode === 0) return 0;
      // A command group without its subcommand: commander printed the group's help on stderr.
      if (error.code === 'commander.help') io.err(`fieldwise: choose one of the commands above.\n`);
      return 2;
    }
    const { explainError } = await import('./runtime/explain-error.js');
    io.err(`fieldwise: ${explainError(error)}\n`);
    return 1;
  }
}
