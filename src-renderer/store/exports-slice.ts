// Exports started from this window: the job as main reports it (progress and the end arrive as
// events), and saving the finished file through the transport. Lives in the store so an export
// keeps reporting, and its file still arrives, while the person works on another page.
import type { DownloadOutcome } from '../../src-shared/api/api-transport.js';
import type { ExportJob, ExportProgressEvent, ExportStartInput } from '../../src-shared/api/exports.js';
import { errorMessage } from '../lib/api-errors.js';
import type { SliceCreator } from './store-types.js';

export interface ExportsState {
  byId: Record<string, ExportJob>;
  /** The export the Export menu shows: the last one started from this window. */
  currentId: string | null;
  /** Why the last export could not start, or its file could not be saved. */
  error: string | null;
  /** How saving each finished export ended. */
  saved: Record<string, DownloadOutcome>;
}

export interface ExportsSlice {
  exports: ExportsState;
  /** Starts an export of a view; its file is saved when it finishes. */
  startExport(input: Omit<ExportStartInput, 'path'>): Promise<void>;
  cancelExport(id: string): Promise<void>;
  /** Saves a finished export's file (again). */
  saveExport(id: string): Promise<void>;
  dismissExport(): void;
  onExportProgress(event: ExportProgressEvent): void;
  onExportFinished(job: ExportJob): void;
}

const isRunning = (job: ExportJob | undefined): boolean => job?.status === 'running';

export const createExportsSlice: SliceCreator<ExportsSlice> = ({ set, get, client }) => {
  function putJob(job: ExportJob): void {
    set((s) => ({ exports: { ...s.exports, byId: { ...s.exports.byId, [job.id]: job } } }));
  }

  function finished(job: ExportJob): void {
    putJob(job);
    const state = get().exports;
    if (job.status === 'succeeded' && job.downloadable && job.id === state.currentId && !state.saved[job.id]) void get().saveExport(job.id);
  }

  return {
    exports: { byId: {}, currentId: null, error: null, saved: {} },
    async startExport(input) {
      if (isRunning(get().exports.byId[get().exports.currentId ?? ''])) return;
      set((s) => ({ exports: { ...s.exports, error: null } }));
      try {
        const job = await client.call('exports.start', input);
        // export.finished may already have arrived (a small export): keep whichever is further along.
        const known = get().exports.byId[job.id];
        set((s) => ({ exports: { ...s.exports, currentId: job.id } }));
        if (known && !isRunning(known)) finished(known);
        else putJob(known ? { ...job, rows: known.rows, total: known.total, totalIsExact: known.totalIsExact } : job);
      } catch (error) {
        set((s) => ({ exports: { ...s.exports, error: `The export could not start: ${errorMessage(error)}` } }));
      }
    },
    async cancelExport(id) {
      try {
        await client.call('exports.cancel', { id });
      } catch (error) {
        set((s) => ({ exports: { ...s.exports, error: `The export could not be cancelled: ${errorMessage(error)}` } }));
      }
    },
    async saveExport(id) {
      const job = get().exports.byId[id];
      if (!job) return;
      // Marked at once, so a repeated export.finished does not save the file twice.
      set((s) => ({ exports: { ...s.exports, saved: { ...s.exports.saved, [id]: { status: 'started' } } } }));
      try {
        const outcome = await client.download(id, job.fileName);
        set((s) => ({ exports: { ...s.exports, saved: { ...s.exports.saved, [id]: outcome } } }));
      } catch (error) {
        set((s) => ({ exports: { ...s.exports, error: `The file could not be saved: ${errorMessage(error)}` } }));
      }
    },
    dismissExport() {
      set((s) => ({ exports: { ...s.exports, currentId: null, error: null } }));
    },
    onExportProgress(event) {
      const job = get().exports.byId[event.exportId];
      if (job && !isRunning(job)) return;
      const base: ExportJob = job ?? {
        id: event.exportId,
        format: 'csv',
        status: 'running',
        fileName: '',
        columns: [],
        rows: 0,
        total: null,
        totalIsExact: false,
        bytes: null,
        error: null,
        startedAt: '',
        finishedAt: null,
        downloadable: false,
      };
      putJob({ ...base, rows: event.rows, total: event.total, totalIsExact: event.totalIsExact });
    },
    onExportFinished(job) {
      finished(job);
    },
  };
};
