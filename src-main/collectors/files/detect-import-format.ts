// Which reader a file needs, from its extension. NDJSON is a JSON variant (ImportFileFormat 'json')
// read line by line, so it is told apart here rather than in the shared value list.
import { extname } from 'node:path';
import type { ImportFileFormat } from '../../../src-shared/model/source-kinds.js';

export const IMPORT_FILE_LAYOUTS = ['json_document', 'json_lines', 'csv'] as const;
export type ImportFileLayout = (typeof IMPORT_FILE_LAYOUTS)[number];

export const IMPORT_FILE_EXTENSIONS = ['.json', '.ndjson', '.jsonl', '.csv'] as const;

/** The layout for a path, or null when the extension is not one we know and no format was given. */
export function detectImportFileLayout(path: string, format: ImportFileFormat | undefined): ImportFileLayout | null {
  const extension = extname(path).toLowerCase();
  if (format === 'csv') return 'csv';
  if (format === 'json') return extension === '.ndjson' || extension === '.jsonl' ? 'json_lines' : 'json_document';
  switch (extension) {
    case '.json':
      return 'json_document';
    case '.ndjson':
    case '.jsonl':
      return 'json_lines';
    case '.csv':
      return 'csv';
    default:
      return null;
  }
}
