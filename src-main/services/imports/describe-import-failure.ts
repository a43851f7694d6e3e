// Turns whatever stopped an import into the run's typed error: what, where and how to fix it.
import type { RunError } from '../../../src-shared/api/index.js';
import { RUN_ERROR_REASONS } from '../../../src-shared/api/index.js';

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  reason?: unknown;
  recordNumber?: unknown;
  line?: unknown;
  field?: unknown;
  detail?: unknown;
}

/** The fix-it details of an ImportFileError (columns found and a suggested mapping, delimiter candidates, byte offset). */
function detailOf(detail: unknown): RunError['detail'] {
  const d = (detail && typeof detail === 'object' ? detail : null) as { kind?: unknown; columns?: unknown; suggestedColumnMap?: unknown; candidates?: unknown; byteOffset?: unknown } | null;
  if (!d) return undefined;
  if (d.kind === 'missing_columns') return { columnsFound: d.columns as string[], suggestedColumnMap: d.suggestedColumnMap as Record<string, string> };
  if (d.kind === 'ambiguous_delimiter') return { delimiterCandidates: d.candidates as string[] };
  if (d.kind === 'not_utf8') return { byteOffset: d.byteOffset as number };
  return undefined;
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function describeImportFailure(error: unknown): RunError {
  const e = (error && typeof error === 'object' ? error : {}) as ErrorLike;
  const reason = typeof e.reason === 'string' && (RUN_ERROR_REASONS as readonly string[]).includes(e.reason) ? (e.reason as RunError['reason']) : null;
  if (reason) {
    return {
      reason,
      message: typeof e.message === 'string' ? e.message : 'The import failed.',
      recordNumber: numberOrNull(e.recordNumber),
      line: numberOrNull(e.line),
      field: typeof e.field === 'string' ? e.field : null,
      ...(detailOf(e.detail) ? { detail: detailOf(e.detail) } : {}),
    };
  }
  if (e.name === 'AbortError') return { reason: 'cancelled', message: 'The import was cancelled; nothing from it was committed.', recordNumber: null, line: null, field: null };
  return {
    reason: 'internal',
    message: `The import failed unexpectedly and nothing from it was committed: ${typeof e.message === 'string' ? e.message : String(error)}`,
    recordNumber: null,
    line: null,
    field: null,
  };
}
