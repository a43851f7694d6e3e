import { describe, expect, it } from 'vitest';
import { buildObservation } from './build-observation.js';
import { IncrementalReconciler } from './incremental-reconciler.js';

describe('IncrementalReconciler', () => {
  it('reports created, changed and removed assets', () => {
    const now = '2026-01-15T00:00:00.000Z';
    const r = new IncrementalReconciler({ now });
    const a = buildObservation({ sourceId: 'inv', sourceKind: 'servers_cache', nativeKey: 'web-1', fields: { vendor: 'Dell', serial: 'S1', hostname: 'web-1' } });
    const b = buildObservation({ sourceId: 'snmp', sourceKind: 'snmp', nativeKey: 'n1', fields: { vendor: 'Dell', serial: 'S1', hostname: 'web-1' } });
    const first = r.apply([b]);
    expect(first.created).toHaveLength(1);
    const snmpAssetId = first.created[0]!.assetId;

    // 'inv' sorts before 'snmp': the merged asset takes the id of inv's key, so snmp's asset is removed.
    const second = r.apply([a]);
    expect(second.created.map((x) => x.members.length)).toEqual([2]);
    expect(second.removed).toEqual([snmpAssetId]);
    expect(r.assetIdOf({ sourceId: 'snmp', nativeKey: 'n1' })).toBe(second.created[0]!.assetId);

    const renamed = buildObservation({ sourceId: 'snmp', sourceKind: 'snmp', nativeKey: 'n1', observedAt: '2026-01-14T06:00:00.000Z', fields: { vendor: 'Dell', serial: 'S1', hostname: 'web-1', location: 'Row 2' } });
    const third = r.apply([renamed]);
    expect(third.changed.map((x) => x.fields.location?.value)).toEqual(['Row 2']);
    expect(third.created).toEqual([]);
    expect(r.apply([renamed])).toEqual({ created: [], changed: [], removed: [], stewardshipOpened: [], stewardshipClosed: [] });
  });

  it('re-evaluates decay when the clock moves', () => {
    const r = new IncrementalReconciler({ now: '2026-01-15T00:00:00.000Z' });
    r.apply([buildObservation({ sourceId: 'inv', sourceKind: 'servers_cache', nativeKey: 'web-1', fields: { hostname: 'web-1' } })]);
    const delta = r.setNow('2026-06-01T00:00:00.000Z');
    expect(delta.changed).toHaveLength(1);
    expect(delta.changed[0]!.fields.hostname!.confidence).toBeLessThan(0.1);
  });
});
