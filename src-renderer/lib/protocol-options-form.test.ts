import { describe, expect, it } from 'vitest';
import { defaultProtocolOptions, protocolOptionsForm, readProtocolOptions } from './protocol-options-form.js';

describe('protocol options form', () => {
  it('starts from the contract defaults and reads them back unchanged', () => {
    const form = protocolOptionsForm(null);
    expect(form.unitIds).toBe('1');
    expect(form.sunspecAddresses).toBe('40000, 0, 50000');
    expect(form.instanceRanges).toBe('0-4194303');
    for (const protocol of ['snmp', 'modbus', 'bacnet', 'opcua'] as const) {
      expect(readProtocolOptions(protocol, form)).toEqual({ options: defaultProtocolOptions(protocol), problems: {} });
    }
  });

  it('round-trips a scope’s options', () => {
    const modbus = {
      protocol: 'modbus' as const,
      unitIds: [1, 2, 247],
      identification: false,
      sunspecAddresses: [],
      profiles: [],
      registerRanges: [{ table: 'holding_registers' as const, start: 0, count: 100, label: 'tuning' }],
    };
    const form = protocolOptionsForm(modbus);
    expect(form.registerRanges).toBe('holding:0:100:tuning');
    expect(form.sunspecAddresses).toBe('none');
    expect(readProtocolOptions('modbus', form).options).toEqual(modbus);
    const bacnet = { ...defaultProtocolOptions('bacnet'), networks: [5], bbmd: { host: '10.20.0.1', port: 47809, ttlSeconds: 600 } };
    expect(protocolOptionsForm(bacnet).bbmd).toBe('10.20.0.1:47809');
    expect(readProtocolOptions('bacnet', protocolOptionsForm(bacnet)).options).toEqual(bacnet);
  });

  it('puts each problem on its field: syntax from the shared parser, limits from the contract', () => {
    const form = { ...protocolOptionsForm(null), unitIds: '1, 300', registerRanges: 'holding:0:100\nrom:0:1' };
    expect(readProtocolOptions('modbus', form).problems).toEqual({
      unitIds: '"300" is not a valid unit id; use a whole number from 0 to 255.',
      registerRanges: expect.stringContaining('"rom" is not a Modbus table'),
    });
    const tooMany = { ...protocolOptionsForm(null), unitIds: Array.from({ length: 33 }, (_, i) => i).join(',') };
    expect(readProtocolOptions('modbus', tooMany).problems.unitIds).toMatch(/32/);
    const slow = { ...protocolOptionsForm(null), iAmWaitMs: 100, bbmd: 'bbmd.plant:0' };
    const read = readProtocolOptions('bacnet', slow);
    expect(read.problems.bbmd).toContain('is not a valid port');
    const quick = readProtocolOptions('bacnet', { ...slow, bbmd: '' });
    expect(quick.problems.iAmWaitMs).toMatch(/200/);
    // Another protocol's fields do not matter.
    expect(readProtocolOptions('opcua', slow).options).toEqual(defaultProtocolOptions('opcua'));
  });
});
