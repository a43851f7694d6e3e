// The body of one import, run on its own database connection (in a worker thread in the app, or
// in-process in tests): stream the file, write every record, and commit once at the end together
// with the run's report and its audit event. Any error rolls everything back.
import { stat } from 'node:fs/promises';
import type { RunCounts } from '../../../src-shared/api/index.js';
import type { ImportFileFormat, ImportKind } from '../../../src-shared/model/source-kinds.js';
import { ImportFileError } from '../../collectors/files/import-file-error.js';
import { readImportFile, type ImportReadProgress } from '../../collectors/files/read-import-file.js';
import { DEFAULT_RECONCILE_CONFIG } from '../../engine/reconcile/index.js';
import { createRecordWriter, type IncomingObservation, type WriteResult } from '../../db/record-writer.js';
import { appendAuditEvent } from '../../db/audit-log.js';
import type { Database } from '../../db/database.js';
import { finishRun } from '../../db/runs-repository.js';

/**
 * Records reconciled together: every batch is reconciled inside the file's one transaction, so a
 * failed file still commits nothing, while memory stays bounded by the batch's components.
 */
const RECONCILE_BATCH = 2000;

/** Page cache while an import's transaction is open, in SQLite's negative-KiB form (256 MiB). */
const IMPORT_CACHE_SIZE = -262_144;

export interface ImportJob {
  runId: string;
  sourceId: string;
  kind: ImportKind;
  path: string;
  /** The file name shown to people (an upload's original name, or the path's base name). */
  displayName: string;
  format?: ImportFileFormat | undefined;
  network?: string | undefined;
  actor: string;
  correlationId: string;
  startedAtMs: number;
}

export interface ImportDeps {
  db: Database;
  now: () => Date;
  newId: () => string;
  onProgress: (progress: ImportReadProgress & { phase: 'reading' | 'committing' }) => void;
  signal: AbortSignal;
}

export interface ImportOutcome {
  counts: RunCounts;
  durationMs: number;
  assetIds: string[];
}

export async function executeImport(job: ImportJob, deps: ImportDeps): Promise<ImportOutcome> {
  const { db } = deps;
  const counts: RunCounts = { read: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 };
  const changedAssets: string[] = [];
  // Records without their own timestamp were observed when the file was written, so re-importing
  // the same file yields the same observations (and adds nothing).
  const fileTime = (await stat(job.path)).mtime.toISOString();
  const writer = createRecordWriter(db, DEFAULT_RECONCILE_CONFIG);
  const sourceSeq = db.prepare('SELECT seq FROM sources WHERE id = ?').pluck().get(job.sourceId) as number;
  let pending: IncomingObservation[] = [];
  const flush = (): WriteResult => {
    const items = pending;
    pending = [];
    return writer.write({ sourceSeq, runId: job.runId, items }, { now: deps.now().toISOString(), cause: { kind: 'import', id: job.runId, correlationId: job.correlationId } });
  };
  const tally = (flushed: WriteResult) => {
    for (const r of flushed.records) {
      counts[r.outcome] += 1;
      if (r.outcome !== 'unchanged' && changedAssets.length < 100 && !changedAssets.includes(r.assetId)) changedAssets.push(r.assetId);
    }
  };
  // The whole file is one transaction: once its dirty pages outgrow the page cache, SQLite spills
  // them to the WAL, and pages of the randomly keyed indexes are spilled again and again. A larger
  // cache for the import (given back afterwards) avoids most of that writing.
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = ${IMPORT_CACHE_SIZE}`);
  db.exec('BEGIN IMMEDIATE');
  try {
    let lastProgress: ImportReadProgress = { bytesRead: 0, totalBytes: 0, records: 0 };
    for await (const item of readImportFile({
      path: job.path,
      fileName: job.displayName,
      kind: job.kind,
      format: job.format,
      defaultObservedAt: fileTime,
      network: job.network,
      signal: deps.signal,
      onProgress: (p) => {
        lastProgress = p;
        deps.onProgress({ ...p, phase: 'reading' });
      },
    })) {
      // Until imports get a preview step, a rejected record fails the whole file as before.
      if (item.type === 'rejected') {
        const { reason, recordNumber, line, field, problem } = item;
        throw new ImportFileError({ reason, file: job.displayName, recordNumber, line, field, problem });
      }
      if (item.type !== 'record') continue; // 'unchanged' needs isKnownRaw, which is not passed
      counts.read += 1;
      pending.push({ observation: item.observation, rawHash: item.rawHash });
      if (pending.length >= RECONCILE_BATCH) tally(flush());
    }
    if (deps.signal.aborted) throw deps.signal.reason;
    tally(flush());
    deps.onProgress({ ...lastProgress, records: counts.read, phase: 'committing' });
    const finishedAt = deps.now();
    const durationMs = finishedAt.getTime() - job.startedAtMs;
    finishRun(db, job.runId, { status: 'succeeded', counts, error: null, finishedAt: finishedAt.toISOString(), durationMs });
    appendAuditEvent(db, {
      id: deps.newId(),
      at: finishedAt.toISOString(),
      actor: job.actor,
      action: 'import.completed',
      targetType: 'run',
      targetId: job.runId,
      before: null,
      after: { file: job.displayName, kind: job.kind, sourceId: job.sourceId, counts },
      correlationId: job.correlationId,
    });
    db.exec('COMMIT');
    return { counts, durationMs, assetIds: changedAssets };
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw new ImportFailedError(error, counts.read + 1);
  } finally {
    db.pragma(`cache_size = ${Math.trunc(cacheSize)}`);
  }
}

/** Wraps why an import stopped, with how many records had been read (the failing one included). */
export class ImportFailedError extends Error {
  constructor(
    override readonly cause: unknown,
    readonly recordsRead: number,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'ImportFailedError';
  }
}
