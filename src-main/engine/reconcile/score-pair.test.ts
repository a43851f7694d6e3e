import { describe, expect, it } from 'vitest';
import { buildObservation, type ObservationSketch } from './build-observation.js';
import { countIdentifierFrequencies, type IdentifierFrequencies } from './identity-keys.js';
import { prepareObservation } from './prepare-observation.js';
import { DEFAULT_RECONCILE_CONFIG as config } from './reconcile-config.js';
import { addressingLookup } from './reconcile-all.js';
import { isCandidateEdge, NO_FREQUENCIES, scorePair } from './score-pair.js';

const networks = addressingLookup({ 'plant-a': 'static', office: 'dhcp', dc1: 'static' });
const prep = (s: ObservationSketch) => prepareObservation(buildObservation(s), config, networks);
const score = (a: ObservationSketch, b: ObservationSketch, frequencies: IdentifierFrequencies = NO_FREQUENCIES) => scorePair(prep(a), prep(b), config, frequencies);
const kinds = (a: ObservationSketch, b: ObservationSketch) => score(a, b).breakdown.map((e) => e.kind);
const { merge, review } = config.thresholds;

describe('scorePair', () => {
  it('a real hardware serial dominates, across vendor spellings and serial formatting', () => {
    const s = score(
      { sourceId: 'inv', sourceKind: 'servers_cache', nativeKey: 'a', assetClass: 'server', fields: { vendor: 'Hewlett-Packard', serial: 'cz3 4abc' } },
      { sourceId: 'snmp', sourceKind: 'snmp', nativeKey: 'b', fields: { vendor: 'HPE', serial: 'CZ34ABC' } },
    );
    expect(s.score).toBeGreaterThanOrEqual(merge);
    expect(s.breakdown[0]).toMatchObject({ kind: 'serial', weight: config.weights.serial });
    expect(s.eligible).toBe(true);
  });

  it('conflicting real serials veto whatever the vendors are called, however much else agrees', () => {
    const s = score(
      { sourceId: 'inv', sourceKind: 'servers_cache', nativeKey: 'a', fields: { vendor: 'HPE', serial: 'CZ1111', hostname: 'web' }, interfaces: [{ mac: '00:1b:21:00:00:01', ips: [] }] },
      { sourceId: 'dt', sourceKind: 'desktop_cache', nativeKey: 'b', fields: { vendor: 'Dell Inc.', serial: 'JX9999', hostname: 'web' }, interfaces: [{ mac: '00:1b:21:00:00:01', ips: [] }] },
    );
    expect(s.conflicts).toEqual(['serial']);
    expect(s.sharesHardware).toBe(true);
  });

  it('a conflicting cloud instance id vetoes', () => {
    const s = score(
      { sourceId: 'a', sourceKind: 'aws', nativeKey: 'x', fields: { cloud_instance_id: 'i-1', hostname: 'web' } },
      { sourceId: 'b', sourceKind: 'servers_cache', nativeKey: 'y', fields: { cloud_instance_id: 'i-2', hostname: 'web' } },
    );
    expect(s.conflicts).toEqual(['cloud_instance_id']);
  });

  it('trap: a VRRP virtual router MAC identifies nothing, and is not even a blocking key', () => {
    const vrrp = (key: string, host: string): ObservationSketch => ({ sourceId: 'inv', sourceKind: 'servers_cache', nativeKey: key, fields: { hostname: host }, interfaces: [{ mac: '00:00:5e:00:01:01', ips: [] }] });
    const s = score(vrrp('a', 'lb-1'), vrrp('b', 'lb-2'));
    expect(s.breakdown.map((e) => e.kind)).toEqual(['hostname_conflict', 'same_source_other_key']);
    expect(s.eligible).toBe(false);
  });

  it('term frequencies: a MAC many devices of one source share counts for nothing and stops blocking', () => {
    const records = Array.from({ length: 10 }, (_, i) => prep({ sourceId: 'inv', sourceKind: 'servers_cache', nativeKey: `h${i}`, fields: { hostname: `h${i}` }, interfaces: [{ mac: '00:1b:21:99:99:99', ips: [] }] }));
    const frequencies = countIdentifierFrequencies(records.map((r) => ({ sourceId: r.sourced.sourceId, keys: r.ids.keys })));
    const snmp = prep({ sourceId: 'snmp', sourceKind: 'snmp', nativeKey: 'x', interfaces: [{ mac: '00:1b:21:99:99:99', ips: [] }] });
    const s = scorePair(records[0]!, snmp, config, frequencies);
    expect(s.breakdown.some((e) => e.kind === 'mac')).toBe(false);
    expect(s.eligible).toBe(false);
    // Two devices sharing a value: agreement still counts, one bit less.
    const two = countIdentifierFrequencies([records[0]!, records[1]!].map((r) => ({ sourceId: r.sourced.sourceId, keys: r.ids.keys })));
    const weaker = scorePair(records[0]!, snmp, config, two).breakdown.find((e) => e.kind === 'mac');
    expect(weaker?.weight).toBeCloseTo(config.weights.mac - 1, 5);
    expect(weaker?.detail).toContain('2 devices');
  });

  it('trap: cloned VMs share a hypervisor serial and BIOS UUID; recognised from the serial even when filed as servers', () => {
    const a: ObservationSketch = { sourceId: 'inv', sourceKind: 'servers_cache', nativeKey: 'vm-a', assetClass: 'server', fields: { hostname: 'vm-a', serial: 'VMware-42 1a 2b 3c 4d 5e 6f 70-81 92 a3 b4 c5 d6 e7 f8' }, interfaces: [{ mac: '00:50:56:00:00:01', ips: [] }] };
    const b: ObservationSketch = { ...a, nativeKey: 'vm-b', fields: { hostname: 'vm-b', serial: a.fields?.serial ?? null }, interfaces: [{ mac: '00:50:56:00:00:02', ips: [] }] };
    expect(prep(a).ids.virtual).toMatchObject({ isVirtual: true, platform: 'VMware' });
    const s = score(a, b);
    expect(kinds(a, b)).toContain('virtual_identity');
    expect(s.conflicts).toEqual([]);
    expect(isCandidateEdge(s, config)).toBe(false);
  });

  it('a VMware serial and the BIOS UUID it encodes are one piece of evidence, whatever the byte order', () => {
    const s = score(
      { sourceId: 'inv', sourceKind: 'servers_cache', nativeKey: 'vm', fields: { hostname: 'app-1', serial: 'VMware-42 1a 2b 3c 4d 5e 6f 70-81 92 a3 b4 c5 d6 e7 f8' } },
      { sourceId: 'dt', sourceKind: 'desktop_cache', nativeKey: 'vm2', fields: { hostname: 'app-1', bios_uuid: '3C2B1A42-5E4D-706F-8192-A3B4C5D6E7F8' } },
    );
    expect(s.breakdown.filter((e) => e.kind === 'virtual_identity')).toHaveLength(1);
    expect(s.score).toBeGreaterThanOrEqual(merge);
  });

  it('a renamed host still matches on its hardware MAC, with a small penalty for the name', () => {
    const s = score(
      { sourceId: 'd', sourceKind: 'desktop_cache', nativeKey: 'OLD', fields: { hostname: 'old-name' }, interfaces: [{ mac: '18:db:f2:00:00:01', ips: [] }] },
      { sourceId: 'snmp', sourceKind: 'snmp', nativeKey: 'x', fields: { hostname: 'new-name' }, interfaces: [{ mac: '18:DB:F2:00:00:01', ips: [] }] },
    );
    expect(s.breakdown.map((e) => e.kind)).toEqual(['mac', 'hostname_conflict']);
    expect(s.score).toBeGreaterThanOrEqual(merge);
  });

  it('static plant network: the IP plus vendor and model identifies a PLC; the IP alone asks a person', () => {
    const seed: ObservationSketch = { sourceId: 'seed', sourceKind: 'servers_cache', nativeKey: 'PLC-7', assetClass: 'plc', fields: { vendor: 'Siemens AG', model: 'S7-1500', primary_ip: '192.168.10.7' }, interfaces: [{ ips: [{ address: '192.168.10.7', network: 'plant-a' }] }] };
    const modbus: ObservationSketch = { sourceId: 'mb', sourceKind: 'modbus', nativeKey: '192.168.10.7#1', fields: { vendor: 'Siemens', model: 'S7 1500', primary_ip: '192.168.10.7', modbus_unit: 1 }, interfaces: [{ ips: [{ address: '192.168.10.7', network: 'plant-a' }] }] };
    const s = score(seed, modbus);
    expect(s.breakdown.map((e) => e.kind)).toEqual(expect.arrayContaining(['ip_static', 'vendor', 'model']));
    expect(s.score).toBeGreaterThanOrEqual(merge);
    const bare = score({ ...seed, fields: { primary_ip: '192.168.10.7' } }, { ...modbus, fields: { primary_ip: '192.168.10.7' } });
    expect(bare.score).toBeGreaterThanOrEqual(review);
    expect(bare.score).toBeLessThan(merge);
  });

  it('DHCP: the same address says little, and less when the two sightings are far apart in time', () => {
    const a: ObservationSketch = { sourceId: 'd', sourceKind: 'desktop_cache', nativeKey: 'WKS-1', observedAt: '2026-01-01T00:00:00Z', fields: { hostname: 'wks-1' }, interfaces: [{ ips: [{ address: '10.50.1.7', network: 'office' }] }] };
    const b: ObservationSketch = { sourceId: 'm', sourceKind: 'servers_cache', nativeKey: 'x', observedAt: '2026-03-01T00:00:00Z', fields: { hostname: 'wks-2' }, interfaces: [{ ips: [{ address: '10.50.1.7', network: 'office' }] }] };
    expect(kinds(a, b)).toContain('ip_dhcp_other_time');
    expect(score(a, b).score).toBeLessThan(review);
    expect(kinds(a, { ...b, observedAt: '2026-01-01T06:00:00Z' })).toContain('ip_dhcp_same_time');
  });

  it('near-duplicates: serials one character apart never merge on their own', () => {
    const s = score(
      { sourceId: 'a', sourceKind: 'servers_cache', nativeKey: 'x', fields: { hostname: 'db-7', serial: 'CZJ1020A7' } },
      { sourceId: 'b', sourceKind: 'desktop_cache', nativeKey: 'y', fields: { hostname: 'db-7', serial: 'CZJ102OA7' } },
    );
    expect(s.nearDuplicate).toBe(true);
    expect(s.conflicts).toEqual([]);
    expect(s.breakdown.map((e) => e.kind)).toContain('serial_one_edit');
  });

  it('a placeholder serial on one side is no evidence either way, and says so in the breakdown', () => {
    const s = score({ sourceId: 'a', sourceKind: 'servers_cache', nativeKey: 'x', fields: { hostname: 'db-7', serial: 'To be filled by O.E.M.' } }, { sourceId: 'b', sourceKind: 'snmp', nativeKey: 'y', fields: { hostname: 'db-7', serial: 'CZJ1020A7' } });
    expect(s.breakdown.map((e) => [e.kind, e.weight])).toEqual([
      ['serial_placeholder', 0],
      ['hostname', expect.any(Number)],
    ]);
    expect(s.conflicts).toEqual([]);
  });

  it('a cloud instance name is compared with host names', () => {
    const s = score({ sourceId: 'c', sourceKind: 'cloud_manual', nativeKey: 'i-0abc', fields: { name: 'api-gw-1', cloud_instance_id: 'i-0abc' } }, { sourceId: 'm', sourceKind: 'servers_cache', nativeKey: 'api-gw-1', fields: { hostname: 'API-GW-1' } });
    expect(s.breakdown.map((e) => e.kind)).toContain('hostname');
    expect(s.score).toBeGreaterThanOrEqual(merge);
  });

  it('host names one letter apart are a typo; one digit apart are another host', () => {
    expect(kinds({ sourceId: 'a', sourceKind: 'servers_cache', nativeKey: 'x', fields: { hostname: 'histrian-01' } }, { sourceId: 'b', sourceKind: 'snmp', nativeKey: 'y', fields: { hostname: 'historian-01' } })).toEqual(['hostname_similar']);
    expect(kinds({ sourceId: 'a', sourceKind: 'servers_cache', nativeKey: 'x', fields: { hostname: 'web-01' } }, { sourceId: 'b', sourceKind: 'snmp', nativeKey: 'y', fields: { hostname: 'web-02' } })).toEqual(['hostname_conflict']);
  });

  it('reads the hostname out of an OPC UA application URI when the source gave none', () => {
    const s = score(
      { sourceId: 'ua', sourceKind: 'opcua', nativeKey: 'x', fields: { opcua_application_uri: 'urn:HMI-7:Siemens:WinCC' } },
      { sourceId: 'inv', sourceKind: 'servers_cache', nativeKey: 'y', fields: { hostname: 'hmi-7' } },
    );
    expect(s.breakdown.map((e) => e.kind)).toEqual(['hostname']);
  });

  it('an FQDN match counts once, not again as a hostname', () => {
    expect(kinds({ sourceId: 'a', sourceKind: 'servers_cache', nativeKey: 'x', fields: { fqdn: 'db1.corp.example' } }, { sourceId: 'b', sourceKind: 'snmp', nativeKey: 'y', fields: { fqdn: 'DB1.corp.example.' } })).toEqual(['fqdn']);
  });

  it('is symmetric', () => {
    const a: ObservationSketch = { sourceId: 'a', sourceKind: 'servers_cache', nativeKey: 'x', fields: { hostname: 'h1', vendor: 'Dell', serial: 'S1', model: 'R650' }, interfaces: [{ mac: '00:1b:21:00:00:09', ips: [{ address: '10.0.0.9', network: 'dc1' }] }] };
    const b: ObservationSketch = { sourceId: 'b', sourceKind: 'snmp', nativeKey: 'y', fields: { hostname: 'h1', vendor: 'Dell Inc', model: 'PowerEdge R650' }, interfaces: [{ mac: '00:1b:21:00:00:09', ips: [{ address: '10.0.0.9', network: 'dc1' }] }] };
    const ab = score(a, b);
    const ba = score(b, a);
    expect(ba.score).toBe(ab.score);
    expect(ba.breakdown.map((e) => [e.kind, e.weight])).toEqual(ab.breakdown.map((e) => [e.kind, e.weight]));
    expect([ba.conflicts, ba.eligible, ba.nearDuplicate, ba.sharesHardware, ba.sharesName]).toEqual([ab.conflicts, ab.eligible, ab.nearDuplicate, ab.sharesHardware, ab.sharesName]);
  });
});
