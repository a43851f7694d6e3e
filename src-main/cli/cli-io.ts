// Where the CLI writes: results to stdout (for scripts), progress and diagnostics to stderr.
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is a terminal, so progress can redraw one line. */
  isTty: boolean;
}

export function processIo(): CliIo {
  return {
    out: writerTo(process.stdout),
    err: writerTo(process.stderr),
    isTty: Boolean(process.stderr.isTTY),
  };
}

/**
 * Writes to `stream` until its reader goes away (`fieldwise assets list | head -1`); from then on
 * output is dropped quietly instead of crashing with EPIPE, and the command runs to its end (a
 * half-finished import or discovery is worse than output nobody reads).
 */
function writerTo(stream: NodeJS.WriteStream): (text: string) => void {
  let isClosed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && !isClosed) throw error;
    isClosed = true;
  });
  return (text) => {
    if (!isClosed) stream.write(text);
  };
}
