// Modbus application PDUs for the read and identify functions, built and checked byte by byte.
// Pure: no I/O. Replies are checked against the request they answer (function code, byte count,
// object layout); anything that does not fit is a ModbusError('malformed'), never a thrown
// RangeError from a Buffer read.
import type { ModbusTable } from '../../../src-shared/api/discovery-protocols.js';
import { ModbusError, exceptionError } from './modbus-error.js';

/** The only functions the collector sends, by the name the recorder shows. */
export const MODBUS_READ_FUNCTIONS = {
  'read-coils': 1,
  'read-discrete-inputs': 2,
  'read-holding-registers': 3,
  'read-input-registers': 4,
  'read-device-identification': 43,
} as const;
export type ModbusReadService = keyof typeof MODBUS_READ_FUNCTIONS;
export const MODBUS_READ_SERVICES = Object.keys(MODBUS_READ_FUNCTIONS) as ModbusReadService[];

export const TABLE_FUNCTION: Record<ModbusTable, 1 | 2 | 3 | 4> = { coils: 1, discrete_inputs: 2, holding_registers: 3, input_registers: 4 };

/** Protocol limits of one read (Modbus Application Protocol v1.1b3, 6.1–6.4). */
export const MAX_REGISTERS_PER_READ = 125;
export const MAX_BITS_PER_READ = 2000;
/** MEI type 14: Read Device Identification (the only encapsulated interface allowed). */
export const MEI_READ_DEVICE_ID = 0x0e;

/** The name of the service a PDU asks for, read from its own bytes (what goes on the wire). */
export function serviceOfPdu(pdu: Uint8Array): string {
  const code = pdu[0] ?? -1;
  if (code === 43) return pdu[1] === MEI_READ_DEVICE_ID ? 'read-device-identification' : `encapsulated-interface-${pdu[1] ?? '?'}`;
  const known = (Object.entries(MODBUS_READ_FUNCTIONS) as Array<[ModbusReadService, number]>).find(([, c]) => c === code);
  return known ? known[0] : `function-${code}`;
}

export function readRequestPdu(functionCode: 1 | 2 | 3 | 4, start: number, count: number): Buffer {
  const pdu = Buffer.alloc(5);
  pdu.writeUInt8(functionCode, 0);
  pdu.writeUInt16BE(start, 1);
  pdu.writeUInt16BE(count, 3);
  return pdu;
}

export function deviceIdRequestPdu(readDeviceIdCode: 1 | 2 | 3 | 4, objectId: number): Buffer {
  return Buffer.from([43, MEI_READ_DEVICE_ID, readDeviceIdCode, objectId & 0xff]);
}

/** Throws the exception reply as a ModbusError, or a malformed error if the function code is wrong. */
export function checkReplyFunction(reply: Buffer, functionCode: number): void {
  const code = reply[0];
  if (code === undefined) throw new ModbusError('malformed', `function ${functionCode}: empty reply`);
  if (code === (functionCode | 0x80)) {
    if (reply.length !== 2) throw new ModbusError('malformed', `function ${functionCode}: exception reply of ${reply.length} bytes (expected 2)`);
    throw exceptionError(functionCode, reply[1] ?? 0);
  }
  if (code !== functionCode) throw new ModbusError('malformed', `function ${functionCode}: reply carries function ${code}`);
}

export function parseRegisterReply(reply: Buffer, functionCode: 3 | 4, count: number): number[] {
  checkReplyFunction(reply, functionCode);
  const byteCount = reply[1];
  if (byteCount !== count * 2 || reply.length !== 2 + count * 2) {
    throw new ModbusError('malformed', `function ${functionCode}: asked for ${count} registers, reply holds ${byteCount ?? 0} bytes in a ${reply.length}-byte PDU`);
  }
  const values: number[] = [];
  for (let i = 0; i < count; i++) values.push(reply.readUInt16BE(2 + i * 2));
  return values;
}

export function parseBitReply(reply: Buffer, functionCode: 1 | 2, count: number): boolean[] {
  checkReplyFunction(reply, functionCode);
  const expected = Math.ceil(count / 8);
  const byteCount = reply[1];
  if (byteCount !== expected || reply.length !== 2 + expected) {
    throw new ModbusError('malformed', `function ${functionCode}: asked for ${count} bits, reply holds ${byteCount ?? 0} bytes in a ${reply.length}-byte PDU`);
  }
  const bits: boolean[] = [];
  for (let i = 0; i < count; i++) bits.push((((reply[2 + (i >> 3)] ?? 0) >> (i & 7)) & 1) === 1);
  return bits;
}

export interface DeviceIdPage {
  readDeviceIdCode: number;
  conformityLevel: number;
  moreFollows: boolean;
  nextObjectId: number;
  objects: Array<{ id: number; value: string }>;
}

/** Object values longer than this are cut (the PDU limits them to ~245 bytes anyway). */
const MAX_OBJECT_CHARS = 245;

export function parseDeviceIdReply(reply: Buffer, readDeviceIdCode: number): DeviceIdPage {
  checkReplyFunction(reply, 43);
  if (reply.length < 7) throw new ModbusError('malformed', `function 43: identification reply of ${reply.length} bytes is too short`);
  if (reply[1] !== MEI_READ_DEVICE_ID) throw new ModbusError('malformed', `function 43: reply has MEI type ${reply[1]} (expected 14)`);
  const page: DeviceIdPage = {
    readDeviceIdCode: reply[2] ?? 0,
    conformityLevel: reply[3] ?? 0,
    moreFollows: reply[4] === 0xff,
    nextObjectId: reply[5] ?? 0,
    objects: [],
  };
  if (reply[4] !== 0x00 && reply[4] !== 0xff) throw new ModbusError('malformed', `function 43: "more follows" is 0x${(reply[4] ?? 0).toString(16)} (expected 0x00 or 0xFF)`);
  if (page.readDeviceIdCode !== readDeviceIdCode) throw new ModbusError('malformed', `function 43: asked for category ${readDeviceIdCode}, reply is for ${page.readDeviceIdCode}`);
  const count = reply[6] ?? 0;
  let at = 7;
  for (let i = 0; i < count; i++) {
    const id = reply[at];
    const length = reply[at + 1];
    if (id === undefined || length === undefined || at + 2 + length > reply.length) {
      throw new ModbusError('malformed', `function 43: object ${i + 1} of ${count} runs past the end of the reply`);
    }
    page.objects.push({ id, value: cleanText(reply.subarray(at + 2, at + 2 + length)) });
    at += 2 + length;
  }
  if (at !== reply.length) throw new ModbusError('malformed', `function 43: ${reply.length - at} bytes after the last object`);
  return page;
}

/** Device strings: printable Latin-1, NULs and padding trimmed, bounded. */
export function cleanText(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) {
    if (b === 0) continue;
    text += b >= 0x20 && b !== 0x7f ? String.fromCharCode(b) : ' ';
  }
  return text.trim().slice(0, MAX_OBJECT_CHARS);
}
