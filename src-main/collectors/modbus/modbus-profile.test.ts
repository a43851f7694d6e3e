import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoModbusPlant, DemoModbusPlantDevice } from './demo/demo-modbus-plant.js';
import { loadModbusProfiles, profileMatches, selectProfiles, shippedProfiles } from './modbus-profile.js';
import { decodeRegisters } from './modbus-register-decode.js';
import { probeOnce, RecordingProxy, startTestPlant } from './test-support.js';

const USER_PROFILE = {
  id: 'site-wago-pfc',
  name: 'Our WAGO PFC200 register map',
  match: { vendor: '^WAGO', productCode: '^750-82' },
  assetClass: 'plc',
  fields: [{ field: 'serial', address: 10, type: 'string', registers: 2 }],
  values: [
    { name: 'word0', address: 0, type: 'uint16' },
    { name: 'pair', address: 2, type: 'uint32', wordOrder: 'little' },
    { name: 'scaled', address: 4, type: 'int16', scale: 0.5, unit: 'bar' },
    { name: 'missing', address: 9000, type: 'uint16' },
  ],
  snapshot: [{ table: 'holding_registers', start: 0, count: 20, label: 'first words' }],
};

describe('Modbus register-map profiles', () => {
  let plant: DemoModbusPlant;
  let dataDir: string;
  const proxies: RecordingProxy[] = [];
  const device = (name: string): DemoModbusPlantDevice => {
    const d = plant.devices.find((x) => x.name === name);
    if (!d) throw new Error(`no demo device ${name}`);
    return d;
  };

  beforeAll(async () => {
    plant = await startTestPlant();
    dataDir = await mkdtemp(join(tmpdir(), 'fieldwise-modbus-'));
    await mkdir(join(dataDir, 'modbus-profiles'));
    await writeFile(join(dataDir, 'modbus-profiles', 'wago.json'), JSON.stringify(USER_PROFILE));
  });
  afterAll(async () => {
    await Promise.all(proxies.map((p) => p.close()));
    await plant.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('ships three valid example profiles, marked as examples', () => {
    const shipped = shippedProfiles();
    expect(shipped.map((p) => p.id)).toEqual(['sunspec-inverter', 'example-modicon-like-plc', 'example-abb-like-drive']);
    expect(shipped.every((p) => p.example)).toBe(true);
    expect(shipped.every((p) => p.description?.includes('EXAMPLE'))).toBe(true);
  });

  it('matches on vendor, product code, model and SunSpec models; a profile with no condition only applies when named', () => {
    const [sunspec, plc] = shippedProfiles();
    if (!sunspec || !plc) throw new Error('missing shipped profiles');
    expect(profileMatches(plc, { vendor: 'Schneider Electric', productCode: 'BMX P34 2020' })).toBe(true);
    expect(profileMatches(plc, { vendor: 'Schneider Electric', productCode: 'XYZ' })).toBe(false);
    expect(profileMatches(plc, { productCode: 'BMX P34 2020' })).toBe(false);
    expect(profileMatches(sunspec, { sunspecModels: [1, 103] })).toBe(true);
    expect(profileMatches(sunspec, { sunspecModels: [1, 201] })).toBe(false);
    expect(profileMatches(sunspec, { vendor: 'Fronius' })).toBe(false);
    const bare = { ...plc, id: 'bare', match: {} };
    expect(selectProfiles([bare], ['auto'], { vendor: 'x' })).toEqual([]);
    expect(selectProfiles([bare], ['bare'], {})).toEqual([bare]);
    expect(selectProfiles([plc, bare], ['bare'], { vendor: 'Schneider Electric', productCode: 'BMX P34 2020' })).toEqual([bare]);
  });

  it('applies a user profile from <dataDir>/modbus-profiles: fields, typed values, per-point errors and its snapshot', async () => {
    const { outcome, warnings } = await probeOnce(device('plc2'), { unitIds: [1] }, { dataDir });
    expect(warnings).toEqual([]);
    const obs = outcome.observations[0];
    expect(obs?.tags.modbus_profiles).toBe('site-wago-pfc');
    expect(typeof obs?.fields.serial).toBe('string');
    const profile = (obs?.raw as { profiles: Array<{ id: string; values: Array<{ name: string; value: unknown; unit?: string; error?: string }> }> }).profiles[0];
    const byName = Object.fromEntries((profile?.values ?? []).map((v) => [v.name, v]));
    expect(typeof byName.word0?.value).toBe('number');
    expect(byName.scaled?.unit).toBe('bar');
    expect(byName.missing).toMatchObject({ value: null, error: expect.stringContaining('illegal data address') });
    const snapshot = (obs?.raw as { snapshot: { ranges: Array<{ source: string; values: number[] }> } }).snapshot;
    expect(snapshot.ranges).toEqual([expect.objectContaining({ source: 'site-wago-pfc', start: 0, count: 20 })]);
    expect(snapshot.ranges[0]?.values).toHaveLength(20);
    // A missing register is the device's answer, not a failure of the run.
    expect(outcome.status).toBe('found');
  });

  it('applies only the named profiles when the scope lists ids without "auto"', async () => {
    const d = device('plc1');
    const proxy = await RecordingProxy.start(d.host, d.port);
    proxies.push(proxy);
    const { outcome } = await probeOnce(proxy, { unitIds: [1], sunspecAddresses: [], profiles: ['site-wago-pfc'] }, { dataDir });
    expect(outcome.observations[0]?.tags.modbus_profiles).toBe('site-wago-pfc');
    // The Modicon-like profile would have read register 1000; it was not selected.
    expect(outcome.observations[0]?.fields.serial).not.toBe('21224A0173');
    const none = await probeOnce(proxy, { unitIds: [1], sunspecAddresses: [], profiles: [] }, { dataDir });
    expect(none.outcome.observations[0]?.tags.modbus_profiles).toBeUndefined();
  });

  it('warns about a bad user profile, naming the file and the field, and runs without it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fieldwise-modbus-bad-'));
    try {
      await mkdir(join(dir, 'modbus-profiles'));
      const bad = { ...USER_PROFILE, id: 'bad-type', values: [{ name: 'x', address: 1, type: 'float64' }] };
      await writeFile(join(dir, 'modbus-profiles', 'a-bad-type.json'), JSON.stringify(bad));
      await writeFile(join(dir, 'modbus-profiles', 'b-not-json.json'), '{ "id": "oops", ');
      await writeFile(join(dir, 'modbus-profiles', 'c-string-length.json'), JSON.stringify({ ...USER_PROFILE, id: 'no-length', fields: [{ field: 'serial', address: 1, type: 'string' }] }));
      await writeFile(join(dir, 'modbus-profiles', 'd-bad-regex.json'), JSON.stringify({ ...USER_PROFILE, id: 'bad-regex', match: { vendor: '([' } }));
      await writeFile(join(dir, 'modbus-profiles', 'e-good.json'), JSON.stringify(USER_PROFILE));
      await writeFile(join(dir, 'modbus-profiles', 'f-typo.json'), JSON.stringify({ ...USER_PROFILE, id: 'typo', snapshots: [] }));
      const loaded = await loadModbusProfiles(dir);
      expect(loaded.warnings).toHaveLength(5);
      expect(loaded.warnings[0]).toMatch(/modbus-profiles\/a-bad-type\.json.*field "values\.0\.type"/);
      expect(loaded.warnings[1]).toMatch(/modbus-profiles\/b-not-json\.json.*not valid JSON/);
      expect(loaded.warnings[2]).toMatch(/modbus-profiles\/c-string-length\.json.*field "fields\.0\.registers".*needs "registers"/);
      expect(loaded.warnings[3]).toMatch(/modbus-profiles\/d-bad-regex\.json.*field "match\.vendor".*regular expression/);
      expect(loaded.warnings[4]).toMatch(/modbus-profiles\/f-typo\.json.*field "snapshots"/);
      expect(loaded.profiles.map((p) => p.id)).toContain('site-wago-pfc');
      expect(loaded.profiles.map((p) => p.id)).not.toContain('bad-type');

      const { outcome, warnings } = await probeOnce(device('plc2'), { unitIds: [1], profiles: ['auto', 'no-such-profile'] }, { dataDir: dir });
      expect(warnings).toHaveLength(6);
      expect(warnings[5]).toContain('"no-such-profile"');
      expect(outcome.status).toBe('found');
      expect(outcome.observations[0]?.tags.modbus_profiles).toBe('site-wago-pfc');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('decodes strings, 16/32-bit integers and floats in either word and byte order', () => {
    expect(decodeRegisters([0x4142, 0x4300], 'string')).toBe('ABC');
    expect(decodeRegisters([0x4241, 0x0043], 'string', 'big', 'little')).toBe('ABC');
    expect(decodeRegisters([0xfffe], 'int16')).toBe(-2);
    expect(decodeRegisters([0xfffe], 'uint16')).toBe(65534);
    expect(decodeRegisters([0x0001, 0x0002], 'uint32')).toBe(65538);
    expect(decodeRegisters([0x0002, 0x0001], 'uint32', 'little')).toBe(65538);
    expect(decodeRegisters([0xffff, 0xfffe], 'int32')).toBe(-2);
    expect(decodeRegisters([0x4148, 0x0000], 'float32')).toBe(12.5);
    expect(decodeRegisters([0x0000, 0x4148], 'float32', 'little')).toBe(12.5);
    expect(decodeRegisters([0x4841, 0x0000], 'float32', 'big', 'little')).toBe(12.5);
  });
});
