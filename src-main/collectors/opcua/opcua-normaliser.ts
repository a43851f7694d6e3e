// Turns an OpcuaServerRecord into observations. Pure: no I/O, time comes in as an argument.
//
// The server (a gateway, an embedded PLC server, a SCADA server) is one observation keyed by its
// application URI ("opcua:app:<uri>"), which the OPC UA specification makes globally unique and
// stable across address changes. Each DeviceSet device is one more observation, class 'plc', keyed
// by its ProductInstanceUri when it has one (globally unique by the DI specification), else by
// manufacturer + serial, else by its node on the gateway; it carries a 'member_of' relation to the
// gateway's native key: the device is part of what the gateway exposes (it is reached through the
// gateway, not necessarily cabled to it, so 'connected_to' would claim too much).
import type { AssetClass } from '../../../src-shared/model/asset-classes.js';
import type { AssetFieldName, FieldValue } from '../../../src-shared/model/asset-fields.js';
import type { ObservationInput } from '../../../src-shared/model/observation.js';
import { identifiesHost, parseIp } from '../../../src-shared/lib/canonical-ip.js';
import type { OpcuaDevice, OpcuaServerRecord } from './opcua-server-record.js';

export interface OpcuaNormaliseContext {
  observedAt: Date;
  /** The site/network the target address belongs to. */
  network?: string | null;
}

export const OPCUA_DEVICE_RELATION = 'member_of' as const;

export function opcuaServerNativeKey(record: OpcuaServerRecord, network?: string | null): string {
  if (record.applicationUri) return `opcua:app:${record.applicationUri}`;
  return `opcua:addr:${network ?? 'default'}:${record.host}:${record.port}`;
}

export function opcuaDeviceNativeKey(device: OpcuaDevice, gatewayKey: string): string {
  if (device.productInstanceUri) return `opcua:device:${device.productInstanceUri}`;
  if (device.manufacturer && device.serialNumber) return `opcua:device:${device.manufacturer.toLowerCase()}:${device.serialNumber}`;
  return `${gatewayKey}#${device.nodeId}`;
}

/** Gateway or server: a product that exposes a DeviceSet is a gateway to those devices. */
export function opcuaServerClass(record: OpcuaServerRecord): AssetClass {
  const text = `${record.buildInfo?.productName ?? ''} ${record.applicationName ?? ''} ${record.productUri ?? ''}`.toLowerCase();
  if (/\b(plc|s7-|controllogix|compactlogix|m580|m340|cx\d|logo!|codesys)/.test(text)) return 'plc';
  if (/\bhmi\b|panel/.test(text)) return 'hmi';
  if (record.devices.length > 0 || /gateway|edge|kepware|aggregat/.test(text)) return 'iot_device';
  return 'server';
}

function put(fields: Partial<Record<AssetFieldName, FieldValue>>, name: AssetFieldName, value: FieldValue | undefined): void {
  if (value !== undefined && value !== null && value !== '') fields[name] = value;
}

export function normaliseOpcuaServer(record: OpcuaServerRecord, context: OpcuaNormaliseContext): ObservationInput[] {
  const observedAt = context.observedAt.toISOString();
  const gatewayKey = opcuaServerNativeKey(record, context.network);
  const fields: Partial<Record<AssetFieldName, FieldValue>> = {};
  const build = record.buildInfo;
  put(fields, 'name', record.applicationName ?? build?.productName);
  put(fields, 'vendor', build?.manufacturerName);
  put(fields, 'model', build?.productName);
  const version = [build?.softwareVersion, build?.buildNumber ? `build ${build.buildNumber}` : null].filter(Boolean).join(' ');
  put(fields, 'firmware', version);
  put(fields, 'os_version', version);
  put(fields, 'opcua_application_uri', record.applicationUri);
  const target = parseIp(record.host);
  if (target && identifiesHost(target)) put(fields, 'primary_ip', target.address);
  put(
    fields,
    'description',
    [build?.productName, build?.softwareVersion ? `version ${build.softwareVersion}` : null, `OPC UA server at ${record.endpointUrl}`]
      .filter(Boolean)
      .join(', '),
  );
  const ips = target && identifiesHost(target) ? [context.network ? { address: target.address, network: context.network } : { address: target.address }] : [];

  const tags: Record<string, string> = { protocol: 'opcua' };
  if (record.session) tags.opcua_security = `${record.session.securityMode}/${record.session.securityPolicy}`;
  if (record.serverCertificate?.validTo) tags.opcua_certificate_expires = record.serverCertificate.validTo;
  if (record.serverState) tags.opcua_server_state = record.serverState;

  const server: ObservationInput = {
    nativeKey: gatewayKey,
    observedAt,
    assetClass: opcuaServerClass(record),
    fields,
    interfaces: ips.length > 0 ? [{ ips }] : [],
    software: build?.productName
      ? [
          {
            name: build.productName,
            ...(build.softwareVersion ? { version: build.softwareVersion } : {}),
            ...(build.manufacturerName ? { vendor: build.manufacturerName } : {}),
          },
        ]
      : [],
    tags,
    relations: [],
    raw: record,
  };

  const devices = record.devices.map((device): ObservationInput => {
    const f: Partial<Record<AssetFieldName, FieldValue>> = {};
    put(f, 'name', device.displayName ?? device.browseName);
    put(f, 'vendor', device.manufacturer);
    put(f, 'model', device.model);
    put(f, 'serial', device.serialNumber);
    put(f, 'firmware', device.softwareRevision);
    put(
      f,
      'description',
      [
        device.model,
        device.hardwareRevision ? `hardware ${device.hardwareRevision}` : null,
        `exposed by OPC UA gateway ${record.applicationName ?? gatewayKey}`,
      ]
        .filter(Boolean)
        .join(', '),
    );
    return {
      nativeKey: opcuaDeviceNativeKey(device, gatewayKey),
      observedAt,
      assetClass: 'plc',
      fields: f,
      interfaces: [],
      software: [],
      tags: { protocol: 'opcua', opcua_gateway: gatewayKey },
      relations: [{ type: OPCUA_DEVICE_RELATION, target: { kind: 'native_key', value: gatewayKey }, confidence: 0.9 }],
      raw: { gateway: gatewayKey, device },
    };
  });
  return [server, ...devices];
}
