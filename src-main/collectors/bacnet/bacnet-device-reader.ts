// Reads one BACnet device through the safety guard: the Device object's identification properties
// (one ReadPropertyMultiple, or ReadProperty per property when the device rejects, aborts or cannot
// fit RPM), then, when asked, the object list (its length at index 0, then whole or in batches by
// index) and each object's name, description and units (RPM in batches sized to the device's APDU,
// falling back to ReadProperty). Every failure is recorded with its section and the read goes on;
// only cancel and an open breaker stop it.
import { EngineeringUnits, ObjectType, PropertyIdentifier, type BACNetReadAccessSpecification } from '@bacnet-js/client';
import type { CollectorFailure } from '../collector.js';
import { classifyBacnetError, enumName, toCollectorFailure } from './bacnet-error.js';
import { BACNET_ARRAY_ALL } from './bacnet-library.js';
import type { BacnetChannel, BacnetIAm, BacnetSafetyGuard } from './bacnet-safety-guard.js';

export const DEVICE_OBJECT_TYPE = ObjectType.DEVICE;

/** Device object properties read for identification, with the key they are kept under. */
export const DEVICE_PROPERTIES = [
  [PropertyIdentifier.OBJECT_NAME, 'objectName'],
  [PropertyIdentifier.VENDOR_NAME, 'vendorName'],
  [PropertyIdentifier.VENDOR_IDENTIFIER, 'vendorIdentifier'],
  [PropertyIdentifier.MODEL_NAME, 'modelName'],
  [PropertyIdentifier.FIRMWARE_REVISION, 'firmwareRevision'],
  [PropertyIdentifier.APPLICATION_SOFTWARE_VERSION, 'applicationSoftwareVersion'],
  [PropertyIdentifier.PROTOCOL_VERSION, 'protocolVersion'],
  [PropertyIdentifier.PROTOCOL_REVISION, 'protocolRevision'],
  [PropertyIdentifier.LOCATION, 'location'],
  [PropertyIdentifier.DESCRIPTION, 'description'],
  [PropertyIdentifier.SERIAL_NUMBER, 'serialNumber'],
] as const;
export type DevicePropertyKey = (typeof DEVICE_PROPERTIES)[number][1];

/** Object types that carry an engineering unit. */
const TYPES_WITH_UNITS = new Set<number>([
  ObjectType.ANALOG_INPUT,
  ObjectType.ANALOG_OUTPUT,
  ObjectType.ANALOG_VALUE,
  ObjectType.AVERAGING,
  ObjectType.LOOP,
  ObjectType.ACCUMULATOR,
  ObjectType.PULSE_CONVERTER,
  ObjectType.INTEGER_VALUE,
  ObjectType.LARGE_ANALOG_VALUE,
  ObjectType.POSITIVE_INTEGER_VALUE,
]);

/** Longest string kept from a device (names and descriptions are short in practice). */
const MAX_TEXT = 256;
/** Object-list entries asked for in one RPM (each reply entry is ~8 octets). */
const OBJECT_LIST_BATCH = 40;

export interface BacnetObjectRecord {
  type: number;
  typeName: string;
  instance: number;
  name?: string;
  description?: string;
  units?: number;
  unitsName?: string;
}

export interface BacnetDeviceRecord {
  iAm: BacnetIAm;
  properties: Partial<Record<DevicePropertyKey, string | number>>;
  /** Null when RPM was never tried. */
  rpmSupported: boolean | null;
  /** Entries in the object list as the device reported it (the Device object included). */
  objectCount?: number;
  objects: BacnetObjectRecord[];
  /** The list was longer than maxObjects (or could only be read in part). */
  objectsTruncated: boolean;
  failures: CollectorFailure[];
  /** The device-object read got no property at all. */
  identificationFailed: boolean;
}

export interface ReadDeviceOptions {
  browseObjects: boolean;
  maxObjects: number;
}

type Values = Array<{ type: number; value: unknown }>;

class Stop extends Error {}

export async function readBacnetDevice(guard: BacnetSafetyGuard, channel: BacnetChannel, iAm: BacnetIAm, options: ReadDeviceOptions): Promise<BacnetDeviceRecord> {
  const record: BacnetDeviceRecord = { iAm, properties: {}, rpmSupported: null, objects: [], objectsTruncated: false, failures: [], identificationFailed: false };
  const to = iAm.device;
  const where = `device ${iAm.instance} at ${to.address}${to.net !== undefined ? ` network ${to.net}` : ''}`;
  const deviceId = { type: DEVICE_OBJECT_TYPE, instance: iAm.instance };
  // Replies must fit one APDU (no segmentation): the smaller of the device's and BACnet/IP's.
  const maxApdu = Math.max(50, Math.min(iAm.maxApdu, 1476));

  const fail = (error: unknown, section: string): void => {
    const info = classifyBacnetError(error);
    record.failures.push(toCollectorFailure(error, section, where));
    if (info.reason === 'cancelled' || info.reason === 'breaker_open') throw new Stop();
  };

  const rp = async (objectId: { type: number; instance: number }, property: number, section: string, index?: number): Promise<Values | undefined> => {
    try {
      const result = await guard.readProperty(channel, to, objectId, property, index);
      return Array.isArray(result.values) ? (result.values as Values) : [];
    } catch (error) {
      const info = classifyBacnetError(error);
      // A property the device does not have is an answer, not a failure.
      if (info.reason === 'error' && (info.errorCode === 32 || info.errorCode === 31)) return undefined;
      fail(error, section);
      return undefined;
    }
  };

  /** RPM; undefined when the device will not do it (the caller falls back to RP). */
  const rpm = async (specs: BACNetReadAccessSpecification[], section: string): Promise<Map<string, Values> | undefined> => {
    if (record.rpmSupported === false) return undefined;
    try {
      const result = await guard.readPropertyMultiple(channel, to, specs);
      record.rpmSupported = true;
      const out = new Map<string, Values>();
      for (const object of Array.isArray(result.values) ? result.values : []) {
        for (const entry of Array.isArray(object?.values) ? object.values : []) {
          const values = (Array.isArray(entry.value) ? entry.value : []) as Values;
          if (values.some((v) => v?.type === 105)) continue; // ApplicationTag.ERROR: property absent
          out.set(`${object.objectId?.type}:${object.objectId?.instance}:${entry.id}:${entry.index}`, values);
        }
      }
      return out;
    } catch (error) {
      const info = classifyBacnetError(error);
      if (info.reason === 'cancelled' || info.reason === 'breaker_open') fail(error, section);
      // Rejected, aborted (too big, segmentation), unknown service, timed out or unreadable: use RP.
      record.rpmSupported = false;
      record.failures.push({ reason: 'rpm_fallback', detail: `${where}: ReadPropertyMultiple failed (${info.detail}); reading property by property`, section });
      return undefined;
    }
  };

  try {
    // --- identification ------------------------------------------------------------------------
    const all = BACNET_ARRAY_ALL;
    const viaRpm = await rpm([{ objectId: deviceId, properties: DEVICE_PROPERTIES.map(([id]) => ({ id, index: all })) }], 'identification');
    for (const [id, key] of DEVICE_PROPERTIES) {
      const values = viaRpm ? viaRpm.get(`${deviceId.type}:${deviceId.instance}:${id}:${all}`) : await rp(deviceId, id, 'identification');
      const value = scalar(values);
      if (value !== undefined) record.properties[key] = value;
    }

    // --- object list ---------------------------------------------------------------------------
    // A device that would not say even its name is not browsed: it is broken or hostile.
    if (!options.browseObjects || Object.keys(record.properties).length === 0) return record;
    const ids = await readObjectList(record, maxApdu, options.maxObjects, { rp, rpm, deviceId });
    if (!ids) return record;
    const objects = ids.filter((id) => !(id.type === DEVICE_OBJECT_TYPE && id.instance === iAm.instance));

    // --- per-object name, description, units ----------------------------------------------------
    const batch = Math.max(1, Math.min(10, Math.floor((maxApdu - 40) / 120)));
    for (let i = 0; i < objects.length; i += batch) {
      const chunk = objects.slice(i, i + batch);
      const propsOf = (o: { type: number }) => [PropertyIdentifier.OBJECT_NAME, PropertyIdentifier.DESCRIPTION, ...(TYPES_WITH_UNITS.has(o.type) ? [PropertyIdentifier.UNITS] : [])];
      const got = await rpm(
        chunk.map((o) => ({ objectId: o, properties: propsOf(o).map((id) => ({ id, index: all })) })),
        'objects',
      );
      for (const o of chunk) {
        const read = async (id: number): Promise<Values | undefined> => (got ? got.get(`${o.type}:${o.instance}:${id}:${all}`) : rp(o, id, 'objects'));
        const entry: BacnetObjectRecord = { type: o.type, typeName: enumName(ObjectType, o.type), instance: o.instance };
        const name = scalar(await read(PropertyIdentifier.OBJECT_NAME));
        if (name !== undefined) entry.name = String(name);
        const description = scalar(await read(PropertyIdentifier.DESCRIPTION));
        if (description !== undefined && description !== '') entry.description = String(description);
        if (TYPES_WITH_UNITS.has(o.type)) {
          const units = scalar(await read(PropertyIdentifier.UNITS));
          if (typeof units === 'number') {
            entry.units = units;
            entry.unitsName = enumName(EngineeringUnits, units);
          }
        }
        record.objects.push(entry);
      }
    }
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
  } finally {
    record.identificationFailed = Object.keys(record.properties).length === 0;
  }
  return record;
}

interface ListReaders {
  rp: (objectId: { type: number; instance: number }, property: number, section: string, index?: number) => Promise<Values | undefined>;
  rpm: (specs: BACNetReadAccessSpecification[], section: string) => Promise<Map<string, Values> | undefined>;
  deviceId: { type: number; instance: number };
}

async function readObjectList(record: BacnetDeviceRecord, maxApdu: number, maxObjects: number, r: ListReaders): Promise<Array<{ type: number; instance: number }> | undefined> {
  const OBJECT_LIST = PropertyIdentifier.OBJECT_LIST;
  const countValues = await r.rp(r.deviceId, OBJECT_LIST, 'object-list', 0);
  const count = scalar(countValues);
  if (typeof count === 'number' && Number.isInteger(count) && count >= 0) record.objectCount = count;
  const wanted = record.objectCount !== undefined ? Math.min(record.objectCount, maxObjects + 1) : undefined;
  // Small lists fit one reply (5 octets per identifier plus headers): read the whole array.
  if (record.objectCount === undefined || record.objectCount * 5 + 40 <= maxApdu) {
    const whole = await r.rp(r.deviceId, OBJECT_LIST, 'object-list');
    if (whole) {
      const ids = whole.map((v) => objectIdOf(v)).filter((id): id is { type: number; instance: number } => id !== undefined);
      if (record.objectCount === undefined) record.objectCount = ids.length;
      return cap(record, ids, maxObjects);
    }
    if (record.objectCount === undefined) return undefined;
  }
  // By index (1-based), in RPM batches when the device takes RPM, else one ReadProperty each.
  const ids: Array<{ type: number; instance: number }> = [];
  const last = wanted ?? 0;
  for (let start = 1; start <= last; start += OBJECT_LIST_BATCH) {
    const indexes = Array.from({ length: Math.min(OBJECT_LIST_BATCH, last - start + 1) }, (_, k) => start + k);
    const got = await r.rpm([{ objectId: r.deviceId, properties: indexes.map((index) => ({ id: OBJECT_LIST, index })) }], 'object-list');
    for (const index of indexes) {
      const values = got ? got.get(`${r.deviceId.type}:${r.deviceId.instance}:${OBJECT_LIST}:${index}`) : await r.rp(r.deviceId, OBJECT_LIST, 'object-list', index);
      const id = values?.[0] ? objectIdOf(values[0]) : undefined;
      if (id) ids.push(id);
    }
  }
  if (ids.length < last || (record.objectCount ?? 0) > last) record.objectsTruncated = true;
  return cap(record, ids, maxObjects);
}

function cap(record: BacnetDeviceRecord, ids: Array<{ type: number; instance: number }>, maxObjects: number): Array<{ type: number; instance: number }> {
  // maxObjects counts the objects browsed besides the Device object itself.
  const isOwn = (id: { type: number; instance: number }): boolean => id.type === DEVICE_OBJECT_TYPE && id.instance === record.iAm.instance;
  const others = ids.filter((id) => !isOwn(id));
  if (others.length > maxObjects) record.objectsTruncated = true;
  return [...ids.filter(isOwn), ...others.slice(0, maxObjects)];
}

function objectIdOf(value: { type: number; value: unknown } | undefined): { type: number; instance: number } | undefined {
  const v = value?.value as { type?: unknown; instance?: unknown } | undefined;
  if (!v || typeof v !== 'object') return undefined;
  if (typeof v.type !== 'number' || typeof v.instance !== 'number') return undefined;
  if (!Number.isInteger(v.type) || v.type < 0 || v.type > 1023 || !Number.isInteger(v.instance) || v.instance < 0 || v.instance > 4_194_303) return undefined;
  return { type: v.type, instance: v.instance };
}

/** The first value as a string or number (strings trimmed and capped); undefined when there is none. */
export function scalar(values: Values | undefined): string | number | undefined {
  const first = values?.[0]?.value;
  if (typeof first === 'string') {
    const text = first.replace(/\0+$/, '').trim();
    return text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
  }
  if (typeof first === 'number' && Number.isFinite(first)) return first;
  if (typeof first === 'boolean') return first ? 1 : 0;
  return undefined;
}
