// `fieldwise demo`: simulated SNMP devices on 127.0.0.1, discovered (and optionally served), for a
// populated inventory without hardware.
import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { port, wholeNumber } from '../option-parsers.js';

export interface DemoOptions {
  basePort: number;
  serve?: boolean;
  port: number;
}

export function registerDemoCommand(program: Command, cli: CliContext): void {
  program
    .command('demo')
    .description('start simulated SNMP devices on 127.0.0.1 and discover them (a populated inventory without hardware)')
    .option('--base-port <port>', 'first UDP port of the five demo agents', port, 16100)
    .option('--serve', 'keep the agents running and serve the UI (like `serve`) so you can discover them from the window')
    .option('--port <port>', 'port of the UI in --serve mode', wholeNumber, 4780)
    .action(async (opts: DemoOptions) => (await import('./demo-action.js')).runDemo(cli, opts));
}
