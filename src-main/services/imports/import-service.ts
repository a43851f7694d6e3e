// Starts imports, follows them and reports their outcome. Each import runs in a worker with its own
// database connection, holding the process's write queue while it writes (other writes wait for
// their turn; none fails); this service records the run, relays progress as events, and records how
// it ended. Several imports may be started at once: they run one after another.
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { ApiError, type ApiParsedInput, type Run, type RunError } from '../../../src-shared/api/index.js';
import type { Database } from '../../db/database.js';
import { finishRun, getRun, insertRun, type RunOwner } from '../../db/runs-repository.js';
import { ensureSource } from '../../db/sources-repository.js';
import type { EventPublisher } from '../event-bus.js';
import type { UploadStore } from '../upload-store.js';
import type { WriteQueue } from '../write-queue.js';
import type { ImportJob } from './execute-import.js';
import type { ImportWorkerData, ImportWorkerMessage } from './import-worker-protocol.js';

export interface ImportWorkerHandle {
  onMessage(listener: (message: ImportWorkerMessage) => void): void;
  /** Called once when the worker has stopped, whatever the reason. */
  onExit(listener: (exitCode: number, error: Error | null) => void): void;
  cancel(): void;
}

export interface ImportWorkerLauncher {
  launch(data: ImportWorkerData): ImportWorkerHandle;
}

export interface ImportServiceDeps {
  db: Database;
  writes: WriteQueue;
  databasePath: string;
  events: EventPublisher;
  uploads: UploadStore;
  launcher: ImportWorkerLauncher;
  /** This process, recorded on every run it starts. */
  runOwner: RunOwner;
  now: () => Date;
  newId: () => string;
  onUnexpectedError: (message: string, data: Record<string, unknown>) => void;
  /** Runs after an import has finished, before waiters hear of it (e.g. statuses by this process's clock). */
  onFinished?: () => Promise<void>;
}

export interface ImportService {
  start(input: ApiParsedInput<'imports.start'>, caller: { actor: string; trigger: Run['trigger'] }): Promise<Run>;
  cancel(runId: string): Run;
  /** Resolves with the run once it has finished (succeeded, failed or cancelled). */
  waitFor(runId: string): Promise<Run>;
  /** Cancels running imports and waits until every worker has stopped. */
  close(): Promise<void>;
}

interface ActiveImport {
  /** Null while the import waits for the write queue. */
  handle: ImportWorkerHandle | null;
  cancelled: boolean;
  finished: Promise<Run>;
}

export function createImportService(deps: ImportServiceDeps): ImportService {
  const active = new Map<string, ActiveImport>();

  async function resolveFile(input: ApiParsedInput<'imports.start'>): Promise<{ path: string; displayName: string; uploadId: string | null }> {
    if ((input.uploadId ? 1 : 0) + (input.path ? 1 : 0) !== 1) {
      throw new ApiError('bad_request', 'Give exactly one of "uploadId" (a file uploaded from the window) or "path" (a file on this machine).');
    }
    if (input.uploadId) {
      const upload = deps.uploads.resolve(input.uploadId);
      if (!upload) throw new ApiError('not_found', `Upload ${input.uploadId} is unknown or has expired; choose the file again.`);
      return { path: upload.path, displayName: upload.fileName, uploadId: input.uploadId };
    }
    const path = input.path as string;
    const info = await stat(path).catch(() => null);
    if (!info) throw new ApiError('not_found', `File not found: ${path}. Check the path and that this user may read it.`);
    if (!info.isFile()) throw new ApiError('bad_request', `${path} is not a file.`);
    return { path, displayName: basename(path), uploadId: null };
  }

  function settle(runId: string, status: Run['status'], error: RunError | null, read: number, startedAtMs: number): void {
    const finishedAt = deps.now();
    finishRun(deps.db, runId, {
      status,
      counts: { read, created: 0, updated: 0, unchanged: 0, rejected: read },
      error,
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - startedAtMs,
    });
  }

  return {
    async start(input, caller) {
      const file = await resolveFile(input);
      const nowIso = () => deps.now().toISOString();
      const startedAt = deps.now();
      const runId = deps.newId();
      const correlationId = deps.newId();
      const sourceName = input.sourceName ?? input.kind;
      const source = deps.db.transaction(() => {
        const s = ensureSource(deps.db, input.kind, sourceName, { newId: deps.newId, now: nowIso });
        insertRun(deps.db, {
          id: runId,
          kind: 'import',
          sourceId: s.id,
          trigger: caller.trigger,
          scope: file.displayName,
          startedAt: startedAt.toISOString(),
          correlationId,
          owner: deps.runOwner,
        });
        return s;
      })();
      const job: ImportJob = {
        runId,
        sourceId: source.id,
        kind: input.kind,
        path: file.path,
        displayName: file.displayName,
        format: input.format,
        network: input.network,
        actor: caller.actor,
        correlationId,
        startedAtMs: startedAt.getTime(),
      };
      const entry: ActiveImport = { handle: null, cancelled: false, finished: Promise.resolve(null as unknown as Run) };
      entry.finished = (async (): Promise<Run> => {
        const release = await deps.writes.hold(`import ${runId}`);
        if (entry.cancelled) {
          release();
          settle(
            runId,
            'cancelled',
            { reason: 'cancelled', message: 'The import was cancelled before it started; nothing was written.', recordNumber: null, line: null, field: null },
            0,
            job.startedAtMs,
          );
          active.delete(runId);
          if (file.uploadId) void deps.uploads.remove(file.uploadId).catch(() => undefined);
          const run = getRun(deps.db, runId) as Run;
          deps.events.publish('run.finished', run);
          return run;
        }
        const handle = deps.launcher.launch({ databasePath: deps.databasePath, job });
        entry.handle = handle;
        let run: Run;
        try {
          run = await runWorker(handle);
        } finally {
          release();
        }
        await deps.onFinished?.().catch((error: unknown) => deps.onUnexpectedError('After-import work failed', { runId, error: String(error) }));
        return run;
      })();
      function runWorker(handle: ImportWorkerHandle): Promise<Run> {
        let outcome: ImportWorkerMessage | null = null;
        return new Promise<Run>((resolve) => {
          handle.onMessage((message) => {
            if (message.type === 'progress') {
              deps.events.publish('run.progress', {
                runId,
                phase: message.phase,
                bytesRead: message.bytesRead,
                totalBytes: message.totalBytes,
                records: message.records,
              });
            } else {
              outcome = message;
            }
          });
          handle.onExit((exitCode, workerError) => {
            const result = outcome as ImportWorkerMessage | null;
            try {
              if (result?.type === 'failed') {
                const status = result.error.reason === 'cancelled' ? 'cancelled' : 'failed';
                const error: RunError = {
                  reason: (result.error.reason as RunError['reason'] | null) ?? 'internal',
                  message: result.error.message,
                  recordNumber: result.error.recordNumber,
                  line: result.error.line,
                  field: result.error.field,
                };
                settle(runId, status, error, result.read, job.startedAtMs);
              } else if (result?.type !== 'done') {
                deps.onUnexpectedError('Import worker stopped without a result', { runId, exitCode, error: workerError?.message ?? null });
                settle(
                  runId,
                  'failed',
                  {
                    reason: 'internal',
                    message: `The import worker stopped unexpectedly (exit code ${exitCode}); nothing from this import was committed.`,
                    recordNumber: null,
                    line: null,
                    field: null,
                  },
                  0,
                  job.startedAtMs,
                );
              }
            } finally {
              active.delete(runId);
              if (file.uploadId) void deps.uploads.remove(file.uploadId).catch(() => undefined);
              const run = getRun(deps.db, runId) as Run;
              deps.events.publish('run.progress', { runId, phase: 'done', bytesRead: 0, totalBytes: 0, records: run.counts.read });
              deps.events.publish('run.finished', run);
              if (result?.type === 'done' && result.counts.created + result.counts.updated > 0) {
                deps.events.publish('assets.changed', { reason: 'import', assetIds: result.assetIds, count: result.counts.created + result.counts.updated });
              }
              resolve(run);
            }
          });
        });
      }
      active.set(runId, entry);
      return getRun(deps.db, runId) as Run;
    },

    cancel(runId) {
      const run = getRun(deps.db, runId);
      if (!run) throw new ApiError('not_found', `Run ${runId} does not exist.`);
      const job = active.get(runId);
      if (!job) throw new ApiError('conflict', `Run ${runId} is not running (it is ${run.status}); there is nothing to cancel.`);
      job.cancelled = true;
      job.handle?.cancel();
      return run;
    },

    async waitFor(runId) {
      const job = active.get(runId);
      if (job) return job.finished;
      const run = getRun(deps.db, runId);
      if (!run) throw new ApiError('not_found', `Run ${runId} does not exist.`);
      return run;
    },

    async close() {
      for (const job of active.values()) {
        job.cancelled = true;
        job.handle?.cancel();
      }
      await Promise.all([...active.values()].map((job) => job.finished));
    },
  };
}
