// Applies a register-map profile to one unit: reads each field and value through the safety guard,
// decodes it (type, word and byte order, scale) and keeps per-point errors (a register a device
// does not have is its answer, not the run's failure).
import { isModbusError } from './modbus-error.js';
import type { ModbusProfile, ModbusProfilePoint } from './modbus-profile.js';
import { decodeRegisters, registersFor } from './modbus-register-decode.js';
import type { ModbusSafetyGuard } from './modbus-safety-guard.js';

export interface ProfileValue {
  name: string;
  value: string | number | null;
  unit?: string;
  label?: string;
  error?: string;
}

export interface ProfileRead {
  id: string;
  name: string;
  example: boolean;
  /** Identity fields the profile filled (serial, firmware, ...). */
  fields: Record<string, string | number>;
  values: ProfileValue[];
  errors: string[];
}

export async function readProfile(guard: ModbusSafetyGuard, unitId: number, profile: ModbusProfile): Promise<ProfileRead> {
  const read: ProfileRead = { id: profile.id, name: profile.name, example: profile.example, fields: {}, values: [], errors: [] };
  for (const point of profile.fields) {
    const result = await readPoint(guard, unitId, point);
    if (result.error) read.errors.push(`${point.field}: ${result.error}`);
    else if (result.value !== null && result.value !== '') read.fields[point.field] = result.value;
  }
  for (const point of profile.values) {
    const result = await readPoint(guard, unitId, point);
    const value: ProfileValue = { name: point.name, value: result.value };
    if (point.unit) value.unit = point.unit;
    if (point.label) value.label = point.label;
    if (result.error) value.error = result.error;
    read.values.push(value);
  }
  return read;
}

async function readPoint(guard: ModbusSafetyGuard, unitId: number, point: ModbusProfilePoint): Promise<{ value: string | number | null; error?: string }> {
  try {
    const registers = await guard.readTable(unitId, point.table, point.address, registersFor(point.type, point.registers));
    const decoded = decodeRegisters(registers, point.type, point.wordOrder, point.byteOrder);
    if (typeof decoded === 'number') {
      if (Number.isNaN(decoded)) return { value: null, error: 'not a number' };
      return { value: point.scale === 1 ? decoded : Number((decoded * point.scale).toPrecision(10)) };
    }
    return { value: decoded };
  } catch (error) {
    if (isModbusError(error) && (error.reason === 'exception' || error.reason === 'limit')) return { value: null, error: error.detail };
    throw error;
  }
}
