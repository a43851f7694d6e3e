// Opens the app core (database, services, keychain) for one command and closes it afterwards.
// Loaded only when a command runs: this is where the heavy modules come in.
import { v7 as uuidv7 } from 'uuid';
import type { ApiInput, ApiMethod, ApiOutput } from '../../../src-shared/api/index.js';
import type { CallContext } from '../../api/dispatcher.js';
import { createConsoleLogger } from '../../app/console-logger.js';
import { createAppCore, type FullAppCore } from '../../app/create-app-core.js';
import type { CliContext } from '../cli-context.js';

/** Calls the API dispatcher as the person at the terminal, like the window does over IPC. */
export type ApiCall = <M extends ApiMethod>(method: M, input: ApiInput<M>) => Promise<ApiOutput<M>>;

export interface AppCoreUse {
  /** Run scheduled discoveries while the command runs (`serve`, `demo --serve`). Default false. */
  scheduler?: boolean;
  /** Log info lines too (long-running server commands). Default: warnings and errors only. */
  verbose?: boolean;
}

export async function withAppCore<T>(cli: CliContext, fn: (core: FullAppCore, call: ApiCall) => Promise<T>, use: AppCoreUse = {}): Promise<T> {
  const core = await createAppCore({
    dataDir: cli.dataDir(),
    version: cli.version,
    logger: createConsoleLogger({ quiet: !use.verbose }),
    scheduler: use.scheduler ?? false,
    ...(cli.credentials ? { credentials: cli.credentials } : {}),
  });
  const actor = `cli:${cli.env.USER ?? cli.env.USERNAME ?? 'local'}`;
  const call: ApiCall = async (method, input) => {
    const ctx: CallContext = { requestId: uuidv7(), actor, transport: 'cli', access: 'write' };
    return (await core.dispatcher.dispatch(method, input, ctx)) as ApiOutput<typeof method>;
  };
  try {
    return await fn(core, call);
  } finally {
    await core.close();
  }
}
