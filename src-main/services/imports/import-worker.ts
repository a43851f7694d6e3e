// Worker-thread entry for one import: opens its own connection to the database so that parsing and
// writing never block the thread that serves the window or the HTTP API.
import { parentPort, workerData } from 'node:worker_threads';
import { v7 as uuidv7 } from 'uuid';
import { openDatabase } from '../../db/database.js';
import { describeImportFailure } from './describe-import-failure.js';
import { executeImport, ImportFailedError } from './execute-import.js';
import type { ImportWorkerCommand, ImportWorkerData, ImportWorkerMessage } from './import-worker-protocol.js';

async function main(port: NonNullable<typeof parentPort>, data: ImportWorkerData): Promise<void> {
  const send = (message: ImportWorkerMessage) => port.postMessage(message);
  const controller = new AbortController();
  port.on('message', (command: ImportWorkerCommand) => {
    if (command.type === 'cancel') controller.abort(Object.assign(new Error('The import was cancelled; nothing from it was committed.'), { name: 'AbortError', reason: 'cancelled' }));
  });
  const db = openDatabase(data.databasePath);
  try {
    const outcome = await executeImport(data.job, {
      db,
      now: () => new Date(),
      newId: () => uuidv7(),
      signal: controller.signal,
      onProgress: (p) => send({ type: 'progress', ...p }),
    });
    send({ type: 'done', ...outcome });
  } catch (error) {
    const cause = error instanceof ImportFailedError ? error.cause : error;
    const described = describeImportFailure(cause);
    send({
      type: 'failed',
      error: { name: cause instanceof Error ? cause.name : 'Error', message: described.message, reason: described.reason, recordNumber: described.recordNumber, line: described.line, field: described.field },
      read: error instanceof ImportFailedError ? error.recordsRead : 0,
    });
  } finally {
    db.close();
    port.close();
  }
}

if (parentPort) void main(parentPort, workerData as ImportWorkerData);
