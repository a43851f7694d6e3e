// Worker-thread entry for one phase of an import: opens its own connection to the database so that
// reading, checking and writing never block the thread that serves the window or the HTTP API.
import { parentPort, workerData } from 'node:worker_threads';
import { v7 as uuidv7 } from 'uuid';
import { openDatabase } from '../../db/database.js';
import { describeImportFailure } from './describe-import-failure.js';
import { commitImport, previewImport } from './execute-import.js';
import type { ImportWorkerCommand, ImportWorkerData, ImportWorkerMessage } from './import-worker-protocol.js';

async function main(port: NonNullable<typeof parentPort>, data: ImportWorkerData): Promise<void> {
  const send = (message: ImportWorkerMessage) => port.postMessage(message);
  const controller = new AbortController();
  port.on('message', (command: ImportWorkerCommand) => {
    if (command.type === 'cancel') controller.abort(Object.assign(new Error('The import was cancelled; nothing from it was committed.'), { name: 'AbortError', reason: 'cancelled' }));
  });
  // Another process (a CLI beside the app) may be writing: the commit waits for it rather than failing.
  const db = openDatabase(data.databasePath, { busyTimeoutMs: 10 * 60_000 });
  let read = 0;
  const deps = {
    db,
    now: () => new Date(),
    newId: () => uuidv7(),
    signal: controller.signal,
    onProgress: (p: { phase: 'reading' | 'committing'; bytesRead: number; totalBytes: number; records: number }) => {
      read = p.records;
      send({ type: 'progress', ...p });
    },
  };
  try {
    if (data.phase === 'preview') send({ type: 'previewed', preview: await previewImport(data.job, deps) });
    else send({ type: 'done', ...(await commitImport(data.job, data.preview as NonNullable<ImportWorkerData['preview']>, deps)) });
  } catch (error) {
    const described = describeImportFailure(error);
    send({ type: 'failed', error: { name: error instanceof Error ? error.name : 'Error', ...described }, read });
  } finally {
    db.close();
    port.close();
  }
}

if (parentPort) void main(parentPort, workerData as ImportWorkerData);
