// Opens the local SQLite database with the settings every connection needs. The main process and
// each import worker open their own connection to the same file; WAL lets readers run while one
// writer commits.
import BetterSqlite3 from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Database = BetterSqlite3.Database;
export type Statement = BetterSqlite3.Statement;

export interface OpenDatabaseOptions {
  readonly?: boolean;
  /** How long a writer waits for another connection's transaction, in milliseconds. */
  busyTimeoutMs?: number;
}

export function openDatabase(path: string, options: OpenDatabaseOptions = {}): Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new BetterSqlite3(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  if (!options.readonly) db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 10_000))}`);
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  // Reads through the OS page cache without copying (up to 256 MiB of the file; bounded so RSS stays predictable).
  db.pragma('mmap_size = 268435456');
  return db;
}
