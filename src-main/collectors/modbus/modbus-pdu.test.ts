import { describe, expect, it } from 'vitest';
import { isModbusError } from './modbus-error.js';
import { deviceIdRequestPdu, parseBitReply, parseDeviceIdReply, parseRegisterReply, readRequestPdu, serviceOfPdu } from './modbus-pdu.js';

const reasonOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return isModbusError(error) ? `${error.reason}:${error.exceptionCode ?? ''}` : 'thrown';
  }
};

describe('Modbus PDUs', () => {
  it('names a PDU by its own bytes, so the guard judges what goes on the wire', () => {
    expect(serviceOfPdu(readRequestPdu(3, 0, 10))).toBe('read-holding-registers');
    expect(serviceOfPdu(readRequestPdu(1, 0, 10))).toBe('read-coils');
    expect(serviceOfPdu(deviceIdRequestPdu(1, 0))).toBe('read-device-identification');
    expect(serviceOfPdu(Buffer.from([43, 13, 0]))).toBe('encapsulated-interface-13');
    expect(serviceOfPdu(Buffer.from([16, 0, 0, 0, 1, 2, 0, 0]))).toBe('function-16');
    expect(serviceOfPdu(Buffer.alloc(0))).toBe('function--1');
  });

  it('checks register and bit replies against the request', () => {
    expect(parseRegisterReply(Buffer.from([3, 4, 0, 1, 0xff, 0xfe]), 3, 2)).toEqual([1, 0xfffe]);
    expect(reasonOf(() => parseRegisterReply(Buffer.from([3, 4, 0, 1]), 3, 2))).toBe('malformed:');
    expect(reasonOf(() => parseRegisterReply(Buffer.from([4, 2, 0, 1]), 3, 1))).toBe('malformed:');
    expect(reasonOf(() => parseRegisterReply(Buffer.from([0x83, 2]), 3, 1))).toBe('exception:2');
    expect(reasonOf(() => parseRegisterReply(Buffer.from([0x83, 2, 9]), 3, 1))).toBe('malformed:');
    // Bits are packed least significant first.
    expect(parseBitReply(Buffer.from([1, 2, 0b00000101, 0b1]), 1, 9)).toEqual([true, false, true, false, false, false, false, false, true]);
    expect(reasonOf(() => parseBitReply(Buffer.from([1, 1, 0]), 1, 9))).toBe('malformed:');
  });

  it('parses Read Device Identification replies and refuses objects that run past the end', () => {
    const reply = Buffer.from([43, 14, 1, 0x83, 0xff, 0x02, 2, 0, 3, 0x41, 0x42, 0x43, 1, 2, 0x58, 0x00]);
    expect(parseDeviceIdReply(reply, 1)).toEqual({ readDeviceIdCode: 1, conformityLevel: 0x83, moreFollows: true, nextObjectId: 2, objects: [{ id: 0, value: 'ABC' }, { id: 1, value: 'X' }] });
    expect(reasonOf(() => parseDeviceIdReply(Buffer.from([43, 14, 1, 0x81, 0, 0, 1, 0, 10, 0x41]), 1))).toBe('malformed:');
    expect(reasonOf(() => parseDeviceIdReply(Buffer.from([43, 14, 2, 0x81, 0, 0, 0]), 1))).toBe('malformed:');
    expect(reasonOf(() => parseDeviceIdReply(Buffer.from([43, 13, 1, 0x81, 0, 0, 0]), 1))).toBe('malformed:');
    expect(reasonOf(() => parseDeviceIdReply(Buffer.from([43, 14, 1, 0x81, 0x7f, 0, 0]), 1))).toBe('malformed:');
    expect(reasonOf(() => parseDeviceIdReply(Buffer.from([43, 14, 1, 0x81, 0, 0, 0, 9]), 1))).toBe('malformed:');
    expect(reasonOf(() => parseDeviceIdReply(Buffer.from([0xab, 1]), 1))).toBe('exception:1');
    // Control characters and NUL padding do not reach an asset field.
    expect(parseDeviceIdReply(Buffer.from([43, 14, 1, 0x81, 0, 0, 1, 0, 5, 0x41, 0x07, 0x42, 0, 0]), 1).objects[0]?.value).toBe('A B');
  });
});
