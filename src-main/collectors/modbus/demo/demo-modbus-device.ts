// What a simulated Modbus device holds: per unit id, its Read Device Identification objects and the
// register and bit blocks it answers (anything outside them is exception 2, illegal data address),
// and what a collector should find (for tests, benchmarks and the `demo` command's summary).
export interface DemoRegisterBlock {
  start: number;
  values: readonly number[];
}

export interface DemoModbusUnit {
  /** Object id → value; absent = the unit answers function 43 with exception 1 (illegal function). */
  identification?: Readonly<Record<number, string>>;
  holding: readonly DemoRegisterBlock[];
  input?: readonly DemoRegisterBlock[];
  /** Coils from address 0. */
  coils?: readonly boolean[];
  /** Discrete inputs from address 0. */
  discreteInputs?: readonly boolean[];
  expected: { vendor?: string; model?: string; firmware?: string; serial?: string; assetClass: string };
}

export interface DemoModbusDevice {
  name: string;
  /** Unit ids it answers. */
  units: Readonly<Record<number, DemoModbusUnit>>;
  /** A gateway answers other unit ids with exception 11 (target device failed to respond); a PLC ignores them. */
  gateway: boolean;
}

/** Text as registers, two characters each, big-endian, NUL-padded to `registers`. */
export function textRegisters(text: string, registers: number): number[] {
  const bytes = Buffer.alloc(registers * 2);
  bytes.write(text.slice(0, registers * 2), 'latin1');
  return Array.from({ length: registers }, (_, i) => bytes.readUInt16BE(i * 2));
}

/** A 32-bit float as two registers, low word first (as many drives send it). */
export function floatRegistersLowWordFirst(value: number): number[] {
  const b = Buffer.alloc(4);
  b.writeFloatBE(value, 0);
  return [b.readUInt16BE(2), b.readUInt16BE(0)];
}

export function uint32Registers(value: number): number[] {
  return [(value >>> 16) & 0xffff, value & 0xffff];
}

/** Looks a register up in a unit's blocks; undefined when no block holds it. */
export function registerAt(blocks: readonly DemoRegisterBlock[], address: number): number | undefined {
  for (const block of blocks) {
    const i = address - block.start;
    if (i >= 0 && i < block.values.length) return block.values[i];
  }
  return undefined;
}
