// What a run of a scope will read and which services it may send, in words, from the scope's
// protocol options: the CLI's plan and the window's plan dialog say the same thing.
import type { DiscoveryScopeOptions } from '../api/discovery-protocols.js';
import { formatInstanceRange, MODBUS_TABLE_SHORT_NAMES } from './ot-option-syntax.js';

/** The transport each protocol's ports are on. */
export const PROTOCOL_TRANSPORTS = { snmp: 'UDP', modbus: 'TCP', bacnet: 'UDP', opcua: 'TCP' } as const satisfies Record<
  DiscoveryScopeOptions['protocol'],
  'UDP' | 'TCP'
>;

export interface ScopeOptionsDescription {
  /** "Modbus TCP". */
  protocol: string;
  /** The transport the ports are on. */
  transport: 'UDP' | 'TCP';
  /** What is read, one phrase per item. */
  reads: string[];
  /** The only services the guarded send path lets through. */
  services: string;
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

export function describeScopeOptions(options: DiscoveryScopeOptions, depth: 'identify' | 'full' = 'full'): ScopeOptionsDescription {
  switch (options.protocol) {
    case 'snmp':
      return {
        protocol: 'SNMP',
        transport: PROTOCOL_TRANSPORTS.snmp,
        reads: depth === 'identify' ? ['system group only'] : ['system, interfaces, addresses, entities, host resources, software, LLDP, CDP, FDB, ARP'],
        services: 'GET, GETNEXT and GETBULK only; never SET',
      };
    case 'modbus': {
      const reads = [`unit id${options.unitIds.length === 1 ? '' : 's'} ${options.unitIds.join(', ')} (no other id is tried)`];
      if (options.identification) reads.push('Device Identification (function 43 / MEI 14)');
      if (options.sunspecAddresses.length) reads.push(`SunSpec marker at ${options.sunspecAddresses.join(', ')}`);
      if (options.profiles.length) reads.push(`register-map profiles ${options.profiles.join(', ')}`);
      if (options.registerRanges.length)
        reads.push(
          `register snapshot of ${options.registerRanges
            .map((r) => `${MODBUS_TABLE_SHORT_NAMES[r.table]} ${r.start}-${r.start + r.count - 1}${r.label ? ` (${r.label})` : ''}`)
            .join(', ')}`,
        );
      return {
        protocol: 'Modbus TCP',
        transport: PROTOCOL_TRANSPORTS.modbus,
        reads,
        services: 'read and identify functions 1, 2, 3, 4 and 43 only; never a write',
      };
    }
    case 'bacnet': {
      const reads = [
        `Who-Is for instances ${options.instanceRanges.map(formatInstanceRange).join(', ')}, I-Am replies collected for ${options.iAmWaitMs.toLocaleString('en-US')} ms from local UDP port ${options.localPort}`,
      ];
      if (options.networks.length) reads.push(`routed network${options.networks.length === 1 ? '' : 's'} ${options.networks.join(', ')}`);
      if (options.bbmd) reads.push(`foreign device of BBMD ${options.bbmd.host}:${options.bbmd.port} (time to live ${options.bbmd.ttlSeconds} s)`);
      reads.push('the Device object (name, vendor, model, firmware, serial, location)');
      if (options.browseObjects) reads.push(`object lists, up to ${count(options.maxObjects, 'object')} per device`);
      return {
        protocol: 'BACnet/IP',
        transport: PROTOCOL_TRANSPORTS.bacnet,
        reads,
        services: 'Who-Is, Who-Has, ReadProperty and ReadPropertyMultiple only, with router discovery and foreign-device registration; never a write',
      };
    }
    case 'opcua': {
      const reads = [
        `endpoints${options.endpointPath ? ` at ${options.endpointPath}` : ''} with security ${options.securityMode === 'auto' ? 'the most secure the credentials allow' : options.securityMode}`,
        'server identity, build info and namespaces',
      ];
      if (options.deviceSet) reads.push('the DeviceSet (devices behind a gateway)');
      if (options.browse) reads.push(`the address space, up to ${count(options.maxNodes, 'node')} and ${options.maxDepth} levels deep`);
      return {
        protocol: 'OPC UA',
        transport: PROTOCOL_TRANSPORTS.opcua,
        reads,
        services: 'discovery, session, browse, read and translate only; never Write or Call',
      };
    }
  }
}
