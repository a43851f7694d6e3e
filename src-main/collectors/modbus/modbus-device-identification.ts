// Read Device Identification (function 43 / MEI 14) of one unit: the basic category, then the
// regular and extended ones when the device's conformity level says it has them. A category may
// span several replies ("more follows" with the next object id): each follow-up is a request of its
// own through the safety guard, bounded, and must move forward. Exception 1 or 2 on the first
// request means the device does not offer identification — an answer, not an error of the run.
import { isModbusError, isNotOffered, ModbusError } from './modbus-error.js';
import type { ModbusSafetyGuard } from './modbus-safety-guard.js';

export const DEVICE_ID_OBJECT_NAMES: Readonly<Record<number, string>> = {
  0x00: 'VendorName',
  0x01: 'ProductCode',
  0x02: 'MajorMinorRevision',
  0x03: 'VendorUrl',
  0x04: 'ProductName',
  0x05: 'ModelName',
  0x06: 'UserApplicationName',
};

const CATEGORIES = [
  { code: 1, name: 'basic', firstObject: 0x00 },
  { code: 2, name: 'regular', firstObject: 0x03 },
  { code: 3, name: 'extended', firstObject: 0x80 },
] as const;

/** Replies per category at most (an extended category fits in a few; more is a looping device). */
const MAX_PAGES_PER_CATEGORY = 16;

export interface DeviceIdentification {
  /** 'unsupported' when the unit answered exception 1/2 to the first request. */
  status: 'read' | 'unsupported';
  /** Conformity level byte of the first reply (0x01–0x03, 0x81–0x83). */
  conformityLevel?: number;
  /** Objects 0x00–0x06 by their standard names. */
  objects: Record<string, string>;
  /** Objects 0x80–0xFF (vendor-specific), by hex id ("0x80"). */
  extended: Record<string, string>;
  /** Categories fully read. */
  categories: string[];
}

export async function readDeviceIdentification(guard: ModbusSafetyGuard, unitId: number): Promise<DeviceIdentification> {
  const result: DeviceIdentification = { status: 'read', objects: {}, extended: {}, categories: [] };
  for (const category of CATEGORIES) {
    const level = (result.conformityLevel ?? 0x03) & 0x7f;
    if (category.code > level) break;
    try {
      await readCategory(guard, unitId, category.code, category.firstObject, result);
      result.categories.push(category.name);
    } catch (error) {
      if (category.code === 1 && isNotOffered(error)) return { status: 'unsupported', objects: {}, extended: {}, categories: [] };
      // A device that claims a category and then refuses it: keep what the lower ones gave.
      if (category.code > 1 && isModbusError(error) && error.reason === 'exception') break;
      throw error;
    }
  }
  return result;
}

async function readCategory(guard: ModbusSafetyGuard, unitId: number, code: 1 | 2 | 3, firstObject: number, into: DeviceIdentification): Promise<void> {
  let objectId = firstObject;
  for (let page = 0; page < MAX_PAGES_PER_CATEGORY; page++) {
    const reply = await guard.readDeviceIdPage(unitId, code, objectId);
    into.conformityLevel ??= reply.conformityLevel;
    for (const { id, value } of reply.objects) {
      const name = DEVICE_ID_OBJECT_NAMES[id];
      if (name) into.objects[name] = value;
      else if (id >= 0x80) into.extended[`0x${id.toString(16)}`] = value;
    }
    if (!reply.moreFollows) return;
    if (reply.objects.length === 0 || reply.nextObjectId <= objectId) {
      throw new ModbusError('malformed', `function 43: "more follows" without progress (next object ${reply.nextObjectId} after ${objectId})`);
    }
    objectId = reply.nextObjectId;
  }
  throw new ModbusError('limit', `function 43: category ${code} still had more objects after ${MAX_PAGES_PER_CATEGORY} replies`);
}
