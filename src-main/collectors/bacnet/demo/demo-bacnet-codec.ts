// Hand-built datagrams for the simulated router and BBMD, from the library's own encoders and
// decoders (deep imports: the package exports only the client). The library's server side cannot
// put a source network (SNET/SADR) on a reply, which a router must, so the router encodes its own.
import * as apdu from '@bacnet-js/client/dist/lib/apdu.js';
import * as bvlc from '@bacnet-js/client/dist/lib/bvlc.js';
import * as npdu from '@bacnet-js/client/dist/lib/npdu.js';
import * as services from '@bacnet-js/client/dist/lib/services/index.js';
import type { EncodeBuffer } from '@bacnet-js/client';
import { BVLC } from '../bacnet-wire.js';
import type { DemoValue } from './demo-bacnet-objects.js';

export { apdu, npdu, services };

export interface RoutedSource {
  net: number;
  adr: number[];
}

function buffer(): EncodeBuffer {
  return { buffer: Buffer.alloc(8192), offset: 4 };
}

function finish(b: EncodeBuffer, func: number = BVLC.ORIGINAL_UNICAST_NPDU): Buffer {
  bvlc.encode(b.buffer, func, b.offset);
  return Buffer.from(b.buffer.subarray(0, b.offset));
}

export function encodeRoutedIAm(source: RoutedSource | undefined, instance: number, vendorId: number): Buffer {
  const b = buffer();
  npdu.encode(b, 0, undefined, source);
  apdu.encodeUnconfirmedServiceRequest(b, 0x10, 0);
  services.IAm.encode(b, instance, 1476, 3, vendorId);
  return finish(b);
}

export function encodeRoutedReadPropertyAck(source: RoutedSource | undefined, invokeId: number, objectId: { type: number; instance: number }, property: { id: number; index: number }, values: DemoValue[]): Buffer {
  const b = buffer();
  npdu.encode(b, 0, undefined, source);
  apdu.encodeComplexAck(b, 0x30, 12, invokeId);
  services.ReadProperty.encodeAcknowledge(b, objectId, property.id, property.index, values);
  return finish(b);
}

export function encodeRoutedReadPropertyMultipleAck(source: RoutedSource, invokeId: number, values: unknown[]): Buffer {
  const b = buffer();
  npdu.encode(b, 0, undefined, source);
  apdu.encodeComplexAck(b, 0x30, 14, invokeId);
  services.ReadPropertyMultiple.encodeAcknowledge(b, values);
  return finish(b);
}

export function encodeRoutedError(source: RoutedSource | undefined, service: number, invokeId: number, errorClass: number, errorCode: number): Buffer {
  const b = buffer();
  npdu.encode(b, 0, undefined, source);
  apdu.encodeError(b, 0x50, service, invokeId);
  services.ErrorService.encode(b, errorClass, errorCode);
  return finish(b);
}

export function encodeBvlcResult(code: number): Buffer {
  return Buffer.from([0x81, BVLC.RESULT, 0x00, 0x06, (code >> 8) & 0xff, code & 0xff]);
}

/** Wraps the NPDU of a datagram (from its offset) as a Forwarded-NPDU from `origin` ("a.b.c.d:port"). */
export function forwardedNpdu(npduBytes: Buffer, origin: string): Buffer {
  const [host = '0.0.0.0', port = '47808'] = origin.split(':');
  const header = Buffer.alloc(10);
  header[0] = 0x81;
  header[1] = BVLC.FORWARDED_NPDU;
  header.writeUInt16BE(10 + npduBytes.length, 2);
  host.split('.').forEach((octet, i) => (header[4 + i] = Number(octet)));
  header.writeUInt16BE(Number(port), 8);
  return Buffer.concat([header, npduBytes]);
}

