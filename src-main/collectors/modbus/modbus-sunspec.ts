// SunSpec discovery: the "SunS" marker (0x5375 0x6E53) at one of the configured base addresses,
// then the model chain (id, length) until the 0xFFFF end marker, bounded; the common model (1) is
// decoded from its definition in sunspec/model-1.json. No npm library parses SunSpec, so the
// needed parts of the public model definitions ship as JSON in this folder.
import { isModbusError, isNotOffered, ModbusError } from './modbus-error.js';
import { decodeRegisters } from './modbus-register-decode.js';
import type { ModbusSafetyGuard } from './modbus-safety-guard.js';
import model1 from './sunspec/model-1.json';
import modelNames from './sunspec/model-names.json';

export const SUNSPEC_MARKER = [0x5375, 0x6e53] as const;
const END_MARKER = 0xffff;
/** Models walked at most (real devices have a handful; a longer chain is a broken or hostile map). */
const MAX_MODELS = 64;

export interface SunspecModelRef {
  id: number;
  name: string;
  /** Holding-register address of the model's ID register. */
  address: number;
  /** Length in registers, without the two header registers. */
  length: number;
}

export interface SunspecCommon {
  Mn?: string;
  Md?: string;
  Opt?: string;
  Vr?: string;
  SN?: string;
  DA?: number;
}

export interface SunspecRead {
  baseAddress: number;
  models: SunspecModelRef[];
  common?: SunspecCommon;
  /** The common model's registers as read (for drift detection). */
  commonRegisters?: number[];
  /** Why the walk stopped early, if it did. */
  truncated?: string;
}

interface ModelPoint {
  name: string;
  type: string;
  size: number;
}

const COMMON_POINTS: readonly ModelPoint[] = model1.group.points;
const MODEL_NAMES: Readonly<Record<string, string>> = modelNames.models;

export function sunspecModelName(id: number): string {
  return MODEL_NAMES[String(id)] ?? (id >= 64000 ? 'vendor model' : 'unknown model');
}

/** Looks for the marker at each base address in turn; null when none has it. */
export async function readSunspec(guard: ModbusSafetyGuard, unitId: number, baseAddresses: readonly number[]): Promise<SunspecRead | null> {
  for (const base of baseAddresses) {
    if (base > 65533) continue;
    let marker: number[];
    try {
      marker = await guard.readHoldingRegisters(unitId, base, 2);
    } catch (error) {
      if (isNotOffered(error) || (isModbusError(error) && error.reason === 'exception')) continue;
      throw error;
    }
    if (marker[0] !== SUNSPEC_MARKER[0] || marker[1] !== SUNSPEC_MARKER[1]) continue;
    return walkModels(guard, unitId, base);
  }
  return null;
}

async function walkModels(guard: ModbusSafetyGuard, unitId: number, base: number): Promise<SunspecRead> {
  const read: SunspecRead = { baseAddress: base, models: [] };
  let address = base + 2;
  for (let i = 0; i < MAX_MODELS; i++) {
    if (address > 65534) {
      read.truncated = `model chain runs past register 65535`;
      return read;
    }
    let header: number[];
    try {
      header = await guard.readHoldingRegisters(unitId, address, 2);
    } catch (error) {
      // Some devices end the map without a marker: reading past it is an illegal address.
      if (isNotOffered(error)) {
        read.truncated = `no end marker: register ${address} is not readable`;
        return read;
      }
      throw error;
    }
    const [id = END_MARKER, length = 0] = header;
    if (id === END_MARKER) return read;
    read.models.push({ id, name: sunspecModelName(id), address, length });
    if (id === 1 && !read.common) {
      if (length < 65) throw new ModbusError('malformed', `SunSpec common model at ${address} has length ${length} (at least 65 expected)`);
      const body = await guard.readHoldingRegisters(unitId, address, 2 + Math.min(length, 66));
      read.commonRegisters = body;
      read.common = decodeCommon(body);
    }
    address += 2 + length;
  }
  read.truncated = `more than ${MAX_MODELS} models`;
  return read;
}

/** Decodes the common model's registers (starting at its ID register) from the model definition. */
export function decodeCommon(registers: readonly number[]): SunspecCommon {
  const common: Record<string, string | number> = {};
  let offset = 0;
  for (const point of COMMON_POINTS) {
    const slice = registers.slice(offset, offset + point.size);
    offset += point.size;
    if (slice.length < point.size || point.name === 'ID' || point.name === 'L' || point.type === 'pad') continue;
    if (point.type === 'string') {
      const text = decodeRegisters(slice, 'string');
      if (text !== '') common[point.name] = text;
    } else if (point.type === 'uint16') {
      const value = slice[0];
      // 0xFFFF is SunSpec's "not implemented" for uint16.
      if (value !== undefined && value !== 0xffff) common[point.name] = value;
    }
  }
  return common as SunspecCommon;
}
