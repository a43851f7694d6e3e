// The engine alone on OT seed entries: a seed entry and collector identities of the same device are
// one golden record (seed fields kept, the device's identity winning), units behind one gateway
// stay apart, and the same address on two plants is two devices.
import { describe, expect, it } from 'vitest';
import type { ObservedInterface } from '../../../src-shared/model/index.js';
import { buildObservation } from './build-observation.js';
import { DEFAULT_RECONCILE_CONFIG as config } from './reconcile-config.js';
import { reconcileAll } from './reconcile-all.js';

const NOW = '2026-12-01T00:00:00.000Z';
const on = (address: string, network: string): ObservedInterface[] => [{ ips: [{ address, network }] }];

const seed = (nativeKey: string, address: string, network: string, fields: Record<string, string | number>) =>
  buildObservation({ sourceId: 'seeds', sourceKind: 'ot_seed', nativeKey, assetClass: null, fields: { primary_ip: address, ...fields }, interfaces: on(address, network) });

describe('reconciling OT seed entries', () => {
  it('joins a seed entry with the Modbus and BACnet identities of the same devices', () => {
    const result = reconcileAll(
      [
        seed('PLC-101', '10.20.1.10', 'plant-a', { name: 'PLC-101', vendor: 'Schneider Electric', model: 'TM241', modbus_unit: 1, purdue_level: '1', criticality: 'critical' }),
        buildObservation({
          sourceId: 'modbus',
          sourceKind: 'modbus',
          nativeKey: '10.20.1.10:502#1',
          assetClass: 'plc',
          fields: { primary_ip: '10.20.1.10', modbus_unit: 1, vendor: 'Schneider Electric', model: 'TM241CEC24T', firmware: '5.1' },
          interfaces: on('10.20.1.10', 'plant-a'),
        }),
        seed('AHU-401', '10.20.3.40', 'plant-a', { name: 'AHU-401', bacnet_device: 401001, vendor: 'Honeywell' }),
        buildObservation({
          sourceId: 'bacnet',
          sourceKind: 'bacnet',
          nativeKey: '10.20.3.40:47808/401001',
          assetClass: 'building_controller',
          fields: { primary_ip: '10.20.3.40', bacnet_device: 401001, vendor: 'Honeywell', model: 'PUB6438S' },
          interfaces: on('10.20.3.40', 'plant-a'),
        }),
      ],
      [],
      config,
      NOW,
    );
    expect(result.assets).toHaveLength(2);
    const plc = result.assets.find((a) => a.fields.name?.value === 'PLC-101');
    expect(plc?.members.map((m) => m.sourceKind).sort()).toEqual(['modbus', 'ot_seed']);
    expect(plc?.assetClass).toBe('plc');
    expect(plc?.fields.model?.value).toBe('TM241CEC24T');
    expect(plc?.fields.criticality?.value).toBe('critical');
    const ahu = result.assets.find((a) => a.fields.name?.value === 'AHU-401');
    expect(ahu?.members.map((m) => m.sourceKind).sort()).toEqual(['bacnet', 'ot_seed']);
  });

  it('keeps units behind one gateway apart, and the same address on two plants apart', () => {
    const result = reconcileAll(
      [
        seed('GW', '10.20.1.20', 'plant-a', { name: 'GW-201', modbus_unit: 255 }),
        seed('DRV', '10.20.1.20', 'plant-a', { name: 'DRV-201', modbus_unit: 3 }),
        buildObservation({ sourceId: 'seeds-b', sourceKind: 'ot_seed', nativeKey: 'PLC-B', fields: { primary_ip: '10.20.1.10', modbus_unit: 1 }, interfaces: on('10.20.1.10', 'plant-b') }),
        buildObservation({ sourceId: 'modbus', sourceKind: 'modbus', nativeKey: 'a', fields: { primary_ip: '10.20.1.10', modbus_unit: 1 }, interfaces: on('10.20.1.10', 'plant-a') }),
      ],
      [],
      config,
      NOW,
    );
    expect(result.assets).toHaveLength(4);
  });
});
