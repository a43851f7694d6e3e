// A line-per-entry logger on stderr (so that CLI output on stdout stays clean for scripts).
import type { AppLogger } from './app-core.js';

export function createConsoleLogger(options: { quiet?: boolean; now?: () => Date } = {}): AppLogger {
  const now = options.now ?? (() => new Date());
  const write = (level: string, message: string, data?: Record<string, unknown>) => {
    if (options.quiet && level === 'info') return;
    process.stderr.write(`${now().toISOString()} ${level} ${message}${data ? ` ${JSON.stringify(data)}` : ''}\n`);
  };
  return {
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
  };
}
