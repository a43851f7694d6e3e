// Discovery runs and imports: start an import, follow its progress, read its report, cancel it.
import { z } from 'zod';
import { NETWORK_ADDRESSING } from '../model/network-addressing.js';
import { IMPORT_FILE_FORMATS, IMPORT_KINDS, SOURCE_KINDS } from '../model/source-kinds.js';
import { Id, IsoTime } from './common.js';
import { defineCall } from './define-contract.js';

/** previewed: an import read and checked its file and waits for a person to commit or discard it. */
export const RUN_STATUSES = ['queued', 'running', 'previewed', 'succeeded', 'failed', 'cancelled', 'interrupted'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const RUN_TRIGGERS = ['manual', 'scheduled', 'cli'] as const;
/** 'discovery' covers every protocol: the scope's protocol is in the run's plan and the source's kind. */
export const RUN_KINDS = ['import', 'discovery'] as const;
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
  /**
   * What a person needs to fix a file-level problem: the columns the CSV header has and a suggested
   * mapping onto ours, the delimiters that were equally likely, or the byte offset of the first byte
   * that is not UTF-8.
   */
  detail: z
    .object({
      columnsFound: z.array(z.string()).optional(),
      suggestedColumnMap: z.record(z.string(), z.string()).optional(),
      delimiterCandidates: z.array(z.string()).optional(),
      byteOffset: z.number().int().optional(),
    })
    .optional(),
});
export type RunError = z.infer<typeof RunError>;

/** One record of an import that cannot be taken, and why. */
export const ImportProblem = z.object({
  recordNumber: z.number().int(),
  line: z.number().int().nullable(),
  field: z.string().nullable(),
  problem: z.string(),
});
export type ImportProblem = z.infer<typeof ImportProblem>;

/** What an import would do, before it writes anything. */
export const ImportPreview = z.object({
  records: z.number().int(),
  new: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  /** The first 1,000 problems, in file order. */
  problems: z.array(ImportProblem),
  problemsTruncated: z.boolean(),
  /** How the file was read (so that the next import of this source reads it the same way). */
  delimiter: z.string().nullable(),
  columnMap: z.record(z.string(), z.string()),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

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
  /** Imports: what the file holds, checked before anything was written. */
  preview: ImportPreview.nullable().default(null),
});
export type Run = z.infer<typeof Run>;

export const IMPORT_ON_REJECTED = ['fail', 'skip'] as const;
export type ImportOnRejected = (typeof IMPORT_ON_REJECTED)[number];

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
  /** How that network hands out addresses (remembered for the network): static plant networks make an IP evidence. */
  addressing: z.enum(NETWORK_ADDRESSING).optional(),
  /**
   * true: read and check the file, then wait (status 'previewed') for imports.commit or imports.discard.
   * false (default): commit right after the check when it allows (see onRejected).
   */
  preview: z.boolean().default(false),
  /** fail (default): a file with any rejected record imports nothing. skip: import the valid records only. */
  onRejected: z.enum(IMPORT_ON_REJECTED).default('fail'),
  /** CSV: the delimiter, when detection is unsure (default: detected, or what this source used last). */
  delimiter: z.enum([',', ';', '\t']).optional(),
  /** CSV: file header -> our column, for headers that differ (default: what this source used last). */
  columnMap: z.record(z.string().max(200), z.string().max(100)).optional(),
});
export type ImportStartInput = z.input<typeof ImportStartInput>;

export const ImportCommitInput = z.object({
  runId: Id,
  onRejected: z.enum(IMPORT_ON_REJECTED).default('fail'),
});

export const ImportRejectedInput = z.object({
  runId: Id,
  format: z.enum(['csv', 'ndjson']).default('csv'),
});

export const ImportRejectedFile = z.object({
  fileName: z.string(),
  mediaType: z.string(),
  content: z.string(),
  records: z.number().int(),
});

export const RunProgressEvent = z.object({
  runId: Id,
  phase: z.enum(['reading', 'previewed', 'committing', 'done']),
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
  'imports.commit': defineCall({
    summary: 'Commit a previewed import: all records, or only the valid ones (onRejected: skip).',
    access: 'write',
    input: ImportCommitInput,
    output: Run,
  }),
  'imports.discard': defineCall({
    summary: 'Discard a previewed import; nothing from it is written.',
    access: 'write',
    input: z.object({ runId: Id }),
    output: Run,
  }),
  'imports.rejected': defineCall({
    summary: 'The records an import rejected, as they were in the file, with the reason of each (CSV cells neutralised against formulas).',
    access: 'read',
    input: ImportRejectedInput,
    output: ImportRejectedFile,
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
