// Imports and other runs: the history list, live progress fed by events, and the import the user
// started from the Import page. Lives in the store so a job keeps reporting while the user is elsewhere.
import type { ImportOnRejected, ImportStartInput, Run, RunProgressEvent } from '../../src-shared/api/runs.js';
import { errorMessage } from '../lib/api-errors.js';
import type { SliceCreator } from './store-types.js';

export type ImportStep = 'idle' | 'uploading' | 'starting' | 'started' | 'failed';

export interface ImportDraft {
  step: ImportStep;
  fileName: string | null;
  fileBytes: number;
  runId: string | null;
  error: string | null;
}

export interface RunsSlice {
  runs: {
    byId: Record<string, Run>;
    /** Newest first; ids into byId. Null until the first load. */
    listIds: string[] | null;
    listError: string | null;
    progress: Record<string, RunProgressEvent>;
    importDraft: ImportDraft;
  };
  loadRuns(): Promise<void>;
  /** Uploads and checks the file; the run waits in 'previewed' for commitImport or discardImport. */
  startImport(file: File, options: Omit<ImportStartInput, 'uploadId' | 'path' | 'preview'>): Promise<void>;
  /** Commits a previewed import (all records, or only the valid ones); resolves to an error message or null. */
  commitImport(runId: string, onRejected: ImportOnRejected): Promise<string | null>;
  discardImport(runId: string): Promise<string | null>;
  /** The rejected records of an import as a file (CSV), or an error message. */
  rejectedRecords(runId: string): Promise<{ fileName: string; mediaType: string; content: string } | { error: string }>;
  cancelRun(id: string): Promise<string | null>;
  resetImportDraft(): void;
  onRunProgress(event: RunProgressEvent): void;
  onRunFinished(run: Run): void;
  /** Caches a run main returned (e.g. a discovery run just started). */
  rememberRun(run: Run): void;
  /** A progress event for `runId` arrived: mark it running, and fetch it if this window never saw it. */
  noteRunActivity(runId: string): void;
}

export const IDLE_IMPORT: ImportDraft = { step: 'idle', fileName: null, fileBytes: 0, runId: null, error: null };

export function isRunActive(run: Run): boolean {
  return run.status === 'queued' || run.status === 'running';
}

export const createRunsSlice: SliceCreator<RunsSlice> = ({ set, get, client }) => {
  function putRun(run: Run): void {
    set((s) => {
      const known = s.runs.listIds ?? [];
      const listIds = s.runs.listIds === null ? null : known.includes(run.id) ? known : [run.id, ...known];
      return { runs: { ...s.runs, byId: { ...s.runs.byId, [run.id]: run }, listIds } };
    });
  }

  function setDraft(change: Partial<ImportDraft>): void {
    set((s) => ({ runs: { ...s.runs, importDraft: { ...s.runs.importDraft, ...change } } }));
  }

  return {
    runs: { byId: {}, listIds: null, listError: null, progress: {}, importDraft: IDLE_IMPORT },
    async loadRuns() {
      try {
        const runs = await client.call('runs.list', { limit: 200 });
        set((s) => {
          const byId = { ...s.runs.byId };
          for (const run of runs) byId[run.id] = run;
          return { runs: { ...s.runs, byId, listIds: runs.map((r) => r.id), listError: null } };
        });
      } catch (error) {
        set((s) => ({ runs: { ...s.runs, listError: errorMessage(error) } }));
      }
    },
    async startImport(file, options) {
      const step = get().runs.importDraft.step;
      if (step === 'uploading' || step === 'starting') return;
      set((s) => ({ runs: { ...s.runs, importDraft: { ...IDLE_IMPORT, step: 'uploading', fileName: file.name, fileBytes: file.size } } }));
      try {
        const upload = await client.upload(file.name, file);
        setDraft({ step: 'starting' });
        const run = await client.call('imports.start', { ...options, uploadId: upload.uploadId, preview: true });
        // run.finished may already have arrived (small files); keep whichever is further along.
        const known = get().runs.byId[run.id];
        if (!known || isRunActive(known)) putRun(run);
        setDraft({ step: 'started', runId: run.id });
      } catch (error) {
        setDraft({ step: 'failed', error: errorMessage(error) });
      }
    },
    async commitImport(runId, onRejected) {
      try {
        putRun(await client.call('imports.commit', { runId, onRejected }));
        return null;
      } catch (error) {
        return errorMessage(error);
      }
    },
    async discardImport(runId) {
      try {
        putRun(await client.call('imports.discard', { runId }));
        return null;
      } catch (error) {
        return errorMessage(error);
      }
    },
    async rejectedRecords(runId) {
      try {
        return await client.call('imports.rejected', { runId, format: 'csv' });
      } catch (error) {
        return { error: errorMessage(error) };
      }
    },
    async cancelRun(id) {
      try {
        const run = await client.call('runs.cancel', { id });
        putRun(run);
        return null;
      } catch (error) {
        return errorMessage(error);
      }
    },
    resetImportDraft() {
      set((s) => ({ runs: { ...s.runs, importDraft: IDLE_IMPORT } }));
    },
    onRunProgress(event) {
      set((s) => ({ runs: { ...s.runs, progress: { ...s.runs.progress, [event.runId]: event } } }));
      get().noteRunActivity(event.runId);
    },
    noteRunActivity(runId) {
      const run = get().runs.byId[runId];
      if (run) {
        if (run.status === 'queued') set((s) => ({ runs: { ...s.runs, byId: { ...s.runs.byId, [run.id]: { ...run, status: 'running' as const } } } }));
        return;
      }
      // A run started elsewhere (CLI, schedule, another window): fetch it so the jobs indicator can show it.
      void client.call('runs.get', { id: runId }).then(
        (fetched) => {
          if (!get().runs.byId[fetched.id]) putRun(fetched);
        },
        () => undefined,
      );
    },
    rememberRun(run) {
      // run.finished may already have arrived (a quick run); keep whichever is further along.
      const known = get().runs.byId[run.id];
      if (!known || isRunActive(known)) putRun(run);
    },
    onRunFinished(run) {
      putRun(run);
    },
  };
};
