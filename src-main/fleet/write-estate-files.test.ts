import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportKind } from '../../src-shared/model/index.js';
import { readImportFile } from '../collectors/files/read-import-file.js';
import { naturalKeyOf } from '../engine/reconcile/index.js';
import { generateEstateB } from './estate-b/generate-estate-b.js';
import { naiveMac } from './naive-union.js';
import { writeEstateFiles } from './write-estate-files.js';

describe('writeEstateFiles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'estate-files-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const estate = generateEstateB({ seed: 5, trueAssets: 1500 });
  const manifest = writeEstateFiles(estate, dir);
  const byKey = new Map(estate.observations.map((o) => [naturalKeyOf(o.sourceId, o.observation.nativeKey), o]));

  it('writes every record once, with truth.csv and networks.json beside them', () => {
    expect(manifest.reduce((n, f) => n + f.records, 0)).toBe(estate.observations.length);
    expect(new Set(manifest.map((f) => f.format))).toEqual(new Set(['csv', 'json', 'ndjson']));
    const truth = readFileSync(join(dir, 'truth.csv'), 'utf8').trim().split(/\r\n/);
    expect(truth[0]).toBe('source_name,native_key,entity');
    expect(truth).toHaveLength(estate.truth.size + 1);
    expect(JSON.parse(readFileSync(join(dir, 'networks.json'), 'utf8'))).toEqual(estate.networks);
    const line = readFileSync(join(dir, 'modbus.observations.ndjson'), 'utf8').split('\n')[0] as string;
    expect(Object.keys(JSON.parse(line))).toEqual(['sourceKind', 'sourceName', 'observation']);
  });

  it('writes file-kind sources that the import reader reads back as the same records', async () => {
    let checked = 0;
    for (const entry of manifest.filter((f) => f.sourceKind !== 'snmp' && f.sourceKind !== 'modbus')) {
      const records = readImportFile({ path: join(dir, entry.file), kind: entry.sourceKind as ImportKind, defaultObservedAt: estate.now, ...(entry.network ? { network: entry.network } : {}) });
      for await (const item of records) {
        expect(item.type, `${entry.file} line ${item.line}: ${item.type === 'rejected' ? item.problem : ''}`).toBe('record');
        if (item.type !== 'record') continue;
        const observation = item.observation;
        const original = byKey.get(naturalKeyOf(entry.sourceName, observation.nativeKey));
        expect(original, `${entry.file} ${observation.nativeKey}`).toBeDefined();
        if (!original) continue;
        expect(observation.observedAt).toBe(original.observation.observedAt);
        expect(observation.assetClass).toBe(original.observation.assetClass);
        // Every field the reader knows comes back unchanged (columns it does not know yet are skipped).
        // (BIOS UUIDs are read back in lower case, as the import format documents.)
        const comparable = (name: string, v: unknown) => (name === 'bios_uuid' && typeof v === 'string' ? v.toLowerCase() : v);
        for (const [name, value] of Object.entries(observation.fields)) expect(comparable(name, value), `${entry.file} ${name}`).toEqual(comparable(name, original.observation.fields[name as keyof typeof observation.fields]));
        const macs = (o: typeof observation): string[] => o.interfaces.map((i) => naiveMac(i.mac)).filter((m): m is string => m !== null).sort();
        expect(macs(observation)).toEqual(macs(original.observation));
        expect(observation.interfaces.flatMap((i) => i.ips.map((ip) => ip.address)).sort()).toEqual(original.observation.interfaces.flatMap((i) => i.ips.map((ip) => ip.address)).sort());
        checked += 1;
      }
    }
    expect(checked).toBe(manifest.filter((f) => f.sourceKind !== 'snmp' && f.sourceKind !== 'modbus').reduce((n, f) => n + f.records, 0));
  });
});
