// Applies the bundled migrations in order. Refuses a database whose applied migrations are not a
// prefix of the ones this build knows (it was written by a newer or different build), and takes a
// backup copy before changing an existing database.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Migration } from '../../migrations/index.js';
import type { Database } from './database.js';
import { DatabaseError } from './database-error.js';

export interface MigrateOptions {
  migrations: readonly Migration[];
  /** Folder for the pre-migration backup; no backup when null (e.g. a fresh database). */
  backupDir: string | null;
  now: () => Date;
}

export interface MigrateResult {
  applied: string[];
  backupPath: string | null;
  schemaVersion: number;
}

function checksum(sql: string): string {
  return createHash('sha256').update(sql).digest('hex');
}

export function migrateDatabase(db: Database, options: MigrateOptions): MigrateResult {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as {
    version: number;
    name: string;
    checksum: string;
  }[];
  const known = options.migrations;
  applied.forEach((row, index) => {
    const expected = known[index];
    if (!expected || expected.name !== row.name || row.version !== index + 1) {
      throw new DatabaseError(
        'unknown_migrations',
        `This database was migrated by a different version of Fieldwise: its migration #${row.version} is "${row.name}", ` +
          `which this version does not know${expected ? ` (expected "${expected.name}")` : ''}. ` +
          'Open it with the version that created it, or restore a backup from the backups folder.',
      );
    }
    if (checksum(expected.sql) !== row.checksum) {
      throw new DatabaseError(
        'unknown_migrations',
        `Migration "${row.name}" in this database differs from the one this version ships; refusing to open it. Restore a backup or use the matching version.`,
      );
    }
  });
  const pending = known.slice(applied.length);
  let backupPath: string | null = null;
  if (pending.length > 0 && applied.length > 0 && options.backupDir) {
    mkdirSync(options.backupDir, { recursive: true });
    const stamp = options.now().toISOString().replace(/[:.]/g, '-');
    backupPath = join(options.backupDir, `before-${pending[0]?.name ?? 'migration'}-${stamp}.sqlite`);
    if (existsSync(backupPath)) throw new DatabaseError('migration_failed', `Backup file ${backupPath} already exists.`);
    db.prepare('VACUUM INTO ?').run(backupPath);
  }
  const insert = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  for (const [offset, migration] of pending.entries()) {
    const version = applied.length + offset + 1;
    try {
      db.transaction(() => {
        db.exec(migration.sql);
        insert.run(version, migration.name, checksum(migration.sql), options.now().toISOString());
      })();
    } catch (error) {
      throw new DatabaseError(
        'migration_failed',
        `Migration "${migration.name}" failed and was rolled back: ${(error as Error).message}.` +
          (backupPath ? ` A backup taken before migrating is at ${backupPath}.` : ''),
      );
    }
  }
  return { applied: pending.map((m) => m.name), backupPath, schemaVersion: known.length };
}
