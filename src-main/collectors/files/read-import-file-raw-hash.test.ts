// The raw hash identifies a record's text under the options that give it meaning, and lets a
// re-import skip records it already knows without validating them.
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportKind } from '../../../src-shared/model/source-kinds.js';
import type { ImportItem } from './import-item.js';
import { readImportFile, type ReadImportFileOptions } from './read-import-file.js';
import { writeServersCacheFile } from './servers-cache-sample.js';

const DEFAULT_AT = '2024-06-01T00:00:00.000Z';
const dir = mkdtempSync(join(tmpdir(), 'fieldwise-import-raw-hash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type ReadOptions = Partial<ReadImportFileOptions> & { path: string; kind: ImportKind };

async function readItems(opts: ReadOptions): Promise<ImportItem[]> {
  const out: ImportItem[] = [];
  for await (const item of readImportFile({ defaultObservedAt: DEFAULT_AT, ...opts })) out.push(item);
  return out;
}

async function hashes(opts: ReadOptions): Promise<string[]> {
  return (await readItems(opts)).map((item) => (item.type === 'rejected' ? `rejected:${item.line}` : item.rawHash));
}

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('readImportFile: raw hashes', () => {
  for (const format of ['json', 'ndjson', 'csv'] as const) {
    it(`gives a ${format} file's records the same 128-bit hashes on every read, whatever its name or time`, async () => {
      const path = join(dir, `stable.${format}`);
      await writeServersCacheFile(path, 200, format, 11);
      const first = await hashes({ path, kind: 'servers_cache', network: 'plant-a' });
      expect(first).toHaveLength(200);
      expect(new Set(first).size).toBe(200);
      for (const hash of first) expect(hash).toMatch(/^[0-9a-f]{32}$/);
      utimesSync(path, new Date('2030-01-01T00:00:00Z'), new Date('2030-01-01T00:00:00Z'));
      const again = await hashes({ path, kind: 'servers_cache', network: 'plant-a', fileName: `renamed.${format}`, defaultObservedAt: '2031-02-03T00:00:00Z' });
      expect(again).toEqual(first);
    });
  }

  it('changes when the kind, the network, the delimiter, the column map or a limit changes', async () => {
    const path = file('options.csv', 'hostname\nweb-1\n');
    const [base] = await hashes({ path, kind: 'servers_cache' });
    const variants = await Promise.all([
      hashes({ path, kind: 'desktop_cache' }),
      hashes({ path, kind: 'servers_cache', network: 'plant-b' }),
      hashes({ path, kind: 'servers_cache', delimiter: ';' }),
      hashes({ path, kind: 'servers_cache', columnMap: { hostname: 'fqdn' } }),
      hashes({ path, kind: 'servers_cache', maxFieldBytes: 1000 }),
    ]);
    const all = [base, ...variants.map(([hash]) => hash)];
    expect(new Set(all).size).toBe(all.length);
  });

  it('is the same for rows that mean the same: a header renamed and mapped back, CRLF or LF', async () => {
    const plain = file('plain.csv', 'hostname,serial\nweb-1,S1\n');
    const mapped = file('mapped.csv', 'Host Name,Serial Number\r\nweb-1,S1\r\n');
    expect(await hashes({ path: mapped, kind: 'servers_cache', columnMap: { 'host name': 'hostname', 'SERIAL NUMBER': 'serial' } })).toEqual(await hashes({ path: plain, kind: 'servers_cache' }));
  });

  it('is the same for a record as an NDJSON line and as an element of a JSON array', async () => {
    const ndjson = file('same.ndjson', '{"hostname":"a"}\n{"hostname":"b"}\n');
    const json = file('same.json', '[{"hostname":"a"},\n{"hostname":"b"}]');
    expect(await hashes({ path: json, kind: 'servers_cache' })).toEqual(await hashes({ path: ndjson, kind: 'servers_cache' }));
  });
});

describe('readImportFile: the unchanged path', () => {
  for (const format of ['json', 'ndjson', 'csv'] as const) {
    it(`yields every record of a ${format} file it has seen as unchanged, with the same hash`, async () => {
      const path = join(dir, `known.${format}`);
      await writeServersCacheFile(path, 300, format, 5);
      const first = await readItems({ path, kind: 'servers_cache' });
      const known = new Set(first.map((item) => (item.type === 'record' ? item.rawHash : '')));
      const asked: string[] = [];
      const again = await readItems({ path, kind: 'servers_cache', isKnownRaw: (hash) => (asked.push(hash), known.has(hash)) });
      expect(again.every((item) => item.type === 'unchanged')).toBe(true);
      expect(again.map((item) => [item.recordNumber, item.line, item.type === 'unchanged' && item.rawHash])).toEqual(
        first.map((item) => [item.recordNumber, item.line, item.type === 'record' && item.rawHash]),
      );
      expect(asked).toEqual([...known]);
    });
  }

  it('does not validate a known record, and reads the unknown ones as usual', async () => {
    const path = file('mixed.ndjson', '{"hostname":"a","memory_mb":"lots"}\n{"hostname":"b"}\n{"hostname":"c","memory_mb":"lots"}\n');
    // Every record is hashed before it is validated, the invalid ones too: collect what is asked.
    const seen: string[] = [];
    const first = await readItems({ path, kind: 'servers_cache', isKnownRaw: (hash) => (seen.push(hash), false) });
    expect(first.map((item) => item.type)).toEqual(['rejected', 'record', 'rejected']);
    // Pretend an earlier, looser reader accepted line 1: its hash is taken on trust.
    const items = await readItems({ path, kind: 'servers_cache', isKnownRaw: (hash) => hash === seen[0] });
    expect(items.map((item) => item.type)).toEqual(['unchanged', 'record', 'rejected']);
  });
});
