// Starts imports, follows them and reports their outcome. An import runs in two phases, each in a
// worker thread with its own database connection:
//   preview: read and check the whole file (every problem, not just the first), stage the valid
//     records, and say what would happen (new, updated, unchanged, rejected) — writing nothing;
//   commit: write the staged records in one transaction, holding the process's write queue (other
//     writes wait their turn; none fails).
// With `preview: true` the run stops in between ('previewed') until imports.commit or
// imports.discard; otherwise it commits at once when the file allows it: no rejected record, or
// onRejected 'skip'. A file with rejected records under 'fail' (the default) imports nothing.
// Each phase is a job of the run service (cancel through its signal, waitFor, 'run.finished').
import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { PassThrough } from 'node:stream';
import {
  ApiError,
  type ApiParsedInput,
  type ImportOnRejected,
  type ImportPreview,
  type Run,
  type RunError,
} from '../../../src-shared/api/index.js';
import type { ImportRejectedItem } from '../../collectors/files/import-item.js';
import { writeRejectedRecords } from '../../collectors/files/write-rejected-records.js';
import type { Database } from '../../db/database.js';
import { finishRun, getRun, insertRun, resumeRun, setRunPreview, type RunOwner } from '../../db/runs-repository.js';
import { ensureSource, getSourceImportSettings, setSourceImportSettings } from '../../db/sources-repository.js';
import type { EventPublisher } from '../event-bus.js';
import type { UploadStore } from '../upload-store.js';
import type { WriteQueue } from '../write-queue.js';
import type { RunService } from '../runs/run-service.js';
import { REJECTED_FILE, type ImportJob } from './execute-import.js';
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
  /** Where each run keeps its staged and rejected records (a folder per run). */
  stagingRoot: string;
  events: EventPublisher;
  uploads: UploadStore;
  launcher: ImportWorkerLauncher;
  /** This process, recorded on every run it starts. */
  runOwner: RunOwner;
  /** Runs each phase as a job: cancel, waitFor, events, 'run.finished'. */
  runs: RunService;
  now: () => Date;
  newId: () => string;
  onUnexpectedError: (message: string, data: Record<string, unknown>) => void;
  /** Declares how a network hands out addresses (and reconciles what that changes); the write queue is held by the caller. */
  declareNetwork?: (network: string, addressing: 'static' | 'dhcp' | 'unknown') => void;
  /** Runs after an import has committed, before waiters hear of it (e.g. statuses by this process's clock). */
  onFinished?: () => Promise<void>;
}

export interface ImportService {
  start(input: ApiParsedInput<'imports.start'>, caller: { actor: string; trigger: Run['trigger'] }): Promise<Run>;
  commit(input: ApiParsedInput<'imports.commit'>, caller: { actor: string }): Run;
  discard(runId: string): Run;
  rejected(input: ApiParsedInput<'imports.rejected'>): Promise<{ fileName: string; mediaType: string; content: string; records: number }>;
  cancel(runId: string): Run;
  /** Resolves with the run once it has finished, or is waiting in 'previewed'. */
  waitFor(runId: string): Promise<Run>;
  /** Cancels running imports and waits until every worker has stopped. */
  close(): Promise<void>;
}

interface ActiveImport {
  job: ImportJob;
  uploadId: string | null;
  /** Null while the import waits for the write queue, or waits in 'previewed'. */
  handle: ImportWorkerHandle | null;
  cancelled: boolean;
}

/** The rejected file is kept for download up to this size. */
const REJECTED_DOWNLOAD_LIMIT = 32 * 1024 * 1024;

function rejectedError(preview: ImportPreview): RunError {
  const first = preview.problems[0];
  const where = first ? ` The first is line ${first.line ?? '?'} (record ${first.recordNumber})${first.field ? `, field "${first.field}"` : ''}: ${first.problem}` : '';
  return {
    reason: 'invalid_record',
    message:
      `${preview.rejected} of ${preview.records} record(s) cannot be imported, so nothing was imported.${where} ` +
      'Fix them (download the rejected records with their reasons), or import only the valid ones.',
    recordNumber: first?.recordNumber ?? null,
    line: first?.line ?? null,
    field: first?.field ?? null,
  };
}

export function createImportService(deps: ImportServiceDeps): ImportService {
  const { db } = deps;

  /** Runs one phase of an import as a run-service job; a cancel reaches the worker of the phase. */
  function startPhase(entry: ActiveImport, phase: () => Promise<Run>): void {
    const { runId } = entry.job;
    deps.runs.start({
      runId,
      kind: 'import',
      overlapKey: null,
      execute: ({ signal }) => {
        const onAbort = () => {
          entry.cancelled = true;
          entry.handle?.cancel();
        };
        if (signal.aborted) onAbort();
        else signal.addEventListener('abort', onAbort, { once: true });
        return phase().finally(() => signal.removeEventListener('abort', onAbort));
      },
      finish: (run, error) => {
        if (run) return run;
        deps.onUnexpectedError('Import failed unexpectedly', { runId, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
        settle(runId, 'failed', { reason: 'internal', message: 'The import stopped on an unexpected error; see the application log.', recordNumber: null, line: null, field: null }, 0, entry.job.startedAtMs);
        return getRun(db, runId) as Run;
      },
    });
  }

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

  function settle(runId: string, status: Run['status'], error: RunError | null, read: number, startedAtMs: number, rejected = read): void {
    const finishedAt = deps.now();
    finishRun(db, runId, {
      status,
      counts: { read, created: 0, updated: 0, unchanged: 0, rejected },
      error,
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - startedAtMs,
    });
  }

  function failureOf(message: ImportWorkerMessage | null, exitCode: number, workerError: Error | null, runId: string): RunError {
    if (message?.type === 'failed') {
      return {
        reason: (message.error.reason as RunError['reason'] | null) ?? 'internal',
        message: message.error.message,
        recordNumber: message.error.recordNumber,
        line: message.error.line,
        field: message.error.field,
        ...(message.error.detail ? { detail: message.error.detail } : {}),
      };
    }
    deps.onUnexpectedError('Import worker stopped without a result', { runId, exitCode, error: workerError?.message ?? null });
    return { reason: 'internal', message: `The import worker stopped unexpectedly (exit code ${exitCode}); nothing from this import was committed.`, recordNumber: null, line: null, field: null };
  }

  /** Runs one phase in a worker; resolves with its last message (or a failure made from how it ended). */
  function runPhase(entry: ActiveImport, data: ImportWorkerData): Promise<{ message: ImportWorkerMessage }> {
    const handle = deps.launcher.launch(data);
    entry.handle = handle;
    if (entry.cancelled) handle.cancel();
    let last: ImportWorkerMessage | null = null;
    return new Promise((resolve) => {
      handle.onMessage((message) => {
        if (message.type === 'progress') {
          deps.events.publish('run.progress', { runId: data.job.runId, phase: message.phase, bytesRead: message.bytesRead, totalBytes: message.totalBytes, records: message.records });
        } else last = message;
      });
      handle.onExit((exitCode, workerError) => {
        entry.handle = null;
        const message = last as ImportWorkerMessage | null;
        resolve({ message: message && message.type !== 'failed' ? message : { type: 'failed', error: { name: 'Error', ...failureOf(message, exitCode, workerError, data.job.runId) }, read: message?.type === 'failed' ? message.read : 0 } });
      });
    });
  }

  /** The phase's end; the run service publishes 'run.finished' with the run returned. */
  function finished(entry: ActiveImport, run: Run): Run {
    if (entry.uploadId) void deps.uploads.remove(entry.uploadId).catch(() => undefined);
    deps.events.publish('run.progress', { runId: run.id, phase: 'done', bytesRead: 0, totalBytes: 0, records: run.counts.read });
    return run;
  }

  async function previewPhase(entry: ActiveImport, stopAfterPreview: boolean, onRejected: ImportOnRejected): Promise<Run> {
    const { job } = entry;
    const { message } = await runPhase(entry, { databasePath: deps.databasePath, job, phase: 'preview' });
    if (message.type === 'failed') {
      const error: RunError = { reason: (message.error.reason as RunError['reason'] | null) ?? 'internal', message: message.error.message, recordNumber: message.error.recordNumber, line: message.error.line, field: message.error.field, ...(message.error.detail ? { detail: message.error.detail } : {}) };
      settle(job.runId, error.reason === 'cancelled' ? 'cancelled' : 'failed', error, message.read, job.startedAtMs);
      await rm(job.stagingDir, { recursive: true, force: true });
      return finished(entry, getRun(db, job.runId) as Run);
    }
    const preview = (message as Extract<ImportWorkerMessage, { type: 'previewed' }>).preview;
    const stored = { ...preview, job };
    if (stopAfterPreview) {
      setRunPreview(db, job.runId, stored as ImportPreview, 'previewed');
      const run = getRun(db, job.runId) as Run;
      deps.events.publish('run.progress', { runId: job.runId, phase: 'previewed', bytesRead: 0, totalBytes: 0, records: preview.records });
      return run;
    }
    setRunPreview(db, job.runId, stored as ImportPreview);
    if (preview.rejected > 0 && onRejected === 'fail') {
      settle(job.runId, 'failed', rejectedError(preview), preview.records, job.startedAtMs, preview.rejected);
      return finished(entry, getRun(db, job.runId) as Run);
    }
    return commitPhase(entry, preview);
  }

  async function commitPhase(entry: ActiveImport, preview: ImportPreview): Promise<Run> {
    const { job } = entry;
    const release = await deps.writes.hold(`import ${job.runId}`);
    try {
      if (entry.cancelled) {
        settle(job.runId, 'cancelled', { reason: 'cancelled', message: 'The import was cancelled before it wrote anything.', recordNumber: null, line: null, field: null }, preview.records, job.startedAtMs, preview.rejected);
      } else {
        const { message } = await runPhase(entry, { databasePath: deps.databasePath, job, phase: 'commit', preview });
        if (message.type === 'failed') {
          const error: RunError = { reason: (message.error.reason as RunError['reason'] | null) ?? 'internal', message: message.error.message, recordNumber: message.error.recordNumber, line: message.error.line, field: message.error.field };
          settle(job.runId, error.reason === 'cancelled' ? 'cancelled' : 'failed', error, preview.records, job.startedAtMs, preview.rejected);
        } else if (message.type === 'done') {
          // How this file was read becomes the source's default next time.
          if (job.delimiter || (job.columnMap && Object.keys(job.columnMap).length > 0)) {
            setSourceImportSettings(db, job.sourceId, { ...getSourceImportSettings(db, job.sourceId), delimiter: job.delimiter ?? null, columnMap: job.columnMap ?? {} });
          }
          if (message.counts.created + message.counts.updated > 0) {
            deps.events.publish('assets.changed', { reason: 'import', assetIds: message.assetIds, count: message.counts.created + message.counts.updated });
          }
        }
      }
    } finally {
      release();
    }
    await rm(join(job.stagingDir, 'staged.ndjson'), { force: true });
    if ((getRun(db, job.runId) as Run).status === 'succeeded') await deps.onFinished?.().catch((error: unknown) => deps.onUnexpectedError('After-import work failed', { runId: job.runId, error: String(error) }));
    return finished(entry, getRun(db, job.runId) as Run);
  }

  function previewedEntry(runId: string): { run: Run; job: ImportJob; preview: ImportPreview } {
    const run = getRun(db, runId);
    if (!run) throw new ApiError('not_found', `Run ${runId} does not exist.`);
    if (run.status !== 'previewed' || !run.preview) throw new ApiError('conflict', `Run ${runId} is ${run.status}, not waiting in preview; there is nothing to commit or discard.`);
    const stored = run.preview as ImportPreview & { job?: ImportJob };
    if (!stored.job) throw new ApiError('conflict', `Run ${runId} cannot be committed: its staged records are gone. Start the import again.`);
    return { run, job: stored.job, preview: run.preview };
  }

  return {
    async start(input, caller) {
      const file = await resolveFile(input);
      const startedAt = deps.now();
      const runId = deps.newId();
      const correlationId = deps.newId();
      const sourceName = input.sourceName ?? input.kind;
      const nowIso = () => deps.now().toISOString();
      const source = db.transaction(() => {
        const s = ensureSource(db, input.kind, sourceName, { newId: deps.newId, now: nowIso });
        insertRun(db, { id: runId, kind: 'import', sourceId: s.id, trigger: caller.trigger, scope: file.displayName, startedAt: startedAt.toISOString(), correlationId, owner: deps.runOwner });
        return s;
      })();
      if (input.network && input.addressing && deps.declareNetwork) {
        const network = input.network;
        const addressing = input.addressing;
        await deps.writes.run('networks.declare', () => deps.declareNetwork?.(network, addressing));
      }
      // How this source's files were read last time is the default.
      const saved = getSourceImportSettings(db, source.id) as { delimiter?: ImportJob['delimiter'] | null; columnMap?: Record<string, string> };
      const job: ImportJob = {
        runId,
        sourceId: source.id,
        kind: input.kind,
        path: file.path,
        displayName: file.displayName,
        format: input.format,
        network: input.network,
        delimiter: input.delimiter ?? saved.delimiter ?? undefined,
        columnMap: input.columnMap ?? (saved.columnMap && Object.keys(saved.columnMap).length > 0 ? saved.columnMap : undefined),
        stagingDir: join(deps.stagingRoot, runId),
        onRejected: input.onRejected,
        actor: caller.actor,
        correlationId,
        startedAtMs: startedAt.getTime(),
      };
      const entry: ActiveImport = { job, uploadId: file.uploadId, handle: null, cancelled: false };
      startPhase(entry, () => previewPhase(entry, input.preview, input.onRejected));
      return getRun(db, runId) as Run;
    },

    commit(input, caller) {
      const { job, preview } = previewedEntry(input.runId);
      if (preview.rejected > 0 && input.onRejected === 'fail') {
        throw new ApiError('conflict', `${preview.rejected} record(s) of this file are rejected: fix them and import again, or commit the ${preview.records - preview.rejected} valid record(s) with onRejected "skip".`);
      }
      resumeRun(db, input.runId);
      const entry: ActiveImport = { job: { ...job, onRejected: input.onRejected, actor: caller.actor }, uploadId: null, handle: null, cancelled: false };
      startPhase(entry, () => commitPhase(entry, preview));
      return getRun(db, input.runId) as Run;
    },

    discard(runId) {
      const { job, preview } = previewedEntry(runId);
      settle(runId, 'cancelled', { reason: 'cancelled', message: 'The import was discarded after its preview; nothing from it was written.', recordNumber: null, line: null, field: null }, preview.records, job.startedAtMs, preview.rejected);
      void rm(join(job.stagingDir, 'staged.ndjson'), { force: true });
      const run = getRun(db, runId) as Run;
      deps.events.publish('run.finished', run);
      return run;
    },

    async rejected(input) {
      const run = getRun(db, input.runId);
      if (!run) throw new ApiError('not_found', `Run ${input.runId} does not exist.`);
      const stored = run.preview as (ImportPreview & { job?: ImportJob }) | null;
      if (!stored?.job) throw new ApiError('not_found', `Run ${input.runId} has no rejected records to download.`);
      const path = join(stored.job.stagingDir, REJECTED_FILE);
      const info = await stat(path).catch(() => null);
      if (!info) throw new ApiError('not_found', `The rejected records of run ${input.runId} are no longer kept.`);
      if (info.size > REJECTED_DOWNLOAD_LIMIT) throw new ApiError('payload_too_large', `The rejected records of run ${input.runId} are ${Math.round(info.size / 1024 / 1024)} MiB; use the command line: fieldwise import … --rejected-out FILE.`);
      const items: ImportRejectedItem[] = [];
      for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) if (line) items.push(JSON.parse(line) as ImportRejectedItem);
      const sink = new PassThrough();
      const chunks: Buffer[] = [];
      sink.on('data', (c: Buffer) => chunks.push(c));
      await writeRejectedRecords(items, { format: input.format, ...(stored.delimiter ? { delimiter: stored.delimiter as ',' | ';' | '\t' } : {}) }, sink);
      sink.end();
      const base = run.scope.replace(/\.[^.]+$/, '');
      return {
        fileName: `${base}.rejected.${input.format === 'csv' ? 'csv' : 'ndjson'}`,
        mediaType: input.format === 'csv' ? 'text/csv' : 'application/x-ndjson',
        content: Buffer.concat(chunks).toString('utf8'),
        records: items.length,
      };
    },

    cancel(runId) {
      const run = getRun(db, runId);
      if (!run) throw new ApiError('not_found', `Run ${runId} does not exist.`);
      if (run.status === 'previewed') return this.discard(runId);
      if (run.kind !== 'import' || !deps.runs.cancel(runId)) throw new ApiError('conflict', `Run ${runId} is not running (it is ${run.status}); there is nothing to cancel.`);
      return run;
    },

    async waitFor(runId) {
      const job = deps.runs.waitFor(runId);
      if (job) return job;
      const run = getRun(db, runId);
      if (!run) throw new ApiError('not_found', `Run ${runId} does not exist.`);
      return run;
    },

    async close() {
      await deps.runs.cancelAll('import');
    },
  };
}
