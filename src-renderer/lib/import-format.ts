// The import format from a file's name. The UI always sends it explicitly, so the import does not
// depend on the name the upload is stored under.
import type { ImportFileFormat } from '../../src-shared/model/source-kinds.js';

export function inferImportFormat(fileName: string): ImportFileFormat | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.json') || lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'json';
  return null;
}
