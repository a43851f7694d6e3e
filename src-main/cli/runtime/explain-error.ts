// What a failed command prints, for errors other than usage mistakes. Loaded only on that path, so
// that the contract's error class (and zod with it) costs nothing on a good run.
import { ApiError } from '../../../src-shared/api/api-error.js';
import { DatabaseError } from '../../db/database-error.js';

export function explainError(error: unknown): string {
  // API and database errors are written for people: name the thing, the reason and the fix.
  if (error instanceof ApiError || error instanceof DatabaseError) return error.message;
  return `unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}
