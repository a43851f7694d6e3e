// Test support, not a test: the real application core (createAppCore: real SQLite file, real import
// worker threads, real dispatcher) on a temporary data dir, with a typed `call` through the
// dispatcher, a capture of published events and a logger that keeps entries for assertions.
import { fileURLToPath } from 'node:url';
import { v7 as uuidv7 } from 'uuid';
import type { ApiEventName, ApiEventPayload, ApiInput, ApiMethod, ApiOutput, Run } from '../../src-shared/api/index.js';
import type { CallContext } from '../api/dispatcher.js';
import type { AppLogger } from '../app/app-core.js';
import { createAppCore, type AppCoreOptions, type FullAppCore } from '../app/create-app-core.js';
import { createTempDir, type TempDir } from './temp-dir.js';

export const TEST_ACTOR = 'test:alice';

/** examples/<name> in the repository. */
export function examplePath(name: string): string {
  return fileURLToPath(new URL(`../../examples/${name}`, import.meta.url));
}

export interface CapturedEvent {
  name: ApiEventName;
  payload: unknown;
}

export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  message: string;
  data: Record<string, unknown> | undefined;
}

export interface TestAppCore {
  core: FullAppCore;
  dir: TempDir;
  events: CapturedEvent[];
  logs: LogEntry[];
  call<M extends ApiMethod>(method: M, input: ApiInput<M>, ctx?: Partial<CallContext>): Promise<ApiOutput<M>>;
  /** imports.start by path, then waits for the run to end. */
  importFile(path: string, input: Omit<ApiInput<'imports.start'>, 'path'>): Promise<Run>;
  eventsNamed<E extends ApiEventName>(name: E): ApiEventPayload<E>[];
  /** Closes the core (stopping workers) and removes the data dir. */
  close(): Promise<void>;
}

export async function startTestAppCore(options: Partial<Omit<AppCoreOptions, 'dataDir'>> & { dir?: TempDir } = {}): Promise<TestAppCore> {
  const dir = options.dir ?? (await createTempDir('fieldwise-core-'));
  const logs: LogEntry[] = [];
  const logger: AppLogger = {
    info: (message, data) => logs.push({ level: 'info', message, data }),
    warn: (message, data) => logs.push({ level: 'warn', message, data }),
    error: (message, data) => logs.push({ level: 'error', message, data }),
  };
  const core = await createAppCore({ version: '0.0.0-test', logger, ...options, dataDir: dir.file('data') });
  const events: CapturedEvent[] = [];
  const unsubscribe = core.events.subscribe((name, payload) => {
    events.push({ name, payload });
  });
  const call = async <M extends ApiMethod>(method: M, input: ApiInput<M>, ctx: Partial<CallContext> = {}): Promise<ApiOutput<M>> =>
    (await core.dispatcher.dispatch(method, input, { requestId: uuidv7(), actor: TEST_ACTOR, transport: 'test', access: 'write', ...ctx })) as ApiOutput<M>;
  return {
    core,
    dir,
    events,
    logs,
    call,
    async importFile(path, input) {
      const started = await call('imports.start', { ...input, path });
      return core.imports.waitFor(started.id);
    },
    eventsNamed: <E extends ApiEventName>(name: E) => events.filter((e) => e.name === name).map((e) => e.payload as ApiEventPayload<E>),
    async close() {
      unsubscribe();
      await core.close();
      if (!options.dir) await dir.remove();
    },
  };
}

/** The error a promise rejects with; fails when it resolves instead. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Row count of one table, read through the core's own connection. */
export function countRows(core: FullAppCore, table: 'assets' | 'observations' | 'records' | 'record_keys' | 'audit_events' | 'asset_software' | 'tags'): number {
  return core.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}
