import { describe, expect, it } from 'vitest';
import type { ObservationInput, SourceKind } from '../../src-shared/model/index.js';
import { naturalKeyOf, type SourcedObservation } from '../engine/reconcile/index.js';
import { naiveMac, naiveUnionPartition } from './naive-union.js';

function obs(sourceId: string, nativeKey: string, fields: ObservationInput['fields'], macs: string[] = [], sourceKind: SourceKind = 'servers_cache'): SourcedObservation {
  return {
    observationId: `${sourceId}-${nativeKey}`,
    sourceId,
    sourceKind,
    observation: { nativeKey, observedAt: '2026-01-01T00:00:00.000Z', assetClass: null, fields, interfaces: macs.map((mac) => ({ mac, ips: [] })), software: [], tags: {}, relations: [], raw: null },
  };
}

const groups = (partition: Map<string, string>): string[][] => {
  const byCluster = new Map<string, string[]>();
  for (const [key, cluster] of partition) byCluster.set(cluster, [...(byCluster.get(cluster) ?? []), key.split('\u001f')[1] as string]);
  return [...byCluster.values()].map((g) => g.sort()).sort((a, b) => (a[0] as string).localeCompare(b[0] as string));
};

describe('naiveMac', () => {
  it('reads every common notation and rejects the rest', () => {
    for (const m of ['00:1A:2b:3c:4d:5e', '00-1a-2b-3c-4d-5e', '001a.2b3c.4d5e', '001a2b3c4d5e']) expect(naiveMac(m)).toBe('00:1a:2b:3c:4d:5e');
    expect(naiveMac('00:1a:2b')).toBeNull();
    expect(naiveMac(undefined)).toBeNull();
  });
});

describe('naiveUnionPartition', () => {
  it('joins on serial (trimmed, upper-cased), BIOS UUID, MAC, instance id and short host name, transitively', () => {
    const partition = naiveUnionPartition([
      obs('a', '1', { serial: ' abc123 ' }),
      obs('b', '2', { serial: 'ABC123', bios_uuid: '4C4C4544-0001' }),
      obs('c', '3', { bios_uuid: '4c4c4544-0001' }, ['00-11-22-33-44-55']),
      obs('d', '4', {}, ['0011.2233.4455']),
      obs('e', '5', { cloud_instance_id: 'i-0abc' }),
      obs('f', '6', { cloud_instance_id: ' i-0abc', hostname: 'Web01' }),
      obs('g', '7', { fqdn: 'web01.corp.example' }),
      obs('h', '8', { hostname: 'db01', serial: '   ' }),
      obs('i', '9', { serial: 'XYZ' }),
    ]);
    expect(groups(partition)).toEqual([['1', '2', '3', '4'], ['5', '6', '7'], ['8'], ['9']]);
  });

  it('has no exceptions: placeholders and shared virtual MACs join unrelated records', () => {
    const partition = naiveUnionPartition([
      obs('a', '1', { serial: 'To be filled by O.E.M.' }),
      obs('a', '2', { serial: 'to be filled by o.e.m.' }),
      obs('b', '3', {}, ['00:00:5e:00:01:33']),
      obs('b', '4', {}, ['00:00:5E:00:01:33']),
    ]);
    expect(groups(partition)).toEqual([['1', '2'], ['3', '4']]);
  });

  it('names each cluster by its smallest natural key, whatever the input order', () => {
    const records = [obs('z', '9', { hostname: 'x' }), obs('a', '1', { hostname: 'X.example' })];
    const forward = naiveUnionPartition(records);
    const backward = naiveUnionPartition([...records].reverse());
    expect(forward).toEqual(backward);
    expect(forward.get(naturalKeyOf('z', '9'))).toBe(naturalKeyOf('a', '1'));
  });
});
