// The export pipeline: reads the view page by page through the inventory's own query (listAssets,
// continuing from each page's last row with a keyset cursor, so every page costs one seek however
// deep it is) and hands each page to the format's sink. Only one page is in memory at a time; the
// event loop gets a turn between pages, so calls and events keep flowing while a large export runs.
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { AssetColumnId, AssetFilter, AssetSortField, ExportFormat } from '../../../src-shared/api/index.js';
import type { Database } from '../../db/database.js';
import { listAssets } from '../../db/list-assets.js';
import type { QueryBuilder } from '../../db/query-builder.js';
import { createCsvExportSink } from './csv-export-sink.js';
import type { ExportDescription, ExportSink } from './export-sink.js';
import { createJsonExportSink } from './json-export-sink.js';
import { createXlsxExportSink } from './xlsx-export-sink.js';

/** Assets read and written per page: small enough to keep each turn of the event loop short. */
export const EXPORT_PAGE_SIZE = 500;

export interface ExportView {
  format: ExportFormat;
  sort: { field: AssetSortField; direction: 'asc' | 'desc' };
  filter: AssetFilter;
  columns: readonly AssetColumnId[];
}

export interface ExportProgress {
  rows: number;
  /** Matching assets as far as counted; grows while totalIsExact is false. */
  total: number;
  totalIsExact: boolean;
}

export interface ExportAssetsOptions {
  db: Database;
  qb: QueryBuilder;
  /** Where the file goes. Ended when the export succeeds; left to the caller (to destroy) when it fails. */
  out: Writable;
  exportedAt: string;
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgress) => void;
  pageSize?: number;
}

export class ExportCancelledError extends Error {
  readonly reason = 'cancelled' as const;
  constructor() {
    super('The export was cancelled.');
    this.name = 'ExportCancelledError';
  }
}

export function createExportSink(out: Writable, description: ExportDescription): ExportSink {
  switch (description.format) {
    case 'csv':
      return createCsvExportSink(out, description);
    case 'xlsx':
      return createXlsxExportSink(out, description);
    case 'json':
      return createJsonExportSink(out, description);
  }
}

export async function exportAssets(view: ExportView, options: ExportAssetsOptions): Promise<ExportProgress> {
  const { db, qb, out, signal } = options;
  const limit = options.pageSize ?? EXPORT_PAGE_SIZE;
  const sink = createExportSink(out, { format: view.format, columns: view.columns, exportedAt: options.exportedAt });
  const progress: ExportProgress = { rows: 0, total: 0, totalIsExact: false };
  let after: string | undefined;
  for (;;) {
    if (signal?.aborted) throw new ExportCancelledError();
    // Once the total is known exactly, later pages skip counting past themselves.
    const page = listAssets(db, qb, { offset: progress.rows, limit, sort: view.sort, filter: view.filter, after }, progress.totalIsExact ? { totalLookahead: 0 } : {});
    await sink.writeRows(page.items);
    progress.rows += page.items.length;
    if (!progress.totalIsExact) {
      progress.total = Math.max(page.total, progress.rows);
      progress.totalIsExact = page.totalIsExact;
    }
    const isLast = page.items.length < limit || page.endCursor === undefined;
    if (isLast) progress.total = progress.rows;
    options.onProgress?.({ ...progress, totalIsExact: progress.totalIsExact || isLast });
    if (isLast) break;
    after = page.endCursor;
    await nextTurn();
  }
  if (signal?.aborted) throw new ExportCancelledError();
  await sink.finish();
  if (!out.writableEnded) out.end();
  await finished(out);
  return { ...progress, totalIsExact: true };
}
