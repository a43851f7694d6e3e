// Export jobs: an export of the inventory's view (filter, sort, columns) as CSV, XLSX or JSON runs
// in the background, reports its progress as export.progress events and export.finished at the
// end, and can be cancelled (its partial file is removed). The file goes to the data folder
// (exports/<id>.<ext>, for the window's and the browser's download channel) or, for the command
// line, to a path it names; either way it appears under its final name only once complete.
// Exports only read: they take no turn in the write queue and write nothing to the database.
import { createWriteStream } from 'node:fs';
import { rename, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { ApiError, EXPORT_MEDIA_TYPES, type ApiParsedInput, type ExportJob } from '../../../src-shared/api/index.js';
import type { Database } from '../../db/database.js';
import type { QueryBuilder } from '../../db/query-builder.js';
import type { EventPublisher } from '../event-bus.js';
import { exportAssets, ExportCancelledError, type ExportProgress, type ExportView } from './export-assets.js';
import { EXPORT_MAX_AGE_MS, type ExportFiles } from './export-files.js';

/** Running exports at once; more would only slow each other and the window down. */
export const MAX_RUNNING_EXPORTS = 3;
/** Finished jobs remembered (and their files kept); older ones are let go first. */
const MAX_KEPT_JOBS = 20;

export interface ExportServiceDeps {
  db: Database;
  qb: QueryBuilder;
  events: EventPublisher;
  files: ExportFiles;
  now: () => Date;
  newId: () => string;
  onUnexpectedError: (message: string, data: Record<string, unknown>) => void;
  /** Rows per page (tests make it small to see several pages). */
  pageSize?: number;
}

/** A finished export's file, for a download channel. */
export interface ExportDownload {
  path: string;
  fileName: string;
  mediaType: string;
  bytes: number;
}

export interface ExportService {
  start(input: ApiParsedInput<'exports.start'>): Promise<ExportJob>;
  get(id: string): ExportJob;
  /** Newest first. */
  list(): ExportJob[];
  cancel(id: string): ExportJob;
  /** Resolves with the job once it has ended. */
  waitFor(id: string): Promise<ExportJob>;
  /** The finished file of an export kept in the data folder, or null (unknown, running, failed, or written elsewhere). */
  download(id: string): ExportDownload | null;
  /** Writes a view straight to a stream the caller owns (the CLI's standard output). */
  writeTo(view: ExportView, out: Writable, signal?: AbortSignal): Promise<ExportProgress>;
  /** Cancels running exports and waits for them to stop. */
  close(): Promise<void>;
}

interface Entry {
  job: ExportJob;
  controller: AbortController;
  /** Where the finished file is (data folder or the caller's path). */
  target: string;
  inDataFolder: boolean;
  done: Promise<ExportJob>;
}

function stamp(date: Date): string {
  return date.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
}

function isFileSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

export function createExportService(deps: ExportServiceDeps): ExportService {
  const { files } = deps;
  const jobs = new Map<string, Entry>();
  const iso = () => deps.now().toISOString();

  function entryOf(id: string): Entry {
    const entry = jobs.get(id);
    if (!entry) throw new ApiError('not_found', `Export ${id} is unknown: exports are kept for a day, and only by the Fieldwise process that made them.`);
    return entry;
  }

  function snapshot(entry: Entry): ExportJob {
    return { ...entry.job, columns: [...entry.job.columns], error: entry.job.error ? { ...entry.job.error } : null };
  }

  /** Lets go of finished jobs older than a day, or beyond the last MAX_KEPT_JOBS, with their files. */
  async function prune(): Promise<void> {
    const nowMs = deps.now().getTime();
    const finished = [...jobs.values()].filter((e) => e.job.status !== 'running').sort((a, b) => b.job.startedAt.localeCompare(a.job.startedAt));
    for (const [index, entry] of finished.entries()) {
      const finishedMs = entry.job.finishedAt ? Date.parse(entry.job.finishedAt) : nowMs;
      if (index < MAX_KEPT_JOBS && nowMs - finishedMs <= EXPORT_MAX_AGE_MS) continue;
      jobs.delete(entry.job.id);
      if (entry.inDataFolder) await files.remove(entry.target);
    }
  }

  async function resolveTarget(id: string, input: ApiParsedInput<'exports.start'>): Promise<{ target: string; inDataFolder: boolean }> {
    if (input.path === undefined) return { target: files.finalPath(id, input.format), inDataFolder: true };
    const target = path.resolve(input.path);
    const folder = await stat(path.dirname(target)).catch(() => null);
    if (!folder?.isDirectory()) throw new ApiError('bad_request', `Cannot write ${target}: the folder ${path.dirname(target)} does not exist.`);
    const existing = await stat(target).catch(() => null);
    if (existing && !existing.isFile()) throw new ApiError('bad_request', `Cannot write ${target}: it is a folder, not a file.`);
    return { target, inDataFolder: false };
  }

  async function run(entry: Entry, view: ExportView): Promise<ExportJob> {
    const { job } = entry;
    const partial = files.partialPath(entry.target, job.id);
    const out = createWriteStream(partial, { flags: 'wx' });
    // Errors surface through the pipeline's writes; this keeps an early one from going unhandled.
    const stream: { error: Error | null } = { error: null };
    out.on('error', (error) => (stream.error = error));
    try {
      const result = await exportAssets(view, {
        db: deps.db,
        qb: deps.qb,
        out,
        exportedAt: job.startedAt,
        signal: entry.controller.signal,
        ...(deps.pageSize ? { pageSize: deps.pageSize } : {}),
        onProgress: (progress) => {
          Object.assign(job, { rows: progress.rows, total: progress.total, totalIsExact: progress.totalIsExact });
          deps.events.publish('export.progress', { exportId: job.id, rows: progress.rows, total: progress.total, totalIsExact: progress.totalIsExact });
        },
      });
      if (stream.error) throw stream.error;
      await rename(partial, entry.target);
      const bytes = (await stat(entry.target)).size;
      Object.assign(job, { status: 'succeeded', rows: result.rows, total: result.rows, totalIsExact: true, bytes, downloadable: entry.inDataFolder });
    } catch (error) {
      out.destroy();
      await files.remove(partial).catch(() => undefined);
      const failure = stream.error ?? error;
      if (failure instanceof ExportCancelledError) {
        Object.assign(job, { status: 'cancelled', error: { reason: 'cancelled', message: `The export was cancelled after ${job.rows} asset(s); no file was kept.` } });
      } else if (isFileSystemError(failure)) {
        Object.assign(job, { status: 'failed', error: { reason: 'write_failed', message: `Could not write the export to ${entry.inDataFolder ? 'the data folder' : entry.target}: ${failure.message}. Check the free space and that this user may write there.` } });
      } else {
        const message = failure instanceof Error ? (failure.stack ?? failure.message) : String(failure);
        deps.onUnexpectedError('Export failed', { exportId: job.id, error: message });
        Object.assign(job, { status: 'failed', error: { reason: 'internal', message: `The export failed unexpectedly after ${job.rows} asset(s); see the log entry for export ${job.id}.` } });
      }
    }
    job.finishedAt = iso();
    const finished = snapshot(entry);
    deps.events.publish('export.finished', finished);
    return finished;
  }

  return {
    async start(input) {
      const running = [...jobs.values()].filter((e) => e.job.status === 'running').length;
      if (running >= MAX_RUNNING_EXPORTS) throw new ApiError('conflict', `${running} exports are running already; wait for one to finish or cancel it.`);
      await prune();
      const id = deps.newId();
      const { target, inDataFolder } = await resolveTarget(id, input);
      const startedAt = iso();
      const job: ExportJob = {
        id,
        format: input.format,
        status: 'running',
        fileName: inDataFolder ? `fieldwise-assets-${stamp(new Date(startedAt))}.${input.format}` : path.basename(target),
        columns: [...input.columns],
        rows: 0,
        total: null,
        totalIsExact: false,
        bytes: null,
        error: null,
        startedAt,
        finishedAt: null,
        downloadable: false,
      };
      const entry: Entry = { job, controller: new AbortController(), target, inDataFolder, done: Promise.resolve(job) };
      jobs.set(id, entry);
      entry.done = run(entry, { format: input.format, sort: input.sort, filter: input.filter, columns: input.columns });
      return snapshot(entry);
    },
    get: (id) => snapshot(entryOf(id)),
    list: () => [...jobs.values()].sort((a, b) => b.job.startedAt.localeCompare(a.job.startedAt) || b.job.id.localeCompare(a.job.id)).map(snapshot),
    cancel(id) {
      const entry = entryOf(id);
      if (entry.job.status === 'running') entry.controller.abort();
      return snapshot(entry);
    },
    waitFor: (id) => entryOf(id).done,
    download(id) {
      const entry = jobs.get(id);
      if (!entry || !entry.inDataFolder || entry.job.status !== 'succeeded' || entry.job.bytes === null) return null;
      return { path: entry.target, fileName: entry.job.fileName, mediaType: EXPORT_MEDIA_TYPES[entry.job.format], bytes: entry.job.bytes };
    },
    writeTo: (view, out, signal) => exportAssets(view, { db: deps.db, qb: deps.qb, out, exportedAt: iso(), ...(signal ? { signal } : {}), ...(deps.pageSize ? { pageSize: deps.pageSize } : {}) }),
    async close() {
      const running = [...jobs.values()].filter((e) => e.job.status === 'running');
      for (const entry of running) entry.controller.abort();
      await Promise.allSettled(running.map((e) => e.done));
    },
  };
}
