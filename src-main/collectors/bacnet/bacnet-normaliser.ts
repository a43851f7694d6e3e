// One BACnet device read → ObservationInput. The device instance with its network number is the
// identity (nativeKey `${network}/bacnet/${dnet}/${instance}` and the bacnet_device field); devices
// on the IP network also carry their address, qualified by the scope's network, while routed
// devices carry their network number and MAC (SADR) in tags and raw instead. raw keeps the
// properties and the object list with a stable hash, so a later run can tell that it drifted.
import { createHash } from 'node:crypto';
import type { AssetFieldName, FieldValue } from '../../../src-shared/model/asset-fields.js';
import type { ObservationInput, ObservedInterface, ObservedSoftware } from '../../../src-shared/model/observation.js';
import type { BacnetDeviceRecord, BacnetObjectRecord } from './bacnet-device-reader.js';

export interface BacnetNormaliseContext {
  observedAt: Date;
  /** The scope's site/network: the same device instance on two plants is two things. */
  network: string | null;
}

export function bacnetNativeKey(network: string | null, dnet: number | undefined, instance: number): string {
  return `${network ?? ''}/bacnet/${dnet ?? 0}/${instance}`;
}

/** A stable hash of the object list (sorted by type and instance): equal lists, equal hashes. */
export function objectListHash(objects: readonly BacnetObjectRecord[]): string {
  const sorted = [...objects].sort((a, b) => a.type - b.type || a.instance - b.instance);
  const canonical = sorted.map((o) => [o.type, o.instance, o.name ?? null, o.description ?? null, o.units ?? null]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

export function normaliseBacnetDevice(record: BacnetDeviceRecord, context: BacnetNormaliseContext): ObservationInput {
  const { iAm, properties: p } = record;
  const fields: Partial<Record<AssetFieldName, FieldValue>> = {};
  const put = (name: AssetFieldName, value: string | number | undefined): void => {
    if (value === undefined || value === '') return;
    fields[name] = typeof value === 'number' ? String(value) : value;
  };
  put('name', p.objectName);
  put('vendor', typeof p.vendorName === 'string' ? p.vendorName : undefined);
  put('model', typeof p.modelName === 'string' ? p.modelName : undefined);
  put('firmware', p.firmwareRevision);
  put('serial', typeof p.serialNumber === 'string' ? p.serialNumber : undefined);
  put('description', typeof p.description === 'string' ? p.description : undefined);
  put('location', typeof p.location === 'string' ? p.location : undefined);
  fields.bacnet_device = String(iAm.instance);

  const routed = iAm.device.net !== undefined;
  const host = iAm.device.address.split(':')[0] ?? '';
  const interfaces: ObservedInterface[] = [];
  if (!routed && host) {
    fields.primary_ip = host;
    interfaces.push({ ips: [context.network ? { address: host, network: context.network } : { address: host }] });
  }

  const software: ObservedSoftware[] = [];
  if (typeof p.applicationSoftwareVersion === 'string' && p.applicationSoftwareVersion) {
    const entry: ObservedSoftware = { name: typeof p.modelName === 'string' && p.modelName ? `${p.modelName} application` : 'BACnet application', version: p.applicationSoftwareVersion };
    if (typeof p.vendorName === 'string' && p.vendorName) entry.vendor = p.vendorName;
    software.push(entry);
  }

  const vendorId = typeof p.vendorIdentifier === 'number' ? p.vendorIdentifier : iAm.vendorId;
  const tags: Record<string, string> = { bacnet_vendor_id: String(vendorId), bacnet_address: iAm.device.address };
  if (p.protocolRevision !== undefined) tags.bacnet_protocol_revision = String(p.protocolRevision);
  if (routed) {
    tags.bacnet_network = String(iAm.device.net);
    tags.bacnet_mac = macHex(iAm.device.adr ?? []);
    tags.bacnet_router = iAm.device.address;
  }
  if (iAm.receivedFrom !== iAm.device.address) tags.bacnet_forwarded_by = iAm.receivedFrom;
  const problems = record.failures.filter((f) => f.reason !== 'rpm_fallback');
  if (problems.length > 0) tags.bacnet_partial = [...new Set(problems.map((f) => `${f.section ?? '?'}:${f.reason}`))].join(',');

  return {
    nativeKey: bacnetNativeKey(context.network, iAm.device.net, iAm.instance),
    observedAt: context.observedAt.toISOString(),
    assetClass: 'building_controller',
    fields,
    interfaces,
    software,
    tags,
    relations: [],
    raw: {
      iAm: { instance: iAm.instance, vendorId: iAm.vendorId, maxApdu: iAm.maxApdu, segmentation: iAm.segmentation, address: iAm.device.address, network: iAm.device.net ?? null, mac: routed ? macHex(iAm.device.adr ?? []) : null },
      device: { ...p },
      rpmSupported: record.rpmSupported,
      objectCount: record.objectCount ?? null,
      objectsTruncated: record.objectsTruncated,
      objects: record.objects,
      objectListHash: objectListHash(record.objects),
      failures: record.failures,
    },
  };
}

function macHex(adr: readonly number[]): string {
  return adr.map((b) => b.toString(16).padStart(2, '0')).join(':');
}
