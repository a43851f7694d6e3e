// Manual OT assets (ot.assets.create) through the real application core: the OT fields in their
// stored form, the part_of relation to a parent that follows the parent through a merge, the audit
// event, refusals that say what is wrong, and OT value lists checked on edits by hand too.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, type AssetDetail } from '../../../src-shared/api/index.js';
import { createRecordWriter } from '../../db/record-writer.js';
import { ensureSource } from '../../db/sources-repository.js';
import { DEFAULT_RECONCILE_CONFIG } from '../../engine/reconcile/index.js';
import { examplePath, rejectionOf, startTestAppCore, TEST_ACTOR, type TestAppCore } from '../../test-support/test-app-core.js';

function value(detail: AssetDetail, field: string): unknown {
  return detail.fields.find((f) => f.field === field)?.value;
}

async function assetNamed(t: TestAppCore, name: string): Promise<AssetDetail> {
  const page = await t.call('assets.list', { filter: { search: name }, limit: 10 });
  const match = page.items.find((a) => a.name === name);
  if (!match) throw new Error(`no asset named ${name}`);
  return t.call('assets.get', { id: match.id });
}

async function parentsOf(t: TestAppCore, assetId: string): Promise<string[]> {
  const topology = await t.call('discovery.topology', { assetId, minConfidence: 0 });
  return topology.edges.filter((e) => e.type === 'part_of' && e.fromAssetId === assetId).map((e) => e.toAssetId);
}

describe('manual OT assets', () => {
  let t: TestAppCore;
  beforeEach(async () => {
    t = await startTestAppCore();
  });
  afterEach(async () => {
    await t.close();
  });

  it('creates an OT asset with its OT fields behind a parent, audited, and keeps the parent through a merge', async () => {
    await t.importFile(examplePath('ot-seed-list.csv'), { kind: 'ot_seed', sourceName: 'plant-a seeds', network: 'plant-a' });
    const parent = await assetNamed(t, 'PLC-102');

    const drive = await t.call('ot.assets.create', {
      class: 'drive',
      name: 'DRV-102-1',
      vendor: 'SEW-Eurodrive',
      model: 'MOVIDRIVE B',
      serial: '16.7432901.2001',
      firmware: '823 947 4.17',
      site: 'Plant A',
      area: 'Line 1 / Capping',
      zone: 'Z-CELL-1',
      conduit: 'C-CELL1-SUP',
      purdueLevel: 'L0',
      criticality: 'high',
      processFunction: 'Capper conveyor drive (RS-485 behind PLC-102)',
      parentAssetId: parent.summary.id,
    });
    expect(drive.summary.class).toBe('drive');
    expect(drive.summary.name).toBe('DRV-102-1');
    expect(value(drive, 'purdue_level')).toBe('0');
    expect(value(drive, 'criticality')).toBe('high');
    expect(value(drive, 'conduit')).toBe('C-CELL1-SUP');
    expect(value(drive, 'serial')).toBe('16.7432901.2001');
    expect(drive.fields.every((f) => f.sourceKind === 'ot_manual' && f.confidence === 1)).toBe(true);
    expect(drive.sources).toEqual([expect.objectContaining({ sourceKind: 'ot_manual', sourceName: 'manual OT entry', nativeKey: `ot:${parent.summary.id}/drv-102-1` })]);
    expect(await parentsOf(t, drive.summary.id)).toEqual([parent.summary.id]);

    const history = await t.call('assets.history', { id: drive.summary.id });
    expect(history).toEqual([
      expect.objectContaining({
        action: 'ot.asset.created',
        actor: TEST_ACTOR,
        after: expect.objectContaining({ class: 'drive', parentAssetId: parent.summary.id, parentKey: 'opcua:urn:plc-102:siemens:s7-1500' }),
      }),
    ]);
    expect(t.eventsNamed('assets.changed')).toContainEqual({ reason: 'manual', assetIds: [drive.summary.id], count: 1 });

    // The same name behind the same parent is the same entry: refused, not doubled.
    const twice = await rejectionOf(t.call('ot.assets.create', { class: 'drive', name: 'drv-102-1', parentAssetId: parent.summary.id }));
    expect(twice).toBeInstanceOf(ApiError);
    expect((twice as ApiError).code).toBe('conflict');
    expect((twice as ApiError).message).toContain(`already entered behind this parent (asset ${drive.summary.id})`);

    // An OPC UA discovery of the parent joins its asset; the drive still sits behind it.
    const db = t.core.db;
    const writer = createRecordWriter(db, DEFAULT_RECONCILE_CONFIG);
    await t.core.writes.run('test opcua observation', () => {
      const source = ensureSource(db, 'opcua', 'plant-a opcua', { newId: () => 'src-opcua-test', now: () => '2026-11-30T10:00:00.000Z' });
      writer.write(
        {
          sourceSeq: source.seq,
          runId: null,
          items: [
            {
              observation: {
                nativeKey: 'opc.tcp://10.20.1.11:4840',
                observedAt: '2026-11-30T10:00:00.000Z',
                assetClass: 'plc',
                fields: { opcua_application_uri: 'urn:PLC-102:Siemens:S7-1500', vendor: 'Siemens AG', model: 'S7-1516-3 PN/DP', primary_ip: '10.20.1.11' },
                interfaces: [{ ips: [{ address: '10.20.1.11', network: 'plant-a' }] }],
                software: [],
                tags: {},
                relations: [],
                raw: null,
              },
            },
          ],
        },
        { now: '2026-11-30T10:00:00.000Z', cause: { kind: 'discovery', id: null, correlationId: null } },
      );
    });
    const merged = await assetNamed(t, 'PLC-102');
    expect(merged.sources.map((s) => s.sourceKind).sort()).toEqual(['opcua', 'ot_seed']);
    expect(await parentsOf(t, drive.summary.id)).toEqual([merged.summary.id]);
  });

  it('places a device behind a parent entered by hand, and one without a parent', async () => {
    const rack = await t.call('assets.create', { class: 'plc', fields: { name: 'RIO-7' } });
    const module = await t.call('ot.assets.create', { class: 'io_module', name: 'RIO-7 slot 3 DI16', purdueLevel: 1, parentAssetId: rack.summary.id });
    expect(await parentsOf(t, module.summary.id)).toEqual([rack.summary.id]);
    const relay = await t.call('ot.assets.create', { class: 'unknown', name: 'Safety relay K12', purdueLevel: 'Level 3.5', criticality: 'critical' });
    expect(value(relay, 'purdue_level')).toBe('3.5');
    expect(await parentsOf(t, relay.summary.id)).toEqual([]);
  });

  it('refuses bad input with what is wrong and where', async () => {
    const badLevel = await rejectionOf(t.call('ot.assets.create', { class: 'drive', name: 'X', purdueLevel: '7' }));
    expect((badLevel as ApiError).code).toBe('bad_request');
    expect((badLevel as ApiError).message).toContain('purdueLevel: expected a Purdue level: one of 0, 1, 2, 3, 3.5, 4, 5');
    const noName = await rejectionOf(t.call('ot.assets.create', { class: 'drive', name: '  ' }));
    expect((noName as ApiError).message).toContain('name: give the asset a name');
    const badCriticality = await rejectionOf(t.call('ot.assets.create', { class: 'drive', name: 'X', criticality: 'urgent' as 'high' }));
    expect((badCriticality as ApiError).message).toContain('criticality');
    const noParent = await rejectionOf(t.call('ot.assets.create', { class: 'drive', name: 'X', parentAssetId: '0190aaaa-0000-7000-8000-000000000000' }));
    expect((noParent as ApiError).code).toBe('not_found');
    expect((noParent as ApiError).message).toContain('Parent asset 0190aaaa-0000-7000-8000-000000000000 does not exist');
    expect((await t.call('assets.summary', {})).total).toBe(0);
  });

  it('checks OT value lists on edits by hand', async () => {
    const plc = await t.call('assets.create', { class: 'plc', fields: { name: 'PLC-9', purdue_level: 'level 2', criticality: 'HIGH' } });
    expect(value(plc, 'purdue_level')).toBe('2');
    expect(value(plc, 'criticality')).toBe('high');
    const edited = await t.call('assets.update', { id: plc.summary.id, fields: { purdue_level: 'DMZ' } });
    expect(value(edited, 'purdue_level')).toBe('3.5');
    const bad = await rejectionOf(t.call('assets.update', { id: plc.summary.id, fields: { purdue_level: '2.5' } }));
    expect((bad as ApiError).code).toBe('bad_request');
    expect((bad as ApiError).message).toBe('purdue_level: expected a Purdue level: one of 0, 1, 2, 3, 3.5, 4, 5 (also written L2, Level 3.5 or DMZ), got "2.5".');
  });
});

describe('manual OT assets over time', () => {
  it('are never marked stale for not being seen, while a seed-only asset is', async () => {
    let nowMs = Date.parse('2026-06-01T00:00:00.000Z');
    const t = await startTestAppCore({ now: () => new Date(nowMs), scheduler: false });
    try {
      const relay = await t.call('ot.assets.create', { class: 'unknown', name: 'Safety relay K12', criticality: 'critical' });
      const run = await t.importFile(examplePath('ot-seed-list.csv'), { kind: 'ot_seed', network: 'plant-a' });
      expect(run.status).toBe('succeeded');
      nowMs += 400 * 86_400_000;
      await t.core.staleness.sweep();
      expect((await t.call('assets.get', { id: relay.summary.id })).summary.status).toBe('active');
      expect((await assetNamed(t, 'PLC-101')).summary.status).toBe('stale');
    } finally {
      await t.close();
    }
  });
});
