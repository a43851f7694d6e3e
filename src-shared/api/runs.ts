// Discovery runs and imports: start an import, follow its progress, read its report, cancel it.
import { z } from 'zod';
import { IMPORT_FILE_FORMATS, IMPORT_KINDS, SOURCE_KINDS } from '../model/source-kinds.js';
import { Id, IsoTime } from './common.js';
import { defineCall } from './define-contract.js';

export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const RUN_TRIGGERS = ['manual', 'scheduled', 'cli'] as const;
export const RUN_KINDS = ['import', 'snmp_discovery'] as const;
export type RunKind = (typeof RUN_KINDS)[number];

export const RunCounts = z.object({
  read: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
});
export type RunCounts = z.infer<typeof RunCounts>;

export const RUN_ERROR_REASONS = [
  'unreadable',
  'unsupported_format',
  'malformed',
  'invalid_record',
  'cancelled',
  'interrupted',
  'internal',
  // Discovery runs:
  'credentials_unavailable', // the OS keychain could not be read
  'invalid_scope', // the scope's targets no longer parse, or it has no credential set
] as const;
export type RunErrorReason = (typeof RUN_ERROR_REASONS)[number];

export const RunError = z.object({
  reason: z.enum(RUN_ERROR_REASONS),
  message: z.string(),
  recordNumber: z.number().int().nullable(),
  line: z.number().int().nullable(),
  field: z.string().nullable(),
});
export type RunError = z.infer<typeof RunError>;

export const Run = z.object({
  id: Id,
  kind: z.enum(RUN_KINDS),
  sourceId: Id.nullable(),
  sourceName: z.string().nullable(),
  sourceKind: z.enum(SOURCE_KINDS).nullable(),
  trigger: z.enum(RUN_TRIGGERS),
  scope: z.string(),
  status: z.enum(RUN_STATUSES),
  counts: RunCounts,
  error: RunError.nullable(),
  startedAt: IsoTime,
  finishedAt: IsoTime.nullable(),
  durationMs: z.number().int().nullable(),
  correlationId: z.string(),
});
export type Run = z.infer<typeof Run>;

export const ImportStartInput = z.object({
  kind: z.enum(IMPORT_KINDS),
  format: z.enum(IMPORT_FILE_FORMATS).optional(),
  /** A file uploaded through the transport's upload channel (browser / window). */
  uploadId: Id.optional(),
  /** A path on the machine running the main process (CLI, or a trusted local caller). */
  path: z.string().max(4096).optional(),
  /** Source name; defaults to the import kind. Re-importing into the same source updates its records. */
  sourceName: z.string().trim().min(1).max(100).optional(),
  /** Site or network the private IPs in this file belong to. */
  network: z.string().trim().min(1).max(100).optional(),
});
export type ImportStartInput = z.input<typeof ImportStartInput>;

export const RunProgressEvent = z.object({
  runId: Id,
  phase: z.enum(['reading', 'committing', 'done']),
  bytesRead: z.number().int(),
  totalBytes: z.number().int(),
  records: z.number().int(),
});
export type RunProgressEvent = z.infer<typeof RunProgressEvent>;

export const runsCalls = {
  'imports.start': defineCall({
    summary: 'Start importing an inventory file; progress arrives as run.progress events.',
    access: 'write',
    input: ImportStartInput,
    output: Run,
  }),
  'runs.list': defineCall({
    summary: 'Discovery runs and imports, newest first.',
    access: 'read',
    input: z.object({ limit: z.number().int().min(1).max(500).default(50), offset: z.number().int().min(0).default(0) }),
    output: z.array(Run),
  }),
  'runs.get': defineCall({
    summary: 'One run with its counts and error.',
    access: 'read',
    input: z.object({ id: Id }),
    output: Run,
  }),
  'runs.cancel': defineCall({
    summary: 'Cancel a running import (nothing from it is committed) or discovery (hosts already collected are kept).',
    access: 'write',
    input: z.object({ id: Id }),
    output: Run,
  }),
};
