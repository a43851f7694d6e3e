// Process-level wiring of the core process, shared by its entry (core-process.ts) and test entries:
// finds the parent port, reads --data-dir and --app-version, reports uncaught errors to the parent
// before dying, and leaves Ctrl+C to the parent, which asks the core to close in order.
import type { AppCore, AppLogger } from './app-core.js';
import { createConsoleLogger } from './console-logger.js';
import { hostCoreProcess } from './core-process-host.js';
import { currentParentPort } from './core-process-port.js';

export interface CoreProcessArgs {
  dataDir: string;
  version: string;
}

export type CreateCore = (options: { dataDir: string; version: string; logger: AppLogger }) => Promise<AppCore>;

/** The arguments the parent passes: `--data-dir <path> --app-version <version>`. */
export function coreProcessArgs(options: CoreProcessArgs): string[] {
  return ['--data-dir', options.dataDir, '--app-version', options.version];
}

export function parseCoreProcessArgs(argv: readonly string[]): CoreProcessArgs | { problem: string } {
  const valueOf = (name: string): string | null => {
    const index = argv.indexOf(name);
    const value = index >= 0 ? argv[index + 1] : undefined;
    return value && !value.startsWith('--') ? value : null;
  };
  const dataDir = valueOf('--data-dir');
  const version = valueOf('--app-version');
  if (!dataDir || !version) return { problem: 'The core process needs --data-dir <path> and --app-version <version>.' };
  return { dataDir, version };
}

export function runCoreProcess(createCore: CreateCore): void {
  const logger = createConsoleLogger();
  const port = currentParentPort();
  if (!port) {
    logger.error('The Fieldwise core process is started by the desktop app (or a test), which talks to it over IPC; it cannot run on its own.');
    process.exitCode = 2;
    return;
  }
  // Ctrl+C in a terminal reaches every process of the group. The parent handles it and sends
  // 'close'; dying here would drop the work the orderly close finishes or cancels.
  process.on('SIGINT', () => logger.info('The core process ignores SIGINT; its parent closes it.'));
  const fatal = (kind: string) => (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    logger.error(`The core process is ending on an ${kind}`, { error: error instanceof Error ? (error.stack ?? message) : message });
    port.postMessage({ type: 'fatal', message });
    void port.flush().finally(() => process.exit(1));
  };
  process.on('uncaughtException', fatal('uncaught exception'));
  process.on('unhandledRejection', fatal('unhandled promise rejection'));

  const args = parseCoreProcessArgs(process.argv.slice(2));
  hostCoreProcess({
    port,
    logger,
    startCore: () => ('problem' in args ? Promise.reject(new Error(args.problem)) : createCore({ ...args, logger })),
    exit: (code) => process.exit(code),
  });
}
