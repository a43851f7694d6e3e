// OT seed lists through the real application core (dispatcher, import worker threads, SQLite file,
// record writer and reconciliation engine): the example list's values and identifiers, bad rows
// reported by line, the seed target list for active collectors, and a seed entry and a Modbus
// collector's observation of the same PLC becoming one asset.
import { writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AssetDetail } from '../../../src-shared/api/index.js';
import type { ObservationInput } from '../../../src-shared/model/index.js';
import { createRecordWriter } from '../../db/record-writer.js';
import { ensureSource } from '../../db/sources-repository.js';
import { DEFAULT_RECONCILE_CONFIG } from '../../engine/reconcile/index.js';
import { examplePath, startTestAppCore, type TestAppCore } from '../../test-support/test-app-core.js';

function value(detail: AssetDetail, field: string): unknown {
  return detail.fields.find((f) => f.field === field)?.value;
}

async function assetNamed(t: TestAppCore, name: string): Promise<AssetDetail> {
  const page = await t.call('assets.list', { filter: { search: name }, limit: 10 });
  const match = page.items.find((a) => a.name === name);
  if (!match) throw new Error(`no asset named ${name}: ${page.items.map((a) => a.name).join(', ')}`);
  return t.call('assets.get', { id: match.id });
}

/** What a Modbus collector's identification of a PLC looks like (FC43 objects, unit id, the scope's network). */
function modbusObservation(ip: string, unit: number, network: string, vendor: string, model: string): ObservationInput {
  return {
    nativeKey: `${ip}:502#${unit}`,
    observedAt: '2026-11-30T10:00:00.000Z',
    assetClass: 'plc',
    fields: { vendor, model, firmware: 'V5.1.9.34', primary_ip: ip, modbus_unit: unit },
    interfaces: [{ ips: [{ address: ip, network }] }],
    software: [],
    tags: {},
    relations: [],
    raw: { vendorName: vendor, productCode: model, revision: 'V5.1.9.34' },
  };
}

describe('OT seed lists', () => {
  let t: TestAppCore;
  beforeEach(async () => {
    t = await startTestAppCore();
  });
  afterEach(async () => {
    await t.close();
  });

  it('imports the example seed list with its OT fields, identifiers and protocol hints', async () => {
    const run = await t.importFile(examplePath('ot-seed-list.csv'), { kind: 'ot_seed', sourceName: 'plant-a seeds', network: 'plant-a' });
    expect(run.error).toBeNull();
    expect(run.status).toBe('succeeded');
    expect(run.counts).toEqual({ read: 8, created: 8, updated: 0, unchanged: 0, rejected: 0 });
    // The gateway and the drive behind it share an address but not a unit id: two assets.
    expect((await t.call('assets.summary', {})).total).toBe(8);

    const plc = await assetNamed(t, 'PLC-101');
    expect(plc.summary.class).toBe('plc');
    expect(plc.summary.primaryIp).toBe('10.20.1.10');
    expect(plc.interfaces[0]?.ips[0]).toEqual({ address: '10.20.1.10', network: 'plant-a' });
    expect(value(plc, 'site')).toBe('Plant A');
    expect(value(plc, 'area')).toBe('Line 1 / Filling');
    expect(value(plc, 'zone')).toBe('Z-CELL-1');
    expect(value(plc, 'conduit')).toBe('C-CELL1-SUP');
    expect(value(plc, 'purdue_level')).toBe('1');
    expect(value(plc, 'criticality')).toBe('critical');
    expect(value(plc, 'process_function')).toBe('Filler sequence control');
    expect(value(plc, 'modbus_unit')).toBe(1);
    expect(plc.fields.find((f) => f.field === 'vendor')?.sourceKind).toBe('ot_seed');
    expect(plc.tags).toEqual(expect.arrayContaining([{ key: 'protocols', value: 'modbus:502' }, { key: 'owner', value: 'line1-maint' }]));

    const historian = await assetNamed(t, 'HIST-501');
    expect(value(historian, 'purdue_level')).toBe('3.5');
    const hmi = await assetNamed(t, 'HMI-301');
    expect(hmi.tags).toEqual(expect.arrayContaining([{ key: 'protocols', value: 'opcua:4841;snmp:161' }, { key: 'opcua_endpoint', value: 'opc.tcp://10.20.2.30:4841' }]));
    // No protocols column value: a BACnet device instance and the address's port say BACnet.
    const ahu = await assetNamed(t, 'AHU-402');
    expect(ahu.tags).toEqual(expect.arrayContaining([{ key: 'protocols', value: 'bacnet:47808' }]));
    expect(value(ahu, 'bacnet_device')).toBe(401002);

    const again = await t.importFile(examplePath('ot-seed-list.csv'), { kind: 'ot_seed', sourceName: 'plant-a seeds', network: 'plant-a' });
    expect(again.counts).toEqual({ read: 8, created: 0, updated: 0, unchanged: 8, rejected: 0 });
  });

  it('rejects bad rows with their line, field and what is wrong, and imports nothing from the file', async () => {
    const file = t.dir.file('seeds.csv');
    await writeFile(
      file,
      [
        'address,protocols,name,purdue_level,criticality,modbus_unit,bacnet_device,opcua_endpoint',
        '10.1.0.10,modbus,PLC-1,1,high,1,,',
        '10.1.0.300,modbus,PLC-2,1,high,1,,',
        '10.1.0.12,profinet,PLC-3,1,high,,,',
        '10.1.0.13,modbus,PLC-4,6,high,,,',
        '10.1.0.14,modbus,PLC-5,2,urgent,,,',
        '10.1.0.15,modbus,PLC-6,2,low,300,,',
        '10.1.0.16,bacnet,AHU-1,1,low,,4194303,',
        '10.1.0.17,opcua,GW-1,1,low,,,http://10.1.0.17',
        ',modbus,PLC-9,1,low,,,',
        '10.1.0.18:99999,modbus,PLC-10,1,low,,,',
        '[fd00::19]:5020,modbus:5021,PLC-11,L3.5,Critical,,,',
      ].join('\n') + '\n',
    );
    const run = await t.importFile(file, { kind: 'ot_seed', network: 'plant-b' });
    expect(run.status).toBe('failed');
    const preview = (await t.call('runs.get', { id: run.id })).preview;
    expect(preview?.rejected).toBe(9);
    const problems = preview?.problems.map((p) => [p.line, p.field, p.problem]);
    expect(problems).toEqual([
      [3, 'address', expect.stringContaining('expected an IP address, or IP:port')],
      [4, 'protocols', expect.stringContaining('expected a protocol: one of modbus, bacnet, opcua, snmp')],
      [5, 'purdue_level', expect.stringContaining('expected a Purdue level: one of 0, 1, 2, 3, 3.5, 4, 5')],
      [6, 'criticality', 'expected a criticality: one of low, medium, high, critical, got "urgent"'],
      [7, 'modbus_unit', expect.stringContaining('from 0 to 255')],
      [8, 'bacnet_device', expect.stringContaining('from 0 to 4194302')],
      [9, 'opcua_endpoint', expect.stringContaining('expected an OPC UA endpoint URL')],
      [10, 'address', expect.stringContaining('every seed entry needs its address')],
      [11, 'address', expect.stringContaining('got "10.1.0.18:99999"')],
    ]);
    expect(run.error?.message).toContain('line 3');
    expect((await t.call('assets.summary', {})).total).toBe(0);

    // The valid rows on their own: an IPv6 address with a port, a Purdue level written L3.5.
    const skipped = await t.importFile(file, { kind: 'ot_seed', network: 'plant-b', onRejected: 'skip' });
    expect(skipped.status).toBe('succeeded');
    expect(skipped.counts.created).toBe(2);
    const v6 = await assetNamed(t, 'PLC-11');
    expect(value(v6, 'purdue_level')).toBe('3.5');
    expect(value(v6, 'criticality')).toBe('critical');
    expect(v6.tags).toEqual(expect.arrayContaining([{ key: 'protocols', value: 'modbus:5021' }]));
  });

  it('reads a JSON seed list with protocol lists', async () => {
    const file = t.dir.file('seeds.json');
    await writeFile(
      file,
      JSON.stringify([
        { address: '192.168.7.5', protocols: ['Modbus TCP', 'OPC UA'], name: 'PLC-7', purdue_level: 1, modbus_unit: 0, opcua_endpoint: 'opc.tcp://192.168.7.5:4840/ua' },
        { address: '192.168.7.6', name: 'X', purdue_level: 'level 9' },
      ]),
    );
    const run = await t.importFile(file, { kind: 'ot_seed', network: 'plant-c', preview: true });
    expect(run.status).toBe('previewed');
    expect(run.preview?.problems).toEqual([{ recordNumber: 2, line: 1, field: 'purdue_level', problem: expect.stringContaining('got "level 9"') }]);
    await t.call('imports.commit', { runId: run.id, onRejected: 'skip' });
    await t.core.imports.waitFor(run.id);
    const targets = await t.call('ot.seeds.targets', { protocol: 'opcua' });
    expect(targets.targets).toEqual([expect.objectContaining({ address: '192.168.7.5', port: 4840, network: 'plant-c', endpointUrl: 'opc.tcp://192.168.7.5:4840/ua', name: 'PLC-7' })]);
  });

  it('lists seed addresses as default targets per protocol and network', async () => {
    await t.importFile(examplePath('ot-seed-list.csv'), { kind: 'ot_seed', sourceName: 'plant-a seeds', network: 'plant-a' });
    const modbus = await t.call('ot.seeds.targets', { protocol: 'modbus' });
    expect(modbus.targets.map((x) => [x.address, x.port, x.modbusUnit, x.name])).toEqual([
      ['10.20.1.10', 502, 1, 'PLC-101'],
      ['10.20.1.11', 502, 1, 'PLC-102'],
      ['10.20.1.20', 502, 3, 'DRV-201'],
      ['10.20.1.20', 502, 255, 'GW-201'],
    ]);
    expect(modbus.hosts).toEqual(['10.20.1.10', '10.20.1.11', '10.20.1.20']);
    expect(modbus.targets.every((x) => x.network === 'plant-a' && x.sourceName === 'plant-a seeds' && x.assetId !== null)).toBe(true);

    const opcua = await t.call('ot.seeds.targets', { protocol: 'opcua', network: 'Plant-A' });
    expect(opcua.hosts).toEqual(['10.20.1.11', '10.20.2.30:4841', '10.20.9.50']);
    const bacnet = await t.call('ot.seeds.targets', { protocol: 'bacnet' });
    expect(bacnet.targets.map((x) => [x.address, x.bacnetDevice])).toEqual([
      ['10.20.3.40', 401001],
      ['10.20.3.41', 401002],
    ]);
    expect((await t.call('ot.seeds.targets', { protocol: 'modbus', network: 'plant-b' })).targets).toEqual([]);
  });

  it('makes a seed entry and a Modbus identification of the same PLC one asset', async () => {
    await t.importFile(examplePath('ot-seed-list.csv'), { kind: 'ot_seed', sourceName: 'plant-a seeds', network: 'plant-a' });
    const before = (await t.call('assets.summary', {})).total;
    const db = t.core.db;
    const writer = createRecordWriter(db, DEFAULT_RECONCILE_CONFIG);
    await t.core.writes.run('test modbus observation', () => {
      const source = ensureSource(db, 'modbus', 'plant-a modbus', { newId: () => 'src-modbus-test', now: () => '2026-11-30T10:00:00.000Z' });
      writer.write(
        { sourceSeq: source.seq, runId: null, items: [
            { observation: modbusObservation('10.20.1.10', 1, 'plant-a', 'Schneider Electric', 'TM241CEC24T') },
            { observation: modbusObservation('10.20.1.20', 3, 'plant-a', 'ABB', 'ACS580-01-12A7-4') },
          ] },
        { now: '2026-11-30T10:00:00.000Z', cause: { kind: 'discovery', id: null, correlationId: null } },
      );
    });
    expect((await t.call('assets.summary', {})).total).toBe(before);

    const plc = await assetNamed(t, 'PLC-101');
    expect(plc.sources.map((s) => s.sourceKind).sort()).toEqual(['modbus', 'ot_seed']);
    // The device's own answer wins its identity; the seed keeps the plant's context.
    expect(plc.fields.find((f) => f.field === 'firmware')?.sourceKind).toBe('modbus');
    expect(plc.fields.find((f) => f.field === 'vendor')?.sourceKind).toBe('modbus');
    expect(value(plc, 'criticality')).toBe('critical');
    expect(value(plc, 'zone')).toBe('Z-CELL-1');
    const explained = await t.call('assets.explain', { id: plc.summary.id });
    expect(JSON.stringify(explained)).toContain('modbus_unit');

    // Unit 3 behind the gateway joined the drive's seed entry, not the gateway's (unit 255).
    const drive = await assetNamed(t, 'DRV-201');
    expect(drive.sources.map((s) => s.sourceKind).sort()).toEqual(['modbus', 'ot_seed']);
    const gateway = await assetNamed(t, 'GW-201');
    expect(gateway.sources.map((s) => s.sourceKind)).toEqual(['ot_seed']);
  });
});
