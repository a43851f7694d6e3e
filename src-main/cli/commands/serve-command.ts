// `fieldwise serve`: the UI and API over HTTP/WebSocket on a loopback address.
import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { wholeNumber } from '../option-parsers.js';

export interface ServeOptions {
  host: string;
  port: number;
  allowRemote?: boolean;
}

export function registerServeCommand(program: Command, cli: CliContext): void {
  program
    .command('serve')
    .description('serve the UI and API on a loopback address; open the printed URL in a browser')
    .option('--host <host>', 'address to listen on (loopback only unless --allow-remote)', '127.0.0.1')
    .option('--port <port>', 'port (0 picks a free one)', wholeNumber, 4780)
    .option('--allow-remote', 'allow a non-loopback address (anyone with the token can change data)')
    .action(async (opts: ServeOptions) => (await import('./serve-action.js')).serve(cli, opts));
}
