import { describe, expect, it } from 'vitest';
import { buildObservation, type ObservationSketch } from './build-observation.js';
import { prepareObservation } from './prepare-observation.js';
import { DEFAULT_RECONCILE_CONFIG as config } from './reconcile-config.js';
import { scorePair } from './score-pair.js';

const prep = (s: ObservationSketch) => prepareObservation(buildObservation(s), config);
const score = (a: ObservationSketch, b: ObservationSketch) => scorePair(prep(a), prep(b), config);
const kinds = (a: ObservationSketch, b: ObservationSketch) => score(a, b).breakdown.map((e) => e.kind);
const { merge, review } = config.thresholds;

describe('scorePair', () => {
  it('vendor + serial dominates, across vendor spellings and serial formatting', () => {
    const s = score(
      { sourceId: 'inv', sourceKind: 'servers_cache', nativeKey: 'a', assetClass: 'server', fields: { vendor: 'Hewlett-Packard', serial: 'cz3 4abc' } },
      { sourceId: 'snmp', sourceKind: 'snmp', nativeKey: 'b', fields: { vendor: 'HPE', serial: 'CZ34ABC' } },
    );
    expect(s.score).toBeGreaterThanOrEqual(merge);
    expect(s.breakdown[0]).toMatchObject({ kind: 'vendor_serial', weight: config.weights.vendor_serial });
    expect(s.eligible).toBe(true);
  });

  it('a conflicting strong identifier vetoes, however much else agrees', () => {
    const s = score(
      { sourceId: 'a', sourceKind: 'aws', nativeKey: 'x', fields: { cloud_instance_id: 'i-1', hostname: 'web' }, interfaces: [{ mac: '00:11:22:33:44:55', ips: [] }] },
      { sourceId: 'b', sourceKind: 'servers_cache', nativeKey: 'y', fields: { cloud_instance_id: 'i-2', hostname: 'web' }, interfaces: [{ mac: '00:11:22:33:44:55', ips: [] }] },
    );
    expect(s.conflicts).toEqual(['cloud_instance_id']);
  });

  it('trap: DHCP reuses IPs — a shared IP alone never makes an edge', () => {
    const a: ObservationSketch = { sourceId: 'd', sourceKind: 'desktop_cache', nativeKey: 'WKS-1', fields: { hostname: 'wks-1', serial: 'AAA111' }, interfaces: [{ ips: [{ address: '10.50.1.7', network: 'office' }] }] };
    const b: ObservationSketch = { sourceId: 'd', sourceKind: 'desktop_cache', nativeKey: 'WKS-2', fields: { hostname: 'wks-2', serial: 'BBB222' }, interfaces: [{ ips: [{ address: '10.50.1.7', network: 'office' }] }] };
    const s = score(a, b);
    expect(s.score).toBeLessThan(review);
    expect(s.conflicts).toEqual(['serial']);
  });

  it('trap: cloned VMs share a BIOS serial, which is weak for virtual machines', () => {
    const s = score(
      { sourceId: 'inv', sourceKind: 'servers_cache', nativeKey: 'vm-a', assetClass: 'virtual_machine', fields: { hostname: 'vm-a', serial: 'VMware-42 1a 2b' }, interfaces: [{ mac: '00:50:56:00:00:01', ips: [] }] },
      { sourceId: 'inv', sourceKind: 'servers_cache', nativeKey: 'vm-b', assetClass: 'virtual_machine', fields: { hostname: 'vm-b', serial: 'VMware-42 1a 2b' }, interfaces: [{ mac: '00:50:56:00:00:02', ips: [] }] },
    );
    expect(s.breakdown.map((e) => e.kind)).toContain('weak_serial');
    expect(s.conflicts).toEqual([]);
    expect(s.eligible).toBe(false);
  });

  it('a VM keeps its identity through a rename when serial and hypervisor MAC both match', () => {
    const s = score(
      { sourceId: 'inv', sourceKind: 'servers_cache', nativeKey: 'vm-old', assetClass: 'virtual_machine', fields: { hostname: 'vm-old', serial: 'VMware-42 1a 2b' }, interfaces: [{ mac: '00:50:56:00:00:01', ips: [{ address: '10.1.1.1', network: 'dc1' }] }] },
      { sourceId: 'inv', sourceKind: 'servers_cache', nativeKey: 'vm-new', assetClass: 'virtual_machine', fields: { hostname: 'vm-new', serial: 'VMware-42 1a 2b' }, interfaces: [{ mac: '00:50:56:00:00:01', ips: [{ address: '10.1.1.1', network: 'dc1' }] }] },
    );
    expect(s.breakdown.map((e) => e.kind)).toContain('weak_serial_mac');
    expect(s.score).toBeGreaterThanOrEqual(merge);
  });

  it('trap: virtual and locally administered MACs repeat — they are weak and never block', () => {
    const a: ObservationSketch = { sourceId: 'inv', sourceKind: 'servers_cache', nativeKey: 'h1', interfaces: [{ mac: '02:42:ac:11:00:02', ips: [] }, { mac: '0a:00:00:00:00:01', ips: [] }] };
    const b: ObservationSketch = { sourceId: 'snmp', sourceKind: 'snmp', nativeKey: 'h2', interfaces: [{ mac: '02-42-AC-11-00-02', ips: [] }, { mac: '0a00.0000.0001', ips: [] }] };
    const s = score(a, b);
    expect(s.breakdown).toEqual([{ kind: 'weak_mac', weight: config.weights.weak_mac, detail: '02:42:ac:11:00:02 0a:00:00:00:00:01' }]);
    expect(s.eligible).toBe(false);
  });

  it('trap: a renamed host still matches on MAC, with a small penalty for the name', () => {
    const s = score(
      { sourceId: 'd', sourceKind: 'desktop_cache', nativeKey: 'OLD', fields: { hostname: 'old-name' }, interfaces: [{ mac: '18:db:f2:00:00:01', ips: [{ address: '10.50.0.9', network: 'office' }] }] },
      { sourceId: 'snmp', sourceKind: 'snmp', nativeKey: 'x', fields: { hostname: 'new-name' }, interfaces: [{ mac: '18:DB:F2:00:00:01', ips: [] }] },
    );
    expect(s.breakdown.map((e) => e.kind)).toEqual(['mac', 'hostname_conflict']);
    expect(s.score).toBeGreaterThanOrEqual(merge);
  });

  it('trap: one device has many IPs — extra shared IPs add little', () => {
    const ips = [
      { address: '10.10.0.5', network: 'dc1' },
      { address: '10.101.0.5', network: 'dc1-storage' },
      { address: '10.102.0.5', network: 'dc1-backup' },
    ];
    expect(kinds({ sourceId: 'a', sourceKind: 'servers_cache', nativeKey: 'a', interfaces: [{ ips }] }, { sourceId: 'b', sourceKind: 'snmp', nativeKey: 'b', interfaces: [{ ips }] })).toEqual(['ip', 'additional_ip']);
  });

  it('the same private IP on two plants is two things', () => {
    const s = score(
      { sourceId: 'opc', sourceKind: 'opcua', nativeKey: 'a', interfaces: [{ ips: [{ address: '192.168.10.2', network: 'plant-a' }] }] },
      { sourceId: 'snmp', sourceKind: 'snmp', nativeKey: 'b', interfaces: [{ ips: [{ address: '192.168.10.2', network: 'plant-b' }] }] },
    );
    expect(s.breakdown).toEqual([]);
  });

  it('reads the hostname out of an OPC UA application URI when the source gave none', () => {
    const s = score(
      { sourceId: 'opc', sourceKind: 'opcua', nativeKey: 'a', fields: { opcua_application_uri: 'urn:PLC-7:Siemens:OPCUA-Server' }, interfaces: [{ ips: [{ address: '192.168.10.2', network: 'plant-a' }] }] },
      { sourceId: 'snmp', sourceKind: 'snmp', nativeKey: 'b', fields: { hostname: 'plc-7' }, interfaces: [{ ips: [{ address: '192.168.10.2', network: 'plant-a' }] }] },
    );
    expect(s.breakdown.map((e) => e.kind)).toEqual(['hostname', 'ip']);
    expect(s.score).toBeGreaterThanOrEqual(merge);
  });

  it('an FQDN match counts once, not again as a hostname', () => {
    expect(kinds({ sourceId: 'a', sourceKind: 'servers_cache', nativeKey: 'a', fields: { fqdn: 'web.corp.example.com' } }, { sourceId: 'b', sourceKind: 'snmp', nativeKey: 'b', fields: { hostname: 'WEB.corp.example.com.', fqdn: 'web.corp.example.com' } })).toEqual(['fqdn']);
  });

  it('is symmetric', () => {
    const a: ObservationSketch = { sourceId: 'a', sourceKind: 'snmp', nativeKey: 'a', assetClass: 'plc', fields: { hostname: 'x', serial: 'S1', vendor: 'Siemens' }, interfaces: [{ mac: '00:1b:1b:00:00:01', ips: [{ address: '192.168.0.2', network: 'p' }] }] };
    const b: ObservationSketch = { sourceId: 'b', sourceKind: 'opcua', nativeKey: 'b', assetClass: 'server', fields: { hostname: 'y', serial: 'S1' }, interfaces: [{ mac: '00:1b:1b:00:00:01', ips: [{ address: '192.168.0.2', network: 'p' }] }] };
    expect(score(a, b).score).toBe(score(b, a).score);
    expect(score(a, b).breakdown.map((e) => e.kind)).toContain('class_conflict');
  });
});
