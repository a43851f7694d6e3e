// What the free-text index holds for a value and how typed text becomes an FTS5 query, checked
// against a real FTS5 table built like asset_search (same tokenizer) in a SQLite file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDir, type TempDir } from '../test-support/temp-dir.js';
import { openDatabase, type Database } from './database.js';
import { buildSearchBody, toSearchQuery } from './search-body.js';

describe('search body and query', () => {
  let dir: TempDir;
  let db: Database;
  const rows = [
    ['hist-01', 'hist-01.plant-a.example', '10.10.20.11', '24:6e:96:1a:2b:01', '7XK2QH3'],
    ['scada-01', 'scada-01.plant-b.example', '10.10.30.5', '94:40:c9:3e:10:a2', 'CZ2D1X0F7P'],
    ['PLC Line 7', null, '192.168.1.10', null, 'S C-K7L12345'],
  ];

  beforeAll(async () => {
    dir = await createTempDir('fieldwise-search-');
    db = openDatabase(dir.file('search.sqlite'));
    db.exec(`CREATE VIRTUAL TABLE s USING fts5(body, content = '', contentless_delete = 1, tokenize = "unicode61 tokenchars '.-:_/'")`);
    rows.forEach((values, index) => db.prepare('INSERT INTO s (rowid, body) VALUES (?, ?)').run(index + 1, buildSearchBody(values)));
  });
  afterAll(async () => {
    db.close();
    await dir.remove();
  });

  const find = (text: string): number[] => {
    const match = toSearchQuery(text);
    if (match === null) return [];
    return db.prepare('SELECT rowid FROM s WHERE s MATCH ? ORDER BY rowid').pluck().all(match) as number[];
  };

  it('indexes each value lower-cased, with its tails after every separator', () => {
    expect(buildSearchBody(['Hist-01.Plant-A.example']).split(' ')).toEqual(['hist-01.plant-a.example', '01.plant-a.example', 'plant-a.example', 'a.example', 'example']);
    expect(buildSearchBody([null, undefined, '  ', 'x'])).toBe('x');
  });

  it('finds a value by any run of its parts that starts at a separator', () => {
    expect(find('plant-a')).toEqual([1]);
    expect(find('plant')).toEqual([1, 2]);
    expect(find('01.plant-b')).toEqual([2]);
    expect(find('HIST')).toEqual([1]);
    expect(find('10.10')).toEqual([1, 2]);
    expect(find('10.10.30')).toEqual([2]);
    expect(find('20.11')).toEqual([1]);
    expect(find('3e:10')).toEqual([2]);
    expect(find('7xk2')).toEqual([1]);
    expect(find('line 7')).toEqual([3]);
    expect(find('k7l12345')).toEqual([3]);
  });

  it('requires every word and survives quotes and FTS syntax in what was typed', () => {
    expect(find('hist scada')).toEqual([]);
    expect(find('"hist" OR scada')).toEqual([]);
    expect(find('NEAR(hist')).toEqual([]);
    expect(toSearchQuery('   ')).toBeNull();
    expect(toSearchQuery('a "b"')).toBe('"a"* AND "b"*');
  });
});
