// Migrations against real SQLite files: fresh databases, reopening, databases written by another
// build (unknown or changed migrations), upgrades with a backup, and a failing migration.
import BetterSqlite3 from 'better-sqlite3';
import { existsSync, readdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_MIGRATIONS, type Migration } from '../../migrations/index.js';
import { createTempDir, type TempDir } from '../test-support/temp-dir.js';
import { openDatabase, type Database } from './database.js';
import { DatabaseError } from './database-error.js';
import { migrateDatabase } from './migrate-database.js';

const now = () => new Date('2024-06-01T12:00:00.000Z');

const m1: Migration = { name: '0001_things', sql: 'CREATE TABLE things (id INTEGER PRIMARY KEY, label TEXT NOT NULL);' };
const m2: Migration = { name: '0002_thing_colour', sql: "ALTER TABLE things ADD COLUMN colour TEXT NOT NULL DEFAULT 'grey';" };

function tableNames(db: Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[]).filter((n) => !n.startsWith('sqlite_'));
}

function columnNames(db: Database, table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
}

function appliedNames(db: Database): string[] {
  return db.prepare('SELECT name FROM schema_migrations ORDER BY version').pluck().all() as string[];
}

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

describe('migrateDatabase', () => {
  let dir: TempDir;
  const open: Database[] = [];
  const openAt = (name: string): Database => {
    const db = openDatabase(dir.file(name));
    open.push(db);
    return db;
  };

  beforeEach(async () => {
    dir = await createTempDir('fieldwise-migrate-');
  });
  afterEach(async () => {
    for (const db of open.splice(0)) if (db.open) db.close();
    await dir.remove();
  });

  it('applies every bundled migration to a fresh database and records them', () => {
    const db = openAt('fresh.sqlite');
    const result = migrateDatabase(db, { migrations: LOCAL_MIGRATIONS, backupDir: null, now });
    expect(result.applied).toEqual(LOCAL_MIGRATIONS.map((m) => m.name));
    expect(result.schemaVersion).toBe(LOCAL_MIGRATIONS.length);
    expect(result.backupPath).toBeNull();
    expect(appliedNames(db)).toEqual(LOCAL_MIGRATIONS.map((m) => m.name));
    expect(tableNames(db)).toEqual(expect.arrayContaining(['assets', 'records', 'observations', 'record_keys', 'audit_events', 'audit_head', 'sources', 'discovery_runs', 'tags', 'lifecycle', 'networks']));
  });

  it('applies nothing and takes no backup when a migrated database is reopened', () => {
    const path = dir.file('reopen.sqlite');
    const first = openDatabase(path);
    migrateDatabase(first, { migrations: LOCAL_MIGRATIONS, backupDir: null, now });
    first.close();
    const again = openAt('reopen.sqlite');
    const result = migrateDatabase(again, { migrations: LOCAL_MIGRATIONS, backupDir: dir.file('backups'), now });
    expect(result.applied).toEqual([]);
    expect(result.backupPath).toBeNull();
    expect(existsSync(dir.file('backups'))).toBe(false);
    expect(appliedNames(again)).toEqual(LOCAL_MIGRATIONS.map((m) => m.name));
  });

  it('refuses a database that has a migration this build does not know', () => {
    const db = openAt('newer.sqlite');
    migrateDatabase(db, { migrations: [m1], backupDir: null, now });
    db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (2, ?, ?, ?)').run('0002_from_the_future', 'abc', now().toISOString());
    const error = caught(() => migrateDatabase(db, { migrations: [m1, m2], backupDir: dir.file('backups'), now }));
    expect(error).toBeInstanceOf(DatabaseError);
    expect((error as DatabaseError).reason).toBe('unknown_migrations');
    expect((error as DatabaseError).message).toContain('0002_from_the_future');
    expect((error as DatabaseError).message).toContain('0002_thing_colour');
    // Nothing was changed: m2 was not applied over the unknown one.
    expect(columnNames(db, 'things')).not.toContain('colour');
    expect(existsSync(dir.file('backups'))).toBe(false);
  });

  it('refuses a database with more migrations than this build has', () => {
    const db = openAt('longer.sqlite');
    migrateDatabase(db, { migrations: [m1, m2], backupDir: null, now });
    const error = caught(() => migrateDatabase(db, { migrations: [m1], backupDir: null, now }));
    expect(error).toBeInstanceOf(DatabaseError);
    expect((error as DatabaseError).reason).toBe('unknown_migrations');
    expect((error as DatabaseError).message).toContain('0002_thing_colour');
  });

  it('refuses a database whose applied migration has a different checksum', () => {
    const db = openAt('edited.sqlite');
    migrateDatabase(db, { migrations: [m1], backupDir: null, now });
    const edited: Migration = { name: m1.name, sql: `${m1.sql}\nCREATE INDEX things_label ON things (label);` };
    const error = caught(() => migrateDatabase(db, { migrations: [edited, m2], backupDir: null, now }));
    expect(error).toBeInstanceOf(DatabaseError);
    expect((error as DatabaseError).reason).toBe('unknown_migrations');
    expect((error as DatabaseError).message).toContain('0001_things');
    expect(columnNames(db, 'things')).not.toContain('colour');
  });

  it('upgrades an existing database after a backup that holds the schema from before the upgrade', () => {
    const path = dir.file('upgrade.sqlite');
    const before = openDatabase(path);
    migrateDatabase(before, { migrations: [m1], backupDir: null, now });
    before.prepare('INSERT INTO things (label) VALUES (?)').run('pump 1');
    before.close();

    const db = openAt('upgrade.sqlite');
    const result = migrateDatabase(db, { migrations: [m1, m2], backupDir: dir.file('backups'), now });
    expect(result.applied).toEqual(['0002_thing_colour']);
    expect(result.schemaVersion).toBe(2);
    expect(columnNames(db, 'things')).toContain('colour');
    expect(db.prepare('SELECT label, colour FROM things').get()).toEqual({ label: 'pump 1', colour: 'grey' });

    expect(result.backupPath).not.toBeNull();
    const backupPath = result.backupPath as string;
    expect(readdirSync(dir.file('backups'))).toHaveLength(1);
    expect(backupPath.startsWith(dir.file('backups'))).toBe(true);
    const backup = new BetterSqlite3(backupPath, { readonly: true, fileMustExist: true });
    try {
      expect(backup.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(appliedNames(backup)).toEqual(['0001_things']);
      expect(columnNames(backup, 'things')).toEqual(['id', 'label']);
      expect(backup.prepare('SELECT label FROM things').pluck().all()).toEqual(['pump 1']);
    } finally {
      backup.close();
    }
  });

  it('rolls a failing migration back completely and reports it, leaving earlier ones applied', () => {
    const path = dir.file('failing.sqlite');
    const first = openDatabase(path);
    migrateDatabase(first, { migrations: [m1], backupDir: null, now });
    first.close();
    // Creates a table, then fails: the table must not survive.
    const broken: Migration = { name: '0002_broken', sql: 'CREATE TABLE half_done (id INTEGER PRIMARY KEY);\nINSERT INTO no_such_table VALUES (1);' };
    const db = openAt('failing.sqlite');
    const error = caught(() => migrateDatabase(db, { migrations: [m1, broken], backupDir: dir.file('backups'), now }));
    expect(error).toBeInstanceOf(DatabaseError);
    expect((error as DatabaseError).reason).toBe('migration_failed');
    expect((error as DatabaseError).message).toContain('0002_broken');
    expect((error as DatabaseError).message).toContain('no_such_table');
    expect((error as DatabaseError).message).toContain('backups');
    expect(tableNames(db)).not.toContain('half_done');
    expect(appliedNames(db)).toEqual(['0001_things']);
    // Once fixed, the same database upgrades normally.
    db.close();
    const fixedDb = openAt('failing.sqlite');
    const later = () => new Date('2024-06-02T12:00:00.000Z');
    expect(migrateDatabase(fixedDb, { migrations: [m1, m2], backupDir: dir.file('backups'), now: later }).applied).toEqual(['0002_thing_colour']);
  });
});
