// Turns what one unit id said into an ObservationInput. Pure: no I/O, time comes in as an argument.
//
// nativeKey: "<network>/<host>:<port>#<unit>" — a Modbus device has no identifier of its own on the
// wire, so the key is where it answers; reconciliation matches on the serial, vendor and model it
// carries as fields. Units behind a gateway (every unit but the target's first) carry no IP of
// their own — the gateway's address would merge them all into one asset — and point at the first
// unit with a 'connected_to' relation instead.
import type { AssetClass } from '../../../src-shared/model/asset-classes.js';
import { isAssetClass } from '../../../src-shared/model/asset-classes.js';
import type { AssetFieldName, FieldValue } from '../../../src-shared/model/asset-fields.js';
import type { ObservationInput, ObservedInterface } from '../../../src-shared/model/observation.js';
import { canonicalIp, identifiesHost, parseIp } from '../../../src-shared/lib/canonical-ip.js';
import type { ModbusUnitRecord } from './modbus-unit-reader.js';

export interface ModbusNormaliseContext {
  observedAt: Date;
  /** The scope's site or network: qualifies the IP (the same private address on two plants is two things). */
  network: string | null;
  /** The nativeKey of the target's first unit, for units reached through it. */
  gatewayKey?: string;
}

export function modbusNativeKey(network: string | null, host: string, port: number, unitId: number): string {
  return `${network ?? ''}/${canonicalIp(host) ?? host}:${port}#${unitId}`;
}

export function normaliseModbusUnit(record: ModbusUnitRecord, context: ModbusNormaliseContext): ObservationInput {
  const fields: Partial<Record<AssetFieldName, FieldValue>> = {};
  const put = (name: AssetFieldName, value: FieldValue | undefined): void => {
    if (value !== undefined && value !== null && value !== '' && fields[name] === undefined) fields[name] = value;
  };
  const objects = record.identification?.objects ?? {};
  const common = record.sunspec?.common;
  // Profiles first: a register map the operator chose is more specific than generic identity objects.
  for (const profile of record.profiles) {
    for (const [field, value] of Object.entries(profile.fields)) put(field as AssetFieldName, value);
  }
  put('vendor', objects.VendorName ?? common?.Mn);
  put('model', objects.ModelName ?? objects.ProductName ?? common?.Md ?? objects.ProductCode);
  put('firmware', objects.MajorMinorRevision ?? common?.Vr);
  put('serial', common?.SN);
  put('name', objects.UserApplicationName);
  put('modbus_unit', record.unitId);

  const behindGateway = context.gatewayKey !== undefined;
  const interfaces: ObservedInterface[] = [];
  const ip = parseIp(record.host);
  // A loopback target (the demo plant) names no host, like in the SNMP collector.
  if (!behindGateway && ip && identifiesHost(ip)) {
    put('primary_ip', ip.address);
    interfaces.push({ ips: [context.network ? { address: ip.address, network: context.network } : { address: ip.address }], operStatus: 'up' });
  }

  const tags: Record<string, string> = { modbus_unit: String(record.unitId), modbus_endpoint: `${record.host}:${record.port}` };
  if (record.identification?.status === 'read' && record.identification.conformityLevel !== undefined) tags.modbus_conformity = `0x${record.identification.conformityLevel.toString(16)}`;
  if (record.identification?.status === 'unsupported') tags.modbus_identification = 'unsupported';
  if (record.sunspec) tags.sunspec_models = record.sunspec.models.map((m) => m.id).join(',');
  if (record.profiles.length > 0) tags.modbus_profiles = record.profiles.map((p) => p.id).join(',');
  if (record.snapshot) tags.modbus_snapshot = record.snapshot.hash.slice(0, 16);
  if (record.failures.length > 0) tags.modbus_partial = record.failures.map((f) => `${f.section ?? '?'}:${f.reason}`).join(',');
  if (behindGateway) tags.modbus_gateway = `${record.host}:${record.port}`;

  return {
    nativeKey: modbusNativeKey(context.network, record.host, record.port, record.unitId),
    observedAt: context.observedAt.toISOString(),
    assetClass: assetClassOf(record),
    fields,
    interfaces,
    software: [],
    tags,
    relations: behindGateway && context.gatewayKey ? [{ type: 'connected_to', target: { kind: 'native_key', value: context.gatewayKey }, confidence: 0.9, remotePort: `unit ${record.unitId}` }] : [],
    raw: {
      host: record.host,
      port: record.port,
      unitId: record.unitId,
      identification: record.identification ?? null,
      sunspec: record.sunspec
        ? { baseAddress: record.sunspec.baseAddress, models: record.sunspec.models, common: record.sunspec.common ?? null, commonRegisters: record.sunspec.commonRegisters ?? null, truncated: record.sunspec.truncated ?? null }
        : null,
      profiles: record.profiles,
      snapshot: record.snapshot ?? null,
      failures: record.failures,
    },
  };
}

function assetClassOf(record: ModbusUnitRecord): AssetClass {
  if (record.profileAssetClass && isAssetClass(record.profileAssetClass)) return record.profileAssetClass;
  // The taxonomy has no inverter or meter class: a SunSpec device (PV inverter, meter, battery) is a
  // networked energy device, which 'iot_device' describes better than 'plc' or 'drive'.
  if (record.sunspec) return 'iot_device';
  return 'plc';
}
