// Decodes 16-bit register values into typed values: strings, 16- and 32-bit integers and
// IEEE-754 floats, with the word and byte orders devices actually use. Pure.
import { cleanText } from './modbus-pdu.js';

export const REGISTER_VALUE_TYPES = ['string', 'uint16', 'int16', 'uint32', 'int32', 'float32'] as const;
export type RegisterValueType = (typeof REGISTER_VALUE_TYPES)[number];
export type RegisterOrder = 'big' | 'little';

/** Registers a type needs (strings: as many as given). */
export function registersFor(type: RegisterValueType, stringRegisters = 1): number {
  if (type === 'string') return stringRegisters;
  return type === 'uint16' || type === 'int16' ? 1 : 2;
}

/** Registers → bytes in the device's order: `wordOrder` for which register comes first, `byteOrder` within a register. */
export function registersToBytes(values: readonly number[], wordOrder: RegisterOrder = 'big', byteOrder: RegisterOrder = 'big'): Buffer {
  const words = wordOrder === 'big' ? values : [...values].reverse();
  const bytes = Buffer.alloc(words.length * 2);
  words.forEach((w, i) => {
    if (byteOrder === 'big') bytes.writeUInt16BE(w & 0xffff, i * 2);
    else bytes.writeUInt16LE(w & 0xffff, i * 2);
  });
  return bytes;
}

export function decodeRegisters(values: readonly number[], type: RegisterValueType, wordOrder: RegisterOrder = 'big', byteOrder: RegisterOrder = 'big'): string | number {
  if (type === 'string') {
    // Strings are a byte sequence: word order does not apply, byte order does (some devices swap).
    return cleanText(registersToBytes(values, 'big', byteOrder));
  }
  const bytes = registersToBytes(values, wordOrder, byteOrder);
  switch (type) {
    case 'uint16':
      return bytes.readUInt16BE(0);
    case 'int16':
      return bytes.readInt16BE(0);
    case 'uint32':
      return bytes.readUInt32BE(0);
    case 'int32':
      return bytes.readInt32BE(0);
    case 'float32': {
      const value = bytes.readFloatBE(0);
      return Number.isFinite(value) ? Number(value.toPrecision(7)) : Number.NaN;
    }
  }
}
