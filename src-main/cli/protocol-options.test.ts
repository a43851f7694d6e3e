// The protocol flags of `scopes add`: the defaults their help states are the contract's, and the
// options they build are checked against the contract, with every refusal naming the flag.
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { BacnetScopeOptions, ModbusScopeOptions, OpcuaScopeOptions } from '../../src-shared/api/discovery-protocols.js';
import { CliUsageError } from './cli-errors.js';
import { addAllProtocolOptions, type ProtocolOptions } from './commands/protocol-options.js';
import { scopeOptionsFrom } from './runtime/scope-options-from.js';

function helpOf(flag: string): string {
  const option = addAllProtocolOptions(new Command()).options.find((o) => o.long === flag);
  if (!option) throw new Error(`no option ${flag}`);
  return option.description;
}

/** The figure(s) after "default" in an option's help, up to ")" or ";". */
function statedDefault(flag: string): string {
  const match = /\bdefault ([^);]*)/.exec(helpOf(flag));
  if (!match?.[1]) throw new Error(`${flag} states no default`);
  return match[1];
}

function parse(args: string[]): ProtocolOptions & { identify?: boolean } {
  const command = addAllProtocolOptions(new Command()).option('--identify').exitOverride();
  command.parse(args, { from: 'user' });
  return command.opts();
}

function usageError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CliUsageError);
    return (error as Error).message;
  }
  throw new Error('no usage error');
}

describe('scope protocol options', () => {
  it('states the contract defaults in the help', () => {
    const modbus = ModbusScopeOptions.parse({ protocol: 'modbus' });
    const bacnet = BacnetScopeOptions.parse({ protocol: 'bacnet' });
    const opcua = OpcuaScopeOptions.parse({ protocol: 'opcua' });
    expect(statedDefault('--unit-ids')).toBe(modbus.unitIds.join(','));
    expect(statedDefault('--sunspec-addresses')).toBe(modbus.sunspecAddresses.join(','));
    expect(statedDefault('--profiles')).toBe(modbus.profiles.join(','));
    expect(modbus.registerRanges).toEqual([]);
    expect(statedDefault('--register-range')).toBe('none');
    const [range] = bacnet.instanceRanges;
    expect(statedDefault('--instance-range')).toBe(`${range?.low}-${range?.high}`);
    expect(statedDefault('--iam-wait-ms')).toBe(String(bacnet.iAmWaitMs));
    expect(statedDefault('--local-port')).toBe(String(bacnet.localPort));
    expect(statedDefault('--max-objects')).toBe(String(bacnet.maxObjects));
    expect(statedDefault('--bbmd-ttl')).toBe(String(BacnetScopeOptions.shape.bbmd.unwrap().unwrap().parse({ host: 'x' }).ttlSeconds));
    expect(statedDefault('--security-mode')).toBe(opcua.securityMode);
    expect(statedDefault('--max-nodes')).toBe(String(opcua.maxNodes));
    expect(statedDefault('--max-depth')).toBe(String(opcua.maxDepth));
    expect(opcua.endpointPath).toBe('');
    expect(statedDefault('--endpoint-path')).toBe('none');
  });

  it('builds Modbus options from the flags; the rest keep their defaults', () => {
    const opts = parse([
      '--unit-ids',
      '1,2',
      '--unit-ids',
      '247',
      '--register-range',
      'holding:0:100:tuning',
      '--no-identification',
      '--sunspec-addresses',
      'none',
    ]);
    expect(scopeOptionsFrom('modbus', opts)).toEqual({
      protocol: 'modbus',
      unitIds: [1, 2, 247],
      identification: false,
      sunspecAddresses: [],
      profiles: ['auto'],
      registerRanges: [{ table: 'holding_registers', start: 0, count: 100, label: 'tuning' }],
    });
  });

  it('builds BACnet options, with the BBMD and its time to live', () => {
    const opts = parse([
      '--instance-range',
      '1000-1999',
      '--bacnet-network',
      '5',
      '--bacnet-network',
      '6',
      '--bbmd',
      '10.20.0.1',
      '--bbmd-ttl',
      '600',
      '--no-browse',
    ]);
    expect(scopeOptionsFrom('bacnet', opts)).toMatchObject({
      protocol: 'bacnet',
      instanceRanges: [{ low: 1000, high: 1999 }],
      networks: [5, 6],
      bbmd: { host: '10.20.0.1', port: 47808, ttlSeconds: 600 },
      browseObjects: false,
      iAmWaitMs: 3000,
    });
  });

  it('builds OPC UA options', () => {
    const opts = parse(['--endpoint-path', '/UA/Server', '--security-mode', 'signandencrypt', '--max-nodes', '5000', '--no-device-set']);
    expect(scopeOptionsFrom('opcua', opts)).toEqual({
      protocol: 'opcua',
      endpointPath: '/UA/Server',
      securityMode: 'SignAndEncrypt',
      browse: true,
      maxNodes: 5000,
      maxDepth: 12,
      deviceSet: false,
    });
  });

  it('refuses a flag of another protocol, naming the flag and its protocol', () => {
    expect(usageError(() => scopeOptionsFrom('bacnet', parse(['--unit-ids', '1'])))).toBe(
      '--unit-ids is an option of a Modbus scope; this one is bacnet (give --protocol modbus).',
    );
    expect(usageError(() => scopeOptionsFrom('modbus', parse(['--no-browse'])))).toBe(
      '--no-browse is an option of a BACnet or an OPC UA scope; this one is modbus (give --protocol bacnet or --protocol opcua).',
    );
    expect(usageError(() => scopeOptionsFrom('opcua', parse(['--identify'])))).toMatch(/^--identify is an option of an SNMP scope/);
    expect(usageError(() => scopeOptionsFrom('snmp', parse(['--max-nodes', '10'])))).toMatch(/^--max-nodes is an option of an OPC UA scope/);
    expect(usageError(() => scopeOptionsFrom('bacnet', parse(['--bbmd-ttl', '60'])))).toBe('--bbmd-ttl needs --bbmd <host[:port]>.');
  });

  it('names the flag of a value the contract refuses', () => {
    const many = Array.from({ length: 33 }, (_, i) => String(i)).join(',');
    expect(usageError(() => scopeOptionsFrom('modbus', parse(['--unit-ids', many])))).toMatch(/^--unit-ids: /);
    const ranges = Array.from({ length: 17 }, (_, i) => ['--instance-range', String(i)]).flat();
    expect(usageError(() => scopeOptionsFrom('bacnet', parse(ranges)))).toMatch(/^--instance-range: /);
    expect(usageError(() => scopeOptionsFrom('modbus', parse(['--sunspec-addresses', '1,2,3,4,5'])))).toMatch(/^--sunspec-addresses: /);
  });
});
