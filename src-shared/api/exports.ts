// Exports of the inventory's current view (filter, sort, columns) as CSV, XLSX or JSON. An export
// runs as a job: export.progress events while it writes, export.finished when it ends; the file
// stays in the data folder for a day and is fetched through the transport's download channel.
import { z } from 'zod';
import { ASSET_COLUMN_IDS, DEFAULT_ASSET_COLUMNS } from './asset-columns.js';
import { Id, IsoTime, SortDirection } from './common.js';
import { defineCall } from './define-contract.js';
import { ASSET_SORT_FIELDS, AssetFilter } from './inventory.js';

export const EXPORT_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_FORMAT_LABELS: Record<ExportFormat, string> = { csv: 'CSV', xlsx: 'Excel (XLSX)', json: 'JSON' };
export const EXPORT_MEDIA_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
};

/** The data folder's subfolder where finished exports wait to be downloaded. */
export const EXPORTS_DIR_NAME = 'exports';
/** The name a finished export is kept under in EXPORTS_DIR_NAME: its job id, never a name a caller chose. */
export const storedExportFileName = (id: string, format: ExportFormat): string => `${id}.${format}`;

export const EXPORT_STATUSES = ['running', 'succeeded', 'failed', 'cancelled'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];
/** write_failed: the file could not be written (disk full, no permission); internal: anything else. */
export const EXPORT_ERROR_REASONS = ['cancelled', 'write_failed', 'internal'] as const;

export const ExportStartInput = z.object({
  format: z.enum(EXPORT_FORMATS),
  sort: z.object({ field: z.enum(ASSET_SORT_FIELDS), direction: SortDirection }).default({ field: 'name', direction: 'asc' }),
  filter: AssetFilter.default({}),
  /** The columns, in order (the grid's visible columns). */
  columns: z
    .array(z.enum(ASSET_COLUMN_IDS))
    .min(1)
    .max(ASSET_COLUMN_IDS.length)
    .refine((columns) => new Set(columns).size === columns.length, 'A column may appear only once.')
    .default([...DEFAULT_ASSET_COLUMNS]),
  /** A path on the machine running main (CLI or tests only); by default the file goes to the data folder. */
  path: z.string().min(1).max(4096).optional(),
});
export type ExportStartInput = z.input<typeof ExportStartInput>;

export const ExportError = z.object({ reason: z.enum(EXPORT_ERROR_REASONS), message: z.string() });

export const ExportJob = z.object({
  id: Id,
  format: z.enum(EXPORT_FORMATS),
  status: z.enum(EXPORT_STATUSES),
  /** The name to save the file under, e.g. fieldwise-assets-2026-12-01-0930.csv. */
  fileName: z.string(),
  columns: z.array(z.enum(ASSET_COLUMN_IDS)),
  /** Assets written so far. */
  rows: z.number().int(),
  /** Assets matching the view, as far as counted (see totalIsExact); null before the first page. */
  total: z.number().int().nullable(),
  totalIsExact: z.boolean(),
  /** Size of the finished file. */
  bytes: z.number().int().nullable(),
  error: ExportError.nullable(),
  startedAt: IsoTime,
  finishedAt: IsoTime.nullable(),
  /** Whether the file can be downloaded (finished, kept in the data folder, not yet removed). */
  downloadable: z.boolean(),
});
export type ExportJob = z.infer<typeof ExportJob>;

export const ExportProgressEvent = z.object({
  exportId: Id,
  rows: z.number().int(),
  total: z.number().int().nullable(),
  totalIsExact: z.boolean(),
});
export type ExportProgressEvent = z.infer<typeof ExportProgressEvent>;

export const exportCalls = {
  'exports.start': defineCall({
    summary: 'Export the assets of a view (filter, sort, columns) as CSV, XLSX or JSON; progress arrives as export.progress events.',
    access: 'read',
    input: ExportStartInput,
    output: ExportJob,
  }),
  'exports.get': defineCall({
    summary: 'One export job.',
    access: 'read',
    input: z.object({ id: Id }),
    output: ExportJob,
  }),
  'exports.list': defineCall({
    summary: 'The export jobs of this session, newest first.',
    access: 'read',
    input: z.object({}).default({}),
    output: z.array(ExportJob),
  }),
  'exports.cancel': defineCall({
    summary: 'Cancel a running export; its partial file is removed.',
    access: 'read',
    input: z.object({ id: Id }),
    output: ExportJob,
  }),
};

export const exportEvents = {
  /** An export's progress, once per page of assets written. */
  'export.progress': ExportProgressEvent,
  'export.finished': ExportJob,
};
