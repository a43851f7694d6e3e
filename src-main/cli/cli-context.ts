// What every command gets: where to write, the global options, prompts, and a way to set the exit
// code. Cheap to load: command definitions import it before anything heavy is loaded.
import type { CredentialStore } from '../secrets/credential-store.js';
import type { CliIo } from './cli-io.js';
import type { CliPrompt } from './cli-prompt.js';

/** What the process (or a test) hands to runCli. */
export interface CliEnvironment {
  io: CliIo;
  env: NodeJS.ProcessEnv;
  version: string;
  /** Resolves when the process is asked to stop (Ctrl+C); used by long-running commands. */
  waitForStop: () => Promise<void>;
  /** Where discovery secrets live (default: the OS keychain). Tests pass a MemoryCredentialStore. */
  credentials?: CredentialStore;
  /** Secret and confirmation prompts (default: the process's terminal or stdin). */
  prompt?: CliPrompt;
}

/** What a command's action receives. */
export interface CliContext {
  readonly io: CliIo;
  readonly env: NodeJS.ProcessEnv;
  readonly version: string;
  readonly prompt: CliPrompt;
  /** Undefined: the OS keychain. */
  readonly credentials: CredentialStore | undefined;
  waitForStop(): Promise<void>;
  /** The data folder: --data-dir, then FIELDWISE_DATA_DIR, then the platform's convention. */
  dataDir(): string;
  /** True with --json: results go to stdout as JSON, and progress is not printed. */
  asJson(): boolean;
  /** The process's exit code once the command has finished (0 unless set). */
  setExitCode(code: number): void;
}
