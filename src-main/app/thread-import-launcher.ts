// Runs each import in a worker thread (off the thread that serves the window and the HTTP API).
import { Worker } from 'node:worker_threads';
import type { ImportWorkerData, ImportWorkerMessage } from '../services/imports/import-worker-protocol.js';
import type { ImportWorkerHandle, ImportWorkerLauncher } from '../services/imports/import-service.js';
import type { WorkerEntry } from './worker-entry.js';

export function createThreadImportLauncher(entry: WorkerEntry): ImportWorkerLauncher {
  return {
    launch(data: ImportWorkerData): ImportWorkerHandle {
      const worker = new Worker(entry.url, { workerData: { ...data, ...entry.bootData } });
      let lastError: Error | null = null;
      worker.on('error', (error) => {
        lastError = error;
      });
      return {
        onMessage: (listener) => worker.on('message', (message: ImportWorkerMessage) => listener(message)),
        onExit: (listener) => worker.once('exit', (code) => listener(code, lastError)),
        cancel: () => worker.postMessage({ type: 'cancel' }),
      };
    },
  };
}
