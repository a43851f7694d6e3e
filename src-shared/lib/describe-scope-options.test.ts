import { describe, expect, it } from 'vitest';
import { DiscoveryScopeOptions } from '../api/discovery-protocols.js';
import { describeScopeOptions } from './describe-scope-options.js';

describe('describeScopeOptions', () => {
  it('says what a Modbus run reads and that it never writes', () => {
    const options = DiscoveryScopeOptions.parse({
      protocol: 'modbus',
      unitIds: [1, 2],
      registerRanges: [{ table: 'holding_registers', start: 0, count: 100, label: 'tuning' }],
    });
    const d = describeScopeOptions(options);
    expect(d).toMatchObject({ protocol: 'Modbus TCP', transport: 'TCP' });
    expect(d.reads).toEqual([
      'unit ids 1, 2 (no other id is tried)',
      'Device Identification (function 43 / MEI 14)',
      'SunSpec marker at 40000, 0, 50000',
      'register-map profiles auto',
      'register snapshot of holding 0-99 (tuning)',
    ]);
    expect(d.services).toContain('never a write');
  });

  it('names the BACnet wait, routed networks and BBMD, and the OPC UA limits', () => {
    const bacnet = describeScopeOptions(DiscoveryScopeOptions.parse({ protocol: 'bacnet', networks: [5], bbmd: { host: '10.20.0.1' }, browseObjects: false }));
    expect(bacnet.reads.join('; ')).toBe(
      'Who-Is for instances 0-4194303, I-Am replies collected for 3,000 ms from local UDP port 47809; routed network 5; foreign device of BBMD 10.20.0.1:47808 (time to live 300 s); the Device object (name, vendor, model, firmware, serial, location)',
    );
    const opcua = describeScopeOptions(DiscoveryScopeOptions.parse({ protocol: 'opcua' }));
    expect(opcua.reads).toContain('the address space, up to 100,000 nodes and 12 levels deep');
    expect(describeScopeOptions({ protocol: 'snmp' }, 'identify').reads).toEqual(['system group only']);
  });
});
