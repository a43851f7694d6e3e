import { describe, expect, it } from 'vitest';
import { buildObservation, type ObservationSketch } from './build-observation.js';
import { canonicalSerialisation } from './canonical-serialisation.js';
import type { MatchDecision } from './match-decision.js';
import { DEFAULT_RECONCILE_CONFIG as config } from './reconcile-config.js';
import { reconcileAll } from './reconcile-all.js';
import { naturalKeyOf, type SourcedObservation } from './sourced-observation.js';

const NOW = '2026-01-15T00:00:00.000Z';
const o = (s: ObservationSketch): SourcedObservation => buildObservation(s);
const run = (obs: SourcedObservation[], decisions: MatchDecision[] = []) => reconcileAll(obs, decisions, config, NOW);
const memberKeys = (obs: SourcedObservation[], decisions: MatchDecision[] = []) =>
  run(obs, decisions)
    .assets.map((a) => a.members.map((m) => m.nativeKey).join('+'))
    .sort();

const server = (sourceId: string, nativeKey: string, serial: string, extra: Partial<ObservationSketch> = {}): SourcedObservation =>
  o({ sourceId, sourceKind: 'servers_cache', nativeKey, assetClass: 'server', fields: { vendor: 'Dell Inc.', serial, hostname: nativeKey }, ...extra });

describe('reconcileAll: identity graph', () => {
  it('merges observations that share strong identifiers, and records why', () => {
    const result = run([server('inv', 'web-1', 'ABC123'), o({ sourceId: 'snmp', sourceKind: 'snmp', nativeKey: '10.0.0.5', fields: { vendor: 'DELL', serial: 'abc123', hostname: 'web-1' } })]);
    expect(result.assets).toHaveLength(1);
    const asset = result.assets[0]!;
    expect(asset.merges).toHaveLength(1);
    expect(asset.merges[0]).toMatchObject({ reason: 'score' });
    expect(asset.merges[0]!.breakdown.map((e) => e.kind)).toEqual(['serial', 'hostname', 'vendor']);
  });

  it('only the latest observation per (source, native key) counts', () => {
    const old = server('inv', 'web-1', 'ABC123', { observedAt: '2026-01-01T00:00:00.000Z' });
    const latest = server('inv', 'web-1', 'XYZ999', { observedAt: '2026-01-10T00:00:00.000Z' });
    const result = run([latest, old]);
    expect(result.assets).toHaveLength(1);
    expect(result.assets[0]!.fields.serial?.value).toBe('XYZ999');
  });

  it('splits a component held together by weaker links when it contains conflicting strong identifiers, and raises a stewardship item', () => {
    // a and c carry different serials; b (no serial) links to both by MAC.
    const mac = (m: string) => [{ mac: m, ips: [] }];
    const a = o({ sourceId: 's1', sourceKind: 'servers_cache', nativeKey: 'a', assetClass: 'server', fields: { vendor: 'Dell', serial: 'SER-A' }, interfaces: mac('18:db:f2:00:00:01') });
    const b = o({ sourceId: 's2', sourceKind: 'snmp', nativeKey: 'b', interfaces: [...mac('18:db:f2:00:00:01'), ...mac('18:db:f2:00:00:02')] });
    const c = o({ sourceId: 's3', sourceKind: 'desktop_cache', nativeKey: 'c', assetClass: 'server', fields: { vendor: 'Dell', serial: 'SER-C' }, interfaces: mac('18:db:f2:00:00:02') });
    const result = run([a, b, c]);
    expect(result.assets).toHaveLength(2);
    expect(result.stewardship).toHaveLength(1);
    expect(result.stewardship[0]).toMatchObject({ reason: 'conflict', conflicts: ['serial'] });
    const ids = new Set(result.assets.map((x) => x.assetId));
    expect(ids.has(result.stewardship[0]!.leftAssetId) && ids.has(result.stewardship[0]!.rightAssetId)).toBe(true);
  });

  it('puts pairs between the thresholds in the stewardship queue instead of merging', () => {
    // The same address on a static network, and nothing else: likely the same device, not certain.
    const ip = [{ ips: [{ address: '192.168.10.7', network: 'plant-a' }] }];
    const a = o({ sourceId: 'seed', sourceKind: 'servers_cache', nativeKey: 'plc-7', interfaces: ip });
    const b = o({ sourceId: 'snmp', sourceKind: 'snmp', nativeKey: '192.168.10.7', interfaces: ip });
    const result = reconcileAll([a, b], [], config, NOW, { networks: { 'plant-a': 'static' } });
    expect(result.assets).toHaveLength(2);
    expect(result.stewardship).toEqual([
      expect.objectContaining({ reason: 'review', score: config.weights.ip_static, breakdown: [expect.objectContaining({ kind: 'ip_static' })] }),
    ]);
  });

  it('same name, different real serial, one after the other: a replacement, not a merge', () => {
    const old = server('cmdb', 'plc-7', 'SN-OLD', { observedAt: '2025-03-01T00:00:00.000Z' });
    const renewed = server('snmp', 'plc-7-snmp', 'SN-NEW', { observedAt: '2026-01-10T00:00:00.000Z', fields: { vendor: 'Dell Inc.', serial: 'SN-NEW', hostname: 'plc-7' } });
    const result = run([old, renewed]);
    expect(result.assets).toHaveLength(2);
    expect(result.stewardship).toEqual([]);
    const byKey = new Map(result.assets.map((a) => [a.members[0]!.nativeKey, a.assetId] as const));
    expect(result.relations).toEqual([expect.objectContaining({ type: 'replaced_by', fromAssetId: byKey.get('plc-7'), toAssetId: byKey.get('plc-7-snmp') })]);
  });

  it('same name and MAC but a different real serial: mixed evidence goes to a person', () => {
    const mac = [{ mac: '18:db:f2:00:00:07', ips: [] }];
    const a = server('cmdb', 'db-7', 'SN-111', { interfaces: mac });
    const b = server('agent', 'db-7-agent', 'SN-222', { interfaces: mac, fields: { vendor: 'Dell Inc.', serial: 'SN-222', hostname: 'db-7' } });
    const result = run([a, b]);
    expect(result.assets).toHaveLength(2);
    expect(result.stewardship).toEqual([expect.objectContaining({ reason: 'conflict', conflicts: ['serial'] })]);
  });

  it('honours force-merge and never-merge decisions over natural keys', () => {
    const a = o({ sourceId: 'm', sourceKind: 'manual', nativeKey: 'tag-1', fields: { hostname: 'core-sw-1' } });
    const b = o({ sourceId: 'snmp', sourceKind: 'snmp', nativeKey: '10.0.0.1', fields: { hostname: 'core-sw-1' } });
    const force: MatchDecision = { kind: 'force_merge', left: { sourceId: 'm', nativeKey: 'tag-1' }, right: { sourceId: 'snmp', nativeKey: '10.0.0.1' } };
    const forced = run([a, b], [force]);
    expect(forced.assets).toHaveLength(1);
    expect(forced.assets[0]!.merges[0]).toMatchObject({ reason: 'forced' });
    expect(forced.stewardship).toEqual([]);

    const x = server('inv', 'web-1', 'ABC123');
    const y = server('inv2', 'web-1', 'ABC123');
    const never: MatchDecision = { kind: 'never_merge', left: { sourceId: 'inv', nativeKey: 'web-1' }, right: { sourceId: 'inv2', nativeKey: 'web-1' } };
    const kept = run([x, y], [never]);
    expect(kept.assets).toHaveLength(2);
    expect(kept.stewardship).toEqual([]);
  });

  it('derives asset ids from content: the record first seen earliest, never a person\'s edit', () => {
    const obs = [
      server('snmp', 'web-1', 'ABC123', { observedAt: '2026-01-01T00:00:00.000Z' }),
      o({ sourceId: 'inv', sourceKind: 'servers_cache', nativeKey: 'n', observedAt: '2026-01-05T00:00:00.000Z', fields: { vendor: 'Dell', serial: 'ABC123' } }),
    ];
    const first = run(obs).assets[0]!.assetId;
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(run([...obs].reverse()).assets[0]!.assetId).toBe(first);
    // 'inv' sorts before 'snmp', but the snmp record was there first: the id survives the merge.
    expect(run([obs[0]!]).assets[0]!.assetId).toBe(first);
    const edit = o({ sourceId: 'desk', sourceKind: 'manual', nativeKey: 'a-edit', observedAt: '2025-01-01T00:00:00.000Z', fields: { serial: 'ABC123', vendor: 'Dell' } });
    expect(run([...obs, edit]).assets[0]!.assetId).toBe(first);
  });

  it('does not let storage ids or arrival order influence the records', () => {
    const obs = [
      server('inv', 'web-1', 'ABC123'),
      o({ sourceId: 'snmp', sourceKind: 'snmp', nativeKey: 'n', fields: { vendor: 'Dell', serial: 'ABC123', hostname: 'web-1x' } }),
      server('inv', 'db-1', 'DEF456'),
    ];
    const renumbered = [...obs].reverse().map((x, i) => ({ ...x, observationId: `other-${i}` }));
    expect(canonicalSerialisation(run(renumbered))).toBe(canonicalSerialisation(run(obs)));
  });
});

describe('reconcileAll: golden record', () => {
  const inv = o({
    sourceId: 'inv',
    sourceKind: 'servers_cache',
    nativeKey: 'web-1',
    observedAt: '2026-01-14T00:00:00.000Z',
    assetClass: 'server',
    fields: { hostname: 'WEB-1', vendor: 'Dell Inc.', serial: 'ABC123', os_name: 'Ubuntu 22.04.3 LTS', location: 'Rack 1', instance_type: 'm5.large' },
    interfaces: [{ name: 'eth0', mac: '18:db:f2:00:00:01', ips: [{ address: '10.0.0.5', network: 'dc1' }] }],
    software: [{ name: 'OpenSSL', version: '3.0.11', vendor: 'OpenSSL Software Foundation' }, { name: 'nginx', version: '1.24.0' }],
    tags: { env: 'prod', owner: 'inventory' },
  });
  const snmp = o({
    sourceId: 'snmp',
    sourceKind: 'snmp',
    nativeKey: 'dc1/10.0.0.5',
    observedAt: '2026-01-14T12:00:00.000Z',
    fields: { hostname: 'web-1', vendor: 'DELL', serial: 'abc123', os_name: 'Linux', location: 'DC row 4' },
    interfaces: [
      { name: 'Ethernet0', mac: '18-DB-F2-00-00-01', ips: [{ address: '10.0.0.5', network: 'dc1' }, { address: '10.9.0.5', network: 'dc1-mgmt' }], speedMbps: 10_000, operStatus: 'up' },
      { name: 'Ethernet1', mac: '18:db:f2:00:00:02', ips: [] },
    ],
    software: [{ name: 'openssl', version: '3.0.11' }],
    tags: { owner: 'network', site: 'dc1' },
  });
  const cloud = o({ sourceId: 'cloud', sourceKind: 'cloud_manual', nativeKey: 'i-1', observedAt: '2025-10-01T00:00:00.000Z', fields: { serial: 'ABC123', vendor: 'Dell', instance_type: 't3.small' } });

  it('chooses each field by precedence, then agreement, then confidence and recency, with provenance and competitors', () => {
    const asset = run([inv, snmp, cloud]).assets[0]!;
    expect(asset.fields.os_name).toMatchObject({ value: 'Ubuntu', sourceId: 'inv', sourceKind: 'servers_cache', observationId: 'inv/web-1' });
    expect(asset.fields.os_edition).toMatchObject({ value: 'LTS', sourceId: 'inv' });
    expect(asset.fields.os_name?.competing).toEqual([expect.objectContaining({ value: 'Linux', sourceId: 'snmp', agreesWithGolden: false })]);
    expect(asset.fields.location).toMatchObject({ value: 'DC row 4', sourceKind: 'snmp' });
    // Three sources agree on the vendor: its confidence combines theirs, and it does not age.
    expect(asset.fields.vendor).toMatchObject({ value: 'Dell', sources: 3 });
    expect(asset.fields.vendor!.confidence).toBeGreaterThan(config.baseConfidence.servers_cache);
    // cloud_manual ranks first for instance_type, but its value is months older than the asset's
    // newest observation, so the fresh one wins.
    expect(asset.fields.instance_type).toMatchObject({ value: 'm5.large', sourceId: 'inv' });
    expect(asset.fields.instance_type?.competing[0]).toMatchObject({ value: 't3.small', sourceKind: 'cloud_manual' });
    expect(asset.fields.os_name?.confidence).toBe(config.baseConfidence.servers_cache);
  });

  it('two agreeing sources beat a third of the same precedence, whatever its recency', () => {
    const rack = (sourceId: string, nativeKey: string, location: string, observedAt: string) =>
      o({ sourceId, sourceKind: 'servers_cache', nativeKey, observedAt, fields: { serial: 'ZZ1', vendor: 'Dell', location } });
    const asset = run([
      rack('register', 'r1', 'Plant A / Server room', '2026-01-14T00:00:00.000Z'),
      rack('cmdb', 'c1', 'Rack 2 U12', '2026-01-10T00:00:00.000Z'),
      rack('dcim', 'd1', 'Rack 2 U12', '2026-01-09T00:00:00.000Z'),
    ]).assets[0]!;
    expect(asset.fields.location).toMatchObject({ value: 'Rack 2 U12', sources: 2 });
  });

  it('keeps the OS edition and build apart from its version', () => {
    const asset = run([o({ sourceId: 'inv', sourceKind: 'servers_cache', nativeKey: 'w', fields: { hostname: 'w', os_name: 'Microsoft Windows Server 2022 Standard', os_version: '10.0.20348' } })]).assets[0]!;
    expect([asset.fields.os_name?.value, asset.fields.os_version?.value, asset.fields.os_edition?.value, asset.fields.os_build?.value]).toEqual(['Windows Server', '2022', 'Standard', '10.0.20348']);
  });

  it('lets manual values win and turns later conflicting observations into suggestions', () => {
    const manual = o({ sourceId: 'desk', sourceKind: 'manual', nativeKey: 'tag-9', observedAt: '2025-06-01T00:00:00.000Z', fields: { serial: 'ABC123', vendor: 'Dell', location: 'Cage 7' } });
    const asset = run([inv, snmp, manual]).assets[0]!;
    expect(asset.fields.location).toMatchObject({ value: 'Cage 7', sourceKind: 'manual', confidence: 1 });
    expect(asset.fields.location?.suggestions.map((s) => s.value).sort()).toEqual(['DC row 4', 'Rack 1']);
  });

  it('builds canonical submodels: interfaces per MAC, deduplicated software with purl/CPE, merged tags, hardware', () => {
    const asset = run([inv, snmp]).assets[0]!;
    expect(asset.interfaces).toEqual([
      {
        mac: '18:db:f2:00:00:01',
        macKind: 'universal',
        name: 'Ethernet0',
        // Sorted by "network/address".
        ips: [
          { address: '10.9.0.5', network: 'dc1-mgmt' },
          { address: '10.0.0.5', network: 'dc1' },
        ],
        vlan: null,
        speedMbps: 10_000,
        operStatus: 'up',
        sourceIds: ['inv', 'snmp'],
      },
      expect.objectContaining({ mac: '18:db:f2:00:00:02', sourceIds: ['snmp'] }),
    ]);
    expect(asset.software).toEqual([
      { name: 'nginx', version: '1.24.0', vendor: null, purl: 'pkg:generic/nginx@1.24.0', cpe: null, sourceIds: ['inv'] },
      {
        name: 'OpenSSL',
        version: '3.0.11',
        vendor: 'OpenSSL Software Foundation',
        purl: 'pkg:generic/openssl@3.0.11',
        cpe: 'cpe:2.3:a:opensslsoftwarefoundation:openssl:3.0.11:*:*:*:*:*:*:*',
        sourceIds: ['inv', 'snmp'],
      },
    ]);
    expect(asset.tags).toEqual({ env: 'prod', owner: 'inventory', site: 'dc1' });
    expect(asset.hardware).toEqual({ vendor: 'Dell', model: null, serial: 'ABC123', firmware: null });
    expect(asset.assetClass).toBe('server');
  });

  it('scores quality per asset and conflicts per source', () => {
    const result = run([inv, snmp]);
    const q = result.assets[0]!.quality;
    // The primary IP comes from the interfaces when no source names one.
    expect(q.missingFields).toEqual(['model']);
    expect(q.completeness).toBeCloseTo(5 / 6, 3);
    expect(q.disputedFields).toEqual(['os_name', 'location']);
    expect(q.score).toBeGreaterThan(0);
    expect(q.score).toBeLessThan(1);
    const snmpQuality = result.sourceQuality.find((s) => s.sourceId === 'snmp')!;
    // snmp loses os_name with a different value; inv loses location with a different value.
    expect(snmpQuality.conflicts).toBe(1);
    expect(snmpQuality.conflictRate).toBeCloseTo(1 / snmpQuality.fields, 4);
    expect(result.sourceQuality.find((s) => s.sourceId === 'inv')!.conflicts).toBe(1);
  });

  it('marks an asset stale when no source has seen it within its class window; confidence does not age', () => {
    const fresh = reconcileAll([inv], [], config, '2026-01-20T00:00:00.000Z').assets[0]!;
    const later = reconcileAll([inv], [], config, '2026-04-15T00:00:00.000Z').assets[0]!;
    expect([fresh.status, later.status]).toEqual(['active', 'stale']);
    expect(later.fields.hostname!.confidence).toBe(fresh.fields.hostname!.confidence);
  });
});

describe('reconcileAll: natural keys', () => {
  it('uses (sourceId, nativeKey) as identity', () => {
    const result = run([server('a', 'x', 'S1'), server('b', 'x', 'S2')]);
    expect(result.assets.map((a) => a.members[0]!.naturalKey).sort()).toEqual([naturalKeyOf('a', 'x'), naturalKeyOf('b', 'x')]);
    expect(memberKeys([server('a', 'x', 'S1'), server('b', 'y', 'S1')])).toEqual(['x+y']);
  });
});
