// The body of one import, in two phases, each run on its own database connection (in a worker thread
// in the app, or in-process in tests):
//
// preview: read the whole file once, outside any transaction; validate every record; say per record
//   whether it is new, updated, unchanged or rejected (reading the stored records only); stage the
//   valid records (NDJSON, in the run's staging folder) and the rejected ones with their reasons.
//   Records whose raw text this source already holds skip validation entirely.
// commit: write the staged records through the record writer in bounded chunks, all in ONE
//   transaction together with the run's report and its audit event, so a failed or cancelled import
//   leaves nothing behind ("staging, then one swap"). The caller holds the process's write queue.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import type { ImportOnRejected, ImportPreview, ImportProblem, RunCounts } from '../../../src-shared/api/index.js';
import type { ObservationInput } from '../../../src-shared/model/index.js';
import type { ImportFileFormat, ImportKind } from '../../../src-shared/model/source-kinds.js';
import type { CsvDelimiter } from '../../collectors/files/detect-csv-delimiter.js';
import { readImportFile, type ImportReadProgress } from '../../collectors/files/read-import-file.js';
import { appendAuditEvent } from '../../db/audit-log.js';
import type { Database } from '../../db/database.js';
import { createRecordWriter, type IncomingObservation, type WriteResult } from '../../db/record-writer.js';
import { finishRun } from '../../db/runs-repository.js';
import { sourceRefOf } from '../../db/source-directory.js';
import { contentHashOf, DEFAULT_RECONCILE_CONFIG, observationContentText } from '../../engine/reconcile/index.js';

/** Records written per reconciliation chunk: memory stays bounded by a chunk's closures. */
const CHUNK = 2000;
/** Problems kept in the run's report; every rejected record still goes to the rejected file. */
const MAX_PROBLEMS = 1000;
/** Page cache while the commit's transaction is open, in SQLite's negative-KiB form (256 MiB). */
const COMMIT_CACHE_SIZE = -262_144;

export interface ImportJob {
  runId: string;
  sourceId: string;
  kind: ImportKind;
  path: string;
  /** The file name shown to people (an upload's original name, or the path's base name). */
  displayName: string;
  format?: ImportFileFormat | undefined;
  network?: string | undefined;
  delimiter?: CsvDelimiter | undefined;
  columnMap?: Record<string, string> | undefined;
  /** Folder for this run's staged and rejected records. */
  stagingDir: string;
  onRejected: ImportOnRejected;
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

export const STAGED_FILE = 'staged.ndjson';
/** Prefix of a stored raw hash whose record took its time from the file (see previewImport). */
const FILE_TIMED = 'f:';
export const REJECTED_FILE = 'rejected.ndjson';

/** One line of the staged file: a record to write, or a stored record seen again unchanged (by id). */
type StagedLine = { o: ObservationInput; h: string } | { b: number; t: string | null };

async function writeLine(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

async function closeStream(out: Writable): Promise<void> {
  const done = once(out, 'finish');
  out.end();
  await done;
}

function cancelled(): Error {
  return Object.assign(new Error('The import was cancelled; nothing from it was committed.'), { name: 'AbortError', reason: 'cancelled' });
}

export async function previewImport(job: ImportJob, deps: ImportDeps): Promise<ImportPreview> {
  const { db } = deps;
  // Records without their own timestamp were observed when the file was written, so importing the
  // same file again gives the same observations.
  const fileTime = (await stat(job.path)).mtime.toISOString();
  const source = db.prepare('SELECT seq, kind, name FROM sources WHERE id = ?').get(job.sourceId) as { seq: number; kind: ImportKind; name: string };
  const sourceRef = sourceRefOf(source.kind, source.name);
  // The raw text of every record this source holds: a record read again unchanged is not parsed.
  // A stored raw hash starts with FILE_TIMED when the record had no time of its own and took the
  // file's: seeing it again in a newer file is a newer sighting. A record with its own time says the
  // same time again, which changes nothing.
  const knownRaw = new Map<string, { id: number; fileTimed: boolean }>();
  for (const r of db.prepare('SELECT raw_hash, id FROM records WHERE source_seq = ? AND raw_hash IS NOT NULL').iterate(source.seq) as Iterable<{ raw_hash: string; id: number }>) {
    const fileTimed = r.raw_hash.startsWith(FILE_TIMED);
    knownRaw.set(fileTimed ? r.raw_hash.slice(FILE_TIMED.length) : r.raw_hash, { id: r.id, fileTimed });
  }
  const stored = db.prepare('SELECT r.native_key, r.content_hash FROM json_each(?) j CROSS JOIN records r ON r.source_seq = ? AND r.native_key = j.value');

  await mkdir(job.stagingDir, { recursive: true });
  const staged = createWriteStream(join(job.stagingDir, STAGED_FILE));
  const rejectedOut = createWriteStream(join(job.stagingDir, REJECTED_FILE));
  const preview: ImportPreview = { records: 0, new: 0, updated: 0, unchanged: 0, rejected: 0, problems: [], problemsTruncated: false, delimiter: job.delimiter ?? null, columnMap: job.columnMap ?? {} };
  let pending: { observation: ObservationInput; rawHash: string }[] = [];
  const seen = new Set<string>();
  const classify = async (): Promise<void> => {
    const batch = pending;
    pending = [];
    const keys = [...new Set(batch.map((b) => b.observation.nativeKey))];
    const hashes = new Map((stored.all(JSON.stringify(keys), source.seq) as { native_key: string; content_hash: string }[]).map((r) => [r.native_key, r.content_hash] as const));
    for (const b of batch) {
      const previous = hashes.get(b.observation.nativeKey);
      const hash = contentHashOf({ observationId: '', sourceId: sourceRef, sourceKind: source.kind, observation: b.observation }, observationContentText(b.observation));
      // A native key repeated in the file counts once, as its newest version will.
      if (seen.has(b.observation.nativeKey)) preview.unchanged += 1;
      else if (previous === undefined) preview.new += 1;
      else if (previous === hash) preview.unchanged += 1;
      else preview.updated += 1;
      seen.add(b.observation.nativeKey);
      const line: StagedLine = { o: b.observation, h: b.observation.observedAt === fileTime ? FILE_TIMED + b.rawHash : b.rawHash };
      await writeLine(staged, JSON.stringify(line) + '\n');
    }
  };
  try {
    for await (const item of readImportFile({
      path: job.path,
      fileName: job.displayName,
      kind: job.kind,
      format: job.format,
      defaultObservedAt: fileTime,
      network: job.network,
      delimiter: job.delimiter,
      columnMap: job.columnMap,
      isKnownRaw: (rawHash) => knownRaw.has(rawHash),
      signal: deps.signal,
      onProgress: (p) => deps.onProgress({ ...p, phase: 'reading' }),
    })) {
      if (deps.signal.aborted) throw cancelled();
      preview.records += 1;
      if (item.type === 'rejected') {
        preview.rejected += 1;
        const problem: ImportProblem = { recordNumber: item.recordNumber, line: item.line, field: item.field, problem: item.problem };
        if (preview.problems.length < MAX_PROBLEMS) preview.problems.push(problem);
        else preview.problemsTruncated = true;
        await writeLine(rejectedOut, JSON.stringify(item) + '\n');
      } else if (item.type === 'unchanged') {
        preview.unchanged += 1;
        const known = knownRaw.get(item.rawHash) as { id: number; fileTimed: boolean };
        const line: StagedLine = { b: known.id, t: known.fileTimed ? fileTime : null };
        await writeLine(staged, JSON.stringify(line) + '\n');
      } else {
        pending.push({ observation: item.observation, rawHash: item.rawHash });
        if (pending.length >= CHUNK) await classify();
      }
    }
    await classify();
  } finally {
    await closeStream(staged);
    await closeStream(rejectedOut);
  }
  return preview;
}

export async function commitImport(job: ImportJob, preview: ImportPreview, deps: ImportDeps): Promise<ImportOutcome> {
  const { db } = deps;
  const counts: RunCounts = { read: preview.records, created: 0, updated: 0, unchanged: 0, rejected: preview.rejected };
  const changedAssets: string[] = [];
  const writer = createRecordWriter(db, DEFAULT_RECONCILE_CONFIG);
  const sourceSeq = db.prepare('SELECT seq FROM sources WHERE id = ?').pluck().get(job.sourceId) as number;
  const ctx = () => ({ now: deps.now().toISOString(), cause: { kind: 'import' as const, id: job.runId, correlationId: job.correlationId } });
  let items: IncomingObservation[] = [];
  let seenAgain: { id: number; at: string }[] = [];
  let written = 0;
  const tally = (result: WriteResult): void => {
    for (const r of result.records) {
      counts[r.outcome] += 1;
      if (r.outcome !== 'unchanged' && changedAssets.length < 100 && !changedAssets.includes(r.assetId)) changedAssets.push(r.assetId);
    }
  };
  const flush = (): void => {
    if (items.length > 0) tally(writer.write({ sourceSeq, runId: job.runId, items }, ctx()));
    if (seenAgain.length > 0) {
      writer.seenAgain(seenAgain, ctx());
      counts.unchanged += seenAgain.length;
    }
    written += items.length + seenAgain.length;
    items = [];
    seenAgain = [];
    deps.onProgress({ bytesRead: written, totalBytes: preview.records - preview.rejected, records: written, phase: 'committing' });
  };

  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = ${COMMIT_CACHE_SIZE}`);
  db.exec('BEGIN IMMEDIATE');
  try {
    const lines = createInterface({ input: createReadStream(join(job.stagingDir, STAGED_FILE)), crlfDelay: Infinity });
    for await (const text of lines) {
      if (deps.signal.aborted) throw cancelled();
      if (text.length === 0) continue;
      const line = JSON.parse(text) as StagedLine;
      if ('b' in line) {
        if (line.t === null) counts.unchanged += 1;
        else seenAgain.push({ id: line.b, at: line.t });
      }
      else items.push({ observation: line.o, rawHash: line.h });
      if (items.length + seenAgain.length >= CHUNK) flush();
    }
    flush();
    if (deps.signal.aborted) throw cancelled();
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
      after: { file: job.displayName, kind: job.kind, sourceId: job.sourceId, counts, skippedRejected: preview.rejected > 0 },
      correlationId: job.correlationId,
    });
    db.exec('COMMIT');
    await rm(join(job.stagingDir, STAGED_FILE), { force: true });
    return { counts, durationMs, assetIds: changedAssets };
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  } finally {
    db.pragma(`cache_size = ${Math.trunc(cacheSize)}`);
  }
}
