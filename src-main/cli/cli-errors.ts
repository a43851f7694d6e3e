// A mistake in the command line (exit code 2): its message says what was wrong; runCli adds how to
// get help. Anything else that fails a command exits 1.
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}
