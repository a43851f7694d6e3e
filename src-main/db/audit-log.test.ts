// The hash-chained audit trail on a real SQLite file: an intact chain verifies, and every way of
// tampering with the table directly (edit, delete in the middle or at the end, reorder) is caught.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_MIGRATIONS } from '../../migrations/index.js';
import { createTempDir, type TempDir } from '../test-support/temp-dir.js';
import { appendAuditEvent, appendAuditEvents, listAuditEvents, verifyAuditChain, type NewAuditEvent } from './audit-log.js';
import { openDatabase, type Database } from './database.js';
import { migrateDatabase } from './migrate-database.js';

function event(n: number): NewAuditEvent {
  return {
    id: `evt-${n}`,
    at: `2024-06-01T12:00:0${n}.000Z`,
    actor: 'test:alice',
    action: 'asset.tags.replaced',
    targetType: 'asset',
    targetId: `asset-${n}`,
    before: { tags: [] },
    after: { tags: [{ key: 'zone', value: `L${n}` }] },
    correlationId: `req-${n}`,
  };
}

describe('audit log', () => {
  let dir: TempDir;
  let db: Database;

  beforeEach(async () => {
    dir = await createTempDir('fieldwise-audit-');
    db = openDatabase(dir.file('audit.sqlite'));
    migrateDatabase(db, { migrations: LOCAL_MIGRATIONS, backupDir: null, now: () => new Date() });
    db.transaction(() => {
      for (let n = 1; n <= 5; n++) appendAuditEvent(db, event(n));
    })();
  });
  afterEach(async () => {
    db.close();
    await dir.remove();
  });

  const problemSeqs = () => verifyAuditChain(db).problems.map((p) => p.seq);

  it('appends many events at once exactly as one by one (same rows, same hashes)', async () => {
    const other = await createTempDir('fieldwise-audit-one-by-one-');
    const single = openDatabase(other.file('audit.sqlite'));
    try {
      migrateDatabase(single, { migrations: LOCAL_MIGRATIONS, backupDir: null, now: () => new Date() });
      single.transaction(() => {
        for (let n = 1; n <= 8; n++) appendAuditEvent(single, event(n));
      })();
      db.transaction(() => appendAuditEvents(db, [6, 7, 8].map(event)))();
      db.transaction(() => appendAuditEvents(db, []))();
      const rows = (d: Database) => d.prepare('SELECT * FROM audit_events ORDER BY seq').all();
      expect(rows(db)).toEqual(rows(single));
      expect(db.prepare('SELECT * FROM audit_head').all()).toEqual(single.prepare('SELECT * FROM audit_head').all());
      expect(verifyAuditChain(db)).toEqual({ ok: true, checked: 8, problems: [] });
      expect(() => appendAuditEvents(db, [event(9)])).toThrow('inside a transaction');
    } finally {
      single.close();
      await other.remove();
    }
  });

  it('verifies an intact chain of events appended in separate transactions', () => {
    db.transaction(() => appendAuditEvent(db, event(6)))();
    const result = verifyAuditChain(db);
    expect(result).toEqual({ ok: true, checked: 6, problems: [] });
    const events = listAuditEvents(db, { limit: 10 });
    expect(events.map((e) => e.seq)).toEqual([6, 5, 4, 3, 2, 1]);
    expect(events[5]?.after).toEqual({ tags: [{ key: 'zone', value: 'L1' }] });
  });

  it('verifies an empty trail', () => {
    db.exec('DELETE FROM audit_events; DELETE FROM audit_head;');
    expect(verifyAuditChain(db)).toEqual({ ok: true, checked: 0, problems: [] });
  });

  it("detects an edited row's after_json and names its seq", () => {
    db.prepare('UPDATE audit_events SET after_json = ? WHERE seq = 3').run(JSON.stringify({ tags: [{ key: 'zone', value: 'L0' }] }));
    const result = verifyAuditChain(db);
    expect(result.ok).toBe(false);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.seq).toBe(3);
    expect(result.problems[0]?.problem).toMatch(/edited/);
  });

  it('detects an edited row whose stored hash was replaced too (the next row no longer follows it)', () => {
    // An attacker who edits a row and fixes its own hash still breaks the link to the next row.
    db.prepare("UPDATE audit_events SET actor = 'test:mallory', hash = ? WHERE seq = 2").run('f'.repeat(64));
    const seqs = problemSeqs();
    expect(seqs).toContain(2);
    expect(seqs).toContain(3);
  });

  it('detects a deleted row in the middle', () => {
    db.prepare('DELETE FROM audit_events WHERE seq = 3').run();
    const result = verifyAuditChain(db);
    expect(result.ok).toBe(false);
    expect(result.checked).toBe(4);
    expect(result.problems.map((p) => p.seq)).toContain(4);
    expect(result.problems.some((p) => /deleted/.test(p.problem))).toBe(true);
  });

  it('detects the newest row deleted (through the chain head)', () => {
    db.prepare('DELETE FROM audit_events WHERE seq = 5').run();
    const result = verifyAuditChain(db);
    expect(result.ok).toBe(false);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.seq).toBe(5);
    expect(result.problems[0]?.problem).toMatch(/ends at #4/);
  });

  it('detects the head record removed', () => {
    db.prepare('DELETE FROM audit_head').run();
    const result = verifyAuditChain(db);
    expect(result.ok).toBe(false);
    expect(result.problems[0]?.problem).toMatch(/head/);
  });

  it('detects two rows whose seq were swapped', () => {
    db.transaction(() => {
      db.prepare('UPDATE audit_events SET seq = -2 WHERE seq = 2').run();
      db.prepare('UPDATE audit_events SET seq = 2 WHERE seq = 4').run();
      db.prepare('UPDATE audit_events SET seq = 4 WHERE seq = -2').run();
    })();
    const seqs = problemSeqs();
    expect(seqs).toEqual(expect.arrayContaining([2, 4]));
  });

  it('refuses to append outside a transaction', () => {
    expect(() => appendAuditEvent(db, event(9))).toThrow(/inside a transaction/);
    expect(verifyAuditChain(db).checked).toBe(5);
  });

  it('continues the chain from the head in a new connection', () => {
    db.close();
    db = openDatabase(dir.file('audit.sqlite'));
    const row = db.transaction(() => appendAuditEvent(db, event(7)))();
    expect(row.seq).toBe(6);
    expect(verifyAuditChain(db).ok).toBe(true);
  });
});
