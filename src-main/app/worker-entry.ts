// Where a worker's code lives: a bundled .mjs next to the main bundle in a built app, or the .ts
// source (run through tsx) when the app runs from source.
export interface WorkerEntry {
  url: URL;
  /** Extra workerData the entry needs (the source entry's path, for the tsx boot file). */
  bootData: Record<string, string>;
}

export function resolveWorkerEntry(callerUrl: string, names: { bundled: string; source: string }): WorkerEntry {
  if (callerUrl.endsWith('.ts')) {
    return { url: new URL('./ts-worker-boot.mjs', callerUrl), bootData: { __entry: new URL(names.source, callerUrl).href } };
  }
  return { url: new URL(`./${names.bundled}`, callerUrl), bootData: {} };
}
