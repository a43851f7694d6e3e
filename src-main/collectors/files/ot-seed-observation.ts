// A validated OT seed entry → the observation it becomes. It carries the identifiers reconciliation
// matches on, in the fields the engine reads, so a seed entry and what a collector later says of the
// same device become one asset: the IP on the import's network (primary_ip and an interface), the
// Modbus unit id (keyed by that IP), the BACnet device instance (keyed by that network) and the OPC
// UA application URI. Vendor and model are what the documents expect; the device's own answer wins
// them (ot_seed ranks after every collector). Protocol hints (with ports) and the OPC UA endpoint
// are kept as tags, from which the seed target list for active collectors is read.
import { isAssetClass } from '../../../src-shared/model/asset-classes.js';
import type { AssetFieldName, FieldValue } from '../../../src-shared/model/asset-fields.js';
import type { ObservationInput, ObservedIp } from '../../../src-shared/model/observation.js';
import { parseCriticality, parsePurdueLevel } from '../../../src-shared/model/ot-fields.js';
import {
  formatProtocolHints,
  OT_DEFAULT_PORTS,
  parseProtocolHint,
  protocolOfPort,
  SEED_OPCUA_ENDPOINT_TAG,
  SEED_PROTOCOLS_TAG,
  type ProtocolHint,
} from '../../../src-shared/model/ot-protocols.js';
import { isPrivateIp } from './is-private-ip.js';
import { splitProtocolList, splitSeedAddress, type OtSeedRecord } from './ot-seed-record-schema.js';
import { numberOf, tagsOf, textOf, timestampOf } from './record-field-schemas.js';

function put(fields: Partial<Record<AssetFieldName, FieldValue>>, name: AssetFieldName, value: FieldValue | undefined): void {
  if (value !== undefined && value !== null) fields[name] = value;
}

/** The port an OPC UA endpoint URL names (4840 when it names none). */
function endpointPort(url: string): number {
  const m = /^opc\.tcp:\/\/(?:\[[^\]]+\]|[^/:]+)(?::(\d+))?/i.exec(url);
  return m?.[1] !== undefined ? Number(m[1]) : OT_DEFAULT_PORTS.opcua;
}

/**
 * The protocols to try, with ports: those the entry names (a port in the address is theirs unless
 * an entry names its own); else those its identifiers imply (a unit id: Modbus; a device instance:
 * BACnet; an endpoint: OPC UA); else the one a well-known port in the address stands for.
 */
export function seedProtocolHints(record: OtSeedRecord, addressPort: number | null): ProtocolHint[] {
  const hints: ProtocolHint[] = [];
  const endpoint = textOf(record.opcua_endpoint);
  for (const entry of record.protocols ? splitProtocolList(record.protocols) : []) {
    const hint = parseProtocolHint(entry, addressPort);
    if ('protocol' in hint) hints.push(hint.protocol === 'opcua' && endpoint !== undefined && !/:\d+$/.test(entry.trim()) ? { protocol: 'opcua', port: endpointPort(endpoint) } : hint);
  }
  if (hints.length === 0) {
    if (numberOf(record.modbus_unit) !== undefined) hints.push({ protocol: 'modbus', port: addressPort ?? OT_DEFAULT_PORTS.modbus });
    if (numberOf(record.bacnet_device) !== undefined) hints.push({ protocol: 'bacnet', port: addressPort ?? OT_DEFAULT_PORTS.bacnet });
    if (endpoint !== undefined) hints.push({ protocol: 'opcua', port: endpointPort(endpoint) });
  }
  if (hints.length === 0 && addressPort !== null) {
    const protocol = protocolOfPort(addressPort);
    if (protocol !== null) hints.push({ protocol, port: addressPort });
  }
  return hints;
}

export function otSeedObservation(record: OtSeedRecord, defaultObservedAt: string, network: string | undefined, raw: unknown): ObservationInput {
  const address = splitSeedAddress(String(record.address)) as { ip: string; port: number | null };
  const unit = numberOf(record.modbus_unit);
  const instance = numberOf(record.bacnet_device);
  const fields: Partial<Record<AssetFieldName, FieldValue>> = {};
  put(fields, 'name', textOf(record.name));
  put(fields, 'vendor', textOf(record.vendor));
  put(fields, 'model', textOf(record.model));
  put(fields, 'serial', textOf(record.serial));
  put(fields, 'firmware', textOf(record.firmware));
  put(fields, 'description', textOf(record.description));
  put(fields, 'site', textOf(record.site));
  put(fields, 'area', textOf(record.area));
  put(fields, 'zone', textOf(record.zone));
  put(fields, 'conduit', textOf(record.conduit));
  put(fields, 'purdue_level', record.purdue_level === null || record.purdue_level === undefined ? undefined : parsePurdueLevel(record.purdue_level));
  put(fields, 'criticality', record.criticality ? parseCriticality(record.criticality) : undefined);
  put(fields, 'process_function', textOf(record.process_function));
  put(fields, 'primary_ip', address.ip);
  put(fields, 'modbus_unit', unit);
  put(fields, 'bacnet_device', instance);
  put(fields, 'opcua_application_uri', textOf(record.opcua_application_uri));

  const tags = tagsOf(record.tags);
  const hints = seedProtocolHints(record, address.port);
  if (hints.length > 0) tags[SEED_PROTOCOLS_TAG] = formatProtocolHints(hints);
  const endpoint = textOf(record.opcua_endpoint);
  if (endpoint !== undefined) tags[SEED_OPCUA_ENDPOINT_TAG] = endpoint;

  const ip: ObservedIp = network !== undefined && isPrivateIp(address.ip) ? { address: address.ip, network } : { address: address.ip };
  const cls = textOf(record.class)?.toLowerCase();
  return {
    // One device per address, or per unit behind a gateway's address.
    nativeKey: textOf(record.id) ?? (unit !== undefined ? `${address.ip}#${unit}` : address.ip),
    observedAt: timestampOf(record.last_seen) ?? defaultObservedAt,
    // The documents' class when given; else none, so the collector's class decides.
    assetClass: cls !== undefined && isAssetClass(cls) ? cls : null,
    fields,
    interfaces: [{ ips: [ip] }],
    software: [],
    tags,
    relations: [],
    raw,
  };
}
